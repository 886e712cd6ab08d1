package org.qinglang.detectors.audience;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * A room's viewers by user, numbered 0, 1, 2, ... in the order they were first kept.
 *
 * <p>Nearly every event the detector accepts looks a viewer up by user. A {@code HashMap} costs
 * a visit to its entry and then to the viewer; here the table is a {@code long[]} holding each
 * user's hash beside its number and, for ids of up to 8 one-byte characters (all the platforms'
 * ids seen so far), the id's characters themselves, so that a lookup is decided in the slot's
 * own cache line. Comparing through the kept viewer's {@code user} instead cost a visit to that
 * string, which was made at the viewer's first join and is cold by the next event: in a profile
 * of the bench it was the single largest cost of the lookup. Longer ids are still compared
 * through the viewer's {@code user}. There is no entry object per viewer. Viewers are never
 * removed, so the numbers stay dense and iterating them is insertion
 * order, as the {@code LinkedHashMap} this replaces gave.
 *
 * <p>It is a {@code List} so that a checkpoint writes it the way Kryo writes any collection: its
 * viewers in order, read back through {@link #add}, which rebuilds the table. Written field by
 * field it took about 18 bytes more per viewer than the map did, each viewer's fields being one
 * chunked object deeper; as a list it takes slightly fewer. Any field added here is therefore not
 * checkpointed unless it can be derived again from the viewers.
 */
final class RoomViewers extends AbstractList<Viewer> implements RandomAccess {
  private Viewer[] byNumber = new Viewer[16];
  private int size;
  /**
   * Two longs per slot: (hash << 32) | (number + 1), 0 when free, then the user packed by
   * {@link #pack}; kept at most half full.
   */
  private transient long[] table;

  /** The viewer kept for {@code user} (which may be null), or null. */
  Viewer find(String user) {
    long[] t = table();
    int h = hash(user);
    long key = pack(user);
    int mask = (t.length >> 1) - 1;
    for (int slot = h & mask; ; slot = (slot + 1) & mask) {
      long e = t[2 * slot];
      if (e == 0) {
        return null;
      }
      // The packed characters tell a short id apart here, in the slot's own line; only ids too
      // long to pack send the check to the kept viewer's string, a cold object of its first join.
      if ((int) (e >>> 32) == h && t[2 * slot + 1] == key) {
        Viewer v = byNumber[(int) e - 1];
        if (key != 0 || java.util.Objects.equals(v.user, user)) {
          return v;
        }
      }
    }
  }

  /** Keeps {@code v} under the next number; its user must not be kept already. */
  @Override
  public boolean add(Viewer v) {
    long[] t = table();
    if (size == byNumber.length) {
      byNumber = Arrays.copyOf(byNumber, size * 2);
    }
    byNumber[size] = v;
    size++;
    place(t, hash(v.user), pack(v.user), size);
    if (size * 2 > t.length >> 1) {
      table = grow(t);
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

  private long[] table() {
    if (table == null) {
      int cap = 16;
      while (cap < size * 2) {
        cap *= 2;
      }
      table = index(byNumber, size, cap);
    }
    return table;
  }

  /** A table of {@code capacity} slots (a power of two) holding the first {@code n} viewers. */
  private static long[] index(Viewer[] vs, int n, int capacity) {
    long[] t = new long[2 * capacity];
    for (int i = 0; i < n; i++) {
      place(t, hash(vs[i].user), pack(vs[i].user), i + 1);
    }
    return t;
  }

  private static void place(long[] t, int h, long key, int numberPlusOne) {
    int mask = (t.length >> 1) - 1;
    int slot = h & mask;
    while (t[2 * slot] != 0) {
      slot = (slot + 1) & mask;
    }
    t[2 * slot] = ((long) h << 32) | numberPlusOne;
    t[2 * slot + 1] = key;
  }

  /**
   * Twice the slots, filled from the old table's own pairs: re-reading every kept viewer's user
   * string here, as the table first did, visited two or three cold objects per viewer at each
   * doubling, which showed as a sixth of the detector's samples once lookups no longer did.
   */
  private static long[] grow(long[] old) {
    long[] t = new long[2 * old.length];
    for (int i = 0; i < old.length; i += 2) {
      long e = old[i];
      if (e != 0) {
        place(t, (int) (e >>> 32), old[i + 1], (int) e);
      }
    }
    return t;
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
  private static int hash(String user) {
    int h = user == null ? 0 : user.hashCode() * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
