package org.qinglang.engine;

import java.nio.charset.StandardCharsets;

/**
 * One String instance per distinct short ASCII value (account, room, device, address ids) for
 * every task in this JVM, for the strings the engine decodes off the wire.
 *
 * <p>Why: each detector task decodes its own copy of every event, and its state keeps the ids
 * of the events it saw first. An account seen by five detector groups in four rooms was held
 * as twenty equal Strings; in a profile of the all-detector job those copies were the largest
 * part of the live heap, and the garbage collector's pauses (copying them from one survivor
 * space to the next) were a fifth of the wall time. Shared instances also make the detectors'
 * hash lookups cheaper: the hash is computed once per value, and {@code equals} stops at the
 * identity check.
 *
 * <p>The table is direct-mapped and racy on purpose: a slot holds the last value that hashed
 * there, a collision simply replaces it (the caller then gets a fresh String, which is always
 * correct), and a String is safely published through its final fields, so no lock is needed.
 * Values that are long (free text) or not ASCII (comments, titles) are not shared: they rarely
 * repeat and would only evict ids.
 */
final class SharedStrings {
  static final int MAX_BYTES = 64;
  private static final int SLOTS = 1 << 18;
  private static final String[] TABLE = new String[SLOTS];

  private SharedStrings() {}

  /** The string of {@code b[0..n)} (UTF-8), shared with earlier calls where it is a short id. */
  static String of(byte[] b, int n) {
    if (n > MAX_BYTES) {
      return new String(b, 0, n, StandardCharsets.UTF_8);
    }
    int h = 0;
    for (int k = 0; k < n; k++) {
      byte c = b[k];
      if (c < 0) {
        return new String(b, 0, n, StandardCharsets.UTF_8);
      }
      h = 31 * h + c;
    }
    int slot = (h ^ (h >>> 15)) & (SLOTS - 1);
    String s = TABLE[slot];
    if (s != null && same(s, b, n)) {
      return s;
    }
    s = new String(b, 0, n, StandardCharsets.US_ASCII);
    TABLE[slot] = s;
    return s;
  }

  private static boolean same(String s, byte[] b, int n) {
    if (s.length() != n) {
      return false;
    }
    for (int k = 0; k < n; k++) {
      if (s.charAt(k) != b[k]) {
        return false;
      }
    }
    return true;
  }
}
