package org.qinglang.detectors.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qinglang.alert.Alert;
import org.qinglang.alert.Subject;
import org.qinglang.detect.LocalRunner;
import org.qinglang.event.ViewerJoin;

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
    ForcedPurchaseDetector.Evidence ev = a.evidenceAs(ForcedPurchaseDetector.Evidence.class);
    assertThat(ev.groups()).singleElement().satisfies(g -> {
      assertThat(g.network()).isEqualTo("58.30.7.0/24");
      assertThat(g.buyersPraising()).isEqualTo(8);
    });
    assertThat(ev.members()).hasSize(8)
        .allSatisfy(m -> assertThat(m.tiedBy()).isEqualTo("office_network"));
  }

  @Test
  void onlyPraiseIsTakenAndCounted() {
    ForcedPurchaseDetector d = new ForcedPurchaseDetector();
    assertThat(d.accepts(Ev.comment("r1", "s0", "主播这个多少钱", 1))).isFalse();
    assertThat(d.accepts(Ev.comment("r1", "s0", "已拍，支持", 1))).isTrue();
    LocalRunner r = show();
    staff(r, 8, 99, true, true);
    // Four of the eight also chat without praise; the other four praise a second time.
    for (int i = 0; i < 8; i++) {
      r.accept(Ev.comment("r1", "s" + i, i < 4 ? "几点发货" : "必须好评", 30 + i));
    }
    r.accept(Ev.end("r1", 60));
    ForcedPurchaseDetector.Evidence ev = r.finish().get(0)
        .evidenceAs(ForcedPurchaseDetector.Evidence.class);
    assertThat(ev.groups().get(0).buyersPraising()).isEqualTo(8);
    assertThat(ev.members()).allSatisfy(m -> assertThat(m.praise())
        .isEqualTo(m.account().compareTo("s4") < 0 ? 1 : 2));
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

  /** A whole-show stayer on a network of his own (mobile data, home) who buys sku-b. */
  private static void loner(LocalRunner r, String u, String ip, double join, String via,
      long amount) {
    r.accept(new ViewerJoin(Ev.at(join), Ev.P, "r1", u, "dev-" + u, ip, via));
    r.accept(Ev.honest("r1", u, "o-" + u, "sku-b", amount, 30, ip));
  }

  @Test
  void colleaguesOnMobileDataJoinTheGroupWhenTheyDidExactlyWhatItDid() {
    LocalRunner r = show();
    staff(r, 8, 99, true, true); // joined 0.5-1.2 min by share, spent 9900 on sku-b
    loner(r, "m1", "117.136.4.9", 0.9, "share", 9900);
    loner(r, "m2", "223.104.9.30", 1.5, "share", 9900);
    r.accept(Ev.end("r1", 60));
    List<Alert> alerts = r.finish();
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).accounts()).hasSize(10).contains("m1", "m2");
    assertThat(alerts.get(0).subjects()).contains(Subject.order("o-m1"));
    ForcedPurchaseDetector.Evidence ev = alerts.get(0).evidenceAs(
        ForcedPurchaseDetector.Evidence.class);
    assertThat(ev.groups().get(0).colleaguesOnOtherNetworks()).containsExactly("m1", "m2");
    assertThat(ev.members()).filteredOn(m -> m.account().equals("m1")).singleElement()
        .satisfies(m -> {
          assertThat(m.tiedBy()).isEqualTo("same_entry_minute_path_and_basket");
          assertThat(m.spentFen()).isEqualTo(9900);
        });
  }

  @Test
  void aFanWhoStaysAndBuysTheSameIsNotAColleagueUnlessAllOfItMatches() {
    LocalRunner r = show();
    staff(r, 8, 99, true, true);
    loner(r, "late", "117.136.4.9", 6, "share", 9900); // came in minutes after the office
    loner(r, "fan", "117.136.5.9", 0.8, "follow", 9900); // came by following the anchor
    loner(r, "other", "117.136.6.9", 0.8, "share", 5900); // a different basket
    r.accept(Ev.end("r1", 60));
    List<Alert> alerts = r.finish();
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).accounts()).hasSize(8).allMatch(u -> u.startsWith("s"));
  }
}
