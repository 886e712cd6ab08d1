package org.qinglang.detectors.claim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qinglang.alert.Alert;
import org.qinglang.alert.Severity;
import org.qinglang.alert.Subject;
import org.qinglang.detect.LocalRunner;
import org.qinglang.event.Order;
import org.qinglang.event.OrderCancel;
import org.qinglang.event.Product;
import org.qinglang.event.RoomStart;
import org.qinglang.event.Speech;

/** {@code false_claim}'s stock counts, held against the orders that follow them. */
class StockClaimDetectorTest {
  private static final long T0 = 1_790_000_000_000L;
  private static final String ROOM = "r1";

  private final LocalRunner run = LocalRunner.of(new FalseClaimDetector());

  StockClaimDetectorTest() {
    run.accept(new RoomStart(T0, "douyin", ROOM, "anchor-1", "源头好货直播间", null, null, null,
        "studio"));
  }

  private void list(long at, String sku, String title) {
    run.accept(new Product(T0 + at, "douyin", ROOM, sku, title, 5900, null, null, "food", null,
        null));
  }

  private void say(long at, String text) {
    run.accept(new Speech(T0 + at, "douyin", ROOM, text, null));
  }

  /** {@code n} orders of one unit each, one a second from {@code at}, ids {@code prefix-1..n}. */
  private void orders(long at, String sku, String prefix, int n) {
    for (int i = 1; i <= n; i++) {
      run.accept(new Order(T0 + at + i * 1_000L, "douyin", ROOM, "u-" + prefix + i, prefix + "-" + i,
          sku, 1, 5900, null, null, null, null));
    }
  }

  private List<Alert> scarcity() {
    return run.finish().stream()
        .filter(a -> "false_scarcity".equals(a.evidence().get("family"))).toList();
  }

  private static FalseClaimDetector.Evidence evidence(Alert a) {
    return a.evidenceAs(FalseClaimDetector.Evidence.class);
  }

  @Test
  void aCountTheOrdersRunFarPastIsRaisedWithTheSentenceTheCountAndTheOrders() {
    list(1_000, "sku-nut", "坚果礼盒");
    orders(2_000, "sku-nut", "before", 10); // sold before the sentence: not against it
    say(60_000, "坚果礼盒只剩最后五十件了，抢完就没了");
    orders(70_000, "sku-nut", "o", 80);

    List<Alert> alerts = scarcity();
    assertThat(alerts).hasSize(1);
    Alert a = alerts.get(0);
    assertThat(a.kind()).isEqualTo("false_claim");
    assertThat(a.rule()).isEqualTo(StockWatch.RULE);
    assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(a.basis()).contains("第二十八条");
    assertThat(a.subjects()).contains(Subject.room(ROOM), Subject.anchor("anchor-1"),
        Subject.sku("sku-nut"));
    StockWatch.Evidence stock = evidence(a).stock();
    assertThat(stock.contradicted()).hasSize(1);
    StockWatch.Count c = stock.contradicted().get(0);
    assertThat(c.text()).isEqualTo("坚果礼盒只剩最后五十件了，抢完就没了");
    assertThat(c.event()).containsEntry("type", "speech").containsEntry("ts", T0 + 60_000);
    assertThat(c.claimed()).isEqualTo(50);
    assertThat(c.sku()).isEqualTo("sku-nut");
    assertThat(c.skuFrom()).isEqualTo("title named");
    assertThat(c.threshold()).isEqualTo(60); // 50 + max(5, 20% of 50)
    // The alert is written at the order that crossed the threshold; later orders update it
    // only when the oversell doubles (one alert per room and family).
    assertThat(c.unitsOrderedAfter()).isEqualTo(61);
    assertThat(c.peakOutstanding()).isEqualTo(61);
    assertThat(c.ordersPastCount()).containsExactly("o-51", "o-52", "o-53", "o-54", "o-55");
    assertThat(c.status()).isEqualTo("contradicted");
    assertThat(stock.wouldDecideUndecided()).contains("stock record");
  }

  @Test
  void theMarginTakesTenUnitsOverFiftyAndNotEleven() {
    list(1_000, "sku-nut", "坚果礼盒");
    say(60_000, "只剩最后五十件了");
    orders(70_000, "sku-nut", "o", 60);
    assertThat(scarcity()).isEmpty();
    orders(200_000, "sku-nut", "late", 1);
    assertThat(scarcity()).hasSize(1);
  }

  @Test
  void anHonestCountThatSellsOutAtOrUnderItStaysQuiet() {
    list(1_000, "sku-nut", "坚果礼盒");
    say(60_000, "库存 还有 二 十 件，喜欢的抓紧");
    orders(70_000, "sku-nut", "o", 20);
    say(200_000, "限量500单，拍完恢复日常价");
    orders(210_000, "sku-nut", "cap", 480);
    assertThat(scarcity()).isEmpty();
  }

