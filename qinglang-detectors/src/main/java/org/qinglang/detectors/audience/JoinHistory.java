package org.qinglang.detectors.audience;

import java.io.Serializable;

/**
 * The last {@link #CAPACITY} rooms one account entered: room, its anchor, first-join time, how
 * busy the room's door was then (joins per minute), and whether the visit is explained by
 * fandom (entered by {@code follow} in the show's opening minutes). Fixed size, so an account
 * costs the same whether it visits three rooms or three hundred. A 64-bit mask of the rooms
 * lets two histories that share at most one room be told apart without comparing strings.
 */
final class JoinHistory implements Serializable {
  static final int CAPACITY = 16;

  final String[] rooms = new String[CAPACITY];
  final long[] ts = new long[CAPACITY];
  final float[] weight = new float[CAPACITY];
  final String[] anchors = new String[CAPACITY];
  final boolean[] explained = new boolean[CAPACITY];
  long mask;
  final long[] commentTs = new long[CAPACITY];
  int size;
  long last;
  /** Distinct anchors of unexplained visits, kept as visits come and go (see unexplainedAnchors). */
  private int unexplained;
  /**
   * The account's node in the detector's {@link TieGraph} (its number there), so a tie is made
   * without looking the name up; {@code bound} false: not looked up yet (a new or restored
   * history). Not written: a restore looks it up again.
   */
  transient TieGraph.Node node;
  transient boolean bound;
  /**
   * Whether {@link #forgetBefore} recounted the mask and the anchors since this history was made
   * or restored. Not written, so a restored history is recounted at its first sweep, as every
   * history was at every sweep before: one restored from a state older than {@code unexplained}
   * relies on that recount.
   */
  transient boolean counted;

  /** Records the first join of a room; false when the room is already in the history. */
  boolean add(String room, long t, double w) {
    return add(room, room, t, w, false);
  }

  boolean add(String room, String anchor, long t, double w, boolean fan) {
    last = Math.max(last, t);
    if (indexOf(room) >= 0) {
      return false;
    }
    if (size == CAPACITY) {
      System.arraycopy(rooms, 1, rooms, 0, CAPACITY - 1);
      System.arraycopy(ts, 1, ts, 0, CAPACITY - 1);
      System.arraycopy(weight, 1, weight, 0, CAPACITY - 1);
      System.arraycopy(commentTs, 1, commentTs, 0, CAPACITY - 1);
      System.arraycopy(anchors, 1, anchors, 0, CAPACITY - 1);
      System.arraycopy(explained, 1, explained, 0, CAPACITY - 1);
      size--;
      remask();
    }
    if (!fan && !hasUnexplained(anchor)) {
      unexplained++;
    }
    rooms[size] = room;
    ts[size] = t;
    weight[size] = (float) w;
    commentTs[size] = Long.MIN_VALUE;
    anchors[size] = anchor;
    explained[size] = fan;
    mask |= bit(room);
    size++;
    return true;
  }

  static long bit(String room) {
    return 1L << (room.hashCode() & 63);
  }

  /** Longs of a {@link #signature}: 256 bits, so that 16-room histories rarely fill it. */
  static final int SIGNATURE_LONGS = 4;

  /**
   * A 256-bit filter of the rooms of visits fandom does not explain, leaving out those of
   * {@code exceptAnchor} (the same instance; null leaves out none). Drawn from the room's hash
   * by other bits than {@link #bit}, so that a pair colliding there is unlikely to collide here.
   */
  void signature(String exceptAnchor, long[] out) {
    java.util.Arrays.fill(out, 0, SIGNATURE_LONGS, 0L);
    for (int i = 0; i < size; i++) {
      if (!explained[i] && anchors[i] != exceptAnchor) {
        int k = (rooms[i].hashCode() * 0x9E3779B9) >>> 24;
        out[k >>> 6] |= 1L << k;
      }
    }
  }

