package org.qinglang.detectors.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.qinglang.alert.Alert;
import org.qinglang.alert.Subject;
import org.qinglang.detect.LocalRunner;
import org.qinglang.event.AccountEvent;
import org.qinglang.event.Comment;
import org.qinglang.event.Event;
import org.qinglang.event.RoomEnd;
import org.qinglang.event.RoomStart;
import org.qinglang.event.ViewerJoin;
import org.qinglang.event.ViewerLeave;

class BotAudienceDetectorTest {
  static final long T0 = 1_763_636_400_000L;
  static final long DAY = 86_400_000L;
  static final String ROOM = "r-1";

  private final LocalRunner runner = LocalRunner.of(new BotAudienceDetector());
  /** Events are gathered, then fed in time order as a platform would send them. */
  private final List<Event> events = new ArrayList<>();

  private void start() {
    events.add(new RoomStart(T0, "douyin", ROOM, "anchor", "新品", null, null, null, "studio"));
  }

  private void account(String user, long created) {
    events.add(new AccountEvent(T0 - 3_600_000L, "douyin", user, created, null, null, null));
  }

  private void visit(String user, long join, long stay, String via, String device, String ip) {
    events.add(new ViewerJoin(join, "douyin", ROOM, user, device, ip, via));
    events.add(new ViewerLeave(join + stay, "douyin", ROOM, user));
  }

  /** Honest viewers: old accounts, own phones, home addresses, spread arrivals, minutes of stay. */
  private List<String> honest(int n, long from) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String u = "h-" + i;
      account(u, T0 - (200 + 7L * i) * DAY);
      visit(u, from + i * 13_000L, 180_000 + i * 7_000L, i % 3 == 0 ? "feed" : "search",
          "dev-h-" + i, "36.1." + i + ".9");
      out.add(u);
    }
    return out;
  }

  private List<Alert> finish(long end) {
    events.add(new RoomEnd(end, "douyin", ROOM));
    events.add(new ViewerJoin(end + 5 * 60_000L, "douyin", "r-other", "x", null, null, "feed"));
    events.sort(Comparator.comparingLong(Event::ts));
    runner.acceptAll(events);
    return runner.finish();
  }

  @Test
  void namesAFarmCohortAndNoHonestViewer() throws Exception {
    start();
    List<String> honest = honest(30, T0 + 60_000);
    Set<String> farm = new TreeSet<>();
    for (int i = 0; i < 12; i++) {
      String u = "b-" + i;
      account(u, T0 - 3 * DAY + i * 90_000L); // registered one after another
      visit(u, T0 + 600_000 + i * 1_500L, 2_000, "other", "farm-" + (i / 4), "47.96.7." + (2 + i));
      farm.add(u);
    }
    List<Alert> alerts = finish(T0 + 40 * 60_000L);

    assertThat(alerts).hasSize(1);
    Alert a = alerts.get(0);
    assertThat(a.kind()).isEqualTo("bot_audience");
    assertThat(a.room()).isEqualTo(ROOM);
    Set<String> named = new TreeSet<>();
    a.subjects().stream().filter(s -> s.type().equals("account")).forEach(s -> named.add(s.id()));
    assertThat(named).isEqualTo(farm);
    assertThat(a.subjects()).contains(Subject.room(ROOM));
    assertThat(named).doesNotContainAnyElementsOf(honest);
    BotAudienceDetector.Evidence ev = a.evidenceAs(BotAudienceDetector.Evidence.class);
    assertThat(ev.accountsNamed()).isEqualTo(12);
    assertThat(a.evidence().get("final")).isEqualTo(ev.finalUpdate());
    CohortEvidence cohort = ev.cohorts().get(0);
    assertThat(cohort.accounts()).isEqualTo(12);
    assertThat(cohort.maxAccountsPerDevice()).isEqualTo(4);
    assertThat(cohort.registrationSpanMin()).isEqualTo(16L); // 11 gaps of 90 s
    assertThat(cohort.dataCentreShare()).isEqualTo(1.0);
    assertThat(cohort.topIpBlocks()).extracting(CohortEvidence.IpBlock::block)
        .containsExactly("47.96.7.0/24");
    assertThat(cohort.joins()).isNotEmpty();
    // the alert file keeps the contract's JSON names
    assertThat(a.evidence()).containsKeys("accounts_named", "cohorts", "room_dwell_s", "final");
    assertThat(((List<?>) a.evidence().get("cohorts")).get(0)).asString()
        .contains("max_accounts_per_device=4", "registration_span_min=16", "room_others_dwell_s");
    // and reads back from the alert file as the same record
    Alert back = org.qinglang.io.AlertJson.parseAlert(org.qinglang.io.AlertJson.toLine(a));
    assertThat(back.evidenceAs(BotAudienceDetector.Evidence.class)).isEqualTo(ev);
    assertThat(a.basis()).isNotBlank();
  }

  @Test
  void silentOnAHonestCrowdBehindOneCarrierAddress() {
    start();
    honest(20, T0 + 60_000);
    // A link-drop crowd: 60 silent viewers within 10 s, all behind one CGNAT address.
    for (int i = 0; i < 60; i++) {
      String u = "c-" + i;
      account(u, T0 - (60 + 11L * i) * DAY);
      visit(u, T0 + 900_000 + i * 160L, 95_000 + i * 3_000L, i % 2 == 0 ? "share" : "feed",
          "dev-c-" + i, "117.136.8.10");
    }
    assertThat(finish(T0 + 40 * 60_000L)).isEmpty();
  }

  @Test
  void aHouseholdSharingAPhoneIsNotACohort() {
    start();
    honest(20, T0 + 60_000);
    for (int i = 0; i < 3; i++) {
      account("f-" + i, T0 - 400 * DAY);
      visit("f-" + i, T0 + 700_000 + i * 2_000L, 3_000, "other", "family-phone", "36.9.9.9");
    }
    assertThat(finish(T0 + 40 * 60_000L)).isEmpty();
  }

  @Test
  void accountsThatPostAreLeftToTheCommentDetectors() {
    start();
    honest(20, T0 + 60_000);
    for (int i = 0; i < 12; i++) {
      String u = "p-" + i;
      account(u, T0 - 2 * DAY + i * 60_000L);
      events.add(new ViewerJoin(T0 + 600_000 + i * 1_000L, "douyin", ROOM, u, "farm-" + i / 4,
          "47.96.8.3", "other"));
      for (int k = 0; k < 3; k++) {
        events.add(new Comment(T0 + 620_000 + i * 1_000L + k * 5_000L, "douyin", ROOM, u,
            "好用回购", "farm-" + i / 4, "47.96.8.3"));
      }
      events.add(new ViewerLeave(T0 + 700_000 + i * 1_000L, "douyin", ROOM, u));
    }
    assertThat(finish(T0 + 40 * 60_000L)).isEmpty();
  }

  @Test
  void dataCentreRangesComeFromTheDataFile() {
    DataCentreRanges r = DataCentreRanges.defaults();
    assertThat(r.contains("47.96.3.4")).isTrue();
    assertThat(r.contains("47.128.0.1")).isFalse();
    assertThat(r.contains("117.136.8.10")).isFalse();
    assertThat(r.contains("2001:db8::1")).isFalse();
    assertThat(r.contains("not-an-ip")).isFalse();
    assertThat(DataCentreRanges.block("47.96.3.4")).isEqualTo("47.96.3.0/24");
    assertThatThrownBy(() -> new DataCentreRanges(List.of("47.96.0.0")))
        .hasMessageContaining("47.96.0.0");
  }
}
