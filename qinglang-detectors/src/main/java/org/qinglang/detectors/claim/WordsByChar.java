package org.qinglang.detectors.claim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * Words grouped by one of their chars (the first or the last), so that a test of "does one of
 * these words stand here" reads only the words that can: the pack's 134 negation prefixes were
 * each compared at every position before a claim, for every claim.
 */
final class WordsByChar {

  private static final String[] NONE = new String[0];

  private final char[] keys;
  private final String[][] words;

  private WordsByChar(TreeMap<Character, List<String>> by) {
    keys = new char[by.size()];
    words = new String[by.size()][];
    int i = 0;
    for (var e : by.entrySet()) {
      keys[i] = e.getKey();
      words[i] = e.getValue().toArray(NONE);
      i++;
    }
  }

  /** The non-empty words of {@code list} by their first char, each group in list order. */
  static WordsByChar first(List<String> list) {
    return by(list, w -> w.charAt(0));
  }

  /** The non-empty words of {@code list} by their last char, each group in list order. */
  static WordsByChar last(List<String> list) {
    return by(list, w -> w.charAt(w.length() - 1));
  }

  private static WordsByChar by(List<String> list, ToIntFunction<String> key) {
    TreeMap<Character, List<String>> by = new TreeMap<>();
    for (String w : list) {
      if (!w.isEmpty()) {
        by.computeIfAbsent((char) key.applyAsInt(w), k -> new ArrayList<>()).add(w);
      }
    }
    return new WordsByChar(by);
  }

  /** The words grouped under {@code c} (none: an empty array). */
  String[] with(char c) {
    int i = Arrays.binarySearch(keys, c);
    return i < 0 ? NONE : words[i];
  }
}
