package org.qinglang.detectors.audience;

/**
 * How many joins one room took, per {@link #BUCKET} of event time: what a span of the room's
 * timeline held, counted rather than estimated. The door's decayed rate ({@code Door.arrive})
 * averages over five minutes and lags a rush of seconds: in the 上链接 crowd of held-out
 * adversaries_mix seed 95, five honest regulars entered within 12 s of the link, where the room
 * took 134 joins within ±30 s, while the rate at their entries (34-50 a minute) put 23 joins in
 * their 32-second span. The pool test prices a landing by the joins of the span, so the span
 * is counted where it was seen.
 *
 * <p>Bounded: at most {@link #MAX_BUCKETS} buckets (a day) per room; older ones are dropped, and
 * what a span holds before what is kept, or after the last join counted, is left to the caller.
 */
final class JoinCounts {
  static final long BUCKET = 5_000L;
  static final int MAX_BUCKETS = (int) (24 * 3_600_000L / BUCKET);
  /**
   * Buckets kept before the first join: a join handled late (the contract allows 10 s) still
   * falls inside the counts.
   */
  private static final int LATE = 4;

  /** Bucket number of counts[0]. */
  private long first;
  /** Joins per bucket from {@link #first}; saturates at Character.MAX_VALUE. */
  private char[] counts;
  /** Buckets in use. */
  private int used;
  /** Joins before this time were not counted (before the first, or dropped for the bound). */
  private long countedFrom;
  /** Latest join counted. */
  private long last = Long.MIN_VALUE;
  /** Counting began at a join that was not the room's first: see {@link #resumed()}. */
  private boolean resumed;

  /**
   * Counts for a room whose earlier joins were not counted (a door restored from a state written
   * before the counts): they cover from the first join counted on, not from the buckets kept
   * before it for late joins, which a new room's counts take as empty because they were.
   */
  static JoinCounts resumed() {
    JoinCounts c = new JoinCounts();
    c.resumed = true;
    return c;
  }

  void add(long t) {
    long b = Math.floorDiv(t, BUCKET);
    if (counts == null) {
      counts = new char[64];
      first = b - LATE;
      countedFrom = resumed ? t : first * BUCKET;
    }
    if (b < first) {
      return; // later than the lateness the buckets keep room for: not counted, rare
    }
    if (b - first >= MAX_BUCKETS) {
      long drop = b - first - MAX_BUCKETS + 1 + MAX_BUCKETS / 4;
      if (drop >= used) { // quiet for longer than the bound: start again
        java.util.Arrays.fill(counts, 0, used, (char) 0);
        used = 0;
        first = b - LATE;
      } else {
        int k = (int) drop;
        System.arraycopy(counts, k, counts, 0, used - k);
        java.util.Arrays.fill(counts, used - k, used, (char) 0);
        used -= k;
        first += k;
      }
      countedFrom = first * BUCKET;
    }
    int i = (int) (b - first);
    if (i >= counts.length) {
      counts = java.util.Arrays.copyOf(counts, Math.min(MAX_BUCKETS,
          Math.max(i + 1, counts.length * 2)));
    }
    if (counts[i] < Character.MAX_VALUE) {
      counts[i]++;
    }
    used = Math.max(used, i + 1);
    last = Math.max(last, t);
  }

  /** The part of a span these counts cover, and the joins counted in it (pro rata at its ends). */
  record Part(long from, long to, double joins) {
    long length() {
      return to - from;
    }
  }

  private static final Part NONE = new Part(0, 0, 0);

  /**
   * The joins counted in {@code [from, to]}, over the part of it the counts cover: from the first
   * bucket kept to the end of the latest join's bucket. Outside it the room was not counted (a
   * door restored from a state written before the counts, a day dropped for the bound) or the
   * span may still be filling, and what it held is for the caller to estimate.
   */
  Part counted(long from, long to) {
    if (counts == null || to <= from) {
      return NONE;
    }
    long lo = Math.max(from, countedFrom);
    long hi = Math.min(to, (Math.floorDiv(last, BUCKET) + 1) * BUCKET);
    if (hi <= lo) {
      return NONE;
    }
    double n = 0;
    for (long b = Math.floorDiv(lo, BUCKET); b * BUCKET < hi; b++) {
      int i = (int) (b - first);
      if (i < 0 || i >= used) {
        continue;
      }
      long s = Math.max(lo, b * BUCKET);
      long e = Math.min(hi, (b + 1) * BUCKET);
      n += counts[i] * (double) (e - s) / BUCKET;
    }
    return new Part(lo, hi, n);
  }
}
