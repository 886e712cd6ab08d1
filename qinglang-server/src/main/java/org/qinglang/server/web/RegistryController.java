package org.qinglang.server.web;

import static org.qinglang.server.web.Api.ANYONE;
import static org.qinglang.server.web.Api.PLATFORM_WRITERS;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.qinglang.server.Services;

/** Actors, qualifications and their lapses; credit grades computed from the store. */
final class RegistryController implements Controller {
  private final Services sv;

  RegistryController(Services sv) {
    this.sv = sv;
  }

  @Override
  public void routes(Api api) {
    api.get("/api/registry/lapses", ANYONE, (ctx, s) -> ctx.json(sv.registry().lapses(s)));
    api.get("/api/registry/{kind}", ANYONE, (ctx, s) -> ctx.json(sv.registry().actors(s,
        ctx.pathParam("kind"), Api.intParam(ctx, "limit", 200, 5000))));
    api.get("/api/registry/{kind}/{id}", ANYONE, (ctx, s) -> {
      String kind = ctx.pathParam("kind");
      String id = ctx.pathParam("id");
      Map<String, Object> a = new LinkedHashMap<>(sv.registry().actor(s, kind, id));
      a.put("qualifications", sv.registry().qualifications(s, kind, id));
      if ("anchor".equals(kind)) {
        a.put("identities", sv.registry().identities(s, id));
      }
      ctx.json(a);
    });
    api.post("/api/registry/{kind}/{id}/qualifications", PLATFORM_WRITERS, (ctx, s) -> {
      String kind = ctx.pathParam("kind");
      String id = ctx.pathParam("id");
      JsonNode b = Api.body(ctx);
      long q = sv.registry().addQualification(s, kind, id, Api.text(b, "kind", true),
          Api.text(b, "number", false), Api.optLong(b, "valid_from"), Api.optLong(b, "expires"));
      ctx.status(201).json(Map.of("id", q));
    });
    api.get("/api/credit/{kind}", ANYONE, (ctx, s) ->
        ctx.json(sv.credit().ranking(s, sv.registry(), ctx.pathParam("kind"), sv.now())));
    api.get("/api/credit/{kind}/{id}", ANYONE, (ctx, s) -> ctx.json(sv.credit().of(s,
        sv.registry(), ctx.pathParam("kind"), ctx.pathParam("id"), sv.now())));
  }
}
