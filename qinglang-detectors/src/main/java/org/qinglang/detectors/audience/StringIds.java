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
  /**
   * Each slot's mixed hash: a probe compares it before touching the key, so passing an
   * occupied slot or growing costs no visit to another string's characters.
   */
  private int[] hashes;
  private int size;

  StringIds() {
    keys = new String[16];
    ids = new int[16];
    hashes = new int[16];
  }

  /** The id of {@code s}, given the next one if it has none yet; 0 for null. */
  int id(String s) {
    if (s == null) {
      return 0;
    }
    int mask = keys.length - 1;
    int h = spread(s.hashCode());
    int slot = h & mask;
    while (keys[slot] != null) {
      if (hashes[slot] == h && keys[slot].equals(s)) {
        return ids[slot];
      }
      slot = (slot + 1) & mask;
    }
    keys[slot] = s;
    hashes[slot] = h;
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
    int[] oldHashes = hashes;
    keys = new String[oldKeys.length * 2];
    ids = new int[keys.length];
    hashes = new int[keys.length];
    int mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != null) {
        int slot = oldHashes[i] & mask;
        while (keys[slot] != null) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = oldKeys[i];
        hashes[slot] = oldHashes[i];
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
