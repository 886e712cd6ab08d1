package org.qinglang.detectors.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qinglang.detectors.order.Ev.DAY;
import static org.qinglang.detectors.order.Ev.T0;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qinglang.alert.Alert;
import org.qinglang.alert.Subject;
import org.qinglang.detect.LocalRunner;

class OrderBrushingDetectorTest {
  private static final String ADDR_A = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1";
  private static final String ADDR_B = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb2";

  /** Honest buyers of one room, each with their own identifiers, all behind one NAT address. */
  private static void honestCrowd(LocalRunner r, int n) {
    for (int i = 0; i < n; i++) {
      r.accept(Ev.honest("r1", "h" + i, "ho" + i, i % 2 == 0 ? "sku-a" : "sku-b", 5900,
          5 + i * 0.2, "202.120.1.1"));
    }
  }

  @Test
  void namesTheRingBoundByAddressesAndPhones() {
    LocalRunner r = LocalRunner.of(new OrderBrushingDetector());
    r.accept(Ev.product("r1", "sku-cheap", "纸巾", 990, null, null, 0));
    r.accept(Ev.product("r1", "sku-a", "面霜", 5900, null, null, 0));
    honestCrowd(r, 60);
    for (int i = 0; i < 5; i++) {
      r.accept(Ev.account("b" + i, T0 - 5 * DAY));
      r.accept(Ev.order("r1", "b" + i, "bo" + i, "sku-cheap", 1, 990, 10 + 7 * i,
          "36.1.2." + i, i % 2 == 0 ? ADDR_A : ADDR_B, "pay-b" + i, "dev-b" + (i / 2)));
    }
    r.accept(Ev.end("r1", 60));
    List<Alert> alerts = r.finish();

    assertThat(alerts).hasSize(1);
    Alert a = alerts.get(0);
    assertThat(a.kind()).isEqualTo("order_brushing");
    assertThat(a.room()).isEqualTo("r1");
    assertThat(a.accounts()).containsExactlyInAnyOrder("b0", "b1", "b2", "b3", "b4");
    assertThat(a.subjects()).contains(Subject.order("bo0"), Subject.order("bo4"))
        .doesNotContain(Subject.order("ho0"));
    OrderBrushingDetector.RingFigures ring =
        a.evidenceAs(OrderBrushingDetector.Evidence.class).rings().get(0);
    assertThat(ring.sharedIdentifiers().toString()).contains("aaaaaaaaaaaa…")
        .doesNotContain(ADDR_A);
    assertThat(ring.cheapestItemShare()).isEqualTo(1.0);
    assertThat(ring.accounts()).hasSize(5);
  }

  /**
   * A ring of seven accounts bound by two addresses (one shared by four, one by three) and
   * three devices shared by two each, the accounts ordering in {@code order}.
   */
  private static OrderBrushingDetector.RingFigures ringOrderedAs(List<Integer> order) {
    LocalRunner r = LocalRunner.of(new OrderBrushingDetector());
    r.accept(Ev.product("r1", "sku-cheap", "纸巾", 990, null, null, 0));
    r.accept(Ev.product("r1", "sku-a", "面霜", 5900, null, null, 0));
    honestCrowd(r, 60);
    int slot = 0;
    for (int i : order) {
      r.accept(Ev.account("b" + i, T0 - 5 * DAY));
      r.accept(Ev.order("r1", "b" + i, "bo" + i, "sku-cheap", 1, 990, 10 + 7 * slot++,
          "36.1.2." + i, i % 2 == 1 ? ADDR_A : ADDR_B, "pay-b" + i, "dev-b" + (i / 2)));
    }
    r.accept(Ev.end("r1", 60));
    List<Alert> alerts = r.finish();
    assertThat(alerts).hasSize(1);
    return alerts.get(0).evidenceAs(OrderBrushingDetector.Evidence.class).rings().get(0);
  }

