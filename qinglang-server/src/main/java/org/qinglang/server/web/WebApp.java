package org.qinglang.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qinglang.server.Services;
import org.qinglang.server.auth.Forbidden;
import org.qinglang.server.auth.NotFound;
import org.qinglang.server.auth.Role;
import org.qinglang.server.auth.Scope;
import org.qinglang.server.cases.CaseRuleException;
import org.qinglang.server.cases.EvidencePackage;
import org.qinglang.server.ledger.LedgerVerifier;
import org.qinglang.server.negative.NegativeList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API and the console's static files. Deliberately thin: parse, call one domain
 * method with the caller's scope, write JSON. Tenancy lives in the domain queries, not here.
 */
public final class WebApp {
  private static final Logger LOG = LoggerFactory.getLogger(WebApp.class);

  private final Services sv;
  private final List<Api.Route> routes = new ArrayList<>();

  public WebApp(Services sv) {
    this.sv = sv;
  }

  /** Routes behind authentication, as "METHOD path", for tests and docs. */
  public List<String> routes() {
    return routes.stream().map(r -> r.method() + " " + r.path()).toList();
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
      cfg.routes.exception(IllegalArgumentException.class,
          (e, ctx) -> error(ctx, 400, e.getMessage()));
      cfg.routes.exception(Exception.class, (e, ctx) -> {
        LOG.warn("request {} {} failed", ctx.method(), ctx.path(), e);
        error(ctx, 500, "internal error: " + e.getClass().getSimpleName());
      });
      cfg.routes.after("/api/*", this::audit);
      cfg.routes.get("/openapi.json", ctx -> {
        try (InputStream in = WebApp.class.getResourceAsStream("/qinglang/openapi.json")) {
          ctx.contentType("application/json").result(in.readAllBytes());
        }
      });
      cfg.routes.post("/api/login", this::login);
      Api api = new Api(cfg, sv.users());
      register(api);
      routes.addAll(api.routes());
    });
  }

  private static void error(Context ctx, int status, String message) {
    ctx.status(status).json(Map.of("error", message == null ? "" : message));
  }

  private void audit(Context ctx) {
    Scope s = ctx.attribute(Api.SCOPE_ATTR);
    String actor = s != null ? s.user() : ctx.attribute("ql.login");
    try {
      sv.audit().record(actor, ctx.method() + " " + ctx.path(), ctx.queryString(),
          ctx.statusCode());
    } catch (RuntimeException e) {
      LOG.warn("audit write failed: {}", e.toString());
    }
  }

  private void login(Context ctx) {
    JsonNode b = Api.body(ctx);
    String name = Api.text(b, "name", true);
    ctx.attribute("ql.login", name);
    String token = sv.users().login(name, Api.text(b, "password", true));
    if (token == null) {
      error(ctx, 401, "wrong name or password");
      return;
    }
    Scope s = sv.users().resolve(token);
    ctx.json(Map.of("token", token, "name", s.user(), "role", s.role().wire(),
        "platform", s.platform() == null ? "" : s.platform()));
  }

  private static long now() {
    return System.currentTimeMillis();
  }

  private void register(Api api) {
    api.get("/api/me", (ctx, s) -> ctx.json(me(s)));
    api.post("/api/logout", (ctx, s) -> {
      sv.users().revokeToken(ctx.header("Authorization").substring(7).trim());
      ctx.json(Map.of("ok", true));
    });
    api.post("/api/tokens", (ctx, s) -> {
      String label = Api.text(Api.body(ctx), "label", false);
      ctx.status(201).json(Map.of("token", sv.users().issueToken(s.user(),
          label == null ? "api" : label, null)));
    });

    // ingest
    api.post("/api/events", (ctx, s) -> {
      if (s.role() == Role.AGENCY) {
        throw new Forbidden("agencies cannot post events");
      }
      var r = sv.events().ingest(ctx.bodyInputStream(), "http:" + s.user(),
          s.isRegulator() ? null : s.platform());
      sv.ledger().checkpoint();
      ctx.status(r.bad() == 0 ? 200 : 207).json(r);
    });
    api.get("/api/dead-letters", (ctx, s) ->
        ctx.json(sv.queries().deadLetters(s, Api.intParam(ctx, "limit", 100, 1000))));

    // rooms, alerts
    api.get("/api/overview", (ctx, s) -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rooms", sv.registry().rooms(s, 20));
      m.put("alerts_over_time", sv.queries().alertsOverTime(s));
      m.put("cases", sv.cases().list(s, now()).size());
      ctx.json(m);
    });
    api.get("/api/rooms", (ctx, s) -> ctx.json(sv.registry().rooms(s, ctx.queryParam("anchor"),
        Api.intParam(ctx, "limit", 100, 1000))));
    api.get("/api/rooms/{room}", (ctx, s) -> ctx.json(sv.registry().room(s, ctx.pathParam("room"))));
    api.get("/api/rooms/{room}/series", (ctx, s) ->
        ctx.json(sv.queries().roomSeries(s, ctx.pathParam("room"))));
    api.get("/api/rooms/{room}/events", (ctx, s) -> ctx.json(sv.queries().roomEvents(s,
        ctx.pathParam("room"), ctx.queryParam("type"), Api.longParam(ctx, "from", 0),
        Api.longParam(ctx, "to", Long.MAX_VALUE), Api.intParam(ctx, "limit", 1000, 10000))));
    api.get("/api/rooms/{room}/alerts", (ctx, s) -> {
      sv.registry().room(s, ctx.pathParam("room"));
      ctx.json(sv.queries().alerts(s, ctx.pathParam("room"), null, 1000));
    });
    api.get("/api/alerts", (ctx, s) -> ctx.json(sv.queries().alerts(s, ctx.queryParam("room"),
        ctx.queryParam("kind"), Api.intParam(ctx, "limit", 200, 5000))));
    api.get("/api/alerts/{id}", (ctx, s) -> ctx.json(sv.queries().alert(s, ctx.pathParam("id"))));
    api.get("/api/alerts/{id}/versions", (ctx, s) ->
        ctx.json(sv.queries().alertVersions(s, ctx.pathParam("id"))));

    // cases
    api.get("/api/cases", (ctx, s) ->
        ctx.json(sv.cases().list(s, ctx.queryParam("anchor"), now())));
    api.post("/api/cases", (ctx, s) -> {
      JsonNode b = Api.body(ctx);
      List<String> ids = new ArrayList<>();
      b.path("alerts").forEach(a -> ids.add(a.asText()));
      String title = Api.text(b, "title", false);
      long id = sv.cases().open(s, ids, title == null ? "case from " + ids : title, now());
      ctx.status(201).json(sv.cases().get(s, id));
    });
    api.get("/api/cases/{id}", (ctx, s) -> ctx.json(sv.cases().get(s, caseId(ctx))));
    api.post("/api/cases/{id}/notice", (ctx, s) -> {
      JsonNode b = Api.body(ctx);
      if (!b.path("deadline").isIntegralNumber()) {
        throw new IllegalArgumentException("'deadline' (ms since epoch) is required");
      }
      sv.cases().notice(s, caseId(ctx), b.get("deadline").asLong(), Api.text(b, "text", false), now());
      ctx.json(sv.cases().get(s, caseId(ctx)));
    });
    api.post("/api/cases/{id}/respond", (ctx, s) -> {
      JsonNode b = Api.body(ctx);
      sv.cases().respond(s, caseId(ctx), Api.text(b, "action", true), Api.text(b, "note", false), now());
      ctx.json(sv.cases().get(s, caseId(ctx)));
    });
    api.post("/api/cases/{id}/verify", (ctx, s) -> {
      JsonNode b = Api.body(ctx);
      if (!b.path("ok").isBoolean()) {
        throw new IllegalArgumentException("'ok' (boolean) is required");
      }
      sv.cases().verify(s, caseId(ctx), b.get("ok").asBoolean(), Api.text(b, "note", false), now());
      ctx.json(sv.cases().get(s, caseId(ctx)));
    });
    api.post("/api/cases/{id}/close", (ctx, s) -> {
      JsonNode b = Api.body(ctx);
      sv.cases().close(s, caseId(ctx), Api.text(b, "outcome", true), Api.text(b, "note", false), now());
      ctx.json(sv.cases().get(s, caseId(ctx)));
    });
    api.post("/api/cases/{id}/penalties", (ctx, s) -> {
      JsonNode b = Api.body(ctx);
      Long amount = b.path("amount").isIntegralNumber() ? b.get("amount").asLong() : null;
      sv.cases().penalty(s, caseId(ctx), Api.text(b, "subject_kind", true),
          Api.text(b, "subject_id", true), Api.text(b, "kind", true), amount,
          Api.text(b, "note", false), now());
      ctx.status(201).json(sv.cases().get(s, caseId(ctx)));
    });
    api.get("/api/cases/{id}/export", (ctx, s) -> {
      long id = caseId(ctx);
      byte[] zip = new EvidencePackage(sv.sql(), sv.cases(), sv.queries()).export(s, id, now());
      ctx.contentType("application/zip")
          .header("Content-Disposition", "attachment; filename=\"qinglang-case-" + id + ".zip\"")
          .result(zip);
    });

    // registry and credit
    api.get("/api/registry/lapses", (ctx, s) -> ctx.json(sv.registry().lapses(s)));
    api.get("/api/registry/{kind}", (ctx, s) -> ctx.json(sv.registry().actors(s,
        ctx.pathParam("kind"), Api.intParam(ctx, "limit", 200, 5000))));
    api.get("/api/registry/{kind}/{id}", (ctx, s) -> {
      Map<String, Object> a = new LinkedHashMap<>(sv.registry().actor(s, ctx.pathParam("kind"),
          ctx.pathParam("id")));
      a.put("qualifications", sv.registry().qualifications(s, ctx.pathParam("kind"),
          ctx.pathParam("id")));
      if ("anchor".equals(ctx.pathParam("kind"))) {
        a.put("identities", sv.registry().identities(s, ctx.pathParam("id")));
      }
      ctx.json(a);
    });
    api.post("/api/registry/{kind}/{id}/qualifications", (ctx, s) -> {
      if (s.role() == Role.AGENCY) {
        throw new Forbidden("agencies cannot register qualifications");
      }
      String kind = ctx.pathParam("kind");
      String id = ctx.pathParam("id");
      sv.registry().actor(s, kind, id); // scope check
      JsonNode b = Api.body(ctx);
      long q = sv.registry().addQualification(kind, id, Api.text(b, "kind", true),
          Api.text(b, "number", false),
          b.path("valid_from").isIntegralNumber() ? b.get("valid_from").asLong() : null,
          b.path("expires").isIntegralNumber() ? b.get("expires").asLong() : null, s.user());
      ctx.status(201).json(Map.of("id", q));
    });
    api.get("/api/credit/{kind}", (ctx, s) ->
        ctx.json(sv.credit().ranking(s, sv.registry(), ctx.pathParam("kind"), now())));
    api.get("/api/credit/{kind}/{id}", (ctx, s) -> ctx.json(sv.credit().of(s, sv.registry(),
        ctx.pathParam("kind"), ctx.pathParam("id"), now())));

    // negative list
    api.get("/api/negative", (ctx, s) -> {
      String at = ctx.queryParam("at");
      ctx.json(sv.negative().entries(s, at == null ? null : Api.longParam(ctx, "at", 0)));
    });
    api.post("/api/negative", (ctx, s) -> {
      if (s.role() == Role.AGENCY) {
        throw new Forbidden("agencies cannot add sanctions");
      }
      JsonNode b = Api.body(ctx);
      String platform = s.isRegulator() ? Api.text(b, "platform", true) : s.platform();
      long id = sv.negative().add(platform, Api.text(b, "account", false),
          Api.text(b, "identity_kind", true), Api.text(b, "identity_value", true),
          Api.text(b, "scope", true), Api.text(b, "reason", false),
          b.path("from").isIntegralNumber() ? b.get("from").asLong() : now(),
          b.path("until").isIntegralNumber() ? b.get("until").asLong() : null, s.user());
      ctx.status(201).json(Map.of("id", id));
    });
    api.post("/api/negative/{id}/revoke", (ctx, s) -> {
      if (s.role() == Role.AGENCY) {
        throw new Forbidden("agencies cannot revoke sanctions");
      }
      long id = parseId(ctx.pathParam("id"));
      sv.negative().revoke(s, id, Api.text(Api.body(ctx), "note", false));
      ctx.json(Map.of("ok", true));
    });
    api.post("/api/negative/match", (ctx, s) -> {
      if (s.role() == Role.AGENCY) {
        throw new Forbidden("agencies cannot query the negative list");
      }
      JsonNode b = Api.body(ctx);
      Map<String, String> ids = new LinkedHashMap<>();
      for (String k : List.of("account", "id_hash", "phone_hash", "device", "payment")) {
        ids.put(k, Api.text(b, k, false));
      }
      long at = b.path("at").isIntegralNumber() ? b.get("at").asLong() : now();
      List<NegativeList.Match> m = sv.negative().match(ids, at);
      if (!s.isRegulator()) {
        Set<Long> own = new HashSet<>();
        sv.negative().entries(s, null).forEach(e -> own.add(((Number) e.get("id")).longValue()));
        m = m.stream().filter(x -> own.contains(x.sanctionId())).toList();
      }
      ctx.json(m);
    });

    // ledger
    api.get("/api/ledger/root", (ctx, s) -> {
      requireRegulator(s);
      var cp = sv.ledger().checkpoint();
      ctx.json(cp == null ? Map.of("tree_size", 0) : cp);
    });
    api.get("/api/ledger/proof/{seq}", (ctx, s) -> {
      requireRegulator(s);
      var p = sv.ledger().proof(parseId(ctx.pathParam("seq")));
      if (p == null) {
        throw new NotFound("ledger record " + ctx.pathParam("seq"));
      }
      ctx.json(p);
    });
    api.post("/api/ledger/verify", (ctx, s) -> {
      requireRegulator(s);
      LedgerVerifier.Report r = new LedgerVerifier(sv.sql().dataSource()).verify();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("ok", r.ok());
      m.put("summary", r.summary());
      m.put("report", r);
      ctx.json(m);
    });

    // rule check: run the detectors on a pasted script; nothing stored
    api.post("/api/rulecheck", (ctx, s) -> {
      JsonNode b = Api.body(ctx);
      String script = Api.text(b, "script", true);
      if (script.length() > 200_000) {
        throw new IllegalArgumentException("script longer than 200 000 characters");
      }
      List<JsonNode> out = new ArrayList<>();
      for (var a : org.qinglang.server.rules.RuleCheck.check(Api.text(b, "title", false),
          Api.text(b, "venue", false), script)) {
        out.add(org.qinglang.io.Json.MAPPER.readTree(org.qinglang.io.AlertJson.toLine(a)));
      }
      ctx.json(out);
    });

    // users and audit
    api.get("/api/users", (ctx, s) -> {
      requireRegulator(s);
      ctx.json(sv.users().list());
    });
    api.post("/api/users", (ctx, s) -> {
      requireRegulator(s);
      JsonNode b = Api.body(ctx);
      Set<String> anchors = new HashSet<>();
      b.path("anchors").forEach(a -> anchors.add(a.asText()));
      sv.users().create(Api.text(b, "name", true), Api.text(b, "password", true),
          Role.ofWire(Api.text(b, "role", true)), Api.text(b, "platform", false), anchors);
      ctx.status(201).json(Map.of("name", Api.text(b, "name", true)));
    });
    api.get("/api/audit", (ctx, s) ->
        ctx.json(sv.audit().recent(s, Api.intParam(ctx, "limit", 200, 5000))));
  }

  private static Map<String, Object> me(Scope s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", s.user());
    m.put("role", s.role().wire());
    m.put("platform", s.platform());
    m.put("anchors", s.anchors());
    return m;
  }

  private static void requireRegulator(Scope s) {
    if (!s.isRegulator()) {
      throw new Forbidden("regulators only");
    }
  }

  private static long caseId(Context ctx) {
    return parseId(ctx.pathParam("id"));
  }

  private static long parseId(String v) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new NotFound("no such id " + v);
    }
  }
}
