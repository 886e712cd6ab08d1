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
  private static void market(LocalRunner r) {
    long[] prices = {99900, 102000, 95000, 100000, 104900, 98000, 101000, 97000};
    for (int i = 0; i < prices.length; i++) {
      r.accept(Ev.branded("m" + i, "sku-m" + i, "Dyson", "electronics", prices[i],
          "merchant-" + (i % 4), i));
    }
  }

  @Test
  void farBelowTheLearnedReferenceIsRaised() {
    LocalRunner r = LocalRunner.of(new CounterfeitRiskDetector(Map.of()));
    market(r);
    r.accept(Ev.branded("rX", "sku-x", "Dyson", "electronics", 19900, "merchant-new", 30));
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
    r.accept(Ev.branded("rX", "sku-x", "Dyson", "electronics", 55000, "merchant-new", 30));
    r.accept(Ev.branded("rY", "sku-y", "Dyson", "electronics", 42000, "merchant-1", 31));
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

  @Test
  void aListingSeenBeforeTheReferenceFormsIsRaisedWhenItDoes() {
    LocalRunner r = LocalRunner.of(new CounterfeitRiskDetector(Map.of()));
    r.accept(Ev.branded("rX", "sku-x", "Dyson", "electronics", 19900, "merchant-new", 0));
    market(r);
    List<Alert> alerts = r.finish();
    assertThat(alerts).hasSize(1);
    // the suspect counts among the eight items a reference needs: the 7th authorised listing
    assertThat(alerts.get(0).ts()).isEqualTo(Ev.at(6));
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
