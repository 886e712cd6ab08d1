package org.qinglang.detectors.claim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What every match of a pack regex must look like, read from the regex's own text when the
 * pack is loaded: the characters a match can begin and end with, and sets of literals of which
 * every match contains one. The checker uses them to skip the positions where a match cannot
 * begin and the texts where it cannot occur, so the big alternations (a head word tried at
 * every position, {@code taken_back} at every position after a head) run only where they may
 * match; and to fail a condition whose regex cannot begin or end where it would have to.
 *
 * <p>The facts are over-approximations: a char outside {@link #mayStartWith} begins no match,
 * one outside {@link #mayEndWith} ends none, and a text without one literal of each {@link
 * #required} set has no match. Whatever the reading does not understand (inline flags,
 * back-references, {@code \p{..}}, nested classes, {@code \G}, ...) gives up on the whole
 * regex, which then runs as it always did.
 */
final class RegexPrefilter {

  /** No facts: the regex runs at every position of every text it is triggered on. */
  static final RegexPrefilter NONE = new RegexPrefilter(null, null, List.of());

  /** Finite sets of strings stay exact up to this many members; longer ones are unknown. */
  private static final int EXACT_MAX = 64;
  /**
   * A required set larger than this is not worth the automaton's time. Large enough for the
   * pack's place-name lists (500 and 570 names): since the automaton is a DFA a keyword more
   * costs memory, not time per char.
   */
  private static final int REQUIRED_MAX = 1024;
  /** A class with more chars than this gives no exact set (its first chars are still kept). */
  private static final int CLASS_EXACT_MAX = 16;
  /** At most this many required sets per regex (one bit each). */
  static final int REQUIRED_SETS_MAX = 8;

  /**
   * Above this many chars that may begin a match, trying a match at each of them costs more
   * (a reset of the matcher per position) than letting find() walk the text.
   */
  private static final int SPARSE_MAX = 4096;

  /** The chars that may begin a match. Null: any char may. */
  private final Chars starts;
  /** The chars that may end a match. Null: any char may. */
  private final Chars ends;
  private final boolean sparse;
  private final List<Set<String>> required;

  private RegexPrefilter(Chars starts, Chars ends, List<Set<String>> required) {
    this.starts = starts;
    this.ends = ends;
    this.required = required;
    this.sparse = starts != null && starts.count() <= SPARSE_MAX;
  }

  /** The facts of {@code p}, or {@link #NONE} when its text is beyond this reading. */
  static RegexPrefilter of(Pattern p) {
    return new Reader().read(p);
  }

  /**
   * Reads many regexes, each group's text once: a pack writes the same fragments (the
   * {@code taken_back} wordings, a list of endorsers) into dozens of its regexes.
   */
  static final class Reader {
    /** A group's text, parentheses included, to what it was read as. */
    private final java.util.Map<String, Facts> groups = new java.util.HashMap<>();

    RegexPrefilter read(Pattern p) {
      return analyse(p, groups);
    }
  }

  private static RegexPrefilter analyse(Pattern p, java.util.Map<String, Facts> groups) {
    if (p.flags() != 0) {
      return NONE;
    }
    try {
      Parser parser = new Parser(p.pattern(), groups);
      Facts f = parser.alternation();
      if (parser.at < parser.src.length()) {
        return NONE; // an unmatched ')' cannot compile, so this is a reading we got wrong
      }
      // A regex that can match the empty string matches at every position: nothing to skip.
      Chars starts = f.nullable ? null : f.first;
      Chars ends = f.nullable ? null : f.last;
      List<Set<String>> req = new ArrayList<>();
      for (Set<String> s : f.required) {
        if (s.size() <= REQUIRED_MAX && !s.contains("") && !req.contains(s)) {
          req.add(s);
        }
      }
      req.sort(Comparator.comparingInt(RegexPrefilter::weakness));
      if (req.size() > REQUIRED_SETS_MAX) {
        req = new ArrayList<>(req.subList(0, REQUIRED_SETS_MAX));
      }
      if (starts == null && ends == null && req.isEmpty()) {
        return NONE;
      }
      List<Set<String>> frozen = new ArrayList<>();
      for (Set<String> s : req) {
        frozen.add(java.util.Collections.unmodifiableSet(s));
      }
      return new RegexPrefilter(starts, ends, List.copyOf(frozen));
    } catch (GiveUp e) {
      return NONE;
    }
  }

  /** Whether a match may begin with {@code c}. */
  boolean mayStartWith(char c) {
    return starts == null || starts.contains(c);
  }

  /** Whether a match may end with {@code c}. */
  boolean mayEndWith(char c) {
    return ends == null || ends.contains(c);
  }

  /** Whether the analysis bounds what a match can end with (never for an empty match). */
  boolean knowsEnds() {
    return ends != null;
  }

  /** Whether the analysis bounds where a match can begin (never for an empty match). */
  boolean knowsStarts() {
    return starts != null;
  }

  /**
   * Whether few enough chars may begin a match that trying it only where one occurs beats
   * find(). Never true for a regex that can match the empty string.
   */
  boolean sparse() {
    return sparse;
  }

  /**
   * The first position in [from, to) of {@code chars} where a match may begin, or -1. Without
   * start facts every position may.
   */
  int nextStart(char[] chars, int from, int to) {
    if (starts == null) {
      return from < to ? from : -1;
    }
    int base = starts.base;
    long[] words = starts.words;
    for (int i = from; i < to; i++) {
      char c = chars[i];
      int w = (c >>> 6) - base;
      if (w >= 0 && w < words.length && (words[w] & (1L << c)) != 0) {
        return i;
      }
    }
    return -1;
  }

  /** Sets of literals: every match contains at least one literal of each set. */
  List<Set<String>> required() {
    return required;
  }

  /** A set of short or many literals is found in more texts: rank by shortest, then count. */
  private static int weakness(Set<String> s) {
    int shortest = Integer.MAX_VALUE;
    for (String x : s) {
      shortest = Math.min(shortest, x.length());
    }
    return -Math.min(shortest, 8) * 1024 + s.size();
  }

  private static final class GiveUp extends RuntimeException {
    GiveUp(String why) {
      super(why, null, false, false);
    }
  }

  /**
   * What is known of the strings one piece of regex can consume. {@code first} ({@code last})
   * null: any char may come first (last); {@code exact} null: not a small finite set;
   * {@code required}: sets of literals one of which each consumed string contains.
   */
  private static final class Facts {
    boolean nullable;
    Chars first;
    Chars last;
    Set<String> exact;
    List<Set<String>> required = new ArrayList<>();

    static Facts zeroWidth() {
      Facts f = new Facts();
      f.nullable = true;
      f.first = Chars.NONE;
      f.last = Chars.NONE;
      f.exact = new LinkedHashSet<>(List.of(""));
      return f;
    }

    /** Any string, the empty one included: nothing known of its chars or its words. */
    static Facts anyString() {
      Facts f = new Facts();
      f.nullable = true;
      return f;
    }

    /** One char of {@code set} (null: any char). */
    static Facts chars(Chars set) {
      Facts f = new Facts();
      f.first = set;
      f.last = set;
      if (set != null && set.count() <= CLASS_EXACT_MAX) {
        f.exact = new LinkedHashSet<>();
        for (int w = 0; w < set.words.length; w++) {
          for (long bits = set.words[w]; bits != 0; bits &= bits - 1) {
            f.exact.add(String.valueOf(
                (char) ((set.base + w) * 64 + Long.numberOfTrailingZeros(bits))));
          }
        }
      }
      return f;
    }

    /** The strongest thing known to be in every consumed string, or null. */
    Set<String> best() {
      Set<String> best = null;
      if (exact != null && !exact.contains("")) {
        best = minimal(exact);
      }
      for (Set<String> r : required) {
        if (best == null || weakness(r) < weakness(best)) {
          best = r;
        }
      }
      return best;
    }
  }

  /** The set less every string that contains another member: those add nothing. */
  private static Set<String> minimal(Set<String> s) {
    Set<String> out = new LinkedHashSet<>();
    for (String x : s) {
      boolean implied = false;
      for (String y : s) {
        if (!y.equals(x) && x.contains(y) && (y.length() < x.length())) {
          implied = true;
          break;
        }
      }
      if (!implied) {
        out.add(x);
      }
    }
    return out;
  }

  /** Null stands for every char. */
  private static Chars union(Chars a, Chars b) {
    return a == null || b == null ? null : a.union(b);
  }

  /**
   * An immutable set of chars as the 64-bit words from the lowest to the highest one's: a
   * pack's head words span a few thousand code points, not 65,536.
   */
  static final class Chars {
    static final Chars NONE = new Chars(0, new long[0]);

    /** Index of the first word (char / 64). */
    final int base;
    final long[] words;

    private Chars(int base, long[] words) {
      this.base = base;
      this.words = words;
    }

    static Chars of(char c) {
      return new Chars(c >>> 6, new long[] {1L << c});
    }

    /** The chars whose bits are set in {@code all} (1,024 words, one bit per char). */
    static Chars of(long[] all) {
      int lo = 0;
      while (lo < all.length && all[lo] == 0) {
        lo++;
      }
      if (lo == all.length) {
        return NONE;
      }
      int hi = all.length - 1;
      while (all[hi] == 0) {
        hi--;
      }
      return new Chars(lo, java.util.Arrays.copyOfRange(all, lo, hi + 1));
    }

    void addTo(long[] all) {
      for (int i = 0; i < words.length; i++) {
        all[base + i] |= words[i];
      }
    }

    boolean contains(char c) {
      int w = (c >>> 6) - base;
      return w >= 0 && w < words.length && (words[w] & (1L << c)) != 0;
    }

    int count() {
      int n = 0;
      for (long w : words) {
        n += Long.bitCount(w);
      }
      return n;
    }

    Chars union(Chars o) {
      if (o.words.length == 0 || o == this) {
        return this;
      }
      if (words.length == 0) {
        return o;
      }
      int lo = Math.min(base, o.base);
      int hi = Math.max(base + words.length, o.base + o.words.length);
      long[] u = new long[hi - lo];
      for (int i = 0; i < words.length; i++) {
        u[base - lo + i] |= words[i];
      }
      for (int i = 0; i < o.words.length; i++) {
        u[o.base - lo + i] |= o.words[i];
      }
      return new Chars(lo, u);
    }
  }

  private static Set<String> product(Set<String> a, Set<String> b) {
    if (a == null || b == null || (long) a.size() * b.size() > EXACT_MAX) {
      return null;
    }
    Set<String> out = new LinkedHashSet<>();
    for (String x : a) {
      for (String y : b) {
        out.add(x + y);
      }
    }
    return out;
  }

  /**
   * A recursive reading of the java.util.regex syntax the pack uses: literals, escapes of
   * punctuation, {@code \n \t \r \f}, four-digit unicode escapes, {@code \d \s \w},
   * classes with ranges, {@code .}, anchors, groups (capturing, named, non-capturing, atomic),
   * look-arounds and the quantifiers with their lazy and possessive forms. Anything else gives
   * up.
   */
  private static final class Parser {
    final String src;
    final java.util.Map<String, Facts> groups;
    int at;

    Parser(String src, java.util.Map<String, Facts> groups) {
      this.src = src;
      this.groups = groups;
    }

    /**
     * Where the group opening at {@code open} closes (after its ')'), by a scan that knows
     * escapes and classes; -1 when unsure. Only a key for {@link #groups}: a reading is kept
     * when the parser ended where the scan did, and a group's reading depends on its text
     * alone.
     */
    int groupEnd(int open) {
      int depth = 0;
      int i = open;
      while (i < src.length()) {
        char c = src.charAt(i);
        if (c == '\\') {
          i += 2;
          continue;
        }
        if (c == '[') {
          i++;
          while (i < src.length() && src.charAt(i) != ']') {
            if (src.charAt(i) == '[') {
              return -1;
            }
            i += src.charAt(i) == '\\' ? 2 : 1;
          }
          i++;
          continue;
        }
        if (c == '(') {
          depth++;
        } else if (c == ')') {
          depth--;
          if (depth == 0) {
            return i + 1;
          }
        }
        i++;
      }
      return -1;
    }

    Facts alternation() {
      List<Facts> branches = new ArrayList<>();
      branches.add(sequence());
      while (at < src.length() && src.charAt(at) == '|') {
        at++;
        branches.add(sequence());
      }
      if (branches.size() == 1) {
        return branches.get(0);
      }
      Facts f = new Facts();
      long[] first = new long[1024];
      long[] last = new long[1024];
      boolean any = false;
      boolean anyLast = false;
      f.exact = new LinkedHashSet<>();
      Set<String> one = new LinkedHashSet<>();
      for (Facts b : branches) {
        f.nullable |= b.nullable;
        if (b.first == null) {
          any = true;
        } else {
          b.first.addTo(first);
        }
        if (b.last == null) {
          anyLast = true;
        } else {
          b.last.addTo(last);
        }
        if (f.exact != null && b.exact != null && f.exact.size() + b.exact.size() <= EXACT_MAX) {
          f.exact.addAll(b.exact);
        } else {
          f.exact = null;
        }
        // Every branch must contribute what it is known to contain, else nothing is known.
        Set<String> best = one == null ? null : b.best();
        if (best == null || one.size() + best.size() > REQUIRED_MAX) {
          one = null;
        } else {
          one.addAll(best);
        }
      }
      f.first = any ? null : Chars.of(first);
      f.last = anyLast ? null : Chars.of(last);
      if (one != null && one.size() <= REQUIRED_MAX) {
        f.required.add(minimal(one));
      }
      return f;
    }

    Facts sequence() {
      Facts f = Facts.zeroWidth();
      Set<String> run = new LinkedHashSet<>(List.of(""));
      while (at < src.length() && src.charAt(at) != '|' && src.charAt(at) != ')') {
        Facts e = quantified(atom());
        if (f.nullable) {
          f.first = union(f.first, e.first);
        }
        f.last = e.nullable ? union(f.last, e.last) : e.last;
        f.nullable &= e.nullable;
        f.exact = product(f.exact, e.exact);
        f.required.addAll(e.required);
        Set<String> longer = product(run, e.exact);
        if (longer != null) {
          run = longer;
        } else {
          closeRun(f, run);
          run = e.exact != null ? new LinkedHashSet<>(e.exact) : new LinkedHashSet<>(List.of(""));
        }
      }
      closeRun(f, run);
      return f;
    }

    /** Adjacent exact pieces spell out literals together: 编 then 的 is 编的. */
    private static void closeRun(Facts f, Set<String> run) {
      if (!run.contains("")) {
        f.required.add(minimal(run));
      }
    }

    Facts quantified(Facts e) {
      if (at >= src.length()) {
        return e;
      }
      char c = src.charAt(at);
      int min;
      int max;
      if (c == '*') {
        min = 0;
        max = -1;
        at++;
      } else if (c == '+') {
        min = 1;
        max = -1;
        at++;
      } else if (c == '?') {
        min = 0;
        max = 1;
        at++;
      } else if (c == '{') {
        int close = src.indexOf('}', at);
        if (close < 0) {
          throw new GiveUp("unclosed {");
        }
        String body = src.substring(at + 1, close);
        try {
          int comma = body.indexOf(',');
          if (comma < 0) {
            min = Integer.parseInt(body);
            max = min;
          } else {
            min = Integer.parseInt(body.substring(0, comma));
            String hi = body.substring(comma + 1);
            max = hi.isEmpty() ? -1 : Integer.parseInt(hi);
          }
        } catch (NumberFormatException x) {
          throw new GiveUp("quantifier {" + body + "}");
        }
        at = close + 1;
      } else {
        return e;
      }
      // Lazy and possessive forms consume no other strings than the greedy one.
      if (at < src.length() && (src.charAt(at) == '?' || src.charAt(at) == '+')) {
        at++;
      }
      Facts q = new Facts();
      q.first = e.first;
      q.last = e.last;
      q.nullable = e.nullable || min == 0;
      if (min >= 1) {
        q.required.addAll(e.required);
        if (e.exact != null && !e.exact.contains("")) {
          q.required.add(minimal(e.exact));
        }
      }
      if (max == 1 && min == 1) {
        q.exact = e.exact;
      } else if (max == 1 && e.exact != null) {
        q.exact = new LinkedHashSet<>(e.exact);
        q.exact.add("");
      } else if (max == min && min >= 0 && min <= 3) {
        Set<String> p = new LinkedHashSet<>(List.of(""));
        for (int i = 0; i < min && p != null; i++) {
          p = product(p, e.exact);
        }
        q.exact = p;
      }
      return q;
    }

    Facts atom() {
      char c = src.charAt(at);
      switch (c) {
        case '(':
          return group();
        case '[':
          return charClass();
        case '.':
          at++;
          return Facts.chars(null);
        case '^':
        case '$':
          at++;
          return Facts.zeroWidth();
        case '\\':
          return escape();
        case '*':
        case '+':
        case '?':
        case '{':
          throw new GiveUp("dangling quantifier");
        default:
          at++;
          if (Character.isSurrogate(c)) {
            throw new GiveUp("supplementary char");
          }
          return single(c);
      }
    }

    private static Facts single(char c) {
      return Facts.chars(Chars.of(c));
    }

    Facts group() {
      int open = at;
      int end = groupEnd(open);
      String key = end < 0 ? null : src.substring(open, end);
      Facts known = key == null ? null : groups.get(key);
      if (known != null) {
        at = end;
        return known;
      }
      Facts f = readGroup();
      if (key != null && at == end) {
        groups.put(key, f);
      }
      return f;
    }

    private Facts readGroup() {
      at++; // (
      boolean zeroWidth = false;
      if (src.startsWith("?", at)) {
        if (src.startsWith("?:", at) || src.startsWith("?>", at)) {
          at += 2;
        } else if (src.startsWith("?=", at) || src.startsWith("?!", at)) {
          at += 2;
          zeroWidth = true;
        } else if (src.startsWith("?<=", at) || src.startsWith("?<!", at)) {
          at += 3;
          zeroWidth = true;
        } else if (src.startsWith("?<", at)) {
          int close = src.indexOf('>', at);
          if (close < 0) {
            throw new GiveUp("group name");
          }
          at = close + 1;
        } else {
          throw new GiveUp("inline flags or unknown group"); // (?i) changes what literals match
        }
      }
      Facts inner = alternation();
      if (at >= src.length() || src.charAt(at) != ')') {
        throw new GiveUp("unclosed group");
      }
      at++;
      // A look-around consumes nothing: what it tests is no part of the match.
      return zeroWidth ? Facts.zeroWidth() : inner;
    }

    Facts escape() {
      at++; // backslash
      if (at >= src.length()) {
        throw new GiveUp("trailing backslash");
      }
      char c = src.charAt(at++);
      switch (c) {
        case 'd':
          return Facts.chars(Chars.of(range(new long[1024], '0', '9')));
        case 's':
          return Facts.chars(Chars.of(whitespace(new long[1024])));
        case 'w':
          return Facts.chars(Chars.of(word(new long[1024])));
        case 'D':
        case 'S':
        case 'W':
          return Facts.chars(null);
        case 'k': {
          // A back-reference repeats what its group matched: any string as far as this reading
          // goes, the empty one included, so it weakens nothing the rest of the regex requires.
          int close = src.startsWith("<", at) ? src.indexOf('>', at) : -1;
          if (close < 0) {
            throw new GiveUp("back-reference");
          }
          at = close + 1;
          return Facts.anyString();
        }
        case 'b':
        case 'B':
        case 'A':
        case 'z':
        case 'Z':
          return Facts.zeroWidth();
        default:
          int lit = escapedChar(c);
          return single((char) lit);
      }
    }

    /** The char an escape inside or outside a class stands for; gives up on the rest. */
    private int escapedChar(char c) {
      switch (c) {
        case 'n':
          return '\n';
        case 't':
          return '\t';
        case 'r':
          return '\r';
        case 'f':
          return '\f';
        case 'a':
          return '\u0007';
        case 'e':
          return '\u001B';
        case 'u': {
          if (at + 4 > src.length()) {
            throw new GiveUp("short \\u");
          }
          int v;
          try {
            v = Integer.parseInt(src.substring(at, at + 4), 16);
          } catch (NumberFormatException x) {
            throw new GiveUp("bad \\u");
          }
          at += 4;
          if (Character.isSurrogate((char) v)) {
            throw new GiveUp("surrogate escape");
          }
          return v;
        }
        default:
          // An escaped letter or digit is a class, a back-reference, \p, \Q, \G, \x, \0...:
          // beyond this reading. An escaped punctuation char is the char itself.
          if (c < 128 && !Character.isLetterOrDigit(c)) {
            return c;
          }
          throw new GiveUp("escape \\" + c);
      }
    }

    Facts charClass() {
      at++; // [
      boolean negated = false;
      if (at < src.length() && src.charAt(at) == '^') {
        negated = true;
        at++;
      }
      long[] set = new long[1024];
      boolean firstItem = true;
      while (true) {
        if (at >= src.length()) {
          throw new GiveUp("unclosed class");
        }
        char c = src.charAt(at);
        if (c == ']' && !firstItem) {
          at++;
          break;
        }
        if (c == '[' || c == ']' || src.startsWith("&&", at)) {
          throw new GiveUp("nested class or intersection");
        }
        firstItem = false;
        int lo;
        if (c == '\\') {
          at++;
          if (at >= src.length()) {
            throw new GiveUp("trailing backslash");
          }
          char e = src.charAt(at++);
          if (e == 'd') {
            range(set, '0', '9');
            continue;
          } else if (e == 's') {
            whitespace(set);
            continue;
          } else if (e == 'w') {
            word(set);
            continue;
          }
          lo = escapedChar(e);
        } else {
          at++;
          if (Character.isSurrogate(c)) {
            throw new GiveUp("supplementary char in class");
          }
          lo = c;
        }
        if (at + 1 < src.length() && src.charAt(at) == '-' && src.charAt(at + 1) != ']') {
          at++;
          char h = src.charAt(at);
          int hi;
          if (h == '\\') {
            at++;
            if (at >= src.length()) {
              throw new GiveUp("trailing backslash");
            }
            hi = escapedChar(src.charAt(at++));
          } else if (h == '[') {
            throw new GiveUp("nested class");
          } else {
            at++;
            if (Character.isSurrogate(h)) {
              throw new GiveUp("supplementary char in class");
            }
            hi = h;
          }
          if (hi < lo || lo <= Character.MAX_SURROGATE && hi >= Character.MIN_SURROGATE) {
            throw new GiveUp("bad range or one over surrogates");
          }
          range(set, lo, hi);
        } else {
          range(set, lo, lo);
        }
      }
      if (negated) {
        // Any char outside the class may come first, and so may either half of a
        // supplementary char (matched as one code point, which no listed char is).
        for (int i = 0; i < set.length; i++) {
          set[i] = ~set[i];
        }
        range(set, Character.MIN_SURROGATE, Character.MAX_SURROGATE);
      }
      return Facts.chars(Chars.of(set));
    }

    private static long[] range(long[] set, int lo, int hi) {
      for (int w = lo >>> 6; w <= hi >>> 6; w++) {
        long mask = -1L;
        if (w == lo >>> 6) {
          mask &= -1L << lo; // bits lo % 64 and up
        }
        if (w == hi >>> 6) {
          mask &= -1L >>> (63 - (hi & 63)); // bits up to hi % 64
        }
        set[w] |= mask;
      }
      return set;
    }

    private static long[] whitespace(long[] set) {
      for (char c : new char[] {' ', '\t', '\n', '\u000B', '\f', '\r'}) {
        range(set, c, c);
      }
      return set;
    }

    private static long[] word(long[] set) {
      range(set, 'a', 'z');
      range(set, 'A', 'Z');
      range(set, '0', '9');
      return range(set, '_', '_');
    }
  }
}
