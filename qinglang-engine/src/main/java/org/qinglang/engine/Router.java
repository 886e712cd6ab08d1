package org.qinglang.engine;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.OutputTag;
import org.qinglang.detect.DetectorGroup;
import org.qinglang.detect.Directory;
import org.qinglang.detect.OrderLinker;
import org.qinglang.event.Event;

/**
 * Sends each event to every detector group that wants it, in one operator: into the group's
 * {@link Bundle} for its key, and, for a directory event, to the group's directory broadcast
 * when the group reads that part. Orders (events {@link OrderLinker#orderOf} names) go to the
 * main output, for the order link, when {@code ordersOut} is set; the router after the order
 * link bundles them like any other event.
 *
 * <p>One operator instead of a filter and a bundler per group: with every detector on, those
 * were some twenty chained operators per event in the source's task, each with its own call,
 * record counters and watermark bookkeeping.
 *
 * <p>Bundles gather events upstream of the keyed exchange, so the network and the detector task
 * pay their per-record cost once per bundle instead of once per event. The semantics downstream
 * are unchanged because a bundle never crosses a watermark: every buffered event is sent before a
 * watermark (or an idleness change) is forwarded, so the detectors still see each event before
 * any watermark that covers it. Buffers are also flushed before a checkpoint barrier (nothing
 * buffered is lost on recovery), at the end of the input, when a key reaches {@link #MAX_EVENTS},
 * and every {@link #FLUSH_MILLIS} of processing time so a quiet live stream does not hold events
 * back.
 */
public final class Router extends AbstractStreamOperator<Event>
    implements OneInputStreamOperator<Event, Event> {
  /** The most events in one bundle. */
  public static final int MAX_EVENTS = 1024;
  static final long FLUSH_MILLIS = 200;

  /** One detector group's outputs: its bundles, and its directory events if it reads any. */
  public record Route(DetectorGroup group, String name, OutputTag<Bundle> bundles,
      OutputTag<Event> directory) implements Serializable {
    /** A group's route, its side outputs named after {@code name} (unique in the job). */
    public static Route of(DetectorGroup group, String name) {
      return new Route(group, name, new OutputTag<>(name + "-bundles", BundleTypeInfo.INSTANCE),
          new OutputTag<>(name + "-directory", EventTypeInfo.INSTANCE));
    }
  }

  private final List<Route> routes;
  private final boolean ordersOut;
  private transient Lane[] lanes;
  private transient StreamRecord<Bundle> reuse;

  /** A route at run time: the directory parts its group reads, its open bundles, its count. */
  private static final class Lane {
    final Route route;
    final Set<Directory.Part> reads;
    final Map<String, List<Event>> open = new HashMap<>();
    final Counter eventsIn;

    Lane(Route route, Counter eventsIn) {
      this.route = route;
      this.reads = route.group().reads();
      this.eventsIn = eventsIn;
    }
  }

  Router(List<Route> routes, boolean ordersOut) {
    this.routes = List.copyOf(routes);
    this.ordersOut = ordersOut;
  }

  @Override
  public void open() throws Exception {
    super.open();
    lanes = new Lane[routes.size()];
    for (int i = 0; i < lanes.length; i++) {
      Route r = routes.get(i);
      // Events each detector group takes in, under the group's name.
      lanes[i] = new Lane(r, getMetricGroup().addGroup("group", r.name()).counter("eventsIn"));
    }
    reuse = new StreamRecord<>(null);
    scheduleFlush();
  }

  private void scheduleFlush() {
    long now = getProcessingTimeService().getCurrentProcessingTime();
    getProcessingTimeService().registerTimer(now + FLUSH_MILLIS, t -> {
      flushAll();
      scheduleFlush();
    });
  }

  @Override
  public void processElement(StreamRecord<Event> record) {
    Event e = record.getValue();
    if (ordersOut && OrderLinker.orderOf(e) != null) {
      output.collect(record);
      return;
    }
    Directory.Part part = Directory.Part.of(e);
    for (Lane lane : lanes) {
      if (part != null && lane.reads.contains(part)) {
        output.collect(lane.route.directory(), record);
      }
      DetectorGroup g = lane.route.group();
      if (!g.accepts(e)) {
        continue;
      }
      if (g.singleKey()) {
        String key = g.keyOf(e);
        if (key != null) {
          lane.eventsIn.inc();
          add(lane, key, e);
        }
        continue;
      }
      java.util.Collection<String> keys = g.keysOf(e);
      if (keys.isEmpty()) {
        continue;
      }
      lane.eventsIn.inc();
      // An event about several things (a KEYED detector's keys) goes into each key's bundle.
      for (String key : keys) {
        add(lane, key, e);
      }
    }
  }

  private void add(Lane lane, String key, Event e) {
    List<Event> buf = lane.open.computeIfAbsent(key, k -> new ArrayList<>());
    buf.add(e);
    if (buf.size() >= MAX_EVENTS) {
      lane.open.remove(key);
      emit(lane, key, buf);
    }
  }

  private void emit(Lane lane, String key, List<Event> events) {
    output.collect(lane.route.bundles(), reuse.replace(new Bundle(key, events)));
  }

  private void flushAll() {
    for (Lane lane : lanes) {
      lane.open.forEach((key, events) -> emit(lane, key, events));
      lane.open.clear();
    }
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    flushAll();
    super.processWatermark(mark);
  }

  @Override
  public void processWatermarkStatus(WatermarkStatus status) throws Exception {
    flushAll();
    super.processWatermarkStatus(status);
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    flushAll();
    super.prepareSnapshotPreBarrier(checkpointId);
  }

  @Override
  public void finish() throws Exception {
    flushAll();
    super.finish();
  }
}
