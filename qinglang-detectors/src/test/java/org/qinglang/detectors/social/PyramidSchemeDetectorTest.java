package org.qinglang.detectors.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qinglang.detectors.social.SchemeFixture.MIN;
import static org.qinglang.detectors.social.SchemeFixture.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qinglang.alert.Alert;
import org.qinglang.event.AccountEvent;
import org.qinglang.detect.LocalRunner;
import org.qinglang.event.Event;

class PyramidSchemeDetectorTest {

  private static List<Alert> run(List<Event> events) {
    LocalRunner r = LocalRunner.of(new PyramidSchemeDetector());
    r.acceptAll(events);
    return r.finish();
  }

  private static PyramidSchemeDetector.Evidence ev(Alert a) {
    return a.evidenceAs(PyramidSchemeDetector.Evidence.class);
  }

  @Test
  void entryFeeSchemeOverFourLevelsIsOneAlertNamingOrganiserAndEveryMember() {
    SchemeFixture f = new SchemeFixture();
    f.fee = 99_800L;
    f.tree("boss", 3, 3); // 1 + 3 + 9 + 27 = 40 persons

    List<Alert> alerts = run(f.stream());

    assertThat(alerts).hasSize(1);
    Alert a = alerts.get(0);
    assertThat(a.kind()).isEqualTo("pyramid_scheme");
    assertThat(a.rule()).isEqualTo("QL-PYR-001");
    assertThat(a.basis()).isEqualTo("禁止传销条例 第七条");
    assertThat(a.accounts()).containsExactlyInAnyOrderElementsOf(f.accounts);
    assertThat(ev(a).organiserAccounts()).containsExactly("boss");
    assertThat(ev(a).persons()).isEqualTo(40);
    assertThat(ev(a).levels()).isEqualTo(4);
    List<Map<String, Object>> tree = ev(a).tree();
    assertThat(tree).extracting(m -> m.get("persons")).containsExactly(1, 3, 9, 27);
    assertThat(ev(a).feesCollectedFen()).isEqualTo(39 * 99_800L);
    // direct referrer gets fee/2, the one above fee/4: 3/4 of every fee goes up
    assertThat(ev(a).upwardShareOfFees()).isCloseTo(
        (39 * 49_900.0 + 36 * 24_950.0) / (39 * 99_800.0), org.assertj.core.data.Offset.offset(0.001));
    assertThat(ev(a).thresholdBasis()).containsEntry("source", "公通字〔2013〕37号");
    assertThat(a.summary()).contains("40 persons").contains("4 levels");
    // per member: the organiser was paid for 3 direct recruits and 9 two levels down
    List<Map<String, Object>> top = ev(a).topRecruiters();
    Map<String, Object> boss = top.stream().filter(m -> m.get("person").equals("boss"))
        .findFirst().orElseThrow();
    assertThat(boss).containsEntry("subtree_persons", 40).containsEntry("subtree_levels", 4)
        .containsEntry("direct_recruits", 3).containsEntry("fee_paid_fen", 0L);
    assertThat((List<Map<String, Object>>) boss.get("commission_by_levels_below"))
        .extracting(m -> m.get("fen")).containsExactly(3 * 49_900L, 9 * 24_950L);
    Map<String, Object> mid = top.stream().filter(m -> m.get("person").equals("boss.0"))
        .findFirst().orElseThrow();
    assertThat(mid).containsEntry("fee_paid_fen", 99_800L).containsEntry("subtree_persons", 13);
  }

  @Test
  void thresholdsCountTheOrganiserAsALevelAndAParticipant() {
    SchemeFixture f = new SchemeFixture();
    f.fee = 50_000L;
    f.root("top");
    for (int i = 0; i < 4; i++) {
      f.join("m" + i, "top");
    }
    for (int i = 0; i < 24; i++) {
      f.join("g" + i, "m" + (i % 4));
    }
    // 29 persons over 3 levels (organiser, 4, 24): one short of thirty
    assertThat(run(f.stream())).isEmpty();

    f.join("g24", "m0");
    List<Alert> alerts = run(f.stream());
    assertThat(alerts).hasSize(1);
    assertThat(ev(alerts.get(0)).levels()).isEqualTo(3);
    assertThat(ev(alerts.get(0)).persons()).isEqualTo(30);
  }

