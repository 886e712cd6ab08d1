package org.qinglang.detectors.audience;

/**
 * Dense ids 1, 2, 3, ... for distinct strings, in the order they are first seen; 0 stands for
 * null. A room gives each device id and SIM digest its number once, when the viewer brings it,
 * so that every later judgement groups viewers by counting in an int array instead of hashing
 * the same strings into fresh maps every five minutes.
 */
final class StringIds {
  private String[] keys;
  private int[] ids;
  private int size;

  StringIds() {
    keys = new String[16];
    ids = new int[16];
  }

  /** The id of {@code s}, given the next one if it has none yet; 0 for null. */
  int id(String s) {
    if (s == null) {
      return 0;
    }
    int mask = keys.length - 1;
    int slot = spread(s.hashCode()) & mask;
    while (keys[slot] != null) {
      if (keys[slot].equals(s)) {
        return ids[slot];
      }
      slot = (slot + 1) & mask;
    }
    keys[slot] = s;
    ids[slot] = ++size;
    if (size * 2 > keys.length) {
      grow();
    }
    return size;
  }

  /** How many strings have an id: the ids are 1..size(). */
  int size() {
    return size;
  }

  private void grow() {
    String[] oldKeys = keys;
    int[] oldIds = ids;
    keys = new String[oldKeys.length * 2];
    ids = new int[keys.length];
    int mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != null) {
        int slot = spread(oldKeys[i].hashCode()) & mask;
        while (keys[slot] != null) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = oldKeys[i];
        ids[slot] = oldIds[i];
      }
    }
  }

  /** Ids such as "dev-000123" differ in their low digits: mix the high bits in before masking. */
  private static int spread(int h) {
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
