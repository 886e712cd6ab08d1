package org.qinglang.detectors.audience;

import java.util.Arrays;

/**
 * Dense ids 1, 2, 3, ... for distinct strings, in the order they are first seen; 0 stands for
 * null. A room gives each device id and SIM digest its number once, when the viewer brings it,
 * so that every later judgement groups viewers by counting in an int array instead of hashing
 * the same strings into fresh maps every five minutes.
 *
 * <p>The table is one {@code long[]} holding each slot's mixed hash beside its id, and the
 * strings are kept by id: a probe reads one array, touches a string only when the hash matches,
 * and growing the table moves longs without visiting any string or a second array. (It was three
 * parallel arrays of keys, ids and hashes: a found string cost a line in each.) The ids do not
 * depend on the table's layout, so they are the same as before for the same strings in the same
 * order.
 */
final class StringIds {
  /** (hash << 32) | id per slot, 0 when free (ids start at 1); kept at most half full. */
  private long[] table;
  /** The string of each id, at index id. */
  private String[] byId;
  private int size;

  StringIds() {
    table = new long[16];
    byId = new String[16];
  }

  /** The id of {@code s}, given the next one if it has none yet; 0 for null. */
  int id(String s) {
    if (s == null) {
      return 0;
    }
    long[] t = table;
    int mask = t.length - 1;
    int h = spread(s.hashCode());
    int slot = h & mask;
    for (long e = t[slot]; e != 0; e = t[slot]) {
      if ((int) (e >>> 32) == h && byId[(int) e].equals(s)) {
        return (int) e;
      }
      slot = (slot + 1) & mask;
    }
    int id = ++size;
    if (id == byId.length) {
      byId = Arrays.copyOf(byId, id * 2);
    }
    byId[id] = s;
    t[slot] = ((long) h << 32) | id;
    if (size * 2 > t.length) {
      grow();
    }
    return id;
  }

  /** How many strings have an id: the ids are 1..size(). */
  int size() {
    return size;
  }

  private void grow() {
    long[] old = table;
    long[] t = new long[old.length * 2];
    int mask = t.length - 1;
    for (long e : old) {
      if (e != 0) {
        int slot = (int) (e >>> 32) & mask;
        while (t[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        t[slot] = e;
      }
    }
    table = t;
  }

  /** Ids such as "dev-000123" differ in their low digits: mix the high bits in before masking. */
  private static int spread(int h) {
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
