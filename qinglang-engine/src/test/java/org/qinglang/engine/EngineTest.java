package org.qinglang.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qinglang.alert.Alert;
import org.qinglang.detect.LocalRunner;
import org.qinglang.eval.Evaluator;
import org.qinglang.event.Event;
import org.qinglang.io.AlertJson;
import org.qinglang.io.JsonlEventReader;
import org.qinglang.sim.Simulator;

/** The Flink job, in-process: same findings as the plain runner, bad lines set aside. */
class EngineTest {
  @TempDir
  static Path dir;
  static Simulator.Result sim;

  @BeforeAll
  static void simulate() throws Exception {
    sim = Simulator.run(Simulator.Config.of(dir.resolve("sim"), 14, 40, 7));
  }

  @Test
  void flinkJobFindsWhatThePlainRunnerFinds() throws Exception {
    Path alerts = dir.resolve("alerts.jsonl");
    Engine.run(List.of(sim.events()), alerts, dir.resolve("dead.jsonl"), List.of(), 2, null);
    List<Alert> flink = AlertJson.readAlerts(alerts);

    LocalRunner local = new LocalRunner(QinglangJob.detectors(List.of()));
    try (JsonlEventReader r = JsonlEventReader.open(sim.events(), (l, why, raw) -> {})) {
      Event e;
      while ((e = r.next()) != null) {
        local.accept(e);
      }
    }
    List<Alert> plain = local.finish();
    assertThat(ids(flink)).isEqualTo(ids(plain));
    assertThat(flink).isNotEmpty();
    // Upserted: one line per finding, never a copy.
    List<String> lines = Files.readAllLines(alerts, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(flink.size());
    Evaluator.Report rep = Evaluator.evaluate(AlertJson.readLabels(sim.labels()), flink);
    assertThat(rep.kind("viewer_inflation").found()).isEqualTo(rep.kind("viewer_inflation").cases());
  }

  @Test
  void badLinesGoToTheDeadLetterFileAndNeighboursAreProcessed() throws Exception {
    Path in = dir.resolve("mixed.jsonl");
    String good1 = "{\"type\":\"room_start\",\"ts\":1000,\"platform\":\"douyin\",\"room\":\"r1\","
        + "\"anchor\":\"a1\",\"title\":\"t\",\"venue\":\"kindergarten\"}";
    String good2 = "{\"type\":\"room_end\",\"ts\":900000,\"platform\":\"douyin\",\"room\":\"r1\"}";
    Files.writeString(in, String.join("\n", good1, "{not json", 
        "{\"type\":\"teleport\",\"ts\":1,\"platform\":\"x\"}", good2) + "\n");
    Path alerts = dir.resolve("a2.jsonl");
    Path dead = dir.resolve("d2.jsonl");
    String run = "bad-lines-test";
    Engine.run(List.of(in), alerts, dead, List.of("minor_venue"), 1, run);
    List<String> dl = Files.readAllLines(dead);
    assertThat(dl).hasSize(2);
    assertThat(dl.get(0)).contains("\"line\":2").contains("invalid JSON");
    assertThat(dl.get(1)).contains("\"line\":3").contains("unknown type 'teleport'");
    assertThat(AlertJson.readAlerts(alerts)).extracting(Alert::kind).containsExactly("minor_venue");
    assertThat(Progress.of(run).events()).isEqualTo(2);
    assertThat(Progress.of(run).badLines.get()).isEqualTo(2);
  }

  /**
   * A crash in the middle of the stream: Flink restarts from the last checkpoint, replays, and
   * the alerts file ends the same as without the crash, with no line twice.
   */
  @Test
  void aCrashAndRestartLosesNothingAndDuplicatesNothing() throws Exception {
    Path clean = dir.resolve("clean.jsonl");
    Engine.run(List.of(sim.events()), clean, dir.resolve("dead-clean.jsonl"), List.of(), 2, null);
    Path crashed = dir.resolve("crashed.jsonl");
    long total = sim.eventCount();
    Engine.run(new QinglangJob.Config(List.of(sim.events()), crashed, dir.resolve("dead-crash.jsonl"),
        List.of(), 2, "crash-test", total * 2 / 3), 300);
    // The failure happened and part of the stream was read again after the restart.
    assertThat(FailOnce.seen("crash-test")).isGreaterThan(total);
    List<String> lines = Files.readAllLines(crashed, StandardCharsets.UTF_8);
    assertThat(lines).doesNotHaveDuplicates();
    assertThat(ids(AlertJson.readAlerts(crashed))).isEqualTo(ids(AlertJson.readAlerts(clean)))
        .isNotEmpty();
    assertThat(lines).hasSize(AlertJson.readAlerts(clean).size());
  }

  @Test
  void aSecondRunOverTheSameOutputReplacesItInsteadOfAppending() throws Exception {
    Path out = dir.resolve("twice.jsonl");
    Engine.run(List.of(sim.events()), out, dir.resolve("dead-twice.jsonl"), List.of(), 2, null);
    List<String> first = Files.readAllLines(out);
    Engine.run(List.of(sim.events()), out, dir.resolve("dead-twice.jsonl"), List.of(), 2, null);
    assertThat(Files.readAllLines(out)).containsExactlyInAnyOrderElementsOf(first);
  }

  private static Map<String, String> ids(List<Alert> alerts) {
    Map<String, String> m = new TreeMap<>();
    for (Alert a : new ArrayList<>(alerts)) {
      m.put(a.id(), a.kind() + "@" + a.room());
    }
    return m;
  }
}
