package org.qinglang.detectors.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qinglang.detectors.order.Ev.DAY;
import static org.qinglang.detectors.order.Ev.HOUR;
import static org.qinglang.detectors.order.Ev.MIN;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qinglang.alert.Alert;
import org.qinglang.alert.Subject;
import org.qinglang.detect.LocalRunner;
import org.qinglang.event.Like;

class PostShowCancellationDetectorTest {
  private static final double END = 60;

  private static LocalRunner show(int orders) {
    LocalRunner r = LocalRunner.of(new PostShowCancellationDetector());
    r.accept(Ev.start("r1", 0));
    for (int i = 0; i < orders; i++) {
      r.accept(Ev.honest("r1", "u" + i, "o" + i, "sku", 5900, 1 + i * 0.5, "36.0.0." + i));
    }
    r.accept(Ev.end("r1", END));
    return r;
  }

  @Test
  void aWaveHoursAfterTheEndIsRaisedWhenItHappensAndNamesItsOrders() {
    LocalRunner r = show(100);
    long waveAt = Ev.at(END) + 3 * HOUR;
    for (int i = 0; i < 12; i++) {
      // room left out, as the contract allows: the linker fills it in from the order
      r.accept(Ev.cancel("o" + (i * 7), null, waveAt + i * MIN));
    }
    List<Alert> alerts = r.finish();
    assertThat(alerts).hasSize(1);
    Alert a = alerts.get(0);
    assertThat(a.room()).isEqualTo("r1");
    assertThat(a.ts()).isGreaterThanOrEqualTo(waveAt).isLessThan(waveAt + 12 * MIN);
    assertThat(a.subjects()).contains(Subject.order("o0"), Subject.order("o77"))
        .doesNotContain(Subject.order("o1"));
    assertThat(a.accounts()).hasSize(12);
    assertThat(a.evidenceAs(PostShowCancellationDetector.Evidence.class).baselineRate()).isEqualTo(0.05);
  }

  @Test
  void theUsualTrickleStaysQuiet() {
    LocalRunner r = show(100);
    for (int i = 0; i < 4; i++) {
      r.accept(Ev.cancel("o" + (10 * i), "r1", Ev.at(END) + (i + 1) * 80 * MIN));
    }
    r.accept(Ev.refund("o50", 5900, "r1", Ev.at(END) + 2 * DAY));
    r.accept(Ev.refund("o60", 5900, "r1", Ev.at(END) + 4 * DAY));
    assertThat(r.finish()).isEmpty();
  }

  @Test
  void cancellationsDuringTheShowAreNotPostShow() {
    LocalRunner r = LocalRunner.of(new PostShowCancellationDetector());
    r.accept(Ev.start("r1", 0));
    for (int i = 0; i < 40; i++) {
      r.accept(Ev.honest("r1", "u" + i, "o" + i, "sku", 5900, 1 + i * 0.5, "36.0.0." + i));
    }
    for (int i = 0; i < 10; i++) {
      r.accept(Ev.cancel("o" + i, "r1", Ev.at(25 + i)));
    }
    r.accept(Ev.end("r1", END));
    assertThat(r.finish()).isEmpty();
  }

