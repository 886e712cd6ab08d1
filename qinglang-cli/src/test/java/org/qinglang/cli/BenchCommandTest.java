package org.qinglang.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qinglang bench} runs each end-to-end analysis in a JVM of its own, so that no run
 * starts with code an earlier one compiled (issue 14 measures from a cold JVM).
 */
class BenchCommandTest {
  @TempDir
  Path dir;

  @Test
  void eachEngineRunIsAChildJvmWhoseFiguresReachTheTable() throws Exception {
    String out = run("bench", "--dir", dir.toString(), "--rooms", "3", "--minutes", "10",
        "--rounds", "1", "--warmup", "0", "--skip-costs");
    assertThat(out).contains("(each end-to-end run in a fresh JVM)");
    // The spine, all detectors at the default parallelism and, on more than one core, at 1:
    // each row's rate comes from a child's result line, which is not passed through.
    assertThat(out).containsPattern("\\| analyze end to end, \\[viewer_inflation, minor_venue\\],"
        + " parallelism \\d+ \\| [1-9][0-9,]* \\|");
    assertThat(out).containsPattern("\\| analyze end to end, all \\d+ detectors, parallelism \\d+"
        + " \\| [1-9][0-9,]* \\|");
    assertThat(out).contains("Where the CPU went, all ").contains("| **process total**");
    assertThat(out).doesNotContain("qinglang-bench-result").doesNotContain("qinglang-bench-cpu");
    // Each child wrote its own alerts, as the in-process runs did.
    assertThat(dir.resolve("alerts-spine.jsonl")).exists();
    assertThat(dir.resolve("alerts-all.jsonl")).exists();
  }

  /**
   * The three ways the cost table feeds the runner (objects kept, decoded up front, decoded as
   * taken) give the detectors the same events: the same alerts, digest for digest.
   */
  @Test
  void everyCostModeFindsTheSameAlerts() {
    String[] base = {"bench", "--dir", dir.toString(), "--rooms", "3", "--minutes", "10",
        "--costs-only", "--cost-kinds", "bot_audience,viewer_inflation", "--cost-rounds", "1",
        "--cost-warmup", "0"};
    java.util.List<String> rows = new java.util.ArrayList<>();
    for (String mode : new String[] {null, "--cost-fresh", "--cost-streamed"}) {
      java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(base));
      if (mode != null) {
        args.add(mode);
      }
      String out = run(args.toArray(String[]::new));
      // The alerts column (count and digest) of each detector's row, the timings left out.
      StringBuilder alerts = new StringBuilder();
      for (String line : out.split("\n")) {
        if (line.startsWith("| bot_audience |") || line.startsWith("| viewer_inflation |")) {
          alerts.append(line.split("\\|")[6].trim()).append(';');
        }
      }
      rows.add(alerts.toString());
    }
    assertThat(rows.get(0)).matches("[0-9]+ \\([0-9a-f]{12}\\);[0-9]+ \\([0-9a-f]{12}\\);");
    assertThat(rows).containsOnly(rows.get(0));
  }

  /**
   * A user measures on an evening of their own: the cost table and the engine runs (in their
   * child JVMs) read that file, and nothing is simulated.
   */
  @Test
  void anInputFileIsMeasuredInsteadOfASimulatedEvening() throws Exception {
    Path sim = dir.resolve("sim");
    run("simulate", "--out", sim.toString(), "--rooms", "3", "--minutes", "10");
    Path mine = java.nio.file.Files.copy(sim.resolve("events.jsonl"), dir.resolve("mine.jsonl"));
    long lines;
    try (var l = java.nio.file.Files.lines(mine)) {
      lines = l.count();
    }
    Path work = dir.resolve("work");
    String costs = run("bench", "--dir", work.toString(), "--input", mine.toString(),
        "--costs-only", "--cost-kinds", "viewer_inflation", "--cost-rounds", "1",
        "--cost-warmup", "0");
    assertThat(costs).contains(String.format("file: %s (%,d events)", mine, lines))
        .containsPattern("\\| viewer_inflation \\| ROOM \\|");
    String engine = run("bench", "--dir", work.toString(), "--input", mine.toString(),
        "--rounds", "1", "--warmup", "0", "--skip-costs", "--skip-all");
    assertThat(engine).contains(String.format("file: %s (%,d events", mine, lines));
    assertThat(work.resolve("alerts-spine.jsonl")).exists();
    try (var listing = java.nio.file.Files.list(work)) {
      assertThat(listing.map(p -> p.getFileName().toString())).noneMatch(f -> f.startsWith("sim-"));
    }
  }

  @Test
  void aChildThatFailsFailsTheBench() {
    // A child with a kind that does not exist ends with an error: the bench must say so, not
    // print a table without that run.
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Main.run("bench", "--dir", dir.toString(), "--rooms", "2", "--minutes", "10",
          "--rounds", "1", "--warmup", "0", "--skip-costs", "--skip-all",
          "--spine-kinds", "no_such_kind");
    } finally {
      System.setErr(old);
    }
    assertThat(code).isNotZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("SPINE run's JVM ended");
  }

  private static String run(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      assertThat(Main.run(args)).isZero();
    } finally {
      System.setOut(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }
}
