package org.qinglang.server.web;

import static org.qinglang.server.web.Api.ANYONE;

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
    api.post("/api/tokens", ANYONE, (ctx, s) -> {
      String label = Api.text(Api.body(ctx), "label", false);
      ctx.status(201).json(Map.of("token", sv.users().issueToken(s,
          label == null ? "api" : label, null)));
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