  /**
   * Shared identifiers are listed most shared first, then by digest, whatever order the ring's
   * orders came in: the evidence of a run resumed from a checkpoint, whose maps are laid out
   * afresh, must read as the uninterrupted run's (KafkaCrashResumeTest caught two device lists
   * in different orders).
   */
  @Test
  void sharedIdentifiersAreListedMostSharedFirstThenByDigest() {
    OrderBrushingDetector.RingFigures forward = ringOrderedAs(List.of(0, 1, 2, 3, 4, 5, 6));
    OrderBrushingDetector.RingFigures backward = ringOrderedAs(List.of(6, 5, 4, 3, 2, 1, 0));
    assertThat(backward.sharedIdentifiers()).isEqualTo(forward.sharedIdentifiers());
    assertThat(forward.sharedIdentifiers().get("address"))
        .containsExactly("bbbbbbbbbbbb… x4", "aaaaaaaaaaaa… x3");
    assertThat(forward.sharedIdentifiers().get("device")).hasSize(3);
    for (List<String> listed : forward.sharedIdentifiers().values()) {
      for (int i = 1; i < listed.size(); i++) {
        String a = listed.get(i - 1);
        String b = listed.get(i);
        int ca = Integer.parseInt(a.substring(a.lastIndexOf('x') + 1));
        int cb = Integer.parseInt(b.substring(b.lastIndexOf('x') + 1));
        assertThat(ca > cb || ca == cb && a.compareTo(b) < 0).as(listed.toString()).isTrue();
      }
    }
  }

  @Test
  void aHouseholdIsNotARing() {
    LocalRunner r = LocalRunner.of(new OrderBrushingDetector());
    honestCrowd(r, 30);
    for (int i = 0; i < 3; i++) {
      r.accept(Ev.order("r1", "f" + i, "fo" + i, "sku-a", 1, 5900, 20 + i, "36.9.9.9", ADDR_A,
          "family-wallet", "dev-f" + i));
    }
    assertThat(r.finish()).isEmpty();
  }

  @Test
  void oneSharedAddressNeedsABrushingHabit() {
    // Four aged accounts shipping to one address, buying different full-price items: could be
    // an office reception. The same four freshly registered: a ring.
    for (boolean young : new boolean[] {false, true}) {
      LocalRunner r = LocalRunner.of(new OrderBrushingDetector());
      r.accept(Ev.product("r1", "sku-cheap", "纸巾", 990, null, null, 0));
      r.accept(Ev.product("r1", "sku-a", "面霜", 5900, null, null, 0));
      r.accept(Ev.product("r1", "sku-b", "卫衣", 12900, null, null, 0));
      for (int i = 0; i < 4; i++) {
        r.accept(Ev.account("c" + i, young ? T0 - 3 * DAY : T0 - 900 * DAY));
        r.accept(Ev.order("r1", "c" + i, "co" + i, i % 2 == 0 ? "sku-a" : "sku-b", 1, 5900,
            10 + i, "36.1.1." + i, ADDR_A, "pay-c" + i, "dev-c" + i));
      }
      assertThat(r.finish()).as("young=" + young).hasSize(young ? 1 : 0);
    }
  }

  @Test
  void updatesOneAlertAsTheRingGrowsAndCancels() {
    LocalRunner r = LocalRunner.of(new OrderBrushingDetector());
    for (int i = 0; i < 8; i++) {
      r.accept(Ev.order("r1", "b" + i, "bo" + i, "sku-cheap", 1, 990, 10 + i, "36.1.2." + i,
          ADDR_A, "pay-b" + i, "dev-b" + (i / 2)));
    }
    r.accept(Ev.cancel("bo1", "r1", Ev.at(30)));
    List<Alert> alerts = r.finish();
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).accounts()).hasSize(8);
    OrderBrushingDetector.Evidence ev =
        alerts.get(0).evidenceAs(OrderBrushingDetector.Evidence.class);
    assertThat(ev.ringCancelRate()).isEqualTo(0.125);
    assertThat(alerts.get(0).evidence()).containsEntry("ring_cancel_rate", 0.125)
        .containsKey("final");
    assertThat(r.emitted()).isGreaterThan(1);
  }
}
