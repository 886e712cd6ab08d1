package org.qinglang.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qinglang.alert.Alert;
import org.qinglang.detect.LocalRunner;
import org.qinglang.io.AlertJson;
import org.qinglang.io.JsonlEventReader;

/**
 * A KEYED detector on the Flink job at parallelism 2 sees what it sees through
 * {@link LocalRunner}: every key gets each event naming it once, in event-time order, however
 * many keys the event names and whichever task a key lands on.
 */
class KeyedScopeEngineTest {
  @TempDir
  Path dir;

  @Test
  void anEventWithSeveralKeysReachesEachOfThemOnTheJobAsInTheRunner() throws Exception {
    long t0 = 1_763_636_400_000L;
    StringBuilder in = new StringBuilder();
    in.append(comment(t0 + 5_000, "u-both", KeyedProbeDetector.MARK + " k1 k2"));
    // 2 s earlier, within the lateness: k2 must see it first
    in.append(comment(t0 + 3_000, "u-early", KeyedProbeDetector.MARK + " k2"));
    in.append(comment(t0 + 7_000, "u-twice", KeyedProbeDetector.MARK + " k1 k1"));
    in.append(comment(t0 + 8_000, "u-none", KeyedProbeDetector.MARK));
    // enough keys that both tasks hold some
    for (int i = 0; i < 40; i++) {
      in.append(comment(t0 + 9_000 + i, "u" + i, KeyedProbeDetector.MARK + " k1 x" + i));
    }
    Path events = dir.resolve("events.jsonl");
    Files.writeString(events, in);
    Path alerts = dir.resolve("alerts.jsonl");

    Engine.run(List.of(events), alerts, dir.resolve("dead.jsonl"),
        List.of(KeyedProbeDetector.KIND), 2, null);
    Map<String, Object> flink = byKey(AlertJson.readAlerts(alerts));

    LocalRunner local = LocalRunner.of(new KeyedProbeDetector());
    try (JsonlEventReader r = JsonlEventReader.open(events, (l, why, raw) -> {})) {
      for (var e = r.next(); e != null; e = r.next()) {
        local.accept(e);
      }
    }
    Map<String, Object> plain = byKey(local.finish());

    assertThat(flink).isEqualTo(plain);
    assertThat(flink).hasSize(2 + 40);
    List<String> k1 = new java.util.ArrayList<>(List.of("u-both", "u-twice"));
    for (int i = 0; i < 40; i++) {
      k1.add("u" + i);
    }
    assertThat(flink.get("k1")).isEqualTo(k1);
    assertThat(flink.get("k2")).isEqualTo(List.of("u-early", "u-both"));
    assertThat(flink.get("x7")).isEqualTo(List.of("u7"));
  }

  /** Each key's latest alert: the users it saw, in order. */
  private static Map<String, Object> byKey(List<Alert> alerts) {
    Map<String, Object> m = new TreeMap<>();
    for (Alert a : alerts) {
      if (a.rule().equals("QL-TEST")) {
        m.put((String) a.evidence().get("key"), a.evidence().get("users"));
      }
    }
    return m;
  }

  private static String comment(long ts, String user, String text) {
    return "{\"type\":\"comment\",\"ts\":" + ts + ",\"platform\":\"douyin\",\"room\":\"r1\","
        + "\"user\":\"" + user + "\",\"text\":\"" + text + "\"}\n";
  }
}
