package org.qinglang.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.qinglang.detect.Context;
import org.qinglang.detect.Detector;
import org.qinglang.detect.LocalRunner;
import org.qinglang.detectors.audience.BotAudienceDetector;
import org.qinglang.detectors.audience.LockstepGroupDetector;
import org.qinglang.event.Comment;
import org.qinglang.event.Event;
import org.qinglang.event.ViewerJoin;
import org.qinglang.io.JsonlEventReader;
import org.qinglang.sim.Simulator;

/**
 * The audience detectors over a simulated evening file of about a million events (215 rooms x
 * 60 min by default, every injector on), written by the simulator and read back with the
 * strict reader, in arrival order with the contract's lateness. One operation = the whole file
 * through {@link LocalRunner} (watermark, per-key ordering, directory) on one thread; parsing
 * is done once in setup and not measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xmx3g"})
public class LockstepBench {
  /** 215 rooms of 60 minutes make about a million events; 150 about 700 000. */
  @Param({"215"})
  public int rooms;

  private Path dir;
  private List<Event> events;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    dir = Files.createTempDirectory("qinglang-lockstep-bench");
    Simulator.Result r = Simulator.run(new Simulator.Config(dir, rooms, 60, 7, "default",
        Map.of(), null));
    events = new ArrayList<>((int) r.eventCount());
    try (JsonlEventReader in = JsonlEventReader.open(r.events(), (line, why, raw) -> {
      throw new IllegalStateException("simulator wrote a bad line " + line + ": " + why);
    })) {
      for (Event e; (e = in.next()) != null; ) {
        events.add(e);
      }
    }
    System.out.printf("%n%d events, %d rooms, %s%n", events.size(), rooms, r.labelsByKind());
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public int lockstep() {
    LocalRunner runner = LocalRunner.of(new LockstepGroupDetector());
    runner.acceptAll(events);
    return runner.finish().size();
  }

  /**
   * The same file through the runner with a detector that accepts what lockstep accepts and
   * does nothing: the share of the figure that is the runner (watermark, key state, directory),
   * not the detector.
   */
  @Benchmark
  public int runnerOnly() {
    LocalRunner runner = LocalRunner.of(new Noop());
    runner.acceptAll(events);
    return runner.finish().size();
  }

  /** Accepts joins and comments on the global key, keeps a counter. */
  public static final class Noop implements Detector<long[]> {
    @Override
    public String kind() {
      return "lockstep_group";
    }

    @Override
    public org.qinglang.detect.Scope scope() {
      return org.qinglang.detect.Scope.GLOBAL;
    }

    @Override
    public boolean accepts(Event e) {
      return e instanceof ViewerJoin || e instanceof Comment;
    }

    @Override
    public long[] newState() {
      return new long[1];
    }

    @Override
    public void onEvent(long[] s, Event e, Context ctx) {
      s[0]++;
    }

    @Override
    public long retentionMillis() {
      return LockstepGroupDetector.HORIZON_MILLIS;
    }
  }

  @Benchmark
  public int botAudience() {
    LocalRunner runner = LocalRunner.of(new BotAudienceDetector());
    runner.acceptAll(events);
    return runner.finish().size();
  }
}