  @Test
  void aRestockSaidInTheRoomRaisesWhatMaySell() {
    list(1_000, "sku-nut", "坚果礼盒");
    say(60_000, "只剩最后五十件了");
    orders(70_000, "sku-nut", "o", 50);
    say(200_000, "后台又补了两百件，刚才没抢到的可以拍了");
    orders(210_000, "sku-nut", "again", 200);
    assertThat(scarcity()).isEmpty();
  }

  @Test
  void withoutTheRestockTheSameOrdersContradictTheCount() {
    list(1_000, "sku-nut", "坚果礼盒");
    say(60_000, "只剩最后五十件了");
    orders(70_000, "sku-nut", "o", 50);
    orders(210_000, "sku-nut", "again", 200);
    List<Alert> alerts = scarcity();
    assertThat(alerts).hasSize(1);
    // 250 units against 50 + 10: more than twice what the count allows
    assertThat(alerts.get(0).severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void aRestockLaterThanTheOversellDoesNotClearIt() {
    list(1_000, "sku-nut", "坚果礼盒");
    say(60_000, "只剩最后五十件了");
    orders(70_000, "sku-nut", "o", 100);
    say(300_000, "又补了两百件");
    List<Alert> alerts = scarcity();
    assertThat(alerts).hasSize(1);
    assertThat(evidence(alerts.get(0)).stock().contradicted()).hasSize(1);
  }

  @Test
  void aCountRestatedBeforeTheEarlierSoldOutKeepsTheEarlierOpen() {
    list(1_000, "sku-nut", "坚果礼盒");
    say(60_000, "只剩最后五十件了");
    orders(70_000, "sku-nut", "a", 30);
    say(200_000, "还是只剩最后五十件，抓紧"); // thirty sold, fifty again
    orders(210_000, "sku-nut", "b", 35);
    List<Alert> alerts = scarcity();
    assertThat(alerts).hasSize(1);
    StockWatch.Count c = evidence(alerts.get(0)).stock().contradicted().get(0);
    assertThat(c.event()).containsEntry("ts", T0 + 60_000);
    assertThat(c.peakOutstanding()).isEqualTo(61);
  }

  @Test
  void aCountRestatedEachTimeItSellsOutIsStillHeldFromTheFirstTime() {
    list(1_000, "sku-nut", "坚果礼盒");
    say(60_000, "坚果礼盒只剩最后五十件了");
    orders(70_000, "sku-nut", "a", 48);
    say(200_000, "最后五十件，真的最后了");
    orders(210_000, "sku-nut", "b", 48);
    say(300_000, "家人们只剩五十单了");
    assertThat(scarcity()).singleElement().satisfies(a -> assertThat(
        evidence(a).stock().contradicted().get(0).event()).containsEntry("ts", T0 + 60_000));
  }

  @Test
  void aTitleListedUnderTwoSkusIsContradictedOnlyWhenEachSoldPastTheCount() {
    list(1_000, "sku-big", "螺蛳粉5袋");
    list(2_000, "sku-small", "螺蛳粉5袋");
    say(60_000, "螺蛳粉5袋只剩四十件了");
    orders(70_000, "sku-big", "big", 100);
    orders(70_500, "sku-small", "small", 35);
    assertThat(scarcity()).isEmpty(); // the count may have been about the small pack

    orders(400_000, "sku-small", "more", 20);
    List<Alert> alerts = scarcity();
    assertThat(alerts).hasSize(1);
    assertThat(evidence(alerts.get(0)).stock().contradicted())
        .extracting(StockWatch.Count::sku).containsExactlyInAnyOrder("sku-big", "sku-small");
    assertThat(evidence(alerts.get(0)).stock().contradicted().get(0).skuFrom())
        .isEqualTo("title named, one of 2 listings under it");
  }

  @Test
  void aRestockOfUnsaidSizeLeavesTheCountUndecided() {
    list(1_000, "sku-nut", "坚果礼盒");
    say(60_000, "只剩最后五十件了");
    orders(70_000, "sku-nut", "o", 40);
    say(150_000, "家人们补货了，刚才没抢到的再拍");
    orders(160_000, "sku-nut", "again", 150);
    assertThat(scarcity()).isEmpty();
  }

  @Test
  void aCountAboutAnotherSkuIsHeldAgainstThatSkusOrders() {
    list(1_000, "sku-nut", "坚果礼盒");
    list(2_000, "sku-rice", "五常大米10斤"); // the latest listing
    say(60_000, "坚果礼盒只剩三十件了，大米库存多");
    orders(70_000, "sku-rice", "rice", 200);
    orders(70_500, "sku-nut", "nut", 28);
    assertThat(scarcity()).isEmpty();
  }

  @Test
  void anUnnamedCountConcernsTheLatestListing() {
    list(1_000, "sku-nut", "坚果礼盒");
    list(2_000, "sku-rice", "五常大米10斤");
    say(60_000, "只剩最后三十件了");
    orders(70_000, "sku-nut", "nut", 100);
    assertThat(scarcity()).isEmpty();
    orders(200_000, "sku-rice", "rice", 100);
    List<Alert> alerts = scarcity();
    assertThat(alerts).hasSize(1);
    StockWatch.Count c = evidence(alerts.get(0)).stock().contradicted().get(0);
    assertThat(c.sku()).isEqualTo("sku-rice");
    assertThat(c.skuFrom()).isEqualTo("latest listing");
  }

  @Test
  void unitsCancelledBeforeLaterOrdersMaySellAgainButCancelsAfterThePeakClearNothing() {
    list(1_000, "sku-nut", "坚果礼盒");
    say(60_000, "只剩最后五十件了");
    orders(70_000, "sku-nut", "o", 50);
    for (int i = 1; i <= 20; i++) {
      run.accept(new OrderCancel(T0 + 130_000 + i, "douyin", "o-" + i, ROOM, null));
    }
    orders(200_000, "sku-nut", "resold", 20); // the 20 cancelled units sold again
    assertThat(scarcity()).isEmpty();

    orders(300_000, "sku-nut", "over", 40); // now 90 outstanding at once
    for (int i = 1; i <= 40; i++) { // cancelled after the show
      run.accept(new OrderCancel(T0 + 3_600_000 + i, "douyin", "over-" + i, ROOM, null));
    }
    List<Alert> alerts = scarcity();
    assertThat(alerts).hasSize(1);
    StockWatch.Count c = evidence(alerts.get(0)).stock().contradicted().get(0);
    assertThat(c.unitsCancelled()).isEqualTo(20);
    assertThat(c.peakOutstanding()).isEqualTo(61); // 50 + 11 of the 40: the crossing order
    assertThat(alerts.get(0).ts()).isEqualTo(T0 + 300_000 + 11_000);
  }

  @Test
  void aCountOfOneColourIsNotHeldAgainstTheSkusOrders() {
    list(1_000, "sku-top", "加绒卫衣");
    say(60_000, "这个颜色只剩十几件了，喜欢的可以看一下");
    orders(70_000, "sku-top", "o", 120);
    assertThat(scarcity()).isEmpty();
  }

  @Test
  void aCountAloneRaisesNothingAndIsListedUndecidedWhenTheFamilyHasAnAlert() {
    list(1_000, "sku-nut", "坚果礼盒");
    say(60_000, "只剩最后五十件了");
    orders(70_000, "sku-nut", "o", 30);
    assertThat(scarcity()).isEmpty();

    say(300_000, "这款坚果礼盒卖完就绝版了"); // a non-count claim, judged by the pack as before
    List<Alert> alerts = scarcity();
    assertThat(alerts).hasSize(1);
    FalseClaimDetector.Evidence ev = evidence(alerts.get(0));
    assertThat(ev.rules()).containsExactly("QL-CLM-121");
    assertThat(ev.stock().contradicted()).isEmpty();
    assertThat(ev.stock().undecided()).singleElement()
        .satisfies(c -> {
          assertThat(c.claimed()).isEqualTo(50);
          assertThat(c.unitsOrderedAfter()).isEqualTo(30);
          assertThat(c.status()).startsWith("undecided");
        });
    assertThat(ev.stock().wouldDecideUndecided()).contains("stock record");
  }

  @Test
  void oneAlertPerRoomAndFamilyUpdatedAsTheOversellGrows() {
    list(1_000, "sku-nut", "坚果礼盒");
    say(50_000, "这款坚果礼盒卖完就绝版了");
    say(60_000, "只剩最后五十件了");
    orders(70_000, "sku-nut", "o", 70);
    orders(400_000, "sku-nut", "more", 100);
    List<Alert> alerts = scarcity();
    assertThat(alerts).hasSize(1);
    FalseClaimDetector.Evidence ev = evidence(alerts.get(0));
    assertThat(ev.rules()).containsExactly("QL-CLM-121", StockWatch.RULE);
    // raised at 61 units, updated when the oversell doubled (122), not on every order
    assertThat(ev.stock().contradicted().get(0).peakOutstanding()).isEqualTo(122);
  }
}
