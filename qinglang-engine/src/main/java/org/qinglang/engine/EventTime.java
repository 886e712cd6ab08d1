package org.qinglang.engine;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.metrics.Counter;
import org.qinglang.detect.LocalRunner;

/**
 * The job's event-time strategy: watermark = latest {@code ts} − 10 s (the contract's lateness
 * bound), idle after a minute without records, and a count of late events.
 *
 * <p>An event more than 10 s behind the latest time seen (by its reader, or its Kafka
 * partition) is late. Late events are <b>processed</b> and counted, not set aside: the
 * detectors' {@code KeyState} handles an event behind the time already processed at once,
 * out of order, so a late comment or order still counts as evidence; setting it aside would
 * lose evidence the contract says must be counted. The count is the metric
 * {@code lateEvents} of the source operator and, in-process, {@link Progress#lateEvents}
 * (the end-of-run summary).
 */
final class EventTime {
  static final long LATENESS = LocalRunner.LATENESS_MILLIS;
  static final Duration IDLE = Duration.ofMinutes(1);

  private EventTime() {}

  /**
   * The strategy, with {@code ts} giving each record's time; a record with time
   * {@code Long.MIN_VALUE} (a bad record) is ignored. {@code run} names the in-process
   * counters (may be null).
   */
  static <T> WatermarkStrategy<T> strategy(SerializableTimestampAssigner<T> ts, String run) {
    WatermarkStrategy<T> s = ctx -> new LateCounting<>(lateCounter(ctx.getMetricGroup()),
        run == null ? null : Progress.of(run));
    return s.withTimestampAssigner(ts).withIdleness(IDLE);
  }

  // The Kafka source makes a generator per partition, all in one metric group: they share
  // its counter (a second registration under the same name would not be reported).
  private static final java.util.Map<org.apache.flink.metrics.MetricGroup, Counter> LATE =
      new java.util.WeakHashMap<>();

  private static Counter lateCounter(org.apache.flink.metrics.MetricGroup g) {
    synchronized (LATE) {
      return LATE.computeIfAbsent(g, x -> x.counter("lateEvents"));
    }
  }

  /** Bounded out-of-orderness, as Flink's own, plus the count of events beyond the bound. */
  static final class LateCounting<T> implements WatermarkGenerator<T> {
    private final Counter late;
    private final Progress progress;
    private long max = Long.MIN_VALUE + LATENESS + 1;

    LateCounting(Counter late, Progress progress) {
      this.late = late;
      this.progress = progress;
    }

    @Override
    public void onEvent(T event, long ts, WatermarkOutput out) {
      if (ts > max) {
        max = ts;
      } else if (ts < max - LATENESS && ts != Long.MIN_VALUE) {
        late.inc();
        if (progress != null) {
          progress.lateEvents.incrementAndGet();
        }
      }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput out) {
      out.emitWatermark(new Watermark(max - LATENESS - 1));
    }
  }
}
