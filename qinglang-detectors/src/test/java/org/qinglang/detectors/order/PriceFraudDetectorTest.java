package org.qinglang.detectors.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qinglang.alert.Alert;
import org.qinglang.alert.Subject;
import org.qinglang.detect.LocalRunner;

class PriceFraudDetectorTest {

  @Test
  void anOriginalPriceAboveEveryRealPriceIsFictitious() {
    LocalRunner r = LocalRunner.of(new PriceFraudDetector());
    r.accept(Ev.product("rA", "sku-1", "羽绒服", 19900, null, null, 0));
    r.accept(Ev.honest("rA", "u1", "o1", "sku-1", 19900, 5, "36.0.0.1"));
    r.accept(Ev.end("rA", 60));
    r.accept(Ev.product("rB", "sku-1", "羽绒服", 19900, 59900L, null, 1500));
    List<Alert> alerts = r.finish();
    assertThat(alerts).hasSize(1);
    Alert a = alerts.get(0);
    assertThat(a.room()).isEqualTo("rB");
    assertThat(a.subjects()).contains(Subject.sku("sku-1"));
    PriceFraudDetector.Evidence ev = a.evidenceAs(PriceFraudDetector.Evidence.class);
    assertThat(ev.finding()).isEqualTo("fictitious_original_price");
    assertThat(ev.priceHistory().highest()).isEqualTo(19900L);
    assertThat(ev.priceHistory().orders()).isEqualTo(1);
    assertThat(ev.legalTest().exceeds()).isTrue();
    // the contract's JSON keeps the names reviewers and the console read
    assertThat(a.evidence()).containsKeys("price_history", "legal_test", "list_to_price");
    assertThat(a.basis()).contains("明码标价和禁止价格欺诈规定");
  }

  @Test
  void aDeepDiscountOffARealPriceIsHonest() {
    LocalRunner r = LocalRunner.of(new PriceFraudDetector());
    r.accept(Ev.product("rA", "sku-1", "羽绒服", 39900, null, null, 0));
    r.accept(Ev.product("rA", "sku-1", "羽绒服", 19900, 39900L, null, 20));
    r.accept(Ev.speech("rA", "原价399元的羽绒服，今天只要199元", 20.5));
    assertThat(r.finish()).isEmpty();
  }

  @Test
  void withoutASalesRecordNoDiscountIsAFindingHoweverDeepOrAnnounced() {
    for (boolean cue : new boolean[] {false, true}) {
      LocalRunner r = LocalRunner.of(new PriceFraudDetector());
      r.accept(Ev.product("rA", "sku-1", "面霜", 10000, 39000L, null, 1));
      if (cue) {
        r.accept(Ev.speech("rA", "原价390元，今天直播间只要100元！", 2));
      }
      assertThat(r.finish()).as("cue=" + cue).isEmpty();
    }
  }

  @Test
  void aPromotionThatPausesAndReturnsIsJudgedOnTheRecordFromBeforeItBegan() {
    LocalRunner r = LocalRunner.of(new PriceFraudDetector());
    // first seen struck through (no record before it), sold during it, a flash sale off the
    // real promotion price, then the same strike again: its own sales are no earlier record
    r.accept(Ev.product("rA", "sku-1", "真皮钱包", 3260, 6190L, null, 0));
    r.accept(Ev.honest("rA", "u1", "o1", "sku-1", 3260, 9, "36.0.0.1"));
    r.accept(Ev.product("rA", "sku-1", "真皮钱包", 1630, 3260L, null, 25));
    r.accept(Ev.product("rA", "sku-1", "真皮钱包", 3260, 6190L, null, 30));
    assertThat(r.finish()).isEmpty();
    // the same strike with a sale on record before it began is judged, and fictitious
    LocalRunner r2 = LocalRunner.of(new PriceFraudDetector());
    r2.accept(Ev.product("rA", "sku-1", "真皮钱包", 3260, null, null, 0));
    r2.accept(Ev.honest("rA", "u1", "o1", "sku-1", 3260, 9, "36.0.0.1"));
    r2.accept(Ev.product("rA", "sku-1", "真皮钱包", 3260, 6190L, null, 30));
    assertThat(r2.finish()).extracting(Alert::kind).containsExactly("price_fraud");
  }