  @Test
  void twoLevelsAreNotEnoughHoweverManyPay() {
    SchemeFixture f = new SchemeFixture();
    f.fee = 50_000L;
    f.root("club");
    for (int i = 0; i < 200; i++) {
      f.join("c" + i, "club");
    }
    assertThat(run(f.stream())).isEmpty();
  }

  @Test
  void twoLevelAffiliateWithoutFeesIsSilentEvenWhenDeep() {
    SchemeFixture f = new SchemeFixture();
    f.fee = null;
    f.paidLevels = 2; // 二级分销: direct and second-level commission only
    f.firstPurchase = 0;
    f.variedPurchase = true;
    f.tree("brand", 3, 4); // 121 persons, 5 levels

    assertThat(run(f.stream())).isEmpty();
  }

  @Test
  void withoutFeesPayReachingThreeLevelsDownIsTheTeamCommissionForm() {
    SchemeFixture f = new SchemeFixture();
    f.fee = null;
    f.paidLevels = 3;
    f.tree("net", 3, 3);

    List<Alert> alerts = run(f.stream());
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).rule()).isEqualTo("QL-PYR-002");
    assertThat(alerts.get(0).score()).isLessThan(0.75);
  }

  @Test
  void largeFlatReferralProgrammeIsSilentWithOrWithoutMembershipFee() {
    for (Long fee : new Long[] {null, 19_900L}) {
      SchemeFixture f = new SchemeFixture();
      f.fee = fee;
      f.paidLevels = 1;
      f.gap = 10_000;
      f.root("shop");
      for (int i = 0; i < 600; i++) {
        f.join("v" + i, "shop");
      }
      for (int i = 0; i < 6; i++) {
        f.join("w" + i, "v" + i); // six members invited a friend each, and were paid for it
      }
      assertThat(run(f.stream())).as("fee %s", fee).isEmpty();
    }
  }

  @Test
  void organiserSplitOverTwoAccountsIsOnePersonAndTheSchemeAddsUp() {
    SchemeFixture f = new SchemeFixture();
    f.fee = 30_000L;
    f.root("o1").root("o2");
    for (String o : List.of("o1", "o2")) {
      for (int i = 0; i < 4; i++) {
        f.join(o + "-m" + i, o);
        for (int j = 0; j < 3; j++) {
          f.join(o + "-m" + i + "-" + j, o + "-m" + i);
        }
      }
    }
    // each half: 17 accounts, under thirty
    assertThat(run(f.stream())).isEmpty();

    List<Event> linked = new ArrayList<>();
    linked.add(account("o1", null, "phone-aaaaaaaaaaaa", null));
    linked.add(account("o2", null, "phone-aaaaaaaaaaaa", null));
    linked.addAll(f.stream());
    List<Alert> alerts = run(linked);
    assertThat(alerts).hasSize(1);
    Alert a = alerts.get(0);
    assertThat(ev(a).persons()).isEqualTo(33);
    assertThat(ev(a).accounts()).isEqualTo(34);
    assertThat(ev(a).organiserAccounts()).containsExactly("o1", "o2");
    List<Map<String, Object>> merged = ev(a).mergedIdentities();
    assertThat(merged.get(0).get("linked_by").toString()).contains("phone_hash:phone-aa")
        .doesNotContain("phone-aaaaaaaaaaaa");
  }

  @Test
  void memberRecruitingFromASecondAccountDoesNotHideALevel() {
    SchemeFixture f = new SchemeFixture();
    f.fee = 30_000L;
    f.root("a");
    for (int i = 0; i < 15; i++) {
      f.join("a" + i, "a");
    }
    f.root("alt"); // a0's second account: never referred, recruits on its own
    for (int i = 0; i < 15; i++) {
      f.join("b" + i, "alt");
    }
    assertThat(run(f.stream())).isEmpty();

    List<Event> linked = new ArrayList<>();
    linked.add(account("a0", "id-0123456789", null, null));
    linked.add(account("alt", "id-0123456789", null, null));
    linked.addAll(f.stream());
    // a's commission from the recruits of a0/alt arrives as team pay once they are one person
    for (int i = 0; i < 15; i++) {
      linked.add(new org.qinglang.event.Commission(f.ts + 90 * MIN, SchemeFixture.P, "a",
          "b" + i, 3_000));
    }
    List<Alert> alerts = run(sortByTs(linked));
    assertThat(alerts).hasSize(1);
    assertThat(ev(alerts.get(0)).levels()).isEqualTo(3);
    assertThat(ev(alerts.get(0)).persons()).isEqualTo(31);
    assertThat(alerts.get(0).accounts()).contains("a0", "alt", "b14");
  }

  @Test
  void anAltAccountReferredByItsOwnerIsNoExtraLevel() {
    SchemeFixture f = new SchemeFixture();
    f.fee = 30_000L;
    f.root("r");
    for (int i = 0; i < 29; i++) {
      f.join("r" + i, "r");
    }
    f.join("r-alt", "r");
    for (int i = 0; i < 8; i++) {
      f.join("x" + i, "r-alt");
    }
    // as accounts: 39 over 3 levels
    assertThat(run(f.stream())).hasSize(1);

    List<Event> linked = new ArrayList<>();
    linked.add(account("r", null, null, "dev-77777777"));
    linked.add(account("r-alt", null, null, "dev-77777777"));
    linked.addAll(f.stream());
    // as persons: r and r-alt are one, so x0..x7 are r's direct recruits: 2 levels
    assertThat(run(linked)).isEmpty();
  }

  @Test
  void feeDisguisedAsAnIdenticalFirstPurchaseCountsAsEntryFee() {
    SchemeFixture f = new SchemeFixture();
    f.fee = null;
    f.firstPurchase = 39_900;
    f.paidLevels = 2;
    f.tree("pack", 3, 3);
    List<Alert> alerts = run(f.stream());
    assertThat(alerts).hasSize(1);
    Alert a = alerts.get(0);
    assertThat(a.rule()).isEqualTo("QL-PYR-001");
    assertThat(ev(a).feesDisguisedFen()).isEqualTo(39 * 39_900L);
    assertThat(ev(a).disguisedFeeAmountFen()).isEqualTo(39_900L);

    SchemeFixture varied = new SchemeFixture();
    varied.fee = null;
    varied.firstPurchase = 39_900;
    varied.variedPurchase = true;
    varied.paidLevels = 2;
    varied.tree("shop", 3, 3);
    assertThat(run(varied.stream())).isEmpty();
  }

  @Test
  void growingSchemeKeepsOneIdAndIsReEmittedOnlyOnMaterialGrowth() {
    SchemeFixture f = new SchemeFixture();
    f.fee = 10_000L;
    f.tree("grow", 3, 4); // 121 persons, joins one a minute
    LocalRunner r = LocalRunner.of(new PyramidSchemeDetector());
    r.acceptAll(f.stream());
    List<Alert> alerts = r.finish();

    assertThat(alerts).hasSize(1);
    assertThat(ev(alerts.get(0)).persons()).isEqualTo(121);
    assertThat(r.emitted()).isBetween(2L, 15L); // not once per join (120)
  }

  @Test
  void slowGrowingSchemeOverWeeksIsStillFound() {
    SchemeFixture f = new SchemeFixture();
    f.fee = 20_000L;
    f.gap = 12 * 60 * MIN; // one join every 12 hours: 39 joins take 20 days
    f.tree("slow", 3, 3);
    List<Alert> alerts = run(f.stream());
    assertThat(alerts).hasSize(1);
    assertThat(ev(alerts.get(0)).persons()).isEqualTo(40);
  }

  @Test
  void aLateReferralAboveTheRootKeepsTheSchemesAlertId() {
    SchemeFixture f = new SchemeFixture();
    f.fee = 20_000L;
    f.tree("mid", 3, 3);
    List<Event> events = new ArrayList<>(f.stream());
    String before = run(events).get(0).id();
    events.add(new org.qinglang.event.Referral(f.ts + 30 * MIN, SchemeFixture.P, "mid",
        "upper", 20_000L));
    List<Alert> alerts = run(events);
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).id()).isEqualTo(before);
    assertThat(ev(alerts.get(0)).organiserAccounts()).containsExactly("upper");
  }

  @Test
  void twoSchemesAreTwoAlertsWithDisjointMembers() {
    SchemeFixture a = new SchemeFixture();
    a.fee = 20_000L;
    a.tree("alpha", 3, 3);
    SchemeFixture b = new SchemeFixture();
    b.fee = 20_000L;
    b.tree("beta", 4, 2);
    b.join("beta.0.0.0", "beta.0.0"); // 1 + 4 + 16 + 1 = 22: too small
    List<Event> all = new ArrayList<>(a.stream());
    all.addAll(b.stream());
    List<Alert> alerts = run(sortByTs(all));
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).accounts()).doesNotContain("beta", "beta.0");

    for (int i = 0; i < 10; i++) {
      b.join("beta.1.0." + i, "beta.1.0");
    }
    all = new ArrayList<>(a.stream());
    all.addAll(b.stream());
    alerts = run(sortByTs(all));
    assertThat(alerts).hasSize(2);
    assertThat(alerts.get(0).id()).isNotEqualTo(alerts.get(1).id());
    assertThat(alerts.get(0).accounts()).doesNotContainAnyElementsOf(alerts.get(1).accounts());
  }

  @Test
  void identitiesThatCloseACycleOfUplinesDoNotHangOrLosePeople() {
    SchemeFixture f = new SchemeFixture();
    f.fee = 20_000L;
    f.tree("c", 3, 3);
    List<Event> events = new ArrayList<>();
    // the root and a leaf turn out to be one person: the leaf's upline chain loops
    events.add(account("c", "id-loop-000000", null, null));
    events.add(account("c.2.2.2", "id-loop-000000", null, null));
    events.addAll(f.stream());
    List<Alert> alerts = run(events);
    assertThat(alerts).hasSize(1);
    assertThat(ev(alerts.get(0)).persons()).isEqualTo(39);
    assertThat(alerts.get(0).accounts()).hasSize(40);
  }

  @Test
  void referralsThatLoopBackAreCountedOnceAndDoNotHang() {
    SchemeFixture f = new SchemeFixture();
    f.fee = 20_000L;
    f.tree("loop", 3, 3);
    List<Event> events = new ArrayList<>(f.stream());
    // the root claims to have joined under one of its own leaves, and a leaf refers itself
    events.add(new org.qinglang.event.Referral(f.ts + MIN, SchemeFixture.P, "loop",
        "loop.1.1.1", 20_000L));
    events.add(new org.qinglang.event.Referral(f.ts + 2 * MIN, SchemeFixture.P, "loop.0.0.0",
        "loop.0.0.0", 20_000L));
    List<Alert> alerts = run(events);
    assertThat(alerts).hasSize(1);
    assertThat(ev(alerts.get(0)).persons()).isEqualTo(40);
    assertThat(alerts.get(0).accounts()).hasSize(40).doesNotHaveDuplicates();
  }

  @Test
  void aDeviceSharedByCrowdsDoesNotFoldStrangersIntoOnePerson() {
    SchemeFixture f = new SchemeFixture();
    f.fee = 20_000L;
    f.tree("farm", 3, 3);
    List<Event> events = new ArrayList<>();
    // every member registered on the same emulator's default device id, one after another in
    // the tree's order (which holders are "the first few" is decided by time, not by the
    // order of events that share a millisecond)
    for (int i = 0; i < f.accounts.size(); i++) {
      String a = f.accounts.get(i);
      AccountEvent e = account(a, "id-" + a + "-000000", null, "emulator-default-0000");
      events.add(new AccountEvent(e.ts() + i, e.platform(), a, e.created(), e.idHash(),
          e.phoneHash(), e.device()));
    }
    events.addAll(f.stream());
    List<Alert> alerts = run(events);
    assertThat(alerts).hasSize(1);
    // the first few holders are merged (a family could share a phone: root, its three
    // recruits and two of theirs), the other 34 stay apart instead of folding into one
    assertThat(ev(alerts.get(0)).persons())
        .isEqualTo(40 - (IdentityUnion.MAX_SHARED - 1));
    assertThat(ev(alerts.get(0)).levels()).isEqualTo(3);
  }

  private static List<Event> sortByTs(List<Event> events) {
    List<Event> out = new ArrayList<>(events);
    out.sort(java.util.Comparator.comparingLong(Event::ts));
    return out;
  }
}
