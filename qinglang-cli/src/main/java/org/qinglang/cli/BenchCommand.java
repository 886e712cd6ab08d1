package org.qinglang.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.qinglang.alert.Alert;
import org.qinglang.detect.Detector;
import org.qinglang.detect.LocalRunner;
import org.qinglang.engine.Engine;
import org.qinglang.engine.EventSerializer;
import org.qinglang.engine.StateSize;
import org.qinglang.event.Event;
import org.qinglang.io.JsonlEventReader;
import org.qinglang.sim.Simulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qinglang bench}: the reader's parse rate and the engine end to end. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Measure the reader and the engine.", "",
        "Measures, on a simulated file of about 1.7 million events (or --input, a file of",
        "your own): analyze end to end on",
        "the in-process Flink engine (the spine's detectors, then all detectors at the",
        "default parallelism and at 1, each run in a fresh JVM with this JVM's options),",
        "then the reader's parse-only rate on",
        "one thread, then each detector alone through LocalRunner on one thread (warm,",
        "cost per event of the file less the runner's own, and its keyed state at the end",
        "of the file and half-way through it). Prints Markdown tables for",
        "docs/PERFORMANCE.md."})
public final class BenchCommand implements Callable<Integer> {
  @Option(names = "--dir", defaultValue = "target/bench", description = "Where the file is generated and cached (default ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--input", description = "Measure on this events file (JSONL or JSONL.gz, e.g. an evening of your own platform) instead of a simulated one: the cost and state of each detector on your traffic. --rooms and --minutes are then ignored.")
  Path input;

  @Option(names = "--rooms", defaultValue = "400", description = "Rooms to simulate (default ${DEFAULT-VALUE}: about 1.7 million events at 60 min; issue 14 measures on 1.5 million or more).")
  int rooms;

  @Option(names = "--minutes", defaultValue = "60", description = "Show length (default ${DEFAULT-VALUE}).")
  int minutes;

  @Option(names = "--rounds", defaultValue = "5", description = "Parse-only rounds measured; the median is reported (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--warmup", defaultValue = "3", description = "Parse-only rounds run first and not counted: the JIT recompiles the parser as the mix of event types changes along the file (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--spine-kinds", split = ",", defaultValue = "viewer_inflation,minor_venue", description = "Kinds for the first end-to-end run (default ${DEFAULT-VALUE}).")
  List<String> spineKinds;

  @Option(names = "--skip-all", description = "Skip the end-to-end runs with all detectors.")
  boolean skipAll;

  @Option(names = "--skip-p1", description = "Skip the all-detector run at parallelism 1 (the p2/p1 ratio).")
  boolean skipP1;

  @Option(names = "--costs-only", description = "Only the per-detector cost table (no engine run, no parse rounds).")
  boolean costsOnly;

  @Option(names = "--skip-costs", description = "Skip the per-detector cost table.")
  boolean skipCosts;

  @Option(names = "--cost-kinds", split = ",", description = "Detectors for the cost table (default: all).")
  List<String> costKinds = List.of();

  @Option(names = "--cost-combined", description = "Also run the chosen detectors together in one runner (as many passes again as one detector, at the cost of all of them).")
  boolean combined;

  @Option(names = "--cost-fresh", description = "Give every pass events freshly decoded from the engine's wire form (new objects and strings, as a detector task receives them) instead of the same objects again: the cost a detector has in the engine.")
  boolean fresh;

  @Option(names = "--cost-streamed", description = "Decode each event from the engine's wire form right before the runner takes it, in every pass and for the runner alone as well (so decoding cancels in the difference), as a task deserialises a record just before it handles it: the detector meets the event while it is in cache, instead of reading objects decoded long before back from memory.")
  boolean streamed;

  @Option(names = "--cost-warmup", defaultValue = "1", description = "Unmeasured passes over the file per detector before the measured ones (default ${DEFAULT-VALUE}).")
  int costWarmup;

  @Option(names = "--cost-rounds", defaultValue = "2", description = "Measured passes per detector; the median is reported (default ${DEFAULT-VALUE}).")
  int costRounds;

  @Option(names = "--same-jvm", description = "Run the end-to-end analyses in this JVM one after the other, as before 2026-12-04 (each later run then starts with code the earlier ones compiled), instead of each in a fresh JVM.")
  boolean sameJvm;

  /** Set in the child JVM that does one end-to-end run: which one ({@link EngineRun#name}). */
  @Option(names = "--engine-run", hidden = true)
  String engineRun;

