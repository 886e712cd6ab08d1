package org.qinglang.detectors.audience;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * A room's viewers by user, numbered 0, 1, 2, ... in the order they were first kept.
 *
 * <p>Nearly every event the detector accepts looks a viewer up by user. A {@code HashMap} costs
 * a visit to its entry and then to the viewer; here the table is a {@code long[]} holding each
 * user's hash beside its number, and the key is compared through the viewer's own {@code user},
 * which the caller reads next anyway: one cold line fewer per event, and no entry object per
 * viewer. Viewers are never removed, so the numbers stay dense and iterating them is insertion
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
  /** (hash << 32) | (number + 1) per slot, 0 when free; kept at most half full. */
  private transient long[] table;

  /** The viewer kept for {@code user} (which may be null), or null. */
  Viewer find(String user) {
    long[] t = table();
    int h = hash(user);
    int mask = t.length - 1;
    for (int slot = h & mask; ; slot = (slot + 1) & mask) {
      long e = t[slot];
      if (e == 0) {
        return null;
      }
      if ((int) (e >>> 32) == h) {
        Viewer v = byNumber[(int) e - 1];
        if (java.util.Objects.equals(v.user, user)) {
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
    if (size * 2 > t.length) {
      table = index(byNumber, size, t.length * 2);
    } else {
      place(t, hash(v.user), size);
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

  private static long[] index(Viewer[] vs, int n, int capacity) {
    long[] t = new long[capacity];
    for (int i = 0; i < n; i++) {
      place(t, hash(vs[i].user), i + 1);
    }
    return t;
  }

  private static void place(long[] t, int h, int numberPlusOne) {
    int mask = t.length - 1;
    int slot = h & mask;
    while (t[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    t[slot] = ((long) h << 32) | numberPlusOne;
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
