package org.qinglang.detectors.comment;

/**
 * Reduces a bullet comment to the form paid teams cannot vary cheaply. Teams copy a template
 * and change what costs nothing: full-width vs half-width, case, punctuation, emoji, the
 * numbers ("瘦了3.2斤" / "瘦了5斤"), and stretched characters ("好好好用"). All of that is removed
 * here, so two copies of one template normalise to the same or a very close string.
 *
 * <p>Rules, in one pass: full-width ASCII becomes half-width; ASCII letters become lower case;
 * every run of digits (ASCII or Chinese numerals, with the decimal point inside) becomes one
 * {@code #}; short bracketed emote codes such as {@code [赞]} and everything that is not a
 * letter or ideograph (punctuation, symbols, emoji, spaces) disappear; a run of one repeated
 * character is kept once. Finally a text that is one unit repeated ("嘉然嘉然嘉然") is reduced
 * to the unit, because chants repeat a name as often as the poster likes.
 *
 * <p>Written as a char loop without regular expressions: it runs on every comment of the
 * stream (see the JMH benchmark {@code CommentMatchingBench}).
 */
public final class TextNormalizer {
  public static final char DIGIT = '#';

  private TextNormalizer() {}

  public static String normalize(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    int n = text.length();
    char[] out = new char[n];
    int len = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c >= 0xFF01 && c <= 0xFF5E) {
        c = (char) (c - 0xFEE0);
      }
      if (c == '[' || c == '【') {
        int close = closing(text, i, c == '[' ? ']' : '】');
        if (close > 0) {
          i = close; // an emote code such as [赞] or 【笑】 says nothing about the template
          continue;
        }
      }
      char mapped;
      if (isDigit(c)) {
        mapped = DIGIT;
      } else if (c == '.' && len > 0 && out[len - 1] == DIGIT && i + 1 < n
          && isDigit(halfWidth(text.charAt(i + 1)))) {
        continue; // the point of 3.2 belongs to the number
      } else if (c >= 'A' && c <= 'Z') {
        mapped = (char) (c + 32);
      } else if (c < 0x80) {
        if ((c >= 'a' && c <= 'z')) {
          mapped = c;
        } else {
          continue; // ASCII punctuation, space, control
        }
      } else if (Character.isSurrogate(c)) {
        continue; // emoji and other astral symbols
      } else if (Character.isLetter(c)) {
        mapped = c;
      } else {
        continue; // CJK punctuation, symbols, dingbats, variation selectors
      }
      if (len > 0 && out[len - 1] == mapped) {
        continue; // 好好好 -> 好, 666 -> #
      }
      out[len++] = mapped;
    }
    int unit = period(out, len);
    return new String(out, 0, unit);
  }

  /** Index of the bracket closing a short emote code that starts at {@code open}, or -1. */
  private static int closing(String s, int open, char close) {
    int limit = Math.min(s.length(), open + 8);
    for (int j = open + 1; j < limit; j++) {
      if (s.charAt(j) == close) {
        return j > open + 1 ? j : -1;
      }
    }
    return -1;
  }

  private static char halfWidth(char c) {
    return c >= 0xFF01 && c <= 0xFF5E ? (char) (c - 0xFEE0) : c;
  }

  /** ASCII digits and the Chinese numerals used in counts (两 included: 两盒). */
  static boolean isDigit(char c) {
    if (c >= '0' && c <= '9') {
      return true;
    }
    switch (c) {
      case '〇': case '零': case '一': case '二': case '三': case '四': case '五': case '六':
      case '七': case '八': case '九': case '十': case '百': case '千': case '万': case '两':
      case '半':
        return true;
      default:
        return false;
    }
  }

  /**
   * Length of the smallest unit whose repetition (at least twice, possibly with a partial
   * last copy) makes up the whole text, or {@code len} when there is none.
   */
  private static int period(char[] s, int len) {
    for (int p = 1; p * 2 <= len; p++) {
      boolean ok = true;
      for (int i = p; i < len; i++) {
        if (s[i] != s[i - p]) {
          ok = false;
          break;
        }
      }
      if (ok) {
        return p;
      }
    }
    return len;
  }
}
