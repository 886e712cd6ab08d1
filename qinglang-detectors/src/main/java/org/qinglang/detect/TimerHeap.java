package org.qinglang.detect;

import java.util.Arrays;

/**
 * A binary min-heap of (time, item) in two arrays, for {@link LocalRunner}'s timers: the times
 * the comparisons read lie side by side instead of one object each. It sifts exactly as
 * {@link java.util.PriorityQueue} does, so items due at the same time come out in the order
 * they always did (and the runner's alerts keep their order).
 */
final class TimerHeap<T> {
  private long[] times = new long[64];
  private Object[] items = new Object[64];
  private int size;

  boolean isEmpty() {
    return size == 0;
  }

  /** The earliest time held; only when not empty. */
  long firstTime() {
    return times[0];
  }

  void add(long time, T item) {
    if (size == times.length) {
      times = Arrays.copyOf(times, size * 2);
      items = Arrays.copyOf(items, size * 2);
    }
    int k = size++;
    while (k > 0) {
      int parent = (k - 1) >>> 1;
      if (time >= times[parent]) {
        break;
      }
      times[k] = times[parent];
      items[k] = items[parent];
      k = parent;
    }
    times[k] = time;
    items[k] = item;
  }

  /** Removes and returns the item of {@link #firstTime()}; only when not empty. */
  @SuppressWarnings("unchecked")
  T poll() {
    T first = (T) items[0];
    int n = --size;
    long time = times[n];
    Object item = items[n];
    items[n] = null;
    if (n > 0) {
      int k = 0;
      int half = n >>> 1;
      while (k < half) {
        int child = (k << 1) + 1;
        int right = child + 1;
        if (right < n && times[child] > times[right]) {
          child = right;
        }
        if (time <= times[child]) {
          break;
        }
        times[k] = times[child];
        items[k] = items[child];
        k = child;
      }
      times[k] = time;
      items[k] = item;
    }
    return first;
  }
}
