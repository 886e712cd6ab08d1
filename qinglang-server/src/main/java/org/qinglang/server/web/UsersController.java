package org.qinglang.server.web;

import static org.qinglang.server.web.Api.ANYONE;
import static org.qinglang.server.web.Api.REGULATOR;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.qinglang.server.Services;
import org.qinglang.server.auth.Role;

/** The server's own users (regulators manage them) and the audit log. */
final class UsersController implements Controller {
  private final Services sv;

  UsersController(Services sv) {
    this.sv = sv;
  }

  @Override
  public void routes(Api api) {
    api.get("/api/users", REGULATOR, (ctx, s) -> ctx.json(sv.users().list(s)));
    api.post("/api/users", REGULATOR, (ctx, s) -> {
      JsonNode b = Api.body(ctx);
      Set<String> anchors = new HashSet<>();
      b.path("anchors").forEach(a -> anchors.add(a.asText()));
      String name = Api.text(b, "name", true);
      sv.users().create(s, name, Api.text(b, "password", true),
          Role.ofWire(Api.text(b, "role", true)), Api.text(b, "platform", false), anchors);
      ctx.status(201).json(Map.of("name", name));
    });
    api.post("/api/users/{name}/disable", REGULATOR, (ctx, s) -> {
      sv.users().disable(s, ctx.pathParam("name"));
      ctx.json(Map.of("ok", true));
    });
    api.get("/api/audit", ANYONE, (ctx, s) ->
        ctx.json(sv.audit().recent(s, Api.intParam(ctx, "limit", 200, 5000))));
  }
}
