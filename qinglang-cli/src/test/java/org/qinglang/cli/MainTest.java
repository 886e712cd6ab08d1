package org.qinglang.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir
  Path dir;

  private String capture(Runnable r) {
    return capture(r, false);
  }

  private String captureErr(Runnable r) {
    return capture(r, true);
  }

  /** What {@code r} printed on standard output, or on standard error. */
  private static String capture(Runnable r, boolean err) {
    PrintStream old = err ? System.err : System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream to = new PrintStream(buf, true, StandardCharsets.UTF_8);
    if (err) {
      System.setErr(to);
    } else {
      System.setOut(to);
    }
    try {
      r.run();
    } finally {
      if (err) {
        System.setErr(old);
      } else {
        System.setOut(old);
      }
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void everySubcommandHasHelp() {
    for (String cmd : new String[] {"demo", "simulate", "analyze", "eval", "bench"}) {
      String out = capture(() -> assertThat(Main.run(cmd, "--help")).isZero());
      assertThat(out).as(cmd).contains("Usage: qinglang " + cmd).contains("--help");
    }
    assertThat(capture(() -> Main.run("--help"))).contains("demo").contains("analyze");
  }

  @Test
  void badUsageIsAnErrorNotACrash() {
    assertThat(Main.run("analyze", "--no-such-option")).isEqualTo(2);
    assertThat(Main.run("eval", "--labels", dir.resolve("missing.jsonl").toString(),
        "--alerts", dir.resolve("missing.jsonl").toString())).isEqualTo(2);
  }

  @Test
  void simulateThenEvalScoresAPerfectAndAnEmptyAnswer() throws Exception {
    Path sim = dir.resolve("sim");
    capture(() -> assertThat(Main.run("simulate", "--out", sim.toString(), "--rooms", "10",
        "--minutes", "20", "--seed", "4")).isZero());
    assertThat(sim.resolve("events.jsonl")).isNotEmptyFile();
    assertThat(sim.resolve("traps.jsonl")).isNotEmptyFile();
    // Alerts that repeat the labels score 1.0; an empty file scores 0 recall.
    StringBuilder perfect = new StringBuilder();
    int i = 0;
    for (String line : Files.readAllLines(sim.resolve("labels.jsonl"))) {
      var l = org.qinglang.io.AlertJson.parseLabel(line);
      perfect.append(org.qinglang.io.AlertJson.toLine(new org.qinglang.alert.Alert("a-" + i++,
          l.kind(), 0, "p", l.room(), 0.9, org.qinglang.alert.Severity.HIGH, l.subjects(), "s",
          java.util.Map.of(), null, null))).append('\n');
    }
    Path alerts = dir.resolve("alerts.jsonl");
    Files.writeString(alerts, perfect);
    String out = capture(() -> Main.run("eval", "--labels", sim.resolve("labels.jsonl").toString(),
        "--alerts", alerts.toString()));
    assertThat(out).contains("macro-F1").contains("1.000").doesNotContain("false alarms");
    Files.writeString(alerts, "");
    out = capture(() -> Main.run("eval", "--labels", sim.resolve("labels.jsonl").toString(),
        "--alerts", alerts.toString()));
    assertThat(out).contains("macro-F1 over").contains("0.000").contains("missed");
  }
  /**
   * The history's table is learned, then handed to analyze; a table with a bad line stops the
   * command before the job, naming the file and line, and the table does not outlive its run.
   */
  @Test
  void baselinesAreLearnedFromHistoryAndUsedByAnalyze() throws Exception {
    Path sim = dir.resolve("history");
    capture(() -> assertThat(Main.run("simulate", "--out", sim.toString(), "--rooms", "60",
        "--minutes", "60", "--seed", "5", "--scenario", "high_returns")).isZero());
    Path table = dir.resolve("baselines.csv");
    String out = capture(() -> assertThat(Main.run("baselines", "--input",
        sim.resolve("events.jsonl").toString(), "--out", table.toString())).isZero());
    assertThat(out).contains("baselines written to").contains("cosmetics");
    assertThat(org.qinglang.detectors.order.AfterSalesBaselines.read(table).rows()).isNotEmpty();

    Path alerts = dir.resolve("learned-alerts.jsonl");
    out = capture(() -> assertThat(Main.run("analyze", "--input",
        sim.resolve("events.jsonl").toString(), "--alerts", alerts.toString(), "--kinds",
        "post_show_cancellation", "--parallelism", "1", "--no-progress",
        "--aftersales-baselines", table.toString())).isZero());
    assertThat(out).contains("after-sales baselines:");
    // the table reached the detectors inside the Flink job: their alerts cite learned rows
    List<org.qinglang.alert.Alert> found = org.qinglang.io.AlertJson.readAlerts(alerts);
    assertThat(found).isNotEmpty().allSatisfy(a -> assertThat(a.evidenceAs(
        org.qinglang.detectors.order.PostShowCancellationDetector.Evidence.class).baselines())
        .anySatisfy(b -> assertThat(b.basis()).startsWith("learned ")));
    assertThat(System.getProperty(org.qinglang.detectors.order.AfterSalesBaselines.PROPERTY))
        .isNull();

    Files.writeString(table, "douyin,,cosmetics,5,250,40,0.16,0\n");
    String err = captureErr(() -> assertThat(Main.run("analyze", "--input",
        sim.resolve("events.jsonl").toString(), "--alerts", alerts.toString(),
        "--aftersales-baselines", table.toString())).isEqualTo(2));
    assertThat(err).contains(table + ":1");
  }

  /**
   * A pack with a rule on trial, handed to analyze: the job's false_claim writes that rule's
   * alert with "shadow": true, the shipped pack writes none, and a broken pack stops the
   * command before the job, naming the file.
   */
  @Test
  void analyzeRunsFalseClaimWithTheRulesPackGiven() throws Exception {
    Path events = dir.resolve("events.jsonl");
    Files.writeString(events, String.join("\n",
        "{\"type\":\"speech\",\"ts\":1761130860000,\"platform\":\"douyin\",\"room\":\"r-1\","
            + "\"text\":\"这款面霜闭眼入，放心买\"}",
        "{\"type\":\"speech\",\"ts\":1761130870000,\"platform\":\"douyin\",\"room\":\"r-1\","
            + "\"text\":\"这是全网最好的面霜\"}") + "\n", StandardCharsets.UTF_8);
    com.fasterxml.jackson.databind.node.ObjectNode pack;
    try (java.io.InputStream in = org.qinglang.detectors.claim.RulePack.class
        .getResourceAsStream(org.qinglang.detectors.claim.RulePack.RESOURCE)) {
      pack = (com.fasterxml.jackson.databind.node.ObjectNode) org.qinglang.io.Json.MAPPER
          .readTree(in);
    }
    com.fasterxml.jackson.databind.node.ObjectNode rule = ((com.fasterxml.jackson.databind.node
        .ArrayNode) pack.get("rules")).addObject();
    // An absolute-terms rule, the family the learned model also reads 闭眼入 as, so that its
    // veto leaves the trial alone (as in ShadowRulesTest).
    rule.put("id", "QL-CLM-901").put("family", "absolute_terms").put("title", "试行：闭眼入")
        .put("severity", "medium").put("rewrite", "删去“闭眼入”").put("basis", "trademark_14")
        .put("shadow", true);
    rule.putArray("categories").add("*");
    rule.putArray("patterns").add("闭眼入");
    Path trial = dir.resolve("trial.json");
    org.qinglang.io.Json.MAPPER.writeValue(trial.toFile(), pack);

    Path alerts = dir.resolve("trial-alerts.jsonl");
    String out = capture(() -> assertThat(Main.run("analyze", "--input", events.toString(),
        "--alerts", alerts.toString(), "--kinds", "false_claim", "--parallelism", "1",
        "--no-progress", "--rules-pack", trial.toString())).isZero());
    assertThat(out).contains("rule pack: ").contains("1 shadow")
        .contains("false_claim (shadow)=1");
    List<org.qinglang.alert.Alert> found = org.qinglang.io.AlertJson.readAlerts(alerts);
    assertThat(found).filteredOn(org.qinglang.alert.Alert::shadow).singleElement()
        .satisfies(a -> assertThat(a.rule()).isEqualTo("QL-CLM-901"));
    assertThat(found).filteredOn(a -> !a.shadow()).isNotEmpty()
        .noneMatch(a -> "QL-CLM-901".equals(a.rule()));
    assertThat(Files.readString(alerts)).contains("\"shadow\":true");
    assertThat(System.getProperty(org.qinglang.detectors.claim.ClaimRules.PROPERTY)).isNull();

    Path shipped = dir.resolve("shipped-alerts.jsonl");
    capture(() -> assertThat(Main.run("analyze", "--input", events.toString(), "--alerts",
        shipped.toString(), "--kinds", "false_claim", "--parallelism", "1", "--no-progress"))
        .isZero());
    assertThat(Files.readString(shipped)).isNotEmpty().doesNotContain("shadow");

    Files.writeString(trial, Files.readString(trial).replace("\"shadow\":true",
        "\"shadow\":\"yes\""));
    String err = captureErr(() -> assertThat(Main.run("analyze", "--input", events.toString(),
        "--alerts", alerts.toString(), "--rules-pack", trial.toString())).isEqualTo(2));
    assertThat(err).contains(trial.toString()).contains("QL-CLM-901")
        .contains("'shadow' must be true or false");
  }
}
