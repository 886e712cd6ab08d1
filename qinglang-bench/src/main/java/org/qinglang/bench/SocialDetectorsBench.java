package org.qinglang.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.qinglang.detect.LocalRunner;
import org.qinglang.detectors.identity.IdentityEvasionDetector;
import org.qinglang.detectors.social.PyramidSchemeDetector;
import org.qinglang.event.Commission;
import org.qinglang.event.Event;
import org.qinglang.event.Referral;
import org.qinglang.sim.Simulator;
import org.qinglang.sim.World;

/**
 * Throughput of the two GLOBAL social detectors, single-threaded through {@link LocalRunner}:
 * a whole simulated evening (every event, most of which the detectors filter out), and a
 * single scheme growing to 20,000 members (the worst case for the forest surveys).
 *
 * <p>Run: {@code java -cp qinglang-bench/target/classes:$(cat cp.txt) org.openjdk.jmh.Main
 * SocialDetectorsBench}; events per second = events / (ms per op / 1000).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@State(Scope.Benchmark)
public class SocialDetectorsBench {
  List<Event> evening;
  List<Event> bigScheme;

  @Setup
  public void setup() {
    World w = Simulator.build(Simulator.Config.of(Path.of("unused"), 40, 60, 1));
    evening = new ArrayList<>(w.events());
    evening.sort(java.util.Comparator.comparingLong(Event::ts));
    bigScheme = new ArrayList<>();
    long t = w.t0;
    for (int i = 1; i < 20_000; i++) {
      String up = "m" + ((i - 1) / 3); // a ternary tree, nine levels deep
      t += 3_000;
      bigScheme.add(new Referral(t, "douyin", "m" + i, up, 9_900L));
      bigScheme.add(new Commission(t, "douyin", up, "m" + i, 3_000));
    }
    System.out.printf("evening: %d events; big scheme: %d events%n", evening.size(),
        bigScheme.size());
  }

  @Benchmark
  public void eveningBothDetectors(Blackhole bh) {
    LocalRunner r = LocalRunner.of(new PyramidSchemeDetector(), new IdentityEvasionDetector());
    r.acceptAll(evening);
    bh.consume(r.finish());
  }

  @Benchmark
  public void twentyThousandMemberScheme(Blackhole bh) {
    LocalRunner r = LocalRunner.of(new PyramidSchemeDetector());
    r.acceptAll(bigScheme);
    bh.consume(r.finish());
  }
}
