package org.qinglang.detectors.comment;

import java.util.Arrays;

/**
 * Character-bigram shingles of a normalised text, their MinHash signature and its LSH band
 * keys. Chinese has no spaces, so bigrams of characters are the natural shingle: an inserted
 * word ("真的", "姐妹们") changes only the few bigrams around it.
 *
 * <p>{@link #HASHES} values in {@link #BANDS} bands of {@link #ROWS}: two texts whose bigram
 * sets have Jaccard similarity J share at least one band with probability 1-(1-J^2)^16,
 * 0.99 at J=0.5 and 0.94 at J=0.4, and rarely below J=0.2; candidates are then checked with
 * the exact Jaccard of their bigram sets, so LSH only decides whom to compare with.
 */
public final class MinHash {
  public static final int HASHES = 32;
  public static final int ROWS = 2;
  public static final int BANDS = HASHES / ROWS;
  private static final long[] MUL = new long[HASHES];
  private static final long[] ADD = new long[HASHES];

  static {
    long s = 0x5DEECE66DL;
    for (int i = 0; i < HASHES; i++) {
      s = mix(s + 0x9E3779B97F4A7C15L);
      MUL[i] = s | 1; // odd multipliers: multiply-shift hashing
      s = mix(s + 0x9E3779B97F4A7C15L);
      ADD[i] = s;
    }
  }

  private MinHash() {}

  /** The sorted, distinct character bigrams of {@code s}, each packed in an int. */
  public static int[] bigrams(String s) {
    int n = s.length() - 1;
    if (n < 1) {
      return new int[0];
    }
    int[] b = new int[n];
    for (int i = 0; i < n; i++) {
      b[i] = (s.charAt(i) << 16) | s.charAt(i + 1);
    }
    Arrays.sort(b);
    int k = 1;
    for (int i = 1; i < n; i++) {
      if (b[i] != b[k - 1]) {
        b[k++] = b[i];
      }
    }
    return k == n ? b : Arrays.copyOf(b, k);
  }

  public static int[] signature(int[] bigrams) {
    int[] sig = new int[HASHES];
    Arrays.fill(sig, Integer.MAX_VALUE);
    for (int g : bigrams) {
      long base = mix(g);
      for (int i = 0; i < HASHES; i++) {
        int v = (int) ((MUL[i] * base + ADD[i]) >>> 33); // non-negative
        if (v < sig[i]) {
          sig[i] = v;
        }
      }
    }
    return sig;
  }

  /** The key of band {@code band} of a signature; the band index is mixed in. */
  public static long bandKey(int[] sig, int band) {
    long a = sig[band * ROWS];
    long b = sig[band * ROWS + 1];
    return mix((a << 32) ^ b ^ (band * 0xC2B2AE3D27D4EB4FL));
  }

  /** Exact Jaccard similarity of two sorted distinct arrays. */
  public static double jaccard(int[] a, int[] b) {
    if (a.length == 0 && b.length == 0) {
      return 1;
    }
    int common = common(a, b);
    return common / (double) (a.length + b.length - common);
  }

  /** How many elements two sorted distinct arrays share. */
  public static int common(int[] a, int[] b) {
    int i = 0;
    int j = 0;
    int common = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        common++;
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return common;
  }

  static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
    z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return z ^ (z >>> 33);
  }
}
