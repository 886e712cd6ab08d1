package org.qinglang.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.qinglang.detect.Detector;
import org.qinglang.detect.DetectorGroup;
import org.qinglang.detect.KeyState;
import org.qinglang.detect.LocalRunner;
import org.qinglang.engine.KeyStateSerializer;
import org.qinglang.engine.QinglangJob;
import org.qinglang.event.Event;
import org.qinglang.io.JsonlEventReader;
import org.qinglang.sim.Simulator;

/**
 * What the Flink heap backend does to keyed state in a job with checkpoints back to back, the
 * two costs a JFR profile of KafkaCrashResumeTest found dominant (41 % and 26 % of its CPU):
 * writing every key's {@link KeyState} into a snapshot, and copying a key's state before it is
 * changed while a snapshot still holds it. The states are every detector's, for every key, half
 * way through KafkaCrashResumeTest's evening (8 rooms, 30 min, seed 11, every detector), as
 * {@link LocalRunner} holds them: the same {@link KeyState} the Flink operator keeps. One
 * operation = every key once, with one serializer per group as a task has.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class KeyStateBench {
  private Path dir;
  private final List<KeyState> states = new ArrayList<>();
  private final List<KeyStateSerializer> serializers = new ArrayList<>();
  private final DataOutputSerializer out = new DataOutputSerializer(1 << 16);

  @Setup(Level.Trial)
  public void setup() throws IOException {
    dir = Files.createTempDirectory("qinglang-keystate-bench");
    Simulator.Result sim = Simulator.run(Simulator.Config.of(dir, 8, 30, 11));
    List<Event> events = new ArrayList<>((int) sim.eventCount());
    try (JsonlEventReader in = JsonlEventReader.open(sim.events(), (l, why, raw) -> {})) {
      for (Event e; (e = in.next()) != null; ) {
        events.add(e);
      }
    }
    LocalRunner runner = new LocalRunner(QinglangJob.detectors(List.of()));
    runner.acceptAll(events.subList(0, events.size() / 2));
    Map<DetectorGroup, KeyStateSerializer> byGroup = new IdentityHashMap<>();
    long[] bytes = {0};
    runner.forEachKeyState((group, ks) -> {
      KeyStateSerializer s = byGroup.computeIfAbsent(group, g -> new KeyStateSerializer(
          g.detectors().stream().map(Detector::kind).toList()));
      states.add(ks);
      serializers.add(s);
      try {
        out.clear();
        s.serialize(ks, out);
        bytes[0] += out.length();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    System.out.printf("%n%d events, state after %d: %d keys in %d groups, %,d bytes%n",
        events.size(), events.size() / 2, states.size(), byGroup.size(), bytes[0]);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** A snapshot: every key written into one growing buffer, as Flink's key-group writer does. */
  @Benchmark
  public int serialize() throws IOException {
    out.clear();
    for (int i = 0; i < states.size(); i++) {
      serializers.get(i).serialize(states.get(i), out);
    }
    return out.length();
  }

  /** Copy-on-write: every key's state copied once. */
  @Benchmark
  public int copy() {
    int n = 0;
    for (int i = 0; i < states.size(); i++) {
      KeyState c = serializers.get(i).copy(states.get(i));
      n += c.pendingEvents().size();
    }
    return n;
  }
}