  @Test
  void aListingSeenEarlierWithoutAnyOrderIsNoSalesRecord() {
    LocalRunner r = LocalRunner.of(new PriceFraudDetector());
    r.accept(Ev.product("rA", "sku-1", "面霜", 10000, null, null, 0));
    r.accept(Ev.end("rA", 60));
    r.accept(Ev.product("rB", "sku-1", "面霜", 10000, 39000L, null, 1500));
    assertThat(r.finish()).isEmpty();
    LocalRunner sold = LocalRunner.of(new PriceFraudDetector());
    sold.accept(Ev.product("rA", "sku-1", "面霜", 10000, null, null, 0));
    sold.accept(Ev.honest("rA", "u1", "o1", "sku-1", 10000, 5, "36.0.0.1"));
    sold.accept(Ev.end("rA", 60));
    sold.accept(Ev.product("rB", "sku-1", "面霜", 10000, 39000L, null, 1500));
    assertThat(sold.finish()).hasSize(1);
  }

  @Test
  void aPriceSaidBelowTheListingsPriceIsFoundWithoutHistory() {
    LocalRunner r = LocalRunner.of(new PriceFraudDetector());
    r.accept(Ev.product("rA", "sku-1", "面霜", 12990, null, null, 1));
    r.accept(Ev.product("rA", "sku-2", "坚果礼盒", 6990, null, null, 1));
    r.accept(Ev.speech("rA", "原价199元的坚果礼盒，今天直播间只要69元！", 2));
    r.accept(Ev.speech("rA", "原价259元的面霜，今天直播间只要79元！", 3));
    List<Alert> alerts = r.finish();
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).subjects()).contains(Subject.sku("sku-1"));
    PriceFraudDetector.Evidence ev = alerts.get(0).evidenceAs(PriceFraudDetector.Evidence.class);
    assertThat(ev.finding()).isEqualTo("spoken_price_below_listing");
    assertThat(ev.spokenPrice()).isEqualTo(7900L);
  }

  /**
   * Anchors announce the next item before its link goes up: while only the storage boxes are
   * listed, "原价14元的真皮钱包，今天只要9元" is about the wallet, not a price promised for the boxes.
   * Named once listed, the same contradiction is found.
   */
  @Test
  void aPriceSaidOfAnItemNotYetListedIsNotHeldAgainstTheRoomsOnlyListing() {
    LocalRunner r = LocalRunner.of(new PriceFraudDetector());
    r.accept(Ev.product("rA", "sku-1", "收纳箱三件套", 7190, null, null, 1));
    r.accept(Ev.speech("rA", "原价14元的真皮钱包，今天直播间只要9元", 2));
    assertThat(r.finish()).isEmpty();
    LocalRunner named = LocalRunner.of(new PriceFraudDetector());
    named.accept(Ev.product("rA", "sku-1", "收纳箱三件套", 7190, null, null, 1));
    named.accept(Ev.speech("rA", "原价99元的收纳箱三件套，今天直播间只要9元", 2));
    assertThat(named.finish()).extracting(Alert::kind).containsExactly("price_fraud");
  }

  @Test
  void aLowestPriceClaimAfterARaiseIsFalse() {
    LocalRunner r = LocalRunner.of(new PriceFraudDetector());
    r.accept(Ev.product("rA", "sku-1", "坚果礼盒", 5900, null, null, 0));
    r.accept(Ev.product("rA", "sku-2", "牛肉干", 3900, null, null, 0));
    r.accept(Ev.speech("rA", "这款坚果礼盒，全网最低价，59元", 5));
    r.accept(Ev.product("rA", "sku-1", "坚果礼盒", 7900, null, null, 20));
    r.accept(Ev.speech("rA", "这款坚果礼盒，全网最低价，今天79元", 21));
    List<Alert> alerts = r.finish();
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).evidence().get("lowest_actual_price_7d")).isEqualTo(5900L);
    PriceFraudDetector.Evidence ev = alerts.get(0).evidenceAs(PriceFraudDetector.Evidence.class);
    assertThat(ev.lowestActualPrice7d()).isEqualTo(5900L);
    assertThat(ev.finding()).isEqualTo("false_lowest_price_claim");
  }

  /**
   * One listing raised, claimed lowest and then said aloud at its old price is one finding for
   * a moderator: one alert, updated, naming both contradictions.
   */
  @Test
  void twoFindingsOnOneListingAreOneAlert() {
    LocalRunner r = LocalRunner.of(new PriceFraudDetector());
    r.accept(Ev.product("rA", "sku-1", "坚果礼盒", 5900, null, null, 0));
    r.accept(Ev.product("rA", "sku-2", "牛肉干", 3900, null, null, 0));
    r.accept(Ev.product("rA", "sku-1", "坚果礼盒", 7900, null, null, 20));
    r.accept(Ev.speech("rA", "这款坚果礼盒，全网最低价，今天79元", 21));
    r.accept(Ev.speech("rA", "原价99元的坚果礼盒，今天直播间只要59元", 25));
    List<Alert> alerts = r.finish();
    assertThat(alerts).hasSize(1);
    assertThat(r.emitted()).isEqualTo(2);
    PriceFraudDetector.Evidence ev = alerts.get(0).evidenceAs(PriceFraudDetector.Evidence.class);
    assertThat(ev.finding()).isEqualTo("spoken_price_below_listing");
    assertThat(ev.alsoFound()).extracting(PriceFraudDetector.Evidence::finding)
        .containsExactly("false_lowest_price_claim");
    assertThat(alerts.get(0).summary()).contains("全网最低").contains("59.00");
  }

  /**
   * The listing went back to its old price a minute after the raise (a stale refresh), but the
   * anchor says the raised price aloud with 全网最低价: the offer told to viewers is what the
   * claim is about.
   */
  @Test
  void aLowestPriceClaimIsJudgedAtThePriceSaidAloudWhenThatIsHigher() {
    LocalRunner r = LocalRunner.of(new PriceFraudDetector());
    r.accept(Ev.product("rA", "sku-1", "真皮钱包", 19790, null, 1750L, 0));
    r.accept(Ev.product("rA", "sku-2", "羽绒服", 15990, null, 112L, 0));
    r.accept(Ev.product("rA", "sku-1", "真皮钱包", 23980, null, null, 22));
    r.accept(Ev.product("rA", "sku-1", "真皮钱包", 19790, null, 1817L, 23));
    r.accept(Ev.speech("rA", "这款真皮钱包，全网最低价，今天239元，错过就没有了", 23.3));
    List<Alert> alerts = r.finish();
    assertThat(alerts).hasSize(1);
    Alert a = alerts.get(0);
    assertThat(a.subjects()).contains(Subject.sku("sku-1"));
    PriceFraudDetector.Evidence ev = a.evidenceAs(PriceFraudDetector.Evidence.class);
    assertThat(ev.spokenPrice()).isEqualTo(23900L);
    assertThat(ev.claimedPrice()).isEqualTo(23900L);
    assertThat(ev.lowestActualPrice7d()).isEqualTo(19790L);
  }

  @Test
  void aLowestPriceClaimAtTheRealLowestPriceIsQuietWhateverElseTheSentenceNames() {
    for (String said : new String[] {"这款真皮钱包，全网最低价，今天197元",
        "真皮钱包原价399元，今天全网最低价197元", "真皮钱包全网最低价，满300元减50元", "真皮钱包全网最低价"}) {
      LocalRunner r = LocalRunner.of(new PriceFraudDetector());
      r.accept(Ev.product("rA", "sku-1", "真皮钱包", 19790, null, null, 0));
      r.accept(Ev.product("rA", "sku-2", "羽绒服", 15990, null, null, 0));
      r.accept(Ev.speech("rA", said, 10));
      assertThat(r.finish()).as(said).isEmpty();
    }
  }

  @Test
  void theSmallestAmountSaidIsTheSpokenPrice() {
    assertThat(PriceFraudDetector.spokenPrice("原价399元，今天只要199.9元")).isEqualTo(19990L);
    assertThat(PriceFraudDetector.spokenPrice("今天79块")).isEqualTo(7900L);
    assertThat(PriceFraudDetector.spokenPrice("全网最低价")).isNull();
  }
}
