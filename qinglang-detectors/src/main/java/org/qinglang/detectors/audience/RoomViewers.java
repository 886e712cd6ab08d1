package org.qinglang.detectors.audience;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * A room's viewers by user, numbered 0, 1, 2, ... in the order they were first kept.
 *
 * <p>Nearly every event the detector accepts looks a viewer up by user, and in the bench each
 * step of that lookup is a cold load that waits for the one before it: the event's user string
 * (for its hash), the table's slot, then the viewer. The table therefore holds the viewers
 * themselves, open-addressed by the user's hash, so that the slot leads straight to the viewer;
 * it held (hash, number) pairs before, and the number led through the by-number array to the
 * viewer, one more cold load in the chain. The check that the viewer found is the one asked for
 * reads the hash and, for ids of up to 8 one-byte characters (all the platforms' ids seen so
 * far), the id's characters packed into a long ({@link #pack}), both kept in the viewer beside
 * the fields the event updates next; only longer ids compare the strings, and the viewer's
 * {@code user} string, made at its first join and cold ever since, is otherwise not visited.
 * The check's outcome is nearly always "found", which the processor predicts, so it adds
 * little to the chain. There is no entry object per viewer. Viewers are never removed, so the
 * numbers stay dense and iterating them is insertion order, as the {@code LinkedHashMap} this
 * replaced gave.
 *
 * <p>It is a {@code List} so that a checkpoint writes it the way Kryo writes any collection: its
 * viewers in order, read back through {@link #add}, which rebuilds the table and the viewers'
 * transient hash and packed id. Written field by field it took about 18 bytes more per viewer
 * than the map did, each viewer's fields being one chunked object deeper; as a list it takes
 * slightly fewer. Any field added here is therefore not checkpointed unless it can be derived
 * again from the viewers.
 */
final class RoomViewers extends AbstractList<Viewer> implements RandomAccess {
  private Viewer[] byNumber = new Viewer[16];
  /** Each viewer's {@link Viewer#userHash} by number: growing the table reads these, not the viewers. */
  private int[] hashes = new int[16];
  /**
   * Each viewer's {@link Viewer#firstJoin} (which never changes) by number: every judgement asks
   * it of every kept viewer to find the settled ones, and reading it here walks one array
   * instead of visiting each viewer, most of them cold by then. Filled by {@link #add}, also on
   * a restore.
   */
  private long[] firstJoins = new long[16];
  private int size;
  /** The viewers, open-addressed by {@link Viewer#userHash}; null when free; at most half full. */
  private transient Viewer[] table;

  /** The viewer kept for {@code user} (which may be null), or null. */
  Viewer find(String user) {
    Viewer[] t = table();
    int h = hash(user);
    long key = pack(user);
    int mask = t.length - 1;
    for (int slot = h & mask; ; slot = (slot + 1) & mask) {
      Viewer v = t[slot];
      if (v == null) {
        return null;
      }
      if (v.userHash == h && v.userKey == key
          && (key != 0 || java.util.Objects.equals(v.user, user))) {
        return v;
      }
    }
  }

  /** Keeps {@code v} under the next number; its user must not be kept already. */
  @Override
  public boolean add(Viewer v) {
    Viewer[] t = table();
    if (size == byNumber.length) {
      byNumber = Arrays.copyOf(byNumber, size * 2);
      hashes = Arrays.copyOf(hashes, size * 2);
      firstJoins = Arrays.copyOf(firstJoins, size * 2);
    }
    v.userHash = hash(v.user);
    v.userKey = pack(v.user);
    byNumber[size] = v;
    hashes[size] = v.userHash;
    firstJoins[size] = v.firstJoin;
    size++;
    if (size * 2 > t.length) {
      table = index(t.length * 2);
    } else {
      place(t, v, v.userHash);
    }
    return true;
  }

  @Override
  public int size() {
    return size;
  }

  /** The viewer numbered {@code n}, {@code 0 <= n < size()}. */
  @Override
  public Viewer get(int n) {
    return byNumber[n];
  }

  /** The first join of the viewer numbered {@code n}: {@code get(n).firstJoin}. */
  long firstJoin(int n) {
    return firstJoins[n];
  }

  private Viewer[] table() {
    if (table == null) {
      int cap = 16;
      while (cap < size * 2) {
        cap *= 2;
      }
      table = index(cap);
    }
    return table;
  }

  /**
   * A table of {@code capacity} slots (a power of two) holding every kept viewer, placed by the
   * hashes kept by number: a doubling reads two arrays in order and visits no viewer or string.
   */
  private Viewer[] index(int capacity) {
    Viewer[] t = new Viewer[capacity];
    for (int i = 0; i < size; i++) {
      place(t, byNumber[i], hashes[i]);
    }
    return t;
  }

  private static void place(Viewer[] t, Viewer v, int h) {
    int mask = t.length - 1;
    int slot = h & mask;
    while (t[slot] != null) {
      slot = (slot + 1) & mask;
    }
    t[slot] = v;
  }

  /**
   * A user id of 1 to 8 characters, each in 1..255, as its characters one per byte, the first
   * lowest; 0 for any other (null, empty, longer, or with a character outside that range). The
   * packing is one-to-one on the ids it accepts (no character is 0, so the length shows as the
   * first zero byte), so two non-zero packs are equal exactly when the ids are.
   */
  static long pack(String user) {
    if (user == null) {
      return 0;
    }
    int n = user.length();
    if (n == 0 || n > 8) {
      return 0;
    }
    long k = 0;
    for (int i = 0; i < n; i++) {
      char c = user.charAt(i);
      if (c == 0 || c > 255) {
        return 0;
      }
      k |= (long) c << (8 * i);
    }
    return k;
  }

  /**
   * User ids differ in their last digits: mix the high bits into the ones the mask keeps. A
   * null user (events that carry none are looked up too) is a key like any other, as it was in
   * the map.
   */
  static int hash(String user) {
    int h = user == null ? 0 : user.hashCode() * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
