package org.qinglang.io;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * A strict JSON scanner for the one shape the contract has: one object per line whose
 * top-level values are strings, integers, booleans or null. It checks the whole line against
 * the JSON grammar (RFC 8259: nested values of unknown fields included, escapes, number
 * syntax, UTF-8) and hands back only the top-level values whose names it is asked for.
 *
 * <p>Why not a general parser: with a general one, building the parser for each line and
 * producing tokens cost more than reading the line itself, and parsing was the engine's
 * slowest stage. Here a line is one pass over its bytes with no per-line setup: names are
 * matched on their raw bytes, and ASCII strings are copied straight into Latin-1 strings.
 *
 * <p>Limits: nesting deeper than {@link #MAX_DEPTH} is refused (the scanner recurses). Invalid
 * UTF-8 (stray continuation bytes, truncated, overlong or surrogate sequences) is refused, as
 * are control characters inside strings. Numbers keep their JSON kind: an integer that fits a
 * long becomes a Long, a larger one {@link #BIG}, one with a fraction or exponent
 * {@link #FLOAT}; objects and arrays become {@link #OBJECT} and {@link #ARRAY}.
 *
 * <p>Not thread-safe: one scanner per thread.
 */
final class ObjectScanner {
  static final int MAX_DEPTH = 500;

  /** Markers for values of a kind no field of the contract takes. */
  static final Object FLOAT = new Object();
  static final Object BIG = new Object();
  static final Object OBJECT = new Object();
  static final Object ARRAY = new Object();
  /** An integer that fits a long; its value is in the {@code longs} array, unboxed. */
  static final Object LONG = new Object();

  // Per slot, the strings already made for a few values seen often (type, platform...):
  // reused instead of allocating a copy per line.
  private static final int CACHE_MAX = 64;
  private static final int CACHE_TABLE = 128; // open addressing, at most half full

  private static final int TABLE = 256; // power of two, well above the names' count

  private final byte[][] names;
  private final int[] table = new int[TABLE]; // hash slot -> name index + 1
  private final Map<String, Integer> byString;
  private final byte[][][] cacheBytes;
  private final String[][] cacheStrings;
  private final int[] cacheSize;
  private final int[] set; // slots stored by the last scan
  private int nSet;
  private boolean overflow;

  private byte[] b;
  private int p;
  private int end;
  private int start;
  private StringBuilder sb = new StringBuilder(64);

  /**
   * {@code names[i]} is the field whose value lands in {@code vals[i]}; string values of the
   * fields in {@code repetitive} (few distinct values, e.g. an enumeration) are interned.
   */
  ObjectScanner(String[] names, java.util.Set<String> repetitive) {
    this.names = new byte[names.length][];
    this.set = new int[names.length * 4];
    this.cacheBytes = new byte[names.length][][];
    this.cacheStrings = new String[names.length][];
    this.cacheSize = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      if (repetitive.contains(names[i])) {
        cacheBytes[i] = new byte[CACHE_TABLE][];
        cacheStrings[i] = new String[CACHE_TABLE];
      }
    }
    this.byString = new java.util.HashMap<>();
    for (int i = 0; i < names.length; i++) {
      byte[] n = names[i].getBytes(StandardCharsets.UTF_8);
      this.names[i] = n;
      byString.put(names[i], i);
      int h = hash(n, 0, n.length) & (TABLE - 1);
      while (table[h] != 0) {
        h = (h + 1) & (TABLE - 1);
      }
      table[h] = i + 1;
    }
  }

  private static int hash(byte[] a, int from, int to) {
    int h = to - from;
    for (int i = from; i < to; i++) {
      h = h * 31 + a[i];
    }
    return h ^ (h >>> 7);
  }

  private int slotOf(int from, int to) {
    int h = hash(b, from, to) & (TABLE - 1);
    while (true) {
      int i = table[h] - 1;
      if (i < 0) {
        return -1;
      }
      if (same(names[i], from, to)) {
        return i;
      }
      h = (h + 1) & (TABLE - 1);
    }
  }

  /** Short byte strings: a plain loop beats the vectorised comparison's set-up. */
  private boolean same(byte[] n, int from, int to) {
    if (n.length != to - from) {
      return false;
    }
    for (int k = 0; k < n.length; k++) {
      if (n[k] != b[from + k]) {
        return false;
      }
    }
    return true;
  }

  /** Sets to null the slots of {@code vals} the last scan stored. */
  void clear(Object[] vals) {
    if (overflow) {
      Arrays.fill(vals, null);
      overflow = false;
    }
    for (int i = 0; i < nSet; i++) {
      vals[set[i]] = null;
    }
    nSet = 0;
  }

  /**
   * Scans {@code buf[off, off+len)} as one JSON object and stores the top-level values of the
   * known names in {@code vals} (the last one wins when a name repeats; JSON null stores null);
   * integers are stored as {@link #LONG} with their value in {@code longs}. {@code vals} must
   * have been cleared with {@link #clear}.
   */
  void scan(byte[] buf, int off, int len, Object[] vals, long[] longs)
      throws BadLineException {
    b = buf;
    p = off;
    start = off;
    end = off + len;
    ws();
    if (p >= end) {
      throw new BadLineException("not a JSON object");
    }
    if (b[p] != '{') {
      byte c = b[p];
      if (c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f'
          || c == 'n') {
        throw new BadLineException("not a JSON object");
      }
      throw bad("unexpected character " + show(c));
    }
    p++;
    ws();
    if (peek() == '}') {
      p++;
    } else {
      while (true) {
        if (peek() != '"') {
          throw bad("expected a field name in double quotes");
        }
        int slot = name();
        ws();
        expect(':');
        ws();
        Object v = value(slot, 1);
        if (slot >= 0) {
          if (v == LONG) {
            longs[slot] = number;
          }
          vals[slot] = v;
          if (nSet < set.length) {
            set[nSet++] = slot;
          } else {
            overflow = true; // a line repeating names again and again: clear them all
          }
        }
        ws();
        int c = next();
        if (c == '}') {
          break;
        }
        if (c != ',') {
          throw bad(c < 0 ? "unexpected end of line in an object" : "expected ',' or '}'");
        }
        ws();
      }
    }
    ws();
    if (p < end) {
      throw new BadLineException("text after the JSON object");
    }
  }

  /** A field name: its slot, or -1 when the scanner was not asked for it. */
  private int name() throws BadLineException {
    p++; // opening quote
    int from = p;
    while (p < end) {
      byte c = b[p];
      if (c == '"') {
        int slot = slotOf(from, p);
        p++;
        return slot;
      }
      if (c == '\\' || c < 0x20) { // escapes, non-ASCII and control characters: slow path
        p = from - 1;
        Integer slot = byString.get(string(true));
        return slot == null ? -1 : slot;
      }
      p++;
    }
    throw bad("unterminated string");
  }

  /** A value; kept (built) when {@code slot} ≥ 0. */
  private Object value(int slot, int depth) throws BadLineException {
    int c = peek();
    switch (c) {
      case '"':
        return slot >= 0 && cacheBytes[slot] != null ? cachedString(slot) : string(slot >= 0);
      case '{':
        object(depth + 1);
        return OBJECT;
      case '[':
        array(depth + 1);
        return ARRAY;
      case 't':
        literal("true");
        return Boolean.TRUE;
      case 'f':
        literal("false");
        return Boolean.FALSE;
      case 'n':
        literal("null");
        return null;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw bad(c < 0 ? "unexpected end of line, expected a value"
            : "unexpected character " + show((byte) c) + ", expected a value");
    }
  }

  private void object(int depth) throws BadLineException {
    if (depth > MAX_DEPTH) {
      throw bad("nested deeper than " + MAX_DEPTH);
    }
    p++;
    ws();
    if (peek() == '}') {
      p++;
      return;
    }
    while (true) {
      if (peek() != '"') {
        throw bad("expected a field name in double quotes");
      }
      string(false);
      ws();
      expect(':');
      ws();
      value(-1, depth);
      ws();
      int c = next();
      if (c == '}') {
        return;
      }
      if (c != ',') {
        throw bad(c < 0 ? "unexpected end of line in an object" : "expected ',' or '}'");
      }
      ws();
    }
  }

  private void array(int depth) throws BadLineException {
    if (depth > MAX_DEPTH) {
      throw bad("nested deeper than " + MAX_DEPTH);
    }
    p++;
    ws();
    if (peek() == ']') {
      p++;
      return;
    }
    while (true) {
      value(-1, depth);
      ws();
      int c = next();
      if (c == ']') {
        return;
      }
      if (c != ',') {
        throw bad(c < 0 ? "unexpected end of line in an array" : "expected ',' or ']'");
      }
      ws();
    }
  }

  private void literal(String word) throws BadLineException {
    int n = word.length();
    if (end - p < n) {
      throw bad("unrecognised token");
    }
    for (int i = 0; i < n; i++) {
      if (b[p + i] != word.charAt(i)) {
        throw bad("unrecognised token");
      }
    }
    p += n;
    if (p < end && isTokenChar(b[p])) {
      throw bad("unrecognised token");
    }
  }

  private static boolean isTokenChar(byte c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '_' || c == '$' || c < 0;
  }

  private long number; // the value of the last number that returned LONG

  /** JSON number grammar; {@link #LONG} (value in {@link #number}) for an integer that fits. */
  private Object number() throws BadLineException {
    boolean neg = false;
    if (b[p] == '-') {
      neg = true;
      p++;
    }
    if (p >= end || b[p] < '0' || b[p] > '9') {
      throw bad("a minus sign must be followed by a digit");
    }
    long v = 0; // accumulated negatively, so Long.MIN_VALUE fits
    boolean big = false;
    if (b[p] == '0') {
      p++;
      if (p < end && b[p] >= '0' && b[p] <= '9') {
        throw bad("leading zeroes are not allowed");
      }
    } else {
      while (p < end && b[p] >= '0' && b[p] <= '9') {
        int d = b[p] - '0';
        if (!big) {
          if (v < Long.MIN_VALUE / 10 || (v == Long.MIN_VALUE / 10 && d > 8)) {
            big = true;
          } else {
            v = v * 10 - d;
          }
        }
        p++;
      }
    }
    boolean fraction = false;
    if (p < end && b[p] == '.') {
      p++;
      digits("a decimal point must be followed by a digit");
      fraction = true;
    }
    if (p < end && (b[p] == 'e' || b[p] == 'E')) {
      p++;
      if (p < end && (b[p] == '+' || b[p] == '-')) {
        p++;
      }
      digits("an exponent must have a digit");
      fraction = true;
    }
    if (p < end && isTokenChar(b[p])) {
      throw bad("unexpected character " + show(b[p]) + " in a number");
    }
    if (fraction) {
      return FLOAT;
    }
    if (big || (!neg && v == Long.MIN_VALUE)) {
      return BIG;
    }
    number = neg ? v : -v;
    return LONG;
  }

  /** A string of a repetitive field: the same String instance for the same bytes. */
  private String cachedString(int slot) throws BadLineException {
    int from = p + 1;
    int q = from;
    int h = 0;
    while (q < end) {
      byte c = b[q];
      if (c == '"' || c == '\\') {
        break;
      }
      h = 31 * h + c;
      q++;
    }
    if (q >= end || b[q] == '\\') {
      return string(true); // escapes or no end: the general path decides
    }
    byte[][] bytes = cacheBytes[slot];
    int i = (h ^ (h >>> 7)) & (CACHE_TABLE - 1);
    while (bytes[i] != null) {
      if (same(bytes[i], from, q)) {
        p = q + 1;
        return cacheStrings[slot][i];
      }
      i = (i + 1) & (CACHE_TABLE - 1);
    }
    String v = string(true); // validates
    if (cacheSize[slot] < CACHE_MAX) {
      bytes[i] = Arrays.copyOfRange(b, from, q);
      cacheStrings[slot][i] = v;
      cacheSize[slot]++;
    }
    return v;
  }


  private void digits(String why) throws BadLineException {
    if (p >= end || b[p] < '0' || b[p] > '9') {
      throw bad(why);
    }
    while (p < end && b[p] >= '0' && b[p] <= '9') {
      p++;
    }
  }

  /**
   * A string at {@code p} (on its opening quote). With {@code keep} false it is checked but
   * not built, and null is returned.
   */
  private String string(boolean keep) throws BadLineException {
    p++;
    int from = p;
    boolean ascii = true;
    while (p < end) {
      byte c = b[p];
      if (c == '"') {
        int to = p++;
        if (!keep) {
          return null;
        }
        return new String(b, from, to - from,
            ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
      }
      if (c == '\\') {
        return escaped(from, keep);
      }
      if (c >= 0 && c < 0x20) {
        throw bad("control character " + show(c) + " in a string must be escaped");
      }
      if (c < 0) {
        ascii = false;
        p += utf8(p) - 1;
      }
      p++;
    }
    throw bad("unterminated string");
  }

  /** The slow path, from the first backslash on. */
  private String escaped(int from, boolean keep) throws BadLineException {
    StringBuilder s = sb;
    s.setLength(0);
    if (keep) {
      s.append(new String(b, from, p - from, StandardCharsets.UTF_8));
    }
    while (p < end) {
      byte c = b[p];
      if (c == '"') {
        p++;
        return keep ? s.toString() : null;
      }
      if (c == '\\') {
        if (p + 1 >= end) {
          throw bad("unterminated string");
        }
        byte e = b[p + 1];
        char out;
        switch (e) {
          case '"' -> out = '"';
          case '\\' -> out = '\\';
          case '/' -> out = '/';
          case 'b' -> out = '\b';
          case 'f' -> out = '\f';
          case 'n' -> out = '\n';
          case 'r' -> out = '\r';
          case 't' -> out = '\t';
          case 'u' -> {
            if (p + 6 > end) {
              throw bad("a \\u escape needs four hex digits");
            }
            int v = 0;
            for (int i = p + 2; i < p + 6; i++) {
              int h = Character.digit(b[i], 16);
              if (h < 0 || b[i] < 0) {
                throw bad("a \\u escape needs four hex digits");
              }
              v = v * 16 + h;
            }
            out = (char) v;
            p += 4;
          }
          default -> throw bad("unknown escape \\" + show(e));
        }
        s.append(out);
        p += 2;
        continue;
      }
      if (c >= 0 && c < 0x20) {
        throw bad("control character " + show(c) + " in a string must be escaped");
      }
      if (c < 0) {
        int n = utf8(p);
        if (keep) {
          s.append(new String(b, p, n, StandardCharsets.UTF_8));
        }
        p += n;
        continue;
      }
      if (keep) {
        s.append((char) c);
      }
      p++;
    }
    throw bad("unterminated string");
  }

  /** Checks the UTF-8 sequence starting at {@code i}; returns its length in bytes. */
  private int utf8(int i) throws BadLineException {
    int c = b[i] & 0xFF;
    int n;
    int min;
    if (c >= 0xC2 && c <= 0xDF) {
      n = 2;
      min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 3;
      min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 4;
      min = 0x10000;
    } else {
      throw bad("invalid UTF-8 byte 0x" + Integer.toHexString(c));
    }
    if (i + n > end) {
      throw bad("truncated UTF-8 sequence");
    }
    int cp = c & (0xFF >> (n + 1));
    for (int k = 1; k < n; k++) {
      int cc = b[i + k] & 0xFF;
      if ((cc & 0xC0) != 0x80) {
        throw bad("invalid UTF-8 continuation byte 0x" + Integer.toHexString(cc));
      }
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      throw bad("invalid UTF-8 sequence");
    }
    return n;
  }

  private void ws() {
    while (p < end) {
      byte c = b[p];
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        return;
      }
      p++;
    }
  }

  private int peek() {
    return p < end ? b[p] : -1;
  }

  private int next() {
    return p < end ? b[p++] : -1;
  }

  private void expect(char c) throws BadLineException {
    if (p >= end || b[p] != c) {
      throw bad("expected '" + c + "'");
    }
    p++;
  }

  private static String show(byte c) {
    if (c >= 0x20 && c < 0x7F) {
      return "'" + (char) c + "'";
    }
    return String.format("0x%02x", c & 0xFF);
  }

  private BadLineException bad(String what) {
    return new BadLineException("invalid JSON: " + what + " at column " + (p - start + 1));
  }
}
