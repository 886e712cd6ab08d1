package org.qinglang.engine;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.qinglang.event.EventType;

/**
 * Counters the in-process job updates and the command line reads for its progress bar and
 * summary. Only meaningful when the job runs in the same JVM (the default MiniCluster); on a
 * cluster the same figures are Flink metrics.
 */
public final class Progress {
  private static final ConcurrentHashMap<String, Progress> RUNS = new ConcurrentHashMap<>();

  public final AtomicLong bytes = new AtomicLong();
  public final AtomicLong badLines = new AtomicLong();
  /** Events more than the lateness bound behind the stream: processed, and counted here. */
  public final AtomicLong lateEvents = new AtomicLong();
  public final AtomicLongArray byType = new AtomicLongArray(EventType.values().length);

  public static Progress of(String run) {
    return RUNS.computeIfAbsent(run, r -> new Progress());
  }

  public static void forget(String run) {
    RUNS.remove(run);
  }

  public long events() {
    long n = 0;
    for (int i = 0; i < byType.length(); i++) {
      n += byType.get(i);
    }
    return n;
  }
}
