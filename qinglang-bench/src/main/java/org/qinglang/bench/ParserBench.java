package org.qinglang.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.qinglang.event.Event;
import org.qinglang.io.BadLineException;
import org.qinglang.io.EventJson;
import org.qinglang.io.EventParser;
import org.qinglang.sim.Simulator;
import org.qinglang.sim.World;

/**
 * The strict parser on a realistic mix of lines (a simulated evening: joins, leaves, comments
 * with emoji, likes, orders...). One operation = one line; the score is lines per second on
 * one thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParserBench {
  private static final int LINES = 20_000;
  private byte[][] lines;
  private final EventParser parser = new EventParser();

  @Setup
  public void setup() {
    World w = Simulator.build(Simulator.Config.of(java.nio.file.Path.of("unused"), 6, 30, 3));
    List<Event> events = w.events();
    lines = new byte[LINES][];
    for (int i = 0; i < LINES; i++) {
      lines[i] = EventJson.toLine(events.get(i % events.size())).getBytes(StandardCharsets.UTF_8);
    }
  }

  @Benchmark
  @OperationsPerInvocation(LINES)
  public void parse(Blackhole bh) throws BadLineException {
    for (byte[] l : lines) {
      bh.consume(parser.parse(l, 0, l.length));
    }
  }
}
