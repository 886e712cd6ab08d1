package org.qinglang.server.web;

import static org.qinglang.server.web.Api.ANYONE;
import static org.qinglang.server.web.Api.PLATFORM_WRITERS;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qinglang.server.Services;

/** The negative list: entries, manual sanctions, revocation, matching identities. */
final class NegativeController implements Controller {
  private final Services sv;

  NegativeController(Services sv) {
    this.sv = sv;
  }

  @Override
  public void routes(Api api) {
    api.get("/api/negative", ANYONE, (ctx, s) -> {
      String at = ctx.queryParam("at");
      ctx.json(sv.negative().entries(s, at == null ? null : Api.longParam(ctx, "at", 0)));
    });
    api.post("/api/negative", PLATFORM_WRITERS, (ctx, s) -> {
      JsonNode b = Api.body(ctx);
      Long from = Api.optLong(b, "from");
      long id = sv.negative().add(s, Api.text(b, "platform", false), Api.text(b, "account", false),
          Api.text(b, "identity_kind", true), Api.text(b, "identity_value", true),
          Api.text(b, "scope", true), Api.text(b, "reason", false),
          from == null ? sv.now() : from, Api.optLong(b, "until"));
      ctx.status(201).json(Map.of("id", id));
    });
    api.post("/api/negative/{id}/revoke", PLATFORM_WRITERS, (ctx, s) -> {
      sv.negative().revoke(s, Api.pathId(ctx, "id"), Api.text(Api.body(ctx), "note", false));
      ctx.json(Map.of("ok", true));
    });
    api.post("/api/negative/match", PLATFORM_WRITERS, (ctx, s) -> {
      JsonNode b = Api.body(ctx);
      Map<String, String> ids = new LinkedHashMap<>();
      for (String k : List.of("account", "id_hash", "phone_hash", "device", "payment")) {
        ids.put(k, Api.text(b, k, false));
      }
      Long at = Api.optLong(b, "at");
      ctx.json(sv.negative().match(s, ids, at == null ? sv.now() : at));
    });
  }
}
