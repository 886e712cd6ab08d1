package org.qinglang.detectors.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qinglang.alert.Alert;
import org.qinglang.detect.LocalRunner;
import org.qinglang.event.Event;
import org.qinglang.event.RoomEnd;
import org.qinglang.event.RoomStart;
import org.qinglang.event.ViewerCount;
import org.qinglang.event.ViewerJoin;
import org.qinglang.event.ViewerLeave;

/** The counter, not the people: honest counts of a padded room are not inflation. */
class ViewerInflationCounterTest {
  static final long T0 = 1_763_636_400_000L;
  static final String ROOM = "r-1";

  private final List<Event> events = new ArrayList<>();
  private long joins;

  private List<Alert> run() {
    events.add(new RoomEnd(T0 + 40 * 60_000L, "douyin", ROOM));
    events.sort(Comparator.comparingLong(Event::ts));
    LocalRunner runner = LocalRunner.of(new ViewerInflationDetector());
    runner.acceptAll(events);
    return runner.finish();
  }

  /** {@code n} accounts in the room from minute 1 to minute 35, whoever they are. */
  private void audience(String prefix, int n) {
    events.add(new RoomStart(T0, "douyin", ROOM, "a", "t", null, null, null, null));
    for (int i = 0; i < n; i++) {
      events.add(new ViewerJoin(T0 + 60_000 + i * 100L, "douyin", ROOM, prefix + i, null, null,
          "other"));
      events.add(new ViewerLeave(T0 + 35 * 60_000L, "douyin", ROOM, prefix + i));
      joins++;
    }
  }

  /** Displayed counts every 30 s from minute 5 to 30: online x factor, total x totalFactor. */
  private void display(long online, double factor, double totalFactor) {
    for (long t = T0 + 5 * 60_000L; t < T0 + 30 * 60_000L; t += 30_000) {
      events.add(new ViewerCount(t, "douyin", ROOM, Math.round(online * factor),
          Math.round(joins * totalFactor)));
    }
  }

  @Test
  void aRoomFullOfBotsWithHonestCountsIsNotInflation() {
    audience("bot-", 300);
    display(300, 1.03, 1.02);
    assertThat(run()).isEmpty();
  }

  @Test
  void aDisplayRunningAwayFromItsJoinsIsInflationEvenWithBotsInTheRoom() {
    audience("bot-", 300);
    display(300, 3.0, 1.02);
    List<Alert> alerts = run();
    assertThat(alerts).hasSize(1);
    Alert a = alerts.get(0);
    assertThat(a.room()).isEqualTo(ROOM);
    assertThat(a.evidenceAs(ViewerInflationDetector.Evidence.class).meanRatio()).isBetween(2.9, 3.1);
    assertThat(a.evidenceAs(ViewerInflationDetector.Evidence.class).joinsObserved()).isEqualTo(300L);
    assertThat(a.evidenceAs(ViewerInflationDetector.Evidence.class).impossibleCounts()).isEqualTo(50);
  }

  @Test
  void cumulativeViewsRunningAwayFromTheJoinsIsInflation() {
    audience("v-", 200);
    display(200, 1.0, 4.0);
    List<Alert> alerts = run();
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).summary()).contains("cumulative views");
    assertThat(alerts.get(0).evidenceAs(ViewerInflationDetector.Evidence.class).peakTotalRatio()).isBetween(3.9, 4.1);
  }

  @Test
  void aSmallRoomPaddedBySixtyPercentIsFoundOverFiveMinutes() {
    audience("v-", 15);
    display(15, 1.6, 1.02); // 24 shown for 15 present: inside the per-sample slack
    List<Alert> alerts = run();
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).evidenceAs(ViewerInflationDetector.Evidence.class).meanRatio()).isBetween(1.5, 1.7);
  }

  @Test
  void aSmallRoomWithHonestNoiseStaysQuiet() {
    audience("v-", 15);
    display(15, 1.2, 1.02); // 18 for 15: noise, not padding
    assertThat(run()).isEmpty();
  }
}
