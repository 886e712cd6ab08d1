package org.qinglang.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.qinglang.engine.Bundle;
import org.qinglang.engine.BundleTypeInfo;
import org.qinglang.engine.Router;
import org.qinglang.event.Event;
import org.qinglang.sim.Simulator;
import org.qinglang.sim.World;

/**
 * What a room detector task pays to receive its events: the room bundles of a simulated evening
 * as they cross the network (up to {@link Router#MAX_EVENTS} events of one room, in file
 * order), decoded one after the other: the first 300,000 events that have a room. The score is
 * events decoded per second on one thread.
 *
 * <p>The evening is large ({@code rooms} × 30 min, a few hundred thousand events and some
 * hundred thousand distinct ids), so the ids the decoder shares between tasks are met as a task
 * meets them: mostly not in the cache.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class BundleDecodeBench {
  @Param("200")
  public int rooms;

  private static final int EVENTS = 300_000;
  private byte[][] wire;

  @Setup(Level.Trial)
  public void setup() throws Exception {
    World w = Simulator.build(Simulator.Config.of(java.nio.file.Path.of("unused"), rooms, 30, 11));
    Map<String, List<Event>> open = new LinkedHashMap<>();
    List<Bundle> bundles = new ArrayList<>();
    int taken = 0;
    for (Event e : w.events()) {
      if (e.room() == null) {
        continue;
      }
      if (taken++ == EVENTS) {
        break;
      }
      List<Event> buf = open.computeIfAbsent(e.room(), k -> new ArrayList<>());
      buf.add(e);
      if (buf.size() == Router.MAX_EVENTS) {
        bundles.add(new Bundle(e.room(), buf));
        open.remove(e.room());
      }
    }
    if (taken < EVENTS) {
      throw new IllegalStateException("the evening has " + taken + " room events, fewer than "
          + EVENTS + ": raise rooms");
    }
    open.forEach((k, v) -> bundles.add(new Bundle(k, v)));
    wire = new byte[bundles.size()][];
    DataOutputSerializer out = new DataOutputSerializer(1 << 16);
    for (int i = 0; i < wire.length; i++) {
      out.clear();
      BundleTypeInfo.Serializer.INSTANCE.serialize(bundles.get(i), out);
      wire[i] = out.getCopyOfBuffer();
    }
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void decode(Blackhole bh) throws Exception {
    DataInputDeserializer in = new DataInputDeserializer();
    for (byte[] b : wire) {
      in.setBuffer(b);
      bh.consume(BundleTypeInfo.Serializer.INSTANCE.deserialize(in));
    }
  }
}
