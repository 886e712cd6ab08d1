package org.qinglang.engine;

/**
 * The contract's plausibility rule for {@code ts}: a time before 2000-01-01T00:00Z, or more than
 * 24 h ahead of both the event time the stream has reached and the processing time, cannot be
 * placed on the stream's clock. Such an event is bad input: it goes to the dead letters with
 * the reason and never reaches the watermark, which would otherwise jump (one event dated 2100
 * expires every detector's state).
 *
 * <p>"The event time the stream has reached" is the latest plausible {@code ts} this guard has
 * let through: an implausible one never raises it, so one outlier cannot make the next outlier
 * look plausible. The clock is read only for an event that is more than 24 h ahead of that, so
 * an in-order stream pays two comparisons per event. One guard per source reader (not
 * checkpointed: after a restore it starts from the processing time, which is the bound that
 * matters for live data; a stream dated in the future re-establishes its time at its first
 * plausible event).
 */
final class TimeGuard {
  /** 2000-01-01T00:00:00Z. */
  static final long EARLIEST = 946_684_800_000L;
  /** How far ahead of the stream's time and of the processing time an event may be. */
  static final long AHEAD_MILLIS = 24L * 3600 * 1000;

  private final java.util.function.LongSupplier clock;
  private long reached = Long.MIN_VALUE;

  TimeGuard() {
    this(System::currentTimeMillis);
  }

  /** With a given processing-time clock (tests). */
  TimeGuard(java.util.function.LongSupplier clock) {
    this.clock = clock;
  }

  /** Null when {@code ts} is plausible (and then it may advance the stream's time), else why not. */
  String check(long ts) {
    if (ts < EARLIEST) {
      return "implausible ts " + ts + ": before 2000-01-01T00:00Z";
    }
    if (ts > reached) {
      if (ts - AHEAD_MILLIS > reached) { // no overflow: ts >= EARLIEST
        if (ts - AHEAD_MILLIS > clock.getAsLong()) {
          // Neither clock goes into the reason: a replay must set the record aside with the
          // same line, or the dead letters of a replay would differ.
          return "implausible ts " + ts
              + ": more than 24 h ahead of the stream's event time and of the processing time";
        }
      }
      reached = ts;
    }
    return null;
  }
}
