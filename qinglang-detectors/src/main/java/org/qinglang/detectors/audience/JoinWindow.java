package org.qinglang.detectors.audience;

/**
 * One door's recent comparable joins, oldest first, as a ring of parallel arrays: the user, the
 * account's history, the join time and copies of the history's room mask and filters.
 *
 * <p>The mask is kept here so that choosing which entries to compare reads one array in order
 * instead of following two references per entry (the window scan was most of
 * {@code lockstep_group}'s cost, nearly all of it cache misses on the histories). The copy may
 * hold more bits than the history (rooms the history has since dropped, or all bits once
 * {@link #widen widened} to unknown), never fewer while its owner keeps it current with
 * {@link #widen}: a superset only lets through a pair that the exact test then rejects.
 */
final class JoinWindow {
  private String[] users;
  private JoinHistory[] histories;
  private long[] ts;
  private long[] masks;
  /** Per entry, {@link JoinHistory#SIGNATURE_LONGS} longs of the history's room signature. */
  private long[] sigs;
  /**
   * Per entry, {@link JoinHistory#SIGNATURE_LONGS} longs of the history's timed signature. Null
   * in a window restored from a state written before it was kept: see {@link #timedReady}.
   */
  private long[] timed;
  private int head;
  private int size;

  JoinWindow() {
    // The timed signatures are made at the first entry (timedReady), not here: a window
    // restored from a state written before them is built by this constructor too, and must come
    // back without them.
    allocate(8);
  }

  private void allocate(int capacity) {
    users = new String[capacity];
    histories = new JoinHistory[capacity];
    ts = new long[capacity];
    masks = new long[capacity];
    sigs = new long[capacity * JoinHistory.SIGNATURE_LONGS];
    timed = null;
    head = 0;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  private int slot(int i) {
    return (head + i) & (ts.length - 1);
  }

  String user(int i) {
    return users[slot(i)];
  }

  JoinHistory history(int i) {
    return histories[slot(i)];
  }

  long ts(int i) {
    return ts[slot(i)];
  }

  long mask(int i) {
    return masks[slot(i)];
  }

  long signature(int i, int word) {
    return sigs[slot(i) * JoinHistory.SIGNATURE_LONGS + word];
  }

  long timed(int i, int word) {
    timedReady();
    return timed[slot(i) * JoinHistory.SIGNATURE_LONGS + word];
  }

  /**
   * A window restored without timed signatures gets them with every bit set, so that its
   * entries are compared as they were when it was written: the run goes on as it would have.
   */
  private void timedReady() {
    if (timed == null) {
      timed = new long[ts.length * JoinHistory.SIGNATURE_LONGS];
      java.util.Arrays.fill(timed, -1L);
    }
  }

  void addLast(String user, JoinHistory history, long t, long mask, long[] sig, long[] at) {
    timedReady();
    if (size == ts.length) {
      grow();
    }
    int p = slot(size);
    users[p] = user;
    histories[p] = history;
    ts[p] = t;
    masks[p] = mask;
    System.arraycopy(sig, 0, sigs, p * JoinHistory.SIGNATURE_LONGS, JoinHistory.SIGNATURE_LONGS);
    System.arraycopy(at, 0, timed, p * JoinHistory.SIGNATURE_LONGS, JoinHistory.SIGNATURE_LONGS);
    size++;
  }

  private void grow() {
    String[] u = users;
    JoinHistory[] h = histories;
    long[] t = ts;
    long[] m = masks;
    long[] g = sigs;
    long[] a = timed;
    int oldHead = head;
    allocate(t.length * 2);
    timed = new long[sigs.length];
    for (int i = 0; i < size; i++) {
      int p = (oldHead + i) & (t.length - 1);
      users[i] = u[p];
      histories[i] = h[p];
      ts[i] = t[p];
      masks[i] = m[p];
      System.arraycopy(g, p * JoinHistory.SIGNATURE_LONGS, sigs, i * JoinHistory.SIGNATURE_LONGS,
          JoinHistory.SIGNATURE_LONGS);
      System.arraycopy(a, p * JoinHistory.SIGNATURE_LONGS, timed, i * JoinHistory.SIGNATURE_LONGS,
          JoinHistory.SIGNATURE_LONGS);
    }
  }

  void pollFirst() {
    users[head] = null; // let a forgotten history go
    histories[head] = null;
    head = (head + 1) & (ts.length - 1);
    size--;
  }

  /** Drops the entries from the front that are older than {@code cutoff}. */
  void dropBefore(long cutoff) {
    while (size > 0 && ts[head] < cutoff) {
      pollFirst();
    }
  }

  void clear() {
    if (ts.length > 8) {
      allocate(8); // an idle door of an evening's head room should not keep its rush's arrays
    } else {
      java.util.Arrays.fill(users, null);
      java.util.Arrays.fill(histories, null);
      head = 0;
    }
    size = 0;
  }

  /**
   * Writes to {@code out} the positions, oldest first, of the entries other than {@code self}
   * whose mask shares at least {@code minBits} bits with {@code mask} and, unless {@code sig}
   * is null, whose signature shares a bit with {@code sig} and whose timed signature shares a
   * bit with {@code at}; returns how many. {@code out} must hold {@link #size()} positions.
   */
  int candidates(long mask, long[] sig, long[] at, JoinHistory self, int minBits, int[] out) {
    int n = 0;
    int m = ts.length - 1;
    if (sig == null) {
      for (int i = 0; i < size; i++) {
        int p = (head + i) & m;
        if (Long.bitCount(mask & masks[p]) >= minBits && histories[p] != self) {
          out[n++] = i;
        }
      }
      return n;
    }
    long q0 = sig[0];
    long q1 = sig[1];
    long q2 = sig[2];
    long q3 = sig[3];
    timedReady();
    long a0 = at[0];
    long a1 = at[1];
    long a2 = at[2];
    long a3 = at[3];
    for (int i = 0; i < size; i++) {
      int p = (head + i) & m;
      int b = p * JoinHistory.SIGNATURE_LONGS;
      if (((q0 & sigs[b]) | (q1 & sigs[b + 1]) | (q2 & sigs[b + 2]) | (q3 & sigs[b + 3])) != 0
          && ((a0 & timed[b]) | (a1 & timed[b + 1]) | (a2 & timed[b + 2]) | (a3 & timed[b + 3]))
              != 0
          && Long.bitCount(mask & masks[p]) >= minBits && histories[p] != self) {
        out[n++] = i;
      }
    }
    return n;
  }

  /**
   * ORs {@code bits} into the mask, {@code sig} into the signature and {@code at} into the
   * timed signature of {@code history}'s entry made at {@code t}, if the window holds one: the
   * history gained rooms after it entered here. A null {@code sig} stands for all bits in both
   * signatures.
   */
  void widen(JoinHistory history, long t, long bits, long[] sig, long[] at) {
    timedReady();
    int m = ts.length - 1;
    for (int i = size - 1; i >= 0; i--) {
      int p = (head + i) & m;
      if (histories[p] == history && ts[p] == t) {
        masks[p] |= bits;
        int b = p * JoinHistory.SIGNATURE_LONGS;
        for (int w = 0; w < JoinHistory.SIGNATURE_LONGS; w++) {
          sigs[b + w] |= sig == null ? -1L : sig[w];
          timed[b + w] |= sig == null ? -1L : at[w];
        }
        return;
      }
    }
  }
}
