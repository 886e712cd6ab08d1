package org.qinglang.detectors.claim;

/**
 * Text as the rules see it, with the way back to the original: normalised char {@code i} came
 * from original chars [{@link #start}[i], {@link #end}[i]). Sentence ends are kept as
 * {@link #BOUNDARY} so that context conditions and patterns never reach across sentences.
 */
final class NormalizedText {
  static final char BOUNDARY = '\n';

  final String original;
  final char[] chars;
  final int length;
  final int[] start;
  final int[] end;

  NormalizedText(String original, char[] chars, int length, int[] start, int[] end) {
    this.original = original;
    this.chars = chars;
    this.length = length;
    this.start = start;
    this.end = end;
  }

  /** The text with its places marked, once a rule on places has asked for it. */
  PlaceRegistry.Marked places;

  String text() {
    if (text == null) {
      text = new String(chars, 0, length);
    }
    return text;
  }

  /** The normalised characters as one sequence for every condition's matcher to share. */
  CharSequence buffer() {
    if (buffer == null) {
      buffer = java.nio.CharBuffer.wrap(chars, 0, length);
    }
    return buffer;
  }

  private String text;
  private java.nio.CharBuffer buffer;

  /** Original offset where normalised [from, to) begins. */
  int originalStart(int from) {
    return from < length ? start[from] : original.length();
  }

  /** Original offset where normalised [from, to) ends. */
  int originalEnd(int to) {
    return to > 0 ? end[to - 1] : 0;
  }

  private int[] sentenceStarts;
  private int[] sentenceEnds;

  /** The sentence around normalised position {@code pos}: [first, last). */
  int sentenceStart(int pos) {
    bounds();
    return pos < length ? sentenceStarts[pos] : sentenceStarts.length == 0 ? 0
        : sentenceStarts[length - 1];
  }

  int sentenceEnd(int pos) {
    bounds();
    return pos < length ? sentenceEnds[pos] : length;
  }

  /** Computed once per text, when a rule first asks: long texts have many hits. */
  private void bounds() {
    if (sentenceStarts != null) {
      return;
    }
    sentenceStarts = new int[length];
    sentenceEnds = new int[length];
    int from = 0;
    for (int i = 0; i <= length; i++) {
      if (i == length || chars[i] == BOUNDARY) {
        for (int j = from; j < i; j++) {
          sentenceStarts[j] = from;
          sentenceEnds[j] = i;
        }
        if (i < length) {
          // a boundary belongs to the sentence it ends (as the scanning version had it)
          sentenceStarts[i] = from;
          sentenceEnds[i] = i;
        }
        from = i + 1;
      }
    }
  }

  /**
   * Where the clause around {@code pos} starts: the normaliser drops commas, so the break is
   * read back from the original text between two kept chars. Only asked for by the few
   * conditions that need a clause, so it is computed on demand rather than for every text.
   */
  int clauseStart(int pos, int sentStart) {
    for (int j = Math.min(pos, length); j > sentStart; j--) {
      if (breakBetween(j - 1, j)) {
        return j;
      }
    }
    return sentStart;
  }

  /** Where the clause that contains normalised [.., pos) ends, at most {@code sentEnd}. */
  int clauseEnd(int pos, int sentEnd) {
    for (int j = Math.max(pos, 1); j < sentEnd; j++) {
      if (breakBetween(j - 1, j)) {
        return j;
      }
    }
    return sentEnd;
  }

  private boolean breakBetween(int a, int b) {
    if (b >= length) {
      return false;
    }
    for (int k = end[a]; k < start[b]; k++) {
      switch (original.charAt(k)) {
        case '，': case ',': case '、': case '；': case ';': case '：': case ':':
          return true;
        default:
          break;
      }
    }
    return false;
  }

  /** Whether the boundary at normalised {@code pos} ends a question (？ or ? in the original). */
  boolean questionEnd(int pos) {
    if (pos < 0 || pos >= length || chars[pos] != BOUNDARY) {
      return false;
    }
    char o = original.charAt(start[pos]);
    return o == '？' || o == '?';
  }

  boolean regionEquals(int at, String s) {
    if (at < 0 || at + s.length() > length) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (chars[at + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
