package org.qinglang.server.web;

import static org.qinglang.server.web.Api.ANYONE;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.qinglang.server.Services;
import org.qinglang.server.auth.Scope;

/** Who am I, log out, script tokens. Login itself is before authentication: see {@link WebApp}. */
final class SessionController implements Controller {
  private final Services sv;

  SessionController(Services sv) {
    this.sv = sv;
  }

  @Override
  public void routes(Api api) {
    api.get("/api/me", ANYONE, (ctx, s) -> ctx.json(me(s)));
    api.post("/api/logout", ANYONE, (ctx, s) -> {
      sv.users().revokeToken(s, ctx.attribute(Api.TOKEN_ATTR));
      ctx.json(Map.of("ok", true));
    });
    api.get("/api/tokens", ANYONE, (ctx, s) -> ctx.json(sv.users().tokens(s)));
    api.post("/api/tokens", ANYONE, (ctx, s) -> {
      JsonNode b = Api.body(ctx);
      Long days = Api.optLong(b, "expires_in_days");
      ctx.status(201).json(Map.of("token", sv.users().issueToken(s, Api.text(b, "label", false),
          days == null ? 90 : days)));
    });
    api.post("/api/tokens/{id}/revoke", ANYONE, (ctx, s) -> {
      sv.users().revokeTokenById(s, ctx.pathParam("id"));
      ctx.json(Map.of("ok", true));
    });
    api.post("/api/password", ANYONE, (ctx, s) -> {
      JsonNode b = Api.body(ctx);
      sv.users().changePassword(s, Api.text(b, "current", true), Api.text(b, "new", true),
          ctx.attribute(Api.TOKEN_ATTR));
      ctx.json(Map.of("ok", true));
    });
  }

  static Map<String, Object> me(Scope s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", s.user());
    m.put("role", s.role().wire());
    m.put("platform", s.platform());
    m.put("anchors", s.anchors());
    return m;
  }
}
