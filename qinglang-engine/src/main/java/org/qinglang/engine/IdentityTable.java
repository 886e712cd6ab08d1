package org.qinglang.engine;

/**
 * Originals to their copies by identity, for the few hundred to hundreds of thousands of objects
 * of one detector state being copied. Kryo's own table shrinks back to 2,048 entries after every
 * state, grows again through every power of two on the next large one, and keeps up to four in
 * five slots full; this one keeps its size, stays at most half full, and empties in time
 * proportional to what it held, so one table serves a run of states large and small.
 */
final class IdentityTable {
  // Key and value side by side: a look-up that finds its key has the value in the same line.
  private Object[] table = new Object[2 * 256];
  private int[] used = new int[128]; // slots taken, in the order they were taken
  private int size;
  private int shift = 32 - 8;

  /** The slot holding {@code key}, or -1 - the slot where it would go. */
  private int find(Object key) {
    Object[] t = table;
    int mask = (t.length >> 1) - 1;
    for (int i = (System.identityHashCode(key) * 0x9E3779B9) >>> shift; ; i = (i + 1) & mask) {
      Object o = t[i << 1];
      if (o == key) {
        return i;
      }
      if (o == null) {
        return -1 - i;
      }
    }
  }

  /** The copy put for {@code key}, or null. */
  Object value(Object key) {
    int i = find(key);
    return i >= 0 ? table[(i << 1) + 1] : null;
  }

  void put(Object key, Object value) {
    int i = find(key);
    if (i < 0) {
      if (size + 1 > table.length >> 2) {
        grow();
        i = find(key);
      }
      i = -1 - i;
      table[i << 1] = key;
      used[size++] = i;
    }
    table[(i << 1) + 1] = value;
  }

  private void grow() {
    Object[] old = table;
    int[] oldUsed = used;
    int n = size;
    table = new Object[old.length * 2];
    used = new int[table.length >> 2];
    shift--;
    size = 0;
    for (int j = 0; j < n; j++) { // in the order taken
      int from = oldUsed[j];
      int to = -1 - find(old[from << 1]);
      table[to << 1] = old[from << 1];
      table[(to << 1) + 1] = old[(from << 1) + 1];
      used[size++] = to;
    }
  }

  void clear() {
    Object[] t = table;
    for (int j = 0; j < size; j++) {
      int i = used[j] << 1;
      t[i] = null;
      t[i + 1] = null;
    }
    size = 0;
  }
}
