package org.qinglang.detectors.claim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The places an origin claim can name, with where each lies: China's administrative divisions
 * (province, prefecture, county, from the statistics bureau's codes) and the pack's foreign
 * places. A list of famous origins stops at the names its author thought of; a sentence that
 * sells 修文猕猴桃 "from 周至" names two counties that no such list held. With the registry a
 * rule can ask whether two named places are apart, which a regex cannot: 阿克苏 lies inside
 * 新疆, and 余杭 and 西湖 are districts of one city.
 *
 * <p>A rule reads a sentence through {@link #mark}: each place named in it (leftmost, longest
 * first) becomes {@link #FIRST} followed by {@link #REST}s, so a regex can say "a place" as
 * {@code {{place}}} and still sees every other char as written.
 */
final class PlaceRegistry {

  /** The first char of a place in a marked text (a private-use char no text carries). */
  static final char FIRST = '\uE000';
  /** Every further char of a place in a marked text. */
  static final char REST = '\uE001';
  /** What {@code {{place}}} stands for in a pack regex. */
  static final String PATTERN = FIRST + "" + REST + "*";

  /** Per name, the codes of every place it may mean (鼓楼 is a district of four cities). */
  private final String[][] codes;
  private final List<String> names;
  private final Map<String, Integer> ids = new java.util.HashMap<>();
  /** Codes of counties that are a city's districts (市辖区): a city's districts are one place. */
  private final Set<String> districts;
  private final AhoCorasick automaton;

  private PlaceRegistry(Map<String, List<String>> byName, Set<String> districts) {
    this.names = List.copyOf(byName.keySet());
    for (int i = 0; i < names.size(); i++) {
      ids.put(names.get(i), i);
    }
    this.codes = new String[names.size()][];
    for (int i = 0; i < names.size(); i++) {
      codes[i] = byName.get(names.get(i)).toArray(new String[0]);
    }
    this.districts = Set.copyOf(districts);
    this.automaton = new AhoCorasick(names);
  }

  /**
   * Reads the registry ({@code code TAB name TAB short}, {@code #} comments, one header row),
   * adds each foreign place as a country of its own, and leaves out {@code notPlaces}: names
   * that are far more often ordinary words (合作, 开封, 光泽, 资源) or goods (龙井, 普洱).
   */
  static PlaceRegistry read(InputStream in, String where, Collection<String> foreign,
      Collection<String> notPlaces, TextNormalizer normalizer) {
    return read(in, where, null, null, foreign, notPlaces, normalizer);
  }

  /**
   * As {@link #read(InputStream, String, Collection, Collection, TextNormalizer)}, with named
   * regions ({@code name TAB codes TAB note}, codes comma-separated): 阳澄湖, 赣南, 茅台镇 are no
   * division, but a seller names goods after them, and each lies in divisions the registry has.
   * A code the registry lacks is refused with its line.
   */
  static PlaceRegistry read(InputStream in, String where, InputStream regions,
      String regionsWhere, Collection<String> foreign, Collection<String> notPlaces,
      TextNormalizer normalizer) {
    Map<String, List<String>> byName = new LinkedHashMap<>();
    Set<String> districts = new HashSet<>();
    Set<String> skip = new HashSet<>();
    for (String w : notPlaces) {
      skip.add(normalizer.normalizeWord(w));
    }
    rows(in, where, "code", (f, at) -> {
      if (f.length != 3 || !f[0].matches("\\d{2}|\\d{4}|\\d{6}")) {
        throw new IllegalArgumentException(at
            + ": expected code (2, 4 or 6 digits) TAB name TAB short name");
      }
      if (f[0].length() == 6 && f[1].endsWith("区")) {
        districts.add(f[0]);
      }
      add(byName, skip, normalizer.normalizeWord(f[1]), f[0]);
      add(byName, skip, normalizer.normalizeWord(f[2]), f[0]);
    });
    if (regions != null) {
      Set<String> known = new HashSet<>();
      byName.values().forEach(known::addAll);
      rows(regions, regionsWhere, "name", (f, at) -> {
        if (f.length != 3 || f[0].length() < 2 || f[1].isEmpty()) {
          throw new IllegalArgumentException(at + ": expected name TAB codes TAB note");
        }
        for (String code : f[1].split(",")) {
          if (!known.contains(code)) {
            throw new IllegalArgumentException(at + ": " + f[0] + " names code " + code
                + ", which the registry does not have");
          }
          add(byName, skip, normalizer.normalizeWord(f[0]), code);
        }
      });
    }
    for (String w : foreign) {
      String n = normalizer.normalizeWord(w);
      add(byName, skip, n, "F:" + n);
    }
    if (byName.isEmpty()) {
      throw new IllegalArgumentException(where + ": no places");
    }
    return new PlaceRegistry(byName, districts);
  }

  /** Adds meaning {@code code} to place name {@code n}, unless the name is too short or skipped. */
  private static void add(Map<String, List<String>> byName, Set<String> skip, String n,
      String code) {
    if (n.length() >= 2 && !skip.contains(n)) {
      List<String> c = byName.computeIfAbsent(n, k -> new ArrayList<>(1));
      if (!c.contains(code)) {
        c.add(code);
      }
    }
  }

  /** Receives one row's tab-separated fields and where it is ("file line N: 'row'"). */
  private interface Row {
    void read(String[] fields, String at);
  }

  /**
   * Each row of a tab-separated file, past blank lines, {@code #} comments and a first row whose
   * first field is {@code header}; a row the reader refuses is named with its line.
   */
  private static void rows(InputStream in, String where, String header, Row row) {
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int no = 0;
      boolean first = true;
      while ((line = r.readLine()) != null) {
        no++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        if (first && f[0].equals(header)) {
          first = false;
          continue;
        }
        first = false;
        row.read(f, where + " line " + no + " ('" + line + "')");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(where + ": " + e.getMessage(), e);
    }
  }

  /** How many names the registry knows. */
  int size() {
    return names.size();
  }

  /** Whether {@code name} (normalised) is a place the registry knows. */
  boolean knows(String name) {
    return ids.containsKey(name);
  }

  /** The id of the place named {@code name} (normalised), or -1. */
  int idOf(String name) {
    return ids.getOrDefault(name, -1);
  }

  /**
   * Whether the places named {@code a} and {@code b} lie apart: no meaning of one is, contains
   * or shares a city's districts with a meaning of the other. When either name is ambiguous
   * every pair of meanings must be apart, so an ambiguity never makes two places differ.
   */
  boolean apart(int a, int b) {
    for (String x : codes[a]) {
      for (String y : codes[b]) {
        if (x.startsWith(y) || y.startsWith(x)) {
          return false;
        }
        if (x.regionMatches(0, y, 0, 4) && districts.contains(x) && districts.contains(y)) {
          return false;
        }
      }
    }
    return true;
  }

  /** The name of place {@code id}, as {@link #mark} reports it. */
  String name(int id) {
    return names.get(id);
  }

  /**
   * A sentence with its places marked: {@code text} is the normalised text with each place's
   * chars replaced by {@link #FIRST} and {@link #REST}s (same length, same offsets), and
   * {@code at[i]} is the place whose name begins at char i, or -1. Both are null when the text
   * names fewer than two places.
   */
  record Marked(String text, int[] at, int count) {}

  /** Per thread, the longest name found at each char and its id: reused, most texts are short. */
  private static final ThreadLocal<int[][]> SCRATCH = ThreadLocal.withInitial(
      () -> new int[][] {new int[64], new int[64]});

  /**
   * Marks the places of {@code n} (see {@link Marked}); the leftmost, then longest, wins. A text
   * naming fewer than two places comes back with its count only: no rule on places can match
   * it, and most texts a rule's trigger lets through are such.
   */
  Marked mark(NormalizedText n) {
    int[][] scratch = SCRATCH.get();
    if (scratch[0].length < n.length) {
      scratch[0] = new int[Math.max(n.length, 2 * scratch[0].length)];
      scratch[1] = new int[scratch[0].length];
    }
    int[] best = scratch[0];
    int[] bestId = scratch[1];
    Arrays.fill(best, 0, n.length, 0);
    automaton.search(n.chars, n.length, (id, start, end) -> {
      if (end - start > best[start]) {
        best[start] = end - start;
        bestId[start] = id;
      }
    });
    int count = 0;
    for (int i = 0; i < n.length; i += Math.max(best[i], 1)) {
      if (best[i] > 0) {
        count++;
      }
    }
    if (count < 2) {
      return new Marked(null, null, count);
    }
    char[] c = Arrays.copyOf(n.chars, n.length);
    int[] at = new int[n.length];
    Arrays.fill(at, -1);
    for (int i = 0; i < n.length; i += Math.max(best[i], 1)) {
      if (best[i] == 0) {
        continue;
      }
      at[i] = bestId[i];
      c[i] = FIRST;
      for (int k = i + 1; k < i + best[i]; k++) {
        c[k] = REST;
      }
    }
    return new Marked(new String(c), at, count);
  }
}
