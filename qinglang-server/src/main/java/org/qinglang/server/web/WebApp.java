package org.qinglang.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.qinglang.server.Services;
import org.qinglang.server.auth.Conflict;
import org.qinglang.server.auth.Forbidden;
import org.qinglang.server.auth.LoginThrottle;
import org.qinglang.server.auth.NotFound;
import org.qinglang.server.auth.Scope;
import org.qinglang.server.cases.CaseRuleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: the console's static files, error mapping, the audit trail, login, and one
 * {@link Controller} per resource whose routes declare the roles allowed on them. Deliberately
 * thin: tenancy lives in the domain, which every handler calls with the caller's scope.
 */
public final class WebApp {
  private static final Logger LOG = LoggerFactory.getLogger(WebApp.class);

  /**
   * No inline script or eval (the console is app.js only), no framing, nothing from other
   * origins. Inline styles stay allowed: ECharts' tooltips carry style attributes, and a style
   * cannot run code.
   */
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'"
      + " 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none';"
      + " base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private final Services sv;
  private final LoginThrottle throttle;
  private final List<Api.Route> routes = new ArrayList<>();

  public WebApp(Services sv) {
    this.sv = sv;
    this.throttle = new LoginThrottle(sv.clock());
  }

  /** Routes behind authentication, as "METHOD path", for tests and docs. */
  public List<String> routes() {
    return routes.stream().map(r -> r.method() + " " + r.path()).toList();
  }

  /** Routes behind authentication with the roles each is open to. */
  public List<Api.Route> routeTable() {
    return List.copyOf(routes);
  }

  private List<Controller> controllers() {
    return List.of(new SessionController(sv), new EventsController(sv), new RoomsController(sv),
        new CasesController(sv), new RegistryController(sv), new NegativeController(sv),
        new LedgerController(sv), new RuleCheckController(), new UsersController(sv),
        new AlertsController(sv), new MetaController(), new OverviewStatsController(sv),
        new CaseTitleController(sv));
  }

  public Javalin create() {
    return Javalin.create(cfg -> {
      cfg.jsonMapper(new JavalinJackson(org.qinglang.io.Json.MAPPER.copy(), false));
      cfg.startup.showJavalinBanner = false;
      cfg.staticFiles.add(sf -> {
        sf.hostedPath = "/";
        sf.directory = "/qinglang/console";
        sf.location = io.javalin.http.staticfiles.Location.CLASSPATH;
      });
      // one message for "absent" and "someone else's", so ids of other tenants cannot be probed
      cfg.routes.exception(NotFound.class,
          (e, ctx) -> error(ctx, 404, "not found (or not in your scope)"));
      cfg.routes.exception(Forbidden.class, (e, ctx) -> error(ctx, 403, e.getMessage()));
      cfg.routes.exception(Unauthorized.class, (e, ctx) -> error(ctx, 401, e.getMessage()));
      cfg.routes.exception(CaseRuleException.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
      cfg.routes.exception(Conflict.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
      cfg.routes.exception(IllegalArgumentException.class,
          (e, ctx) -> error(ctx, 400, e.getMessage()));
      cfg.routes.exception(Exception.class, (e, ctx) -> {
        LOG.warn("request {} {} failed", ctx.method(), ctx.path(), e);
        error(ctx, 500, "internal error: " + e.getClass().getSimpleName());
      });
      cfg.routes.before(WebApp::securityHeaders);
      cfg.routes.after("/api/*", this::audit);
      cfg.routes.get("/openapi.json", ctx -> {
        try (InputStream in = WebApp.class.getResourceAsStream("/qinglang/openapi.json")) {
          ctx.contentType("application/json").result(in.readAllBytes());
        }
      });
      cfg.routes.post("/api/login", this::login);
      Api api = new Api(cfg, sv.users());
      controllers().forEach(c -> c.routes(api));
      routes.addAll(api.routes());
    });
  }

  static void securityHeaders(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    if (ctx.path().startsWith("/api/")) {
      ctx.header("Cache-Control", "no-store");
    }
  }

  static void error(Context ctx, int status, String message) {
    ctx.status(status).json(Map.of("error", message == null ? "" : message));
  }

  private void audit(Context ctx) {
    Scope s = ctx.attribute(Api.SCOPE_ATTR);
    String actor = s != null ? s.user() : ctx.attribute("ql.login");
    try {
      sv.audit().record(actor, ctx.method() + " " + ctx.path(), ctx.queryString(),
          ctx.statusCode(), ctx.ip());
    } catch (RuntimeException e) {
      LOG.warn("audit write failed: {}", e.toString());
    }
  }

  private void login(Context ctx) {
    JsonNode b = Api.body(ctx);
    String name = Api.text(b, "name", true);
    ctx.attribute("ql.login", name);
    String password = Api.text(b, "password", true);
    long wait = throttle.retryAfterSeconds(name, ctx.ip());
    if (wait > 0) {
      ctx.header("Retry-After", Long.toString(wait));
      error(ctx, 429, "too many failed logins; try again in " + wait + " s");
      return;
    }
    String token = sv.users().login(name, password);
    if (token == null) {
      throttle.failed(name, ctx.ip());
      error(ctx, 401, "wrong name or password");
      return;
    }
    throttle.succeeded(name);
    Scope s = sv.users().resolve(token);
    ctx.json(Map.of("token", token, "name", s.user(), "role", s.role().wire(),
        "platform", s.platform() == null ? "" : s.platform()));
  }
}
