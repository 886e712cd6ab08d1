package org.qinglang.server.web;

import static org.qinglang.server.web.Api.ANYONE;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.qinglang.detect.Basis;
import org.qinglang.io.Json;

/**
 * What clients need to show Qinglang's data to people: display names from the console's one
 * catalogue, the legal bases alerts cite, and the routes the caller's role may use (so a
 * client shows only what will not answer 403).
 */
final class MetaController implements Controller {
  static final String CATALOGUE = "/qinglang/console/labels.json";
  private final JsonNode catalogue;

  MetaController() {
    try (InputStream in = MetaController.class.getResourceAsStream(CATALOGUE)) {
      catalogue = Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void routes(Api api) {
    api.get("/api/meta/labels", ANYONE, (ctx, s) -> {
      String lang = ctx.queryParam("lang") == null ? "zh" : ctx.queryParam("lang");
      if (!lang.equals("zh") && !lang.equals("en")) {
        throw new IllegalArgumentException("lang must be zh or en, got " + lang);
      }
      ctx.json(labels(lang));
    });
    api.get("/api/meta/bases", ANYONE, (ctx, s) -> {
      // keyed by the citation alerts carry ("law article"), which is all an alert holds
      Map<String, Object> out = new TreeMap<>();
      Basis.all().values().forEach(b -> out.put(b.cite(), b.asEvidence()));
      ctx.json(out);
    });
    api.get("/api/meta/routes", ANYONE, (ctx, s) -> ctx.json(api.routes().stream()
        .filter(r -> r.roles().contains(s.role()))
        .map(r -> Map.of("method", r.method(), "path", r.path())).toList()));
  }

  /** Every group of the catalogue, each value in one language. */
  Map<String, Map<String, String>> labels(String lang) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = catalogue.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> group = it.next();
      if (group.getKey().startsWith("_")) {
        continue;
      }
      Map<String, String> names = new LinkedHashMap<>();
      group.getValue().fields().forEachRemaining(e -> names.put(e.getKey(),
          e.getValue().path(lang).asText(e.getKey())));
      out.put(group.getKey(), names);
    }
    return out;
  }

}
