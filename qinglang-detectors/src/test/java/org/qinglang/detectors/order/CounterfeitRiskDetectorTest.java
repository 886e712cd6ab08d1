package org.qinglang.detectors.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qinglang.alert.Alert;
import org.qinglang.alert.Subject;
import org.qinglang.detect.LocalRunner;

class CounterfeitRiskDetectorTest {

  /** Eight authorised listings of a brand at about 1000 yuan from four merchants. */
  /** A brand the default table does not hold (飞科): only the market can give its price. */
  private static void market(LocalRunner r) {
    long[] prices = {99900, 102000, 95000, 100000, 104900, 98000, 101000, 97000};
    for (int i = 0; i < prices.length; i++) {
      r.accept(Ev.branded("m" + i, "sku-m" + i, "飞科", "electronics", prices[i],
          "merchant-" + (i % 4), i));
    }
  }

  @Test
  void farBelowTheLearnedReferenceIsRaised() {
    LocalRunner r = LocalRunner.of(new CounterfeitRiskDetector(Map.of()));
    market(r);
    r.accept(Ev.branded("rX", "sku-x", "飞科", "electronics", 19900, "merchant-new", 30));
    List<Alert> alerts = r.finish();
    assertThat(alerts).hasSize(1);
    Alert a = alerts.get(0);
    assertThat(a.subjects()).contains(Subject.sku("sku-x"), Subject.merchant("merchant-new"));
    assertThat((double) a.evidence().get("price_to_reference")).isLessThan(0.25);
    assertThat(a.evidence().get("seller_new_to_brand")).isEqualTo(true);
  }

  @Test
  void outletPricesAreNormal() {
    LocalRunner r = LocalRunner.of(new CounterfeitRiskDetector(Map.of()));
    market(r);
    r.accept(Ev.branded("rX", "sku-x", "飞科", "electronics", 55000, "merchant-new", 30));
    r.accept(Ev.branded("rY", "sku-y", "飞科", "electronics", 42000, "merchant-1", 31));
    assertThat(r.finish()).isEmpty();
  }

  @Test
  void aBrandWithoutOnePriceLevelHasNoReference() {
    LocalRunner r = LocalRunner.of(new CounterfeitRiskDetector(Map.of()));
    long[] prices = {3000, 9000, 25000, 60000, 4500, 150000, 12000, 40000, 7000, 90000};
    for (int i = 0; i < prices.length; i++) {
      r.accept(Ev.branded("m" + i, "sku-m" + i, "小米", "electronics", prices[i], "mm-" + i, i));
    }
    r.accept(Ev.branded("rX", "sku-x", "小米", "electronics", 990, "merchant-new", 30));
    assertThat(r.finish()).isEmpty();
  }

  /**
   * Most of a brand's listings sit within 20% of about 65 yuan, as a chance cluster of a
   * wide-priced brand does (the simulator's 珀莱雅 on subtle seed 17): the MAD test alone trusts
   * that median. One item at 99.90 yuan, about 1.6 times the median once the suspects are in,
   * shows a dearer line: no reference, no alert on the 10.90 and 28.90 listings. Without that
   * item the same prices are one line and both are raised.
   */
  @Test
  void aListingFarAboveTheMedianShowsTheBrandHasNoSingleLine() {
    for (boolean dearLine : new boolean[] {true, false}) {
      LocalRunner r = LocalRunner.of(new CounterfeitRiskDetector(Map.of()));
      long[] prices = {6490, 6190, 5590, 5090, dearLine ? 9990 : 6690, 7690, 7190, 6890};
      for (int i = 0; i < prices.length; i++) {
        r.accept(Ev.branded("m" + i, "sku-m" + i, "珀莱雅", "cosmetics", prices[i], "pm-" + i, i));
      }
      r.accept(Ev.branded("rX", "sku-x", "珀莱雅", "cosmetics", 1090, "merchant-new", 20));
      r.accept(Ev.branded("rY", "sku-y", "珀莱雅", "cosmetics", 2890, "merchant-new2", 21));
      List<Alert> alerts = r.finish();
      // 28.90 is 44% of the one line's price: outlet level, quiet; 10.90 (17%) is not.
      assertThat(alerts).as("dear line " + dearLine).hasSize(dearLine ? 0 : 1);
    }
  }

  @Test
  void aListingSeenBeforeTheReferenceFormsIsRaisedWhenItDoes() {
    LocalRunner r = LocalRunner.of(new CounterfeitRiskDetector(Map.of()));
    r.accept(Ev.branded("rX", "sku-x", "飞科", "electronics", 19900, "merchant-new", 0));
    market(r);
    List<Alert> alerts = r.finish();
    assertThat(alerts).hasSize(1);
    // the suspect counts among the eight items a reference needs: the 7th authorised listing
    assertThat(alerts.get(0).ts()).isEqualTo(Ev.at(6));
  }

