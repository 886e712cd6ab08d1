package org.qinglang.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.qinglang.detect.DetectorGroup;
import org.qinglang.event.Event;

/**
 * Gathers the events one {@link DetectorGroup} wants into one {@link Bundle} per key, upstream
 * of the keyed exchange, so the network and the detector task pay their per-record cost once
 * per bundle instead of once per event.
 *
 * <p>The semantics downstream are unchanged because a bundle never crosses a watermark: every
 * buffered event is sent before a watermark (or an idleness change) is forwarded, so the
 * detectors still see each event before any watermark that covers it. Buffers are also flushed
 * before a checkpoint barrier (nothing buffered is lost on recovery), at the end of the input,
 * when a key reaches {@link #MAX_EVENTS}, and every {@link #FLUSH_MILLIS} of processing time so
 * a quiet live stream does not hold events back.
 */
public final class Bundler extends AbstractStreamOperator<Bundle>
    implements OneInputStreamOperator<Event, Bundle> {
  static final int MAX_EVENTS = 1024;
  static final long FLUSH_MILLIS = 200;

  private final DetectorGroup group;
  private transient Map<String, List<Event>> buffers;
  private transient StreamRecord<Bundle> reuse;
  private transient org.apache.flink.metrics.Counter eventsIn;

  Bundler(DetectorGroup group) {
    this.group = group;
  }

  @Override
  public void open() throws Exception {
    super.open();
    buffers = new HashMap<>();
    reuse = new StreamRecord<>(null);
    // Events this detector group takes in (its operator's metric group names the group).
    eventsIn = getMetricGroup().counter("eventsIn");
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
    if (!group.accepts(e)) {
      return;
    }
    if (group.singleKey()) {
      String key = group.keyOf(e);
      if (key != null) {
        eventsIn.inc();
        add(key, e);
      }
      return;
    }
    java.util.Collection<String> keys = group.keysOf(e);
    if (keys.isEmpty()) {
      return;
    }
    eventsIn.inc();
    // An event about several things (a KEYED detector's keys) goes into each key's bundle.
    for (String key : keys) {
      add(key, e);
    }
  }

  private void add(String key, Event e) {
    List<Event> buf = buffers.get(key);
    if (buf == null) {
      buf = new ArrayList<>();
      buffers.put(key, buf);
    }
    buf.add(e);
    if (buf.size() >= MAX_EVENTS) {
      buffers.remove(key);
      emit(key, buf);
    }
  }

  private void emit(String key, List<Event> events) {
    output.collect(reuse.replace(new Bundle(key, events)));
  }

  private void flushAll() {
    buffers.forEach(this::emit);
    buffers.clear();
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
