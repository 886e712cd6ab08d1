package org.qinglang.detectors.audience;

import java.util.Arrays;

/**
 * A binary min-heap of (degree, node number) in two arrays, for {@link DenseBlock}'s peeling:
 * no boxed degree and no entry object per push. Entries are ordered by degree
 * ({@link Double#compare}), then by node number: among accounts of equal degree the lower number
 * is peeled first, whatever order the heap was filled in, so the peel's order is canonical.
 */
final class PeelHeap {
  private double[] keys = new double[64];
  private int[] nodes = new int[64];
  private int size;

  boolean isEmpty() {
    return size == 0;
  }

  void clear() {
    size = 0;
  }

  void add(double key, int node) {
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      nodes = Arrays.copyOf(nodes, size * 2);
    }
    int k = size++;
    while (k > 0) {
      int parent = (k - 1) >>> 1;
      if (!less(key, node, keys[parent], nodes[parent])) {
        break;
      }
      keys[k] = keys[parent];
      nodes[k] = nodes[parent];
      k = parent;
    }
    keys[k] = key;
    nodes[k] = node;
  }

  private static boolean less(double key, int node, double otherKey, int otherNode) {
    int c = Double.compare(key, otherKey);
    return c < 0 || (c == 0 && node < otherNode);
  }

  /** The smallest key held; only when not empty. */
  double firstKey() {
    return keys[0];
  }

  /** Removes the entry of {@link #firstKey()} and returns its node; only when not empty. */
  int poll() {
    int first = nodes[0];
    int n = --size;
    double key = keys[n];
    int node = nodes[n];
    if (n > 0) {
      int k = 0;
      int half = n >>> 1;
      while (k < half) {
        int child = (k << 1) + 1;
        int right = child + 1;
        if (right < n && less(keys[right], nodes[right], keys[child], nodes[child])) {
          child = right;
        }
        if (!less(keys[child], nodes[child], key, node)) {
          break;
        }
        keys[k] = keys[child];
        nodes[k] = nodes[child];
        k = child;
      }
      keys[k] = key;
      nodes[k] = node;
    }
    return first;
  }
}
