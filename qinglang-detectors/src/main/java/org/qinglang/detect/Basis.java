package org.qinglang.detect;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.qinglang.io.Json;

/**
 * Legal bases, read from the data file {@code qinglang/bases.json}: alerts cite them by key so
 * that a revised law is a data change, not a code change.
 *
 * @param law the instrument and version, e.g. 反不正当竞争法（2025年修订）
 * @param article the article as numbered in that version
 */
public record Basis(String key, String law, String article, String gist, String source,
    String effective) {

  private static final Map<String, Basis> ALL = new ConcurrentHashMap<>();

  static {
    try (InputStream in = Basis.class.getResourceAsStream("/qinglang/bases.json")) {
      JsonNode root = Json.MAPPER.readTree(in);
      root.fields().forEachRemaining(f -> {
        if (!f.getKey().startsWith("_")) {
          JsonNode n = f.getValue();
          ALL.put(f.getKey(), new Basis(f.getKey(), n.path("law").asText(),
              n.path("article").asText(), n.path("gist").asText(), n.path("source").asText(),
              n.path("effective").asText()));
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The basis for {@code key}; fails loudly for an unknown key (a typo is a bug). */
  public static Basis of(String key) {
    Basis b = ALL.get(key);
    if (b == null) {
      throw new IllegalArgumentException("no legal basis '" + key + "' in qinglang/bases.json");
    }
    return b;
  }

  public static Map<String, Basis> all() {
    return Map.copyOf(ALL);
  }

  /** How an alert cites it: law and article. */
  public String cite() {
    return law + " " + article;
  }

  /** For an alert's evidence: the citation with gist, source and effective date. */
  public Map<String, Object> asEvidence() {
    // Insertion order, so an alert's JSON is the same bytes in every run (Map.of is not).
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("law", law);
    m.put("article", article);
    m.put("gist", gist);
    m.put("source", source);
    m.put("effective", effective);
    return m;
  }
}