  @Override
  public Integer call() throws Exception {
    if (rounds < 1 || warmup < 0 || costRounds < 1 || costWarmup < 0) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "--rounds and --cost-rounds must be at least 1, --warmup and --cost-warmup at least 0");
    }
    Path events = input != null ? input
        : dir.resolve("sim-" + rooms + "x" + minutes).resolve("events.jsonl");
    if (input != null && !Files.isRegularFile(input)) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "--input: no such file: " + input);
    }
    if (!Files.exists(events)) {
      System.out.println("generating " + rooms + " rooms x " + minutes + " min ...");
      Simulator.run(new Simulator.Config(events.getParent(), rooms, minutes, 1, "default",
          Map.of(), null));
    }
    long bytes = Files.size(events);
    if (costsOnly) {
      // For profiling a detector (java -XX:StartFlightRecording ...): no Flink in the picture.
      costs(events);
      return 0;
    }
    if (engineRun != null) {
      EngineRun.valueOf(engineRun).runHere(this, events);
      return 0;
    }
    // Each end-to-end run in a JVM of its own that has compiled nothing yet, as a user's
    // analyze starts: in one JVM the later runs would reuse the earlier ones' compiled code,
    // which on two cores is half the CPU of a run (the p1 run after p2 looked faster than it is).
    // The parse-only rounds, which warm the parser up, come after.
    List<String[]> engineRows = new ArrayList<>();
    Map<String, List<String[]>> cpuTables = new java.util.LinkedHashMap<>();
    long n = 0;
    List<EngineRun> runs = new ArrayList<>(List.of(EngineRun.SPINE));
    int par = Engine.defaultParallelism();
    if (!skipAll) {
      runs.add(EngineRun.ALL);
      if (par > 1 && !skipP1) {
        runs.add(EngineRun.ALL_P1);
      }
    }
    Map<EngineRun, double[]> rates = new java.util.EnumMap<>(EngineRun.class);
    for (EngineRun r : runs) {
      EngineResult res = sameJvm ? r.runHere(this, events) : r.runInFreshJvm(this);
      n = res.events;
      rates.put(r, res.rates);
      String what = r.label(this, par);
      if (r == EngineRun.SPINE) {
        what += sameJvm ? ", fresh JVM" : "";
      }
      addRows(engineRows, what, res.rates);
      if (res.cpu != null) {
        cpuTables.put(r.cpuLabel(par), res.cpu);
      }
    }
    if (rates.containsKey(EngineRun.ALL_P1)) {
      double[] a = rates.get(EngineRun.ALL);
      double[] one = rates.get(EngineRun.ALL_P1);
      engineRows.add(new String[] {"  ratio parallelism " + par + " / parallelism 1, over the"
          + " wall time (kept after the first quarter)",
          String.format("%.2f (%.2f)", a[0] / one[0], a[2] / one[2])});
    }
    double[] parseRates = new double[rounds];
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
      parseRates[i] = rate;
      System.out.printf("parse round %d: %,.0f events/s%n", i + 1, rate);
    }
    Arrays.sort(parseRates);
    double parse = parseRates[rounds / 2];
    if (n < 1_500_000) {
      System.out.printf("warning: only %,d events; use more --rooms for issue 14's 1.5 M figure%n", n);
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"reader, parse only, 1 thread (median of " + rounds + " after "
        + warmup + " warm-up rounds)", String.format("%,.0f", parse)});
    rows.addAll(engineRows);
    System.out.printf("%nfile: %s (%,d events, %.0f MB)%n", events, n, bytes / 1e6);
    System.out.printf("machine: %d cores, %s, Java %s%n%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        System.getProperty("java.version"));
    System.out.printf("JVM options: %s%s%n%n", String.join(" ", jvmOptions().stream()
        .filter(o -> !o.startsWith("--add-opens") && !o.startsWith("-Xlog:cds")).toList()),
        sameJvm ? " (every run in this JVM)" : " (each end-to-end run in a fresh JVM)");
    System.out.println("| measurement | events/s |");
    System.out.println("|---|---:|");
    for (String[] r : rows) {
      System.out.println("| " + r[0] + " | " + r[1] + " |");
    }
    for (Map.Entry<String, List<String[]>> t : cpuTables.entrySet()) {
      System.out.printf("%nWhere the CPU went, %s (thread CPU time over the run):%n%n", t.getKey());
      System.out.println("| threads | CPU s | µs/event | share |");
      System.out.println("|---|---:|---:|---:|");
      for (String[] r : t.getValue()) {
        System.out.println("| " + String.join(" | ", r) + " |");
      }
    }
    if (!skipCosts) {
      System.out.println();
      costs(events);
    }
    return 0;
  }

  private static void addRows(List<String[]> rows, String what, double[] r) {
    rows.add(new String[] {what, String.format("%,.0f", r[0])});
    rows.add(new String[] {"  same run, from the first event read (engine start-up excluded)",
        String.format("%,.0f", r[1])});
    rows.add(new String[] {"  same run, kept after the first quarter of the file (warm)",
        String.format("%,.0f", r[2])});
  }

  /** What one end-to-end run reports: events, its three rates, and where its CPU went. */
  private record EngineResult(long events, double[] rates, List<String[]> cpu) {}

  /** The end-to-end runs of a bench, each of which can run in a JVM of its own. */
  enum EngineRun {
    SPINE("spine", false), ALL("all", false), ALL_P1("all-p1", true);

    /** Names its alert and dead-letter files. */
    private final String tag;
    private final boolean parallelismOne;

    EngineRun(String tag, boolean parallelismOne) {
      this.tag = tag;
      this.parallelismOne = parallelismOne;
    }

    private int parallelism() {
      return parallelismOne ? 1 : Engine.defaultParallelism();
    }

    String label(BenchCommand b, int par) {
      return this == SPINE
          ? "analyze end to end, " + b.spineKinds + ", parallelism " + par
          : "analyze end to end, " + cpuLabel(par);
    }

    String cpuLabel(int par) {
      return "all " + org.qinglang.engine.QinglangJob.detectors(List.of()).size()
          + " detectors, parallelism " + (parallelismOne ? 1 : par);
    }

    EngineResult runHere(BenchCommand b, Path events) throws Exception {
      List<String> kinds = this == SPINE ? b.spineKinds : List.of();
      CpuAccount cpu = this == SPINE ? null : new CpuAccount();
      Analysis.Summary s = Analysis.run(events, b.dir.resolve("alerts-" + tag + ".jsonl"),
          b.dir.resolve("dead-" + tag + ".jsonl"), kinds, parallelism(), System.out, false);
      if (cpu != null) {
        cpu.close();
      }
      EngineResult r = new EngineResult(s.events(), new double[] {s.eventsPerSecond(),
          s.processingPerSecond(), s.steadyPerSecond()}, cpu == null ? null : cpu.rows(s.events()));
      if (b.engineRun != null) {
        // The parent reads these lines; tabs never occur in the labels.
        System.out.printf("%s\t%d\t%s\t%s\t%s%n", RESULT, r.events, r.rates[0], r.rates[1],
            r.rates[2]);
        if (r.cpu != null) {
          for (String[] row : r.cpu) {
            System.out.println(CPU_ROW + "\t" + String.join("\t", row));
          }
        }
      }
      return r;
    }

    /**
     * The same java, JVM options and class path as this JVM, running {@code bench
     * --engine-run NAME} on the same file; its other output is passed through.
     */
    EngineResult runInFreshJvm(BenchCommand b) throws Exception {
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.addAll(jvmOptions());
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add(Main.class.getName());
      cmd.addAll(List.of("bench", "--dir", b.dir.toString(), "--rooms", String.valueOf(b.rooms),
          "--minutes", String.valueOf(b.minutes), "--spine-kinds", String.join(",", b.spineKinds),
          "--engine-run", name()));
      if (b.input != null) {
        cmd.addAll(List.of("--input", b.input.toString()));
      }
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      long events = -1;
      double[] rates = null;
      List<String[]> cpu = new ArrayList<>();
      try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
          java.nio.charset.StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          if (line.startsWith(RESULT + "\t")) {
            String[] f = line.split("\t");
            events = Long.parseLong(f[1]);
            rates = new double[] {Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                Double.parseDouble(f[4])};
          } else if (line.startsWith(CPU_ROW + "\t")) {
            String[] f = line.split("\t");
            cpu.add(Arrays.copyOfRange(f, 1, f.length));
          } else {
            System.out.println(line);
          }
        }
      }
      int exit = p.waitFor();
      if (exit != 0 || rates == null) {
        throw new IllegalStateException("the " + name() + " run's JVM ended with exit code "
            + exit + (rates == null ? " and no result" : ""));
      }
      return new EngineResult(events, rates, cpu.isEmpty() ? null : cpu);
    }

    private static final String RESULT = "qinglang-bench-result";
    private static final String CPU_ROW = "qinglang-bench-cpu";
  }

  /**
   * This JVM's options, for a child to run like it: a flight recording or a debugger agent is
   * the parent's own and is left out (two JVMs writing one recording would spoil it).
   */
  static List<String> jvmOptions() {
    List<String> opts = new ArrayList<>();
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!a.startsWith("-XX:StartFlightRecording") && !a.startsWith("-agentlib:jdwp")
          && !a.startsWith("-Djava.class.path")) {
        opts.add(a);
      }
    }
    return opts;
  }

  /** One pass of the file through a runner: wall and thread CPU nanoseconds, and its output. */
  private record Pass(long wallNanos, long cpuNanos, long midBytes, int midKeys, long endBytes,
      int endKeys, long alerts, String digest) {}

  /**
   * A fingerprint of the alerts as written to the alert file, in id order: equal before and
   * after a change to a detector's speed means the change did not change what it found.
   */
  private static String digest(List<Alert> alerts) throws Exception {
    List<String> lines = new ArrayList<>();
    for (Alert a : alerts) {
      lines.add(org.qinglang.io.AlertJson.toLine(a));
    }
    java.util.Collections.sort(lines);
    java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
    for (String l : lines) {
      md.update(l.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      md.update((byte) '\n');
    }
    return java.util.HexFormat.of().formatHex(md.digest()).substring(0, 12);
  }

  /**
   * Each detector alone through {@link LocalRunner} on this thread, warm, over the whole file
   * held in memory (parsing excluded): the detector's own cost per event of the file is its
   * time less the time of a runner with no detector (order linker, directory, watermark).
   * Thread CPU time is printed beside the wall time because the machine is shared: it is the
   * figure other processes disturb least.
   */
  private void costs(Path file) throws Exception {
    List<Event> evs = new ArrayList<>();
    try (JsonlEventReader r = JsonlEventReader.open(file, (l, why, raw) -> {})) {
      for (Event e; (e = r.next()) != null; ) {
        evs.add(e);
      }
    }
    int n = evs.size();
    if (costsOnly) { // otherwise the summary names the file
      System.out.printf("file: %s (%,d events)%n", file, n);
    }
    List<Detector<?>> detectors = org.qinglang.engine.QinglangJob.detectors(costKinds);
    StateSize sizes = new StateSize();
    // Encoded once for every detector's passes, each of which decodes its own fresh copy (up
    // front, or event by event as the runner takes them when streamed).
    byte[] wire = fresh || streamed ? wire(evs) : null;
    Pass base = measure(List.of(), evs, wire, sizes);
    System.out.printf("runner only (no detector): %.3f µs/event wall, %.3f µs/event CPU%n",
        base.wallNanos / 1e3 / n, base.cpuNanos / 1e3 / n);
    System.out.printf("%nPer detector, alone through LocalRunner on one thread, warm (%d + %d"
        + " passes over %,d events %s, median), less the runner alone:%n%n",
        costWarmup, costRounds, n, streamed ? "decoded as they are taken" : "in memory");
    System.out.println("| detector | scope | accepts | µs/event (wall) | µs/event (CPU) | alerts"
        + " (digest) | keys, state half-way | keys, state at end |");
    System.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
    double sumWall = 0;
    double sumCpu = 0;
    long sumMid = 0;
    long sumEnd = 0;
    for (Detector<?> d : detectors) {
      long accepted = 0;
      org.qinglang.detect.DetectorGroup alone =
          org.qinglang.detect.DetectorGroup.byScope(List.of(d)).get(0);
      for (Event e : evs) {
        if (d.accepts(e) && !alone.keysOf(e).isEmpty()) {
          accepted++;
        }
      }
      Pass p = measure(List.of(d), evs, wire, sizes);
      double wall = (p.wallNanos - base.wallNanos) / 1e3 / n;
      double cpu = (p.cpuNanos - base.cpuNanos) / 1e3 / n;
      sumWall += wall;
      sumCpu += cpu;
      sumMid += p.midBytes;
      sumEnd += p.endBytes;
      System.out.printf("| %s | %s | %.1f%% | %.3f | %.3f | %,d (%s) | %,d, %s | %,d, %s |%n",
          d.kind(), d.scope(), 100.0 * accepted / n, wall, cpu, p.alerts, p.digest, p.midKeys,
          mb(p.midBytes), p.endKeys, mb(p.endBytes));
      System.out.flush();
    }
    System.out.printf("| **sum** | | | **%.3f** | **%.3f** | | %s | %s |%n", sumWall, sumCpu,
        mb(sumMid), mb(sumEnd));
    if (combined && detectors.size() > 1) {
      Pass all = measure(detectors, evs, wire, sizes);
      System.out.printf("| all %d in one runner | | | %.3f | %.3f | %,d (%s) | %,d, %s | %,d, %s |%n",
          detectors.size(), (all.wallNanos - base.wallNanos) / 1e3 / n,
          (all.cpuNanos - base.cpuNanos) / 1e3 / n, all.alerts, all.digest, all.midKeys,
          mb(all.midBytes),
          all.endKeys, mb(all.endBytes));
    }
  }

  private static byte[] wire(List<Event> evs) throws java.io.IOException {
    var out = new org.apache.flink.core.memory.DataOutputSerializer(1 << 20);
    for (Event e : evs) {
      EventSerializer.INSTANCE.serialize(e, out);
    }
    return out.getCopyOfBuffer();
  }

  private static List<Event> decode(byte[] wire, int n) throws java.io.IOException {
    var in = new DataInputDeserializer(wire);
    List<Event> evs = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      evs.add(EventSerializer.INSTANCE.deserialize(in));
    }
    return evs;
  }

  /** Events [from, to) to the runner: decoded from {@code in} one by one, or from {@code evs}. */
  private static void feed(LocalRunner runner, DataInputDeserializer in, List<Event> evs,
      int from, int to) throws java.io.IOException {
    for (int k = from; k < to; k++) {
      runner.accept(in != null ? EventSerializer.INSTANCE.deserialize(in) : evs.get(k));
    }
  }

  private static String mb(long bytes) {
    return String.format("%.1f MB", bytes / 1e6);
  }

  /** {@code wire}: the events encoded, to decode afresh for every pass; null to reuse {@code evs}. */
  private Pass measure(List<Detector<?>> ds, List<Event> evs, byte[] wire, StateSize sizes)
      throws Exception {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long[] wall = new long[costRounds];
    long[] cpu = new long[costRounds];
    long midBytes = 0;
    int midKeys = 0;
    long endBytes = 0;
    int endKeys = 0;
    long alerts = 0;
    String digest = "";
    for (int i = -costWarmup; i < costRounds; i++) {
      if (wire != null && !streamed) {
        evs = decode(wire, evs.size());
      }
      DataInputDeserializer in = streamed ? new DataInputDeserializer(wire) : null;
      System.gc();
      LocalRunner runner = new LocalRunner(ds);
      boolean last = i == costRounds - 1;
      int half = evs.size() / 2;
      long w0 = System.nanoTime();
      long c0 = mx.getCurrentThreadCpuTime();
      feed(runner, in, evs, 0, half);
      long w1 = System.nanoTime();
      long c1 = mx.getCurrentThreadCpuTime();
      // Half-way through the evening, when rooms are live: what a running job holds. Not timed.
      int held = runner.keyStates().size();
      long heldBytes = last ? sizes.bytes(runner) : 0;
      long w2 = System.nanoTime();
      long c2 = mx.getCurrentThreadCpuTime();
      feed(runner, in, evs, half, evs.size());
      // At the end of the file, before the final flush: what is left once rooms have closed.
      long w3 = System.nanoTime();
      long c3 = mx.getCurrentThreadCpuTime();
      int left = runner.keyStates().size();
      long leftBytes = last ? sizes.bytes(runner) : 0;
      long w4 = System.nanoTime();
      long c4 = mx.getCurrentThreadCpuTime();
      List<Alert> out = runner.finish();
      long w5 = System.nanoTime();
      long c5 = mx.getCurrentThreadCpuTime();
      if (i >= 0) {
        wall[i] = (w1 - w0) + (w3 - w2) + (w5 - w4);
        cpu[i] = (c1 - c0) + (c3 - c2) + (c5 - c4);
      }
      if (last) {
        midBytes = heldBytes;
        midKeys = held;
        endBytes = leftBytes;
        endKeys = left;
        alerts = out.size();
        digest = digest(out);
      }
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    return new Pass(wall[costRounds / 2], cpu[costRounds / 2], midBytes, midKeys, endBytes,
        endKeys, alerts, digest);
  }
}
