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
    api.get("/api/alerts/live", ANYONE, this::live);
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

  /**
   * Server-sent events: each alert that arrives in the caller's scope, as it is stored. The
   * stream ends after {@code seconds} (default 25, at most 60) and the client reconnects with
   * the last event id, so a stream never holds a server thread for long and a closed tab costs
   * at most that. Read with fetch (EventSource cannot send the bearer header, and a token in
   * the query string would land in the audit log).
   */
  private void live(Context ctx, org.qinglang.server.auth.Scope s) throws Exception {
    long seconds = Math.max(0, Math.min(60, Api.longParam(ctx, "seconds", 25)));
    String lastId = ctx.header("Last-Event-ID");
    long after = ctx.queryParam("after") != null ? Api.longParam(ctx, "after", 0)
        : lastId != null && lastId.matches("\\d{1,18}") ? Long.parseLong(lastId)
        : inbox.arrivalHead(s);
    ctx.contentType("text/event-stream; charset=utf-8").header("Cache-Control", "no-cache")
        .header("X-Accel-Buffering", "no");
    java.io.OutputStream out = ctx.res().getOutputStream();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    write(out, "retry: 1000\n: from " + after + "\n\n");
    do {
      for (Map<String, Object> a : inbox.arrivedAfter(s, after, 200)) {
        after = ((Number) a.get("ledger_seq")).longValue();
        write(out, "id: " + after + "\nevent: alert\ndata: "
            + org.qinglang.io.Json.MAPPER.writeValueAsString(a) + "\n\n");
      }
      write(out, ": " + after + "\n\n"); // a comment: keeps proxies from timing the stream out
      if (System.nanoTime() < end) {
        Thread.sleep(1000);
      }
    } while (System.nanoTime() < end);
  }

  private static void write(java.io.OutputStream out, String s) throws java.io.IOException {
    out.write(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    out.flush();
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
        Api.intParam(ctx, "limit", 50, 500), shadow(ctx.queryParam("shadow")));
  }

  private static boolean shadow(String v) {
    if (v == null || v.isBlank() || v.equals("false")) {
      return false;
    }
    if (v.equals("true")) {
      return true;
    }
    throw new IllegalArgumentException("shadow must be true or false, got " + v);
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
