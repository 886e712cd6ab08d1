package org.qinglang.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.qinglang.detect.Detector;
import org.qinglang.detect.LocalRunner;
import org.qinglang.detectors.audience.BotAudienceDetector;
import org.qinglang.detectors.audience.LockstepGroupDetector;
import org.qinglang.event.Event;
import org.qinglang.io.JsonlEventReader;
import org.qinglang.sim.Simulator;

/**
 * {@link LockstepBench}'s evening through each audience detector, timed by the thread's CPU
 * time rather than the wall clock: on a shared machine the wall time of one run swings by 2-3x
 * with other people's builds, the CPU time far less. Prints each run and the least of the last
 * three, per file and per event, with the load average.
 *
 * <pre>java -cp qinglang-bench/target/benchmarks.jar org.qinglang.bench.AudienceCpu [rooms] [runs]</pre>
 */
public final class AudienceCpu {
  private AudienceCpu() {}

  public static void main(String[] args) throws Exception {
    int rooms = args.length > 0 ? Integer.parseInt(args[0]) : 215;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path dir = Files.createTempDirectory("qinglang-audience-cpu");
    Simulator.Result r = Simulator.run(new Simulator.Config(dir, rooms, 60, 7, "default",
        Map.of(), null));
    List<Event> events = new ArrayList<>((int) r.eventCount());
    try (JsonlEventReader in = JsonlEventReader.open(r.events(), (line, why, raw) -> {
      throw new IllegalStateException("simulator wrote a bad line " + line + ": " + why);
    })) {
      for (Event e; (e = in.next()) != null; ) {
        events.add(e);
      }
    }
    Map<String, Supplier<Detector<?>>> detectors = new LinkedHashMap<>();
    detectors.put("runnerOnly", LockstepBench.Noop::new);
    detectors.put("lockstep", LockstepGroupDetector::new);
    detectors.put("botAudience", BotAudienceDetector::new);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (Map.Entry<String, Supplier<Detector<?>>> d : detectors.entrySet()) {
      StringBuilder each = new StringBuilder();
      double least = Double.MAX_VALUE;
      for (int i = 0; i < runs; i++) {
        long c0 = mx.getCurrentThreadCpuTime();
        LocalRunner runner = LocalRunner.of(d.getValue().get());
        runner.acceptAll(events);
        runner.finish();
        double s = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
        each.append(String.format(" %.2f", s));
        if (i >= runs - 3) { // the first runs are the JIT's
          least = Math.min(least, s);
        }
      }
      System.out.printf("%-12s %d events, cpu s:%s; least of last 3 %.2f s = %.2f us/event;"
          + " load %s%n", d.getKey(), events.size(), each, least, least * 1e6 / events.size(),
          Files.readString(Path.of("/proc/loadavg")).trim());
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
