package org.qinglang.detectors.comment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qinglang.alert.Alert;
import org.qinglang.alert.Subject;
import org.qinglang.detect.LocalRunner;
import org.qinglang.event.Comment;
import org.qinglang.event.Order;
import org.qinglang.event.Product;
import org.qinglang.event.RoomStart;

class FakeTestimonialDetectorTest {
  static final long DAY = 86_400_000L;
  static final long T = 1_763_636_400_000L;

  private static RoomStart room(String room, long ts, String anchor, String merchant) {
    return new RoomStart(ts, "douyin", room, anchor, "show", merchant, null, null, "studio");
  }

  private static Comment say(String room, long ts, String user, String text) {
    return new Comment(ts, "douyin", room, user, text, null, null);
  }

  private static Order buy(String room, long ts, String user, String sku) {
    return new Order(ts, "douyin", room, user, "o-" + user + ts, sku, 1, 990, null, null, null, null);
  }

  @Test
  void testimonialWithoutAnyOrderOfTheSellerIsFlagged() {
    LocalRunner r = LocalRunner.of(new FakeTestimonialDetector());
    r.accept(room("r-1", T, "anchor-a", "m-a"));
    r.accept(room("r-0", T - DAY, "anchor-b", "m-b"));
    r.accept(buy("r-0", T - DAY + 1000, "u-1", "sku-b")); // bought, but from someone else
    r.accept(say("r-1", T + 60_000, "u-1", "第3盒了，已经瘦了3.2斤"));
    r.accept(say("r-1", T + 90_000, "u-2", "主播好"));
    r.accept(say("r-1", T + 95_000, "u-3", "效果挺好的"));
    List<Alert> alerts = r.finish();
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).subjects()).contains(Subject.account("u-1"), Subject.room("r-1"));
    FakeTestimonialDetector.Evidence ev = alerts.get(0).evidenceAs(
        FakeTestimonialDetector.Evidence.class);
    assertThat(ev.members()).singleElement().satisfies(m -> {
      assertThat(m.account()).isEqualTo("u-1");
      assertThat(m.ordersOfOtherSellers()).isEqualTo(1);
      assertThat(m.tiedBy()).isEqualTo("testimonial");
    });
  }

  @Test
  void aRoomsCampaignIsOneAlertThatGrowsAndTiesInCopiesWordedPastTheLists() {
    LocalRunner r = LocalRunner.of(new FakeTestimonialDetector());
    r.accept(room("r-1", T, "anchor-a", "m-a"));
    r.accept(room("r-2", T, "anchor-b", "m-b"));
    r.accept(room("r-0", T - DAY, "anchor-a", "m-a"));
    r.accept(buy("r-0", T - DAY + 1000, "fan", "sku-a"));
    for (int i = 0; i < 6; i++) {
      r.accept(say("r-1", T + (3 + 4 * i) * 60_000L, "paid-" + i, "产后" + (i + 2) + "个月靠它瘦了9.1斤"));
    }
    // The same template with the key phrase broken up: no testimonial by the lists, a copy.
    r.accept(say("r-1", T + 30 * 60_000L, "paid-x", "产后7个月靠它瘦了9.1整整斤"));
    // A genuine buyer in the same words, and an ordinary viewer's unrelated comment.
    r.accept(say("r-1", T + 31 * 60_000L, "fan", "产后4个月靠它瘦了6斤"));
    r.accept(say("r-1", T + 32 * 60_000L, "viewer", "我想问一下这个怎么吃呀"));
    // Another room, another campaign.
    r.accept(say("r-2", T + 5 * 60_000L, "paid-9", "用了3瓶，痘印淡了"));
    List<Alert> alerts = r.finish();
    assertThat(alerts).hasSize(2);
    Alert room1 = alerts.stream().filter(a -> a.room().equals("r-1")).findFirst().orElseThrow();
    assertThat(room1.subjects()).filteredOn(x -> x.type().equals("account"))
        .extracting(Subject::id)
        .containsExactlyInAnyOrder("paid-0", "paid-1", "paid-2", "paid-3", "paid-4", "paid-5",
            "paid-x");
    FakeTestimonialDetector.Evidence ev = room1.evidenceAs(FakeTestimonialDetector.Evidence.class);
    assertThat(ev.accounts()).isEqualTo(7);
    assertThat(ev.testimonials()).isEqualTo(6);
    assertThat(ev.members()).filteredOn(m -> m.account().equals("paid-x")).singleElement()
        .satisfies(m -> assertThat(m.tiedBy()).startsWith("near_duplicate_of:paid-"));
  }

  @Test
  void repeatBuyerOfTheAnchorOrMerchantIsNotFlagged() {
    LocalRunner r = LocalRunner.of(new FakeTestimonialDetector());
    r.accept(room("r-0", T - 3 * DAY, "anchor-a", "m-a"));
    r.accept(buy("r-0", T - 3 * DAY + 1000, "u-1", "sku-a"));
    // A different anchor selling a product of merchant m-c: a buyer of m-c elsewhere is genuine.
    r.accept(room("r-9", T - 2 * DAY, "anchor-z", "m-z"));
    r.accept(new Product(T - 2 * DAY, "douyin", "r-9", "sku-c", "面膜", 990, null, null,
        "cosmetics", null, "m-c"));
    r.accept(buy("r-9", T - 2 * DAY + 1000, "u-2", "sku-c"));
    r.accept(room("r-1", T, "anchor-a", "m-a"));
    r.accept(room("r-2", T, "anchor-q", "m-c"));
    r.accept(say("r-1", T + 60_000, "u-1", "老粉回购，一直在用"));
    r.accept(say("r-2", T + 60_000, "u-2", "用了两瓶，痘印淡了"));
    // Says it, then buys within the grace period: not fake either.
    r.accept(say("r-1", T + 70_000, "u-3", "吃了2盒掉了3斤"));
    r.accept(buy("r-1", T + 200_000, "u-3", "sku-a"));
    assertThat(r.finish()).isEmpty();
  }
}