  /**
   * A 256-bit filter of the visits fandom does not explain, but those of {@code exceptAnchor}
   * (the same instance; null leaves out none), each as its room <em>at its time</em>: the room
   * hashed with the {@code width}-wide bucket its join fell in, and with the {@code reach}
   * buckets on either side. Two visits of one room less than {@code width} apart fall in the same
   * or adjacent buckets, so a query with reach 1 shares a bit with a history's own filter (reach
   * 0) whenever the two lined up in some room: the filter can let a pair through that never
   * lined up, never the other way round.
   */
  void timedSignature(String exceptAnchor, long width, int reach, long[] out) {
    java.util.Arrays.fill(out, 0, SIGNATURE_LONGS, 0L);
    for (int i = 0; i < size; i++) {
      if (!explained[i] && anchors[i] != exceptAnchor) {
        long b = Math.floorDiv(ts[i], width);
        for (long d = -reach; d <= reach; d++) {
          int k = timedBit(rooms[i], b + d);
          out[k >>> 6] |= 1L << k;
        }
      }
    }
  }

  /** One of 256 bits for a room in a time bucket (a multiplicative hash, then its top byte). */
  static int timedBit(String room, long bucket) {
    int h = room.hashCode() * 0x9E3779B9 + (int) (bucket ^ (bucket >>> 32)) * 0x85EBCA6B;
    h ^= h >>> 15;
    h *= 0x2C1B3C6D;
    return h >>> 24;
  }

  private void remask() {
    mask = 0;
    for (int i = 0; i < size; i++) {
      mask |= bit(rooms[i]);
    }
    unexplained = countUnexplained();
  }

  private boolean hasUnexplained(String anchor) {
    for (int i = 0; i < size; i++) {
      if (!explained[i] && anchors[i].equals(anchor)) {
        return true;
      }
    }
    return false;
  }

  /** Empties the history: an account evicted or forgotten shares nothing with anyone. */
  void clear() {
    forgetBefore(Long.MAX_VALUE);
  }

  /**
   * Anchors of visits fandom does not explain, the current room's included. Read at every join
   * of a travelled account, so kept rather than counted (which compared every pair of entries).
   */
  int unexplainedAnchors() {
    return unexplained;
  }

  private int countUnexplained() {
    int n = 0;
    for (int i = 0; i < size; i++) {
      if (explained[i]) {
        continue;
      }
      boolean seen = false;
      for (int k = 0; k < i && !seen; k++) {
        seen = !explained[k] && anchors[k].equals(anchors[i]);
      }
      if (!seen) {
        n++;
      }
    }
    return n;
  }

  void comment(String room, long t) {
    int i = indexOf(room);
    if (i >= 0 && commentTs[i] == Long.MIN_VALUE) {
      commentTs[i] = t;
    }
  }

  /** The entry of this very room instance (histories of one detector share the instances). */
  int indexOfSame(String room) {
    for (int i = size - 1; i >= 0; i--) {
      if (rooms[i] == room) {
        return i;
      }
    }
    return -1;
  }

  int indexOf(String room) {
    for (int i = size - 1; i >= 0; i--) {
      if (rooms[i].equals(room)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether {@link #forgetBefore} would change anything: an entry older than {@code cutoff}, or
   * a history not recounted since it was made or restored.
   */
  boolean needsForget(long cutoff) {
    if (!counted) {
      return true;
    }
    for (int i = 0; i < size; i++) {
      if (ts[i] < cutoff) {
        return true;
      }
    }
    return false;
  }

  /** Drops entries older than {@code cutoff}. */
  void forgetBefore(long cutoff) {
    counted = true;
    int k = 0;
    for (int i = 0; i < size; i++) {
      if (ts[i] >= cutoff) {
        rooms[k] = rooms[i];
        ts[k] = ts[i];
        weight[k] = weight[i];
        commentTs[k] = commentTs[i];
        anchors[k] = anchors[i];
        explained[k] = explained[i];
        k++;
      }
    }
    for (int i = k; i < size; i++) {
      rooms[i] = null;
      anchors[i] = null;
    }
    size = k;
    remask();
  }
}
