package org.qinglang.detectors.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qinglang.alert.Alert;
import org.qinglang.detect.LocalRunner;
import org.qinglang.event.RoomEnd;
import org.qinglang.event.RoomStart;
import org.qinglang.event.ViewerCount;
import org.qinglang.event.ViewerJoin;
import org.qinglang.event.ViewerLeave;

class ViewerInflationDetectorTest {

  /** A room of {@code viewers} real viewers whose display multiplies them by {@code factor}. */
  static List<Alert> run(int viewers, double factor, int leaveLateMs) {
    LocalRunner r = LocalRunner.of(new ViewerInflationDetector());
    r.accept(new RoomStart(0, "douyin", "r1", "a1", "t", null, null, null, "studio"));
    for (int i = 0; i < viewers; i++) {
      r.accept(new ViewerJoin(1_000 + i * 10L, "douyin", "r1", "u" + i, null, null, "feed"));
    }
    for (int k = 1; k <= 20; k++) {
      long t = 60_000L * k;
      r.accept(new ViewerCount(t, "douyin", "r1", Math.round(viewers * factor), null));
    }
    // A late leave (within 10 s) must not make the display look inflated beforehand.
    r.accept(new ViewerLeave(1_300_000 - leaveLateMs, "douyin", "r1", "u0"));
    r.accept(new RoomEnd(1_400_000, "douyin", "r1"));
    return r.finish();
  }

  @Test
  void honestDisplayAFewPercentHighIsQuiet() {
    assertThat(run(200, 1.04, 0)).isEmpty();
    assertThat(run(20, 1.2, 0)).isEmpty(); // small room: absolute slack
  }

  @Test
  void displayRunningAwayFromTheAudienceIsOneAlertWithEvidence() {
    List<Alert> alerts = run(200, 3.0, 5_000);
    assertThat(alerts).hasSize(1);
    Alert a = alerts.get(0);
    assertThat(a.kind()).isEqualTo("viewer_inflation");
    assertThat(a.room()).isEqualTo("r1");
    assertThat(a.evidenceAs(ViewerInflationDetector.Evidence.class).meanRatio()).isEqualTo(3.0);
    assertThat(a.evidenceAs(ViewerInflationDetector.Evidence.class).excessiveCounts()).isEqualTo(20);
    assertThat(a.basis()).contains("网络直播营销管理办法");
    assertThat(a.evidenceAs(ViewerInflationDetector.Evidence.class).samples()).isNotEmpty();
  }

  @Test
  void twoExcessiveCountsAreAGlitchNotAFinding() {
    LocalRunner r = LocalRunner.of(new ViewerInflationDetector());
    for (int i = 0; i < 100; i++) {
      r.accept(new ViewerJoin(1_000 + i, "p", "r", "u" + i, null, null, null));
    }
    long[] shown = {100, 400, 400, 100, 100};
    for (int k = 0; k < shown.length; k++) {
      r.accept(new ViewerCount(60_000L * (k + 1), "p", "r", shown[k], null));
    }
    assertThat(r.finish()).isEmpty();
  }
}
