package org.qinglang.detectors.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qinglang.alert.Alert;
import org.qinglang.alert.Subject;
import org.qinglang.detect.LocalRunner;

class SalesClaimMismatchDetectorTest {

  private static void orders(LocalRunner r, String sku, int n, double from) {
    for (int i = 0; i < n; i++) {
      r.accept(Ev.honest("r1", sku + "-u" + i, sku + "-o" + i, sku, 5900, from + i * 0.1,
          "36.0.0.1"));
    }
  }

  @Test
  void claimsGrowingFarFasterThanOrdersAreRaised() {
    LocalRunner r = LocalRunner.of(new SalesClaimMismatchDetector());
    r.accept(Ev.product("r1", "sku-a", "坚果礼盒", 5900, null, 5000L, 0));
    orders(r, "sku-a", 20, 5);
    r.accept(Ev.product("r1", "sku-a", "坚果礼盒", 5900, null, 5200L, 10));
    r.accept(Ev.product("r1", "sku-a", "坚果礼盒", 5900, null, 5400L, 20));
    r.accept(Ev.end("r1", 60));
    List<Alert> alerts = r.finish();
    assertThat(alerts).hasSize(1);
    Alert a = alerts.get(0);
    assertThat(a.subjects()).contains(Subject.sku("sku-a"), Subject.room("r1"));
    SalesClaimMismatchDetector.Evidence ev = a.evidenceAs(SalesClaimMismatchDetector.Evidence.class);
    assertThat(ev.claimedGrowth()).isEqualTo(400L);
    assertThat(ev.unitsOrdered()).isEqualTo(20L);
    assertThat(a.evidence()).containsEntry("claimed_growth", 400L).containsKey("final");
  }

  @Test
  void aLargePreShowBaseIsNotAMismatch() {
    LocalRunner r = LocalRunner.of(new SalesClaimMismatchDetector());
    r.accept(Ev.product("r1", "sku-a", "坚果礼盒", 5900, null, 120_000L, 0));
    orders(r, "sku-a", 20, 5);
    r.accept(Ev.product("r1", "sku-a", "坚果礼盒", 5900, null, 120_021L, 10));
    r.accept(Ev.end("r1", 60));
    assertThat(r.finish()).isEmpty();
  }

  @Test
  void aLinkedItemCreditedWithItsWholeBurstIsNotAMismatch() {
    LocalRunner r = LocalRunner.of(new SalesClaimMismatchDetector());
    r.accept(Ev.product("r1", "sku-a", "坚果礼盒", 5900, null, 100L, 0));
    r.accept(Ev.product("r1", "sku-b", "牛肉干", 3900, null, 300L, 0));
    r.accept(Ev.speech("r1", "小助理上链接坚果礼盒", 10));
    orders(r, "sku-b", 40, 10.2); // a campus crowd buys the other item in the burst
    orders(r, "sku-a", 5, 10.3);
    r.accept(Ev.product("r1", "sku-a", "坚果礼盒", 5900, null, 146L, 12));
    r.accept(Ev.end("r1", 60));
    assertThat(r.finish()).isEmpty();
  }

  /**
   * sku-a's 已售 grows 70 on 25 units (2.8x, under the 2x + 30 of the far rule) while sku-b's
   * counter follows its 49 units: raised as running ahead of its sibling. When sku-b's counter
   * runs ahead of its orders as well (sales outside the room lift both), or sku-b sells too
   * little to be a control, the same numbers stay quiet.
   */
  @Test
  void aMilderExcessIsRaisedOnlyWhenTheOtherListingsTrackTheirOrders() {
    for (String sibling : new String[] {"tracks", "ahead", "too_few"}) {
      LocalRunner r = LocalRunner.of(new SalesClaimMismatchDetector());
      r.accept(Ev.product("r1", "sku-a", "手工牛肉干", 7990, null, 2485L, 0));
      r.accept(Ev.product("r1", "sku-b", "坚果礼盒", 1190, null, 3679L, 0));
      orders(r, "sku-a", 25, 5);
      int bUnits = sibling.equals("too_few") ? 6 : 49;
      orders(r, "sku-b", bUnits, 15);
      long bGrowth = sibling.equals("ahead") ? 70 : sibling.equals("tracks") ? 39 : 5;
      r.accept(Ev.product("r1", "sku-b", "坚果礼盒", 1190, null, 3679L + bGrowth, 25));
      r.accept(Ev.product("r1", "sku-a", "手工牛肉干", 7990, null, 2555L, 40));
      r.accept(Ev.end("r1", 45));
      List<Alert> alerts = r.finish();
      if (sibling.equals("tracks")) {
        assertThat(alerts).as(sibling).hasSize(1);
        Alert a = alerts.get(0);
        assertThat(a.subjects()).contains(Subject.sku("sku-a"));
        SalesClaimMismatchDetector.Evidence ev = a.evidenceAs(SalesClaimMismatchDetector.Evidence.class);
        assertThat(ev.test()).isEqualTo("ahead_of_its_siblings");
        assertThat(ev.claimedGrowth()).isEqualTo(70L);
        assertThat(ev.otherListingsClaimedGrowth()).isEqualTo(39L);
        assertThat(ev.otherListingsUnitsExplained()).isEqualTo(49L);
      } else {
        assertThat(alerts).as(sibling).isEmpty();
      }
    }
  }
}
