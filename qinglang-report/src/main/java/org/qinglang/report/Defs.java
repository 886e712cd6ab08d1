package org.qinglang.report;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.qinglang.io.Json;

/**
 * The definitions of every figure a report may show, from {@code qinglang/report/definitions.json}.
 * A report can only put a figure through {@link #figs()}, which refuses a name without a
 * definition: an undefined number cannot reach a published report. The definitions of the
 * figures a report used travel in its report.json.
 */
final class Defs {

  /** One figure's definition: Chinese label, unit, and what it counts. */
  record Def(String zh, String unit, String definition) {}

  private static final Map<String, Def> ALL = load("qinglang/report/definitions.json",
      new TypeReference<LinkedHashMap<String, Def>>() {});
  static final Map<String, String> KIND_ZH = load("qinglang/report/kinds.json",
      new TypeReference<LinkedHashMap<String, String>>() {});

  private final Map<String, Def> used = new TreeMap<>();

  static Map<String, Def> all() {
    return ALL;
  }

  static <T> T load(String resource, TypeReference<T> type) {
    try (InputStream in = Defs.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return Json.MAPPER.readValue(in, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Def def(String name) {
    Def d = ALL.get(name);
    if (d == null) {
      throw new IllegalStateException("figure without a definition: " + name
          + " (add it to qinglang/report/definitions.json and docs/reports.md)");
    }
    used.put(name, d);
    return d;
  }

  /** The definitions of the figures used so far, by name. */
  Map<String, Def> used() {
    return used;
  }

  Figs figs() {
    return new Figs();
  }

  /** An ordered set of figures, each checked against the definitions as it is put. */
  final class Figs {
    private final Map<String, Object> map = new LinkedHashMap<>();

    Figs put(String name, Object value) {
      def(name);
      map.put(name, value);
      return this;
    }

    Map<String, Object> map() {
      return map;
    }
  }

  static double round(double v, int decimals) {
    double f = Math.pow(10, decimals);
    return Math.round(v * f) / f;
  }

  /** A ratio rounded to four decimals, or null when the denominator is zero (not a zero). */
  static Double ratio(double num, double den) {
    return den == 0 ? null : round(num / den, 4);
  }
}