  @Test
  void aRefundWaveDaysLaterStillFindsTheShow() {
    LocalRunner r = show(60);
    long waveAt = Ev.at(END) + 3 * DAY;
    for (int i = 0; i < 8; i++) {
      r.accept(Ev.refund("o" + (i * 3), 5900, null, waveAt + i * 2 * MIN));
    }
    List<Alert> alerts = r.finish();
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).evidenceAs(PostShowCancellationDetector.Evidence.class).namedRefunds()).isEqualTo(8);
  }

  /**
   * A show of 150 orders, one every 0.3 min. Buyers listed in {@code driveBy} joined a minute
   * before ordering and never engaged; the others watched ten minutes and liked the show.
   */
  private static LocalRunner audience(java.util.Set<Integer> driveBy) {
    LocalRunner r = LocalRunner.of(new PostShowCancellationDetector());
    r.accept(Ev.start("r1", 0));
    for (int i = 0; i < 150; i++) {
      double at = 12 + i * 0.3;
      String u = "u" + i;
      if (driveBy.contains(i)) {
        r.accept(Ev.join("r1", u, "36.0.1." + (i % 250), at - 1));
      } else {
        r.accept(Ev.join("r1", u, "36.0.1." + (i % 250), at - 10));
        r.accept(new Like(Ev.at(at - 5), Ev.P, "r1", u, 3));
      }
      r.accept(Ev.honest("r1", u, "o" + i, "sku", 5900, at, "36.0.1." + (i % 250)));
    }
    r.accept(Ev.end("r1", END));
    return r;
  }

  /** Six of {@code wave} undone 18 min apart from 2 h after the end, two watchers among them. */
  private static List<Alert> smallSlowWave(LocalRunner r, int[] wave) {
    long t = Ev.at(END) + 2 * HOUR;
    for (int i = 0; i < wave.length; i++) {
      r.accept(Ev.cancel("o" + wave[i], null, t + i * 18 * MIN));
    }
    r.accept(Ev.cancel("o3", "r1", t + 5 * MIN));
    r.accept(Ev.cancel("o4", "r1", t + 50 * MIN));
    return r.finish();
  }

  private static final int[] WAVE = {20, 41, 62, 83, 104, 125};

  @Test
  void aSmallSlowWaveOfDriveByOrdersIsRaisedAndNamesOnlyThem() {
    java.util.Set<Integer> driveBy = new java.util.HashSet<>();
    for (int i : WAVE) {
      driveBy.add(i);
    }
    for (int i = 0; i < 4; i++) {
      driveBy.add(140 + i); // honest drive-bys who keep their orders
    }
    List<Alert> alerts = smallSlowWave(audience(driveBy), WAVE);
    assertThat(alerts).hasSize(1);
    Alert a = alerts.get(0);
    assertThat(a.subjects()).contains(Subject.order("o20"), Subject.order("o125"))
        .doesNotContain(Subject.order("o3"), Subject.order("o4"));
    assertThat(a.accounts()).hasSize(6);
    PostShowCancellationDetector.Evidence ev = a.evidenceAs(PostShowCancellationDetector.Evidence.class);
    assertThat(ev.namedDriveBy()).isEqualTo(6);
    assertThat(ev.driveBy().ordersInShow()).isEqualTo(10);
  }

  @Test
  void theSameTimingByBuyersWhoWatchedStaysQuiet() {
    // Timing alone: eight cancellations in two hours of a 150-order room is not remarkable.
    assertThat(smallSlowWave(audience(java.util.Set.of()), WAVE)).isEmpty();
  }

  @Test
  void whereEveryBuyerIsADriveByTheTestLearnsThatAndStaysQuiet() {
    java.util.Set<Integer> all = new java.util.HashSet<>();
    for (int i = 0; i < 150; i++) {
      all.add(i);
    }
    assertThat(smallSlowWave(audience(all), WAVE)).isEmpty();
  }

  @Test
  void aBigWaveWithALullInsideIsNamedWhole() {
    LocalRunner r = show(100);
    long t = Ev.at(END) + 2 * HOUR;
    for (int i = 0; i < 12; i++) {
      r.accept(Ev.cancel("o" + i, "r1", t + i * 30_000L)); // 12 in 5.5 min
    }
    for (int i = 0; i < 10; i++) {
      r.accept(Ev.cancel("o" + (50 + i), "r1", t + 13 * MIN + i * MIN)); // after an 8 min lull
    }
    List<Alert> alerts = r.finish();
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).subjects()).contains(Subject.order("o0"), Subject.order("o59"));
    assertThat(alerts.get(0).evidenceAs(PostShowCancellationDetector.Evidence.class).namedOrders()).isEqualTo(22);
  }

  @Test
  void theHonestTrickleAroundABigWaveIsNotSweptIn() {
    LocalRunner r = show(100);
    long t = Ev.at(END) + 2 * HOUR;
    for (int i = 0; i < 20; i++) {
      r.accept(Ev.cancel("o" + i, "r1", t + i * 30_000L)); // 20 in 10 min
    }
    for (int i = 1; i <= 4; i++) {
      // the usual trickle, close behind: a window widened to catch it gains 4 events in 80 min
      // where 1 is expected, not remarkable enough to call them part of the wave
      r.accept(Ev.cancel("o" + (60 + i), "r1", t + (5 + 15 * i) * MIN));
    }
    List<Alert> alerts = r.finish();
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).subjects()).contains(Subject.order("o19"))
        .doesNotContain(Subject.order("o61"), Subject.order("o64"));
    assertThat(alerts.get(0).evidenceAs(PostShowCancellationDetector.Evidence.class).namedOrders()).isEqualTo(20);
  }

  @Test
  void whoJoinedAndWhoEngagedIsFoldedIntoTheOrdersAtTheEndAndForgotten() {
    PostShowCancellationDetector d = new PostShowCancellationDetector();
    PostShowCancellationDetector.State s = d.newState();
    org.qinglang.detect.Context ctx = new org.qinglang.detect.Context() {
      @Override
      public String key() {
        return "r1";
      }

      @Override
      public long now() {
        return 0;
      }

      @Override
      public org.qinglang.detect.Directory directory() {
        return null;
      }

      @Override
      public void emit(Alert alert) {}

      @Override
      public void wakeAt(long time) {}
    };
    for (int i = 0; i < 50; i++) {
      d.onEvent(s, Ev.join("r1", "v" + i, "36.0.2." + i, 1 + i * 0.1), ctx);
    }
    d.onEvent(s, new Like(Ev.at(9), Ev.P, "r1", "v1", 1), ctx);
    d.onEvent(s, Ev.honest("r1", "v0", "o0", "sku", 5900, 3, "36.0.2.0"), ctx); // 3 min in
    d.onEvent(s, Ev.honest("r1", "v1", "o1", "sku", 5900, 2, "36.0.2.1"), ctx); // came in, liked
    d.onEvent(s, Ev.honest("r1", "v2", "o2", "sku", 5900, 20, "36.0.2.2"), ctx); // watched 19 min
    assertThat(s.lastJoin).hasSize(50);
    d.onEvent(s, Ev.end("r1", END), ctx);
    assertThat(s.lastJoin).isNull();
    assertThat(s.engaged).isNull();
    assertThat(s.placed.get("o0").driveBy).isTrue();
    assertThat(s.placed.get("o1").driveBy).isFalse();
    assertThat(s.placed.get("o2").driveBy).isFalse();
    assertThat(s.driveByOrders).isEqualTo(1);
  }

  /**
   * 60 orders, 16 returned one by one over five days after the show: ordinary for apparel
   * (baseline 30%), a finding for food (baseline 5%, exact tail far below 1e-4).
   */
  @Test
  void theBaselineIsTheCategorysNormalShare() {
    for (String category : new String[] {"apparel", "food"}) {
      LocalRunner r = LocalRunner.of(new PostShowCancellationDetector());
      r.accept(new org.qinglang.event.Product(Ev.at(0), Ev.P, "rA", "sku-1", "卫衣", 9900, null,
          null, category, null, "m-1"));
      for (int i = 0; i < 60; i++) {
        r.accept(Ev.honest("rA", "u" + i, "o" + i, "sku-1", 9900, 1 + i, "36.0.0." + i));
      }
      r.accept(Ev.end("rA", 70));
      for (int i = 0; i < 16; i++) {
        r.accept(new org.qinglang.event.Refund(Ev.at(70) + Ev.DAY + i * 7 * Ev.HOUR, Ev.P,
            "o" + i, 9900, "rA", "尺码不合适"));
      }
      List<org.qinglang.alert.Alert> alerts = r.finish();
      assertThat(alerts).as(category).hasSize(category.equals("apparel") ? 0 : 1);
      if (!alerts.isEmpty()) {
        PostShowCancellationDetector.Evidence ev = alerts.get(0).evidenceAs(PostShowCancellationDetector.Evidence.class);
        assertThat(ev.roomBaselineRate()).isEqualTo(0.05);
        assertThat(ev.waveKind()).startsWith("refund");
      }
    }
  }
}