  /**
   * A seller's flash sale of an item it sold as genuine yesterday, its own price struck
   * through, is the same goods at a deep discount; the same price on a new listing that strikes
   * through the brand's price (never charged) is a fake's.
   */
  @Test
  void aDeepSaleStrikingTheListingsOwnGenuinePriceIsNotAFake() {
    LocalRunner r = LocalRunner.of(new CounterfeitRiskDetector(Map.of()));
    market(r);
    r.accept(new org.qinglang.event.Product(Ev.at(40), Ev.P, "rS", "sku-s", "飞科 吹风机", 99000,
        null, "飞科", "electronics", null, "merchant-2"));
    r.accept(new org.qinglang.event.Product(Ev.at(60 * 24), Ev.P, "rT", "sku-s", "飞科 吹风机",
        29900, 99000L, "飞科", "electronics", null, "merchant-2"));
    assertThat(r.finish()).isEmpty();
    LocalRunner fake = LocalRunner.of(new CounterfeitRiskDetector(Map.of()));
    market(fake);
    fake.accept(new org.qinglang.event.Product(Ev.at(60 * 24), Ev.P, "rT", "sku-f", "飞科 吹风机",
        29900, 99000L, "飞科", "electronics", null, "merchant-2"));
    assertThat(fake.finish()).extracting(Alert::kind).containsExactly("counterfeit_risk");
    // Its own earlier price by another seller is no record of this seller's goods.
    LocalRunner other = LocalRunner.of(new CounterfeitRiskDetector(Map.of()));
    market(other);
    other.accept(new org.qinglang.event.Product(Ev.at(40), Ev.P, "rS", "sku-s", "飞科 吹风机",
        99000, null, "飞科", "electronics", null, "merchant-2"));
    other.accept(new org.qinglang.event.Product(Ev.at(60 * 24), Ev.P, "rT", "sku-s",
        "飞科 吹风机", 29900, 99000L, "飞科", "electronics", null, "merchant-9"));
    assertThat(other.finish()).hasSize(1);
  }

  @Test
  void theDefaultTableFindsABrandsOnlyListingAndSparesOutletsAndGreyImports() {
    LocalRunner r = LocalRunner.of(new CounterfeitRiskDetector(Map.of()));
    // LV Neverfull lists at 14,500 yuan: 2,770 is 19%; 6,400 (44%, a grey import) is not.
    r.accept(new org.qinglang.event.Product(Ev.at(1), Ev.P, "rX", "sku-x", "LV Neverfull老花手袋",
        277000, 1450000L, "LV", "luxury", null, "m-x"));
    r.accept(new org.qinglang.event.Product(Ev.at(2), Ev.P, "rY", "sku-y",
        "LV Neverfull老花手袋 海外代购", 640000, 1450000L, "LV", "luxury", null, "m-y"));
    // Cheaper lines of the brand are measured against its entry price, not the bag's.
    r.accept(new org.qinglang.event.Product(Ev.at(3), Ev.P, "rZ", "sku-z", "LV 卡包", 290000,
        null, "LV", "luxury", null, "m-z"));
    List<Alert> alerts = r.finish();
    assertThat(alerts).hasSize(1);
    CounterfeitRiskDetector.Evidence ev = alerts.get(0).evidenceAs(
        CounterfeitRiskDetector.Evidence.class);
    assertThat(ev.referencePrice()).isEqualTo(1450000L);
    assertThat(ev.claimedOriginalPrice()).isEqualTo(1450000L);
    assertThat(ev.reference().get("source")).asString().contains("louisvuitton");
  }

  @Test
  void aUserTableGivesAReferenceWithoutAMarket(@TempDir Path dir) throws Exception {
    Path table = dir.resolve("brands.csv");
    Files.writeString(table, "brand,category,reference_fen,source\n# official prices\n"
        + "LV,luxury,1450000,louisvuitton.cn 2026-11\n");
    LocalRunner r = LocalRunner.of(new CounterfeitRiskDetector(
        CounterfeitRiskDetector.readTable(table)));
    r.accept(Ev.branded("rX", "sku-x", "lv", "luxury", 39900, "merchant-new", 0));
    r.accept(Ev.branded("rY", "sku-y", "LV", "luxury", 1300000, "merchant-b", 1));
    List<Alert> alerts = r.finish();
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).evidence().get("reference").toString())
        .contains("louisvuitton.cn 2026-11");
  }

  @Test
  void aMalformedTableLineNamesFileAndLine(@TempDir Path dir) throws Exception {
    Path table = dir.resolve("brands.csv");
    Files.writeString(table, "LV,luxury,1450000\nGucci,luxury,cheap\n");
    assertThatThrownBy(() -> CounterfeitRiskDetector.readTable(table))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("brands.csv:2");
  }
}
