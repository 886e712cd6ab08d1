package org.qinglang.server.web;

import static org.qinglang.server.web.Api.ANYONE;
import static org.qinglang.server.web.Api.PLATFORM_WRITERS;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.qinglang.server.Services;
import org.qinglang.server.inbox.AlertInbox;

/** Alerts: the inbox (filtered, sorted, cursor-paged), one alert, its versions, triage. */
final class AlertsController implements Controller {
  private final Services sv;
  private final AlertInbox inbox;

  AlertsController(Services sv) {
    this.sv = sv;
    this.inbox = AlertInbox.of(sv);
  }

  @Override
  public void routes(Api api) {
    api.get("/api/alerts", ANYONE, (ctx, s) -> ctx.json(inbox.page(s, query(ctx))));
    api.get("/api/alerts/{id}", ANYONE, (ctx, s) ->
        ctx.json(sv.queries().alert(s, ctx.pathParam("id"))));
    api.get("/api/alerts/{id}/versions", ANYONE, (ctx, s) ->
        ctx.json(sv.queries().alertVersions(s, ctx.pathParam("id"))));
    api.post("/api/alerts/dismiss", PLATFORM_WRITERS, (ctx, s) -> {
      JsonNode b = Api.body(ctx);
      List<String> ids = new ArrayList<>();
      b.path("alerts").forEach(a -> ids.add(a.asText()));
      int n = inbox.dismiss(s, ids, Api.text(b, "reason", false), sv.now());
      ctx.json(Map.of("dismissed", n));
    });
  }

  static AlertInbox.Query query(Context ctx) {
    String from = ctx.queryParam("from");
    String to = ctx.queryParam("to");
    return new AlertInbox.Query(from == null ? null : Api.longParam(ctx, "from", 0),
        to == null ? null : Api.longParam(ctx, "to", 0), multi(ctx, "kind"),
        multi(ctx, "severity"), blankNull(ctx.queryParam("platform")),
        blankNull(ctx.queryParam("room")), blankNull(ctx.queryParam("anchor")),
        blankNull(ctx.queryParam("status")), blankNull(ctx.queryParam("q")),
        blankNull(ctx.queryParam("sort")), blankNull(ctx.queryParam("next")),
        Api.intParam(ctx, "limit", 50, 500));
  }

  /** A filter given as repeated parameters or one comma-separated list. */
  private static List<String> multi(Context ctx, String name) {
    List<String> out = new ArrayList<>();
    for (String v : ctx.queryParams(name)) {
      for (String p : v.split(",")) {
        if (!p.isBlank()) {
          out.add(p.trim());
        }
      }
    }
    return out;
  }

  private static String blankNull(String v) {
    return v == null || v.isBlank() ? null : v;
  }
}
