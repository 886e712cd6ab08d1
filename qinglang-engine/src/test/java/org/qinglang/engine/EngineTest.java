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

  private static Path clean;

  /**
   * The evening through the job once, with no fault and the default settings: the reference
   * the plain runner, the crashed run and the clock test compare with. Each of those ran this
   * same job over the same file into a file of its own; one run serves all three (the second
   * run over the same output still runs twice, in its own test).
   */
  static synchronized Path clean() throws Exception {
    if (clean == null) {
      Path out = dir.resolve("clean.jsonl");
      Engine.run(List.of(sim.events()), out, dir.resolve("dead-clean.jsonl"), List.of(), 2, null);
      clean = out;
    }
    return clean;
  }

  @Test
  void flinkJobFindsWhatThePlainRunnerFinds() throws Exception {
    Path alerts = clean();
    List<Alert> flink = AlertJson.readAlerts(alerts);

    LocalRunner local = new LocalRunner(QinglangJob.detectors(List.of()));
    try (JsonlEventReader r = JsonlEventReader.open(sim.events(), (l, why, raw) -> {})) {
      Event e;
      while ((e = r.next()) != null) {
        local.accept(e);
      }
    }
    List<Alert> plain = local.finish();
    // Whole lines, evidence included: the job's tasks, exchanges and checkpoints must not
    // change a word of what the plain runner writes.
    assertSameLines(flink, plain);
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
    String good1 = "{\"type\":\"room_start\",\"ts\":1732345600000,\"platform\":\"douyin\",\"room\":\"r1\","
        + "\"anchor\":\"a1\",\"title\":\"t\",\"venue\":\"kindergarten\"}";
    String good2 = "{\"type\":\"room_end\",\"ts\":1732346500000,\"platform\":\"douyin\",\"room\":\"r1\"}";
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
   * the alerts file ends the same as without the crash, with no line twice. Bad lines all
   * through the evening, before and after the crash and across many checkpoints, are each set
   * aside once (the dead letters are appended as checkpoints complete, and forgotten).
   */
  @Test
  void aCrashAndRestartLosesNothingAndDuplicatesNothing() throws Exception {
    Path clean = clean();
    List<String> in = new ArrayList<>(Files.readAllLines(sim.events(), StandardCharsets.UTF_8));
    List<Long> badAt = new ArrayList<>();
    for (int i = 250; i < in.size(); i += 500) {
      in.add(i, "{not json " + i);
      badAt.add(i + 1L); // line numbers count from 1
    }
    Path events = dir.resolve("crash-events.jsonl");
    Files.write(events, in, StandardCharsets.UTF_8);
    Path crashed = dir.resolve("crashed.jsonl");
    Path dead = dir.resolve("dead-crash.jsonl");
    long total = sim.eventCount();
    // Alerts not updated at the last checkpoint are frozen out of memory: the restore must
    // put the frozen file back as the checkpoint had it.
    System.setProperty("qinglang.alerts.freezeAfter", "1");
    try {
      Engine.run(new QinglangJob.Config(List.of(events), crashed, dead,
          List.of(), 2, "crash-test", total * 2 / 3), 300);
    } finally {
      System.clearProperty("qinglang.alerts.freezeAfter");
    }
    assertThat(UpsertJsonlSink.frozenFile(crashed)).isNotEmptyFile();
    // The failure happened and part of the stream was read again after the restart.
    assertThat(FailOnce.seen("crash-test")).isGreaterThan(total);
    List<String> lines = Files.readAllLines(crashed, StandardCharsets.UTF_8);
    assertThat(lines).doesNotHaveDuplicates();
    assertThat(AlertJson.readAlerts(crashed)).isNotEmpty();
    assertSameLines(AlertJson.readAlerts(crashed), AlertJson.readAlerts(clean));
    assertThat(lines).hasSize(AlertJson.readAlerts(clean).size());
    var lineNo = java.util.regex.Pattern.compile("\"line\":(\\d+)");
    List<Long> set = Files.readAllLines(dead, StandardCharsets.UTF_8).stream().map(l -> {
      var m = lineNo.matcher(l);
      assertThat(m.find()).as(l).isTrue();
      return Long.parseLong(m.group(1));
    }).sorted().toList();
    assertThat(badAt).hasSizeGreaterThan(50);
    assertThat(set).isEqualTo(badAt);
  }

  /**
   * The contract's clock rules: events dated 2100, Long.MAX or before 2000 in the middle of an
   * evening are dead letters with their reason and change no finding (were they let through,
   * the watermark would jump and every detector's state expire); an event a minute late is
   * processed and counted.
   */
  @Test
  void implausibleTimesAreSetAsideAndLateEventsCounted() throws Exception {
    Path clean = clean();
    List<String> lines = new ArrayList<>(Files.readAllLines(sim.events(), StandardCharsets.UTF_8));
    int mid = lines.size() / 2;
    String room = AlertJson.readAlerts(clean).get(0).room();
    String poison = "{\"type\":\"viewer_count\",\"ts\":%s,\"platform\":\"douyin\",\"room\":\""
        + room + "\",\"online\":999999}";
    lines.add(mid, poison.formatted("4102444800000"));
    lines.add(mid + 1000, poison.formatted(Long.MAX_VALUE));
    lines.add(mid + 2000, poison.formatted("5"));
    Path in = dir.resolve("clock.jsonl");
    Files.write(in, lines, StandardCharsets.UTF_8);
    Path alerts = dir.resolve("clock-alerts.jsonl");
    Path dead = dir.resolve("clock-dead.jsonl");
    Engine.run(List.of(in), alerts, dead, List.of(), 2, "clock-test");

    assertThat(new java.util.TreeSet<>(Files.readAllLines(alerts, StandardCharsets.UTF_8)))
        .isEqualTo(new java.util.TreeSet<>(Files.readAllLines(clean, StandardCharsets.UTF_8)))
        .isNotEmpty();
    List<String> dl = Files.readAllLines(dead, StandardCharsets.UTF_8);
    assertThat(dl).hasSize(3);
    assertThat(dl.get(0)).contains("\"line\":" + (mid + 1))
        .contains("implausible ts 4102444800000: more than 24 h ahead").contains("999999");
    assertThat(dl.get(1)).contains("\"line\":" + (mid + 1001))
        .contains("implausible ts " + Long.MAX_VALUE);
    assertThat(dl.get(2)).contains("\"line\":" + (mid + 2001))
        .contains("implausible ts 5: before 2000-01-01T00:00Z");
    assertThat(Progress.of("clock-test").badLines.get()).isEqualTo(3);
    // The simulator's evening has no event beyond the bound.
    assertThat(Progress.of("clock-test").lateEvents.get()).isZero();

    // One event a minute late among in-order ones: processed (its room still raises the
    // alert it alone makes) and counted.
    Path late = dir.resolve("late.jsonl");
    long t0 = 1732345600000L;
    Files.writeString(late, String.join("\n",
        "{\"type\":\"comment\",\"ts\":" + t0 + ",\"platform\":\"x\",\"room\":\"r0\",\"user\":\"u\",\"text\":\"a\"}",
        "{\"type\":\"comment\",\"ts\":" + (t0 + 120_000) + ",\"platform\":\"x\",\"room\":\"r0\",\"user\":\"u\",\"text\":\"b\"}",
        "{\"type\":\"room_start\",\"ts\":" + (t0 + 60_000) + ",\"platform\":\"douyin\",\"room\":\"r1\","
            + "\"anchor\":\"a1\",\"title\":\"t\",\"venue\":\"kindergarten\"}",
        "{\"type\":\"comment\",\"ts\":" + (t0 + 125_000) + ",\"platform\":\"x\",\"room\":\"r0\",\"user\":\"u\",\"text\":\"c\"}")
        + "\n");
    Engine.run(List.of(late), dir.resolve("late-alerts.jsonl"), dir.resolve("late-dead.jsonl"),
        List.of("minor_venue"), 1, "late-test");
    assertThat(Progress.of("late-test").lateEvents.get()).isEqualTo(1);
    assertThat(Progress.of("late-test").events()).isEqualTo(4);
    assertThat(AlertJson.readAlerts(dir.resolve("late-alerts.jsonl"))).extracting(Alert::room)
        .containsExactly("r1");
  }

  @Test
  void aSecondRunOverTheSameOutputReplacesItInsteadOfAppending() throws Exception {
    Path out = dir.resolve("twice.jsonl");
    Engine.run(List.of(sim.events()), out, dir.resolve("dead-twice.jsonl"), List.of(), 2, null);
    List<String> first = Files.readAllLines(out);
    Engine.run(List.of(sim.events()), out, dir.resolve("dead-twice.jsonl"), List.of(), 2, null);
    assertThat(Files.readAllLines(out)).containsExactlyInAnyOrderElementsOf(first);
  }

  /** Same alerts, line for line (by id); a failure says where the first pair parts. */
  private static void assertSameLines(List<Alert> got, List<Alert> want) {
    Map<String, String> g = lines(got);
    Map<String, String> w = lines(want);
    List<String> a = List.copyOf(g.values());
    List<String> b = List.copyOf(w.values());
    assertThat(g.keySet()).isEqualTo(w.keySet());
    assertThat(a).as(() -> KeyStateSerializerTest.firstDifference(a, b)).isEqualTo(b);
  }

  private static Map<String, String> lines(List<Alert> alerts) {
    Map<String, String> m = new TreeMap<>();
    for (Alert a : new ArrayList<>(alerts)) {
      m.put(a.id(), AlertJson.toLine(a));
    }
    return m;
  }
}
