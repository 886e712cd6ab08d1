package org.qinglang.detectors.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qinglang.alert.Alert;
import org.qinglang.alert.Subject;
import org.qinglang.detect.LocalRunner;

class ForcedPurchaseDetectorTest {

  /** A show of 60 min with a passing crowd from everywhere, some of whom buy. */
  private static LocalRunner show() {
    LocalRunner r = LocalRunner.of(new ForcedPurchaseDetector());
    r.accept(Ev.start("r1", 0));
    for (int i = 0; i < 80; i++) {
      String u = "p" + i;
      double join = 1 + i * 0.6;
      r.accept(Ev.join("r1", u, "36." + i + ".1.1", join));
      if (i % 5 == 0) {
        r.accept(Ev.honest("r1", u, "po" + i, "sku-a", 5900, join + 1, "36." + i + ".1.1"));
      }
      r.accept(Ev.leave("r1", u, join + 4));
    }
    return r;
  }

  private static void staff(LocalRunner r, int n, double leaveAt, boolean sameAmount,
      boolean buy) {
    for (int i = 0; i < n; i++) {
      String u = "s" + i;
      String ip = "58.30.7." + (10 + i % 2);
      r.accept(Ev.join("r1", u, ip, 0.5 + i * 0.1));
      if (buy) {
        r.accept(Ev.honest("r1", u, "so" + i, "sku-b", sameAmount ? 9900 : 1000 + 700 * i,
            10 + i, ip));
      }
      r.accept(Ev.comment("r1", u, "支持家乡好物！", 20 + i));
      if (leaveAt < 60) {
        r.accept(Ev.leave("r1", u, leaveAt));
      }
    }
  }

  @Test
  void officeThatWatchesEverythingAndSpendsTheSame() {
    LocalRunner r = show();
    staff(r, 8, 99, true, true);
    r.accept(Ev.end("r1", 60));
    List<Alert> alerts = r.finish();
    assertThat(alerts).hasSize(1);
    Alert a = alerts.get(0);
    assertThat(a.accounts()).hasSize(8).allMatch(u -> u.startsWith("s"));
    assertThat(a.subjects()).contains(Subject.order("so0")).doesNotContain(Subject.order("po0"));
    assertThat(a.evidence().get("groups").toString()).contains("58.30.7.0/24")
        .contains("buyers_praising=8");
  }

  @Test
  void viewersWhoComeAndGoAreNotOrganised() {
    LocalRunner r = show();
    staff(r, 8, 15, true, true);
    r.accept(Ev.end("r1", 60));
    assertThat(r.finish()).isEmpty();
  }

  @Test
  void differentBasketsAreNotOrganised() {
    LocalRunner r = show();
    staff(r, 8, 99, false, true);
    r.accept(Ev.end("r1", 60));
    assertThat(r.finish()).isEmpty();
  }

  @Test
  void aNetworkWhereFewOfTheStayersBuyIsAnAudience() {
    LocalRunner r = show();
    staff(r, 6, 99, true, true);
    for (int i = 0; i < 10; i++) {
      r.accept(Ev.join("r1", "w" + i, "58.30.7.12", 1));
    }
    r.accept(Ev.end("r1", 60));
    assertThat(r.finish()).isEmpty();
  }
}
