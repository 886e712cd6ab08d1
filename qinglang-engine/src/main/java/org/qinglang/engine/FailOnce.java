package org.qinglang.engine;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.FilterFunction;
import org.qinglang.event.Event;

/**
 * Fault injection for recovery tests: the job fails once, after {@code after} events, as a
 * crashed TaskManager would. Off unless the job's config asks for it. The "once" is remembered
 * per run id in the JVM, so it only works in-process, which is where the tests run.
 */
final class FailOnce implements FilterFunction<Event> {
  private static final ConcurrentHashMap<String, AtomicLong> SEEN = new ConcurrentHashMap<>();
  private final long after;
  private final String run;

  FailOnce(long after, String run) {
    this.after = after;
    this.run = run;
  }

  /** Events that passed the fault injector of {@code run}, replays included. */
  static long seen(String run) {
    AtomicLong n = SEEN.get(run);
    return n == null ? 0 : n.get();
  }

  @Override
  public boolean filter(Event e) {
    if (SEEN.computeIfAbsent(run, r -> new AtomicLong()).incrementAndGet() == after) {
      throw new IllegalStateException("injected failure after " + after + " events (test)");
    }
    return true;
  }
}
