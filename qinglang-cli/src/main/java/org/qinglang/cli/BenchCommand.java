package org.qinglang.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.qinglang.engine.Engine;
import org.qinglang.io.JsonlEventReader;
import org.qinglang.sim.Simulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qinglang bench}: the reader's parse rate and the engine end to end. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Measure the reader and the engine.", "",
        "Measures, on a simulated file of about a million events: analyze end to end on",
        "the in-process Flink engine (the spine's detectors first, in a JVM that has not",
        "parsed anything yet, then all detectors), then the reader's parse-only rate on",
        "one thread. Prints a Markdown table for docs/PERFORMANCE.md."})
public final class BenchCommand implements Callable<Integer> {
  @Option(names = "--dir", defaultValue = "target/bench", description = "Where the file is generated and cached (default ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--rooms", defaultValue = "240", description = "Rooms to simulate (default ${DEFAULT-VALUE}: just over a million events at 60 min).")
  int rooms;

  @Option(names = "--minutes", defaultValue = "60", description = "Show length (default ${DEFAULT-VALUE}).")
  int minutes;

  @Option(names = "--rounds", defaultValue = "5", description = "Parse-only rounds measured; the median is reported (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--warmup", defaultValue = "3", description = "Parse-only rounds run first and not counted: the JIT recompiles the parser as the mix of event types changes along the file (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--spine-kinds", split = ",", defaultValue = "viewer_inflation,minor_venue", description = "Kinds for the first end-to-end run (default ${DEFAULT-VALUE}).")
  List<String> spineKinds;

  @Option(names = "--skip-all", description = "Skip the end-to-end run with all detectors.")
  boolean skipAll;

  @Override
  public Integer call() throws Exception {
    if (rounds < 1 || warmup < 0) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "--rounds must be at least 1 and --warmup at least 0");
    }
    Path events = dir.resolve("sim-" + rooms + "x" + minutes).resolve("events.jsonl");
    if (!Files.exists(events)) {
      System.out.println("generating " + rooms + " rooms x " + minutes + " min ...");
      Simulator.run(new Simulator.Config(events.getParent(), rooms, minutes, 1, "default",
          Map.of(), null));
    }
    long bytes = Files.size(events);
    // The engine runs first, in a JVM that has not parsed anything yet, as a user's analyze
    // does; the parse-only rounds, which warm the parser up, come after.
    List<String[]> engineRows = new ArrayList<>();
    int par = Engine.defaultParallelism();
    Analysis.Summary spine = Analysis.run(events, dir.resolve("alerts-spine.jsonl"),
        dir.resolve("dead-spine.jsonl"), spineKinds, par, System.out, false);
    long n = spine.events();
    engineRows.add(new String[] {"analyze end to end, " + spineKinds + ", parallelism " + par
        + ", fresh JVM", String.format("%,.0f", spine.eventsPerSecond())});
    engineRows.add(new String[] {"  same run, from the first event read (engine start-up excluded)",
        String.format("%,.0f", spine.processingPerSecond())});
    engineRows.add(new String[] {"  same run, kept after the first quarter of the file (warm)",
        String.format("%,.0f", spine.steadyPerSecond())});
    if (!skipAll) {
      Analysis.Summary all = Analysis.run(events, dir.resolve("alerts-all.jsonl"),
          dir.resolve("dead-all.jsonl"), List.of(), par, System.out, false);
      engineRows.add(new String[] {"analyze end to end, all "
          + org.qinglang.engine.QinglangJob.detectors(List.of()).size()
          + " detectors, parallelism " + par, String.format("%,.0f", all.eventsPerSecond())});
      engineRows.add(new String[] {"  same run, from the first event read (engine start-up excluded)",
          String.format("%,.0f", all.processingPerSecond())});
      engineRows.add(new String[] {"  same run, kept after the first quarter of the file (warm)",
          String.format("%,.0f", all.steadyPerSecond())});
    }
    double[] rates = new double[rounds];
    for (int i = -warmup; i < rounds; i++) {
      long t0 = System.nanoTime();
      long read = 0;
      try (JsonlEventReader r = JsonlEventReader.open(events, (l, why, raw) -> {})) {
        while (r.next() != null) {
          read++;
        }
      }
      double rate = read / ((System.nanoTime() - t0) / 1e9);
      if (i < 0) {
        System.out.printf("parse warm-up %d: %,.0f events/s%n", warmup + i + 1, rate);
        continue;
      }
      rates[i] = rate;
      System.out.printf("parse round %d: %,.0f events/s%n", i + 1, rate);
    }
    Arrays.sort(rates);
    double parse = rates[rounds / 2];
    if (n < 1_000_000) {
      System.out.printf("warning: only %,d events; use more --rooms for the 1 M figure%n", n);
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"reader, parse only, 1 thread (median of " + rounds + " after "
        + warmup + " warm-up rounds)", String.format("%,.0f", parse)});
    rows.addAll(engineRows);
    System.out.printf("%nfile: %s (%,d events, %.0f MB)%n", events, n, bytes / 1e6);
    System.out.printf("machine: %d cores, %s, Java %s%n%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        System.getProperty("java.version"));
    System.out.println("| measurement | events/s |");
    System.out.println("|---|---:|");
    for (String[] r : rows) {
      System.out.println("| " + r[0] + " | " + r[1] + " |");
    }
    return 0;
  }
}
