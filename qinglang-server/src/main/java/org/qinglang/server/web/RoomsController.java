package org.qinglang.server.web;

import static org.qinglang.server.web.Api.ANYONE;

import java.util.LinkedHashMap;
import java.util.Map;
import org.qinglang.server.Services;

/** The overview and rooms (alerts: {@link AlertsController}): read only, narrowed to the caller's scope by the domain. */
final class RoomsController implements Controller {
  private final Services sv;

  RoomsController(Services sv) {
    this.sv = sv;
  }

  @Override
  public void routes(Api api) {
    api.get("/api/overview", ANYONE, (ctx, s) -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rooms", sv.registry().rooms(s, 20));
      m.put("alerts_over_time", sv.queries().alertsOverTime(s));
      m.put("cases", sv.cases().list(s, sv.now()).size());
      ctx.json(m);
    });
    api.get("/api/rooms", ANYONE, (ctx, s) -> ctx.json(sv.registry().rooms(s,
        ctx.queryParam("anchor"), Api.intParam(ctx, "limit", 100, 1000))));
    api.get("/api/rooms/{room}", ANYONE, (ctx, s) ->
        ctx.json(sv.registry().room(s, ctx.pathParam("room"))));
    api.get("/api/rooms/{room}/series", ANYONE, (ctx, s) ->
        ctx.json(sv.queries().roomSeries(s, ctx.pathParam("room"))));
    api.get("/api/rooms/{room}/events", ANYONE, (ctx, s) -> ctx.json(sv.queries().roomEvents(s,
        ctx.pathParam("room"), ctx.queryParam("type"), Api.longParam(ctx, "from", 0),
        Api.longParam(ctx, "to", Long.MAX_VALUE), Api.intParam(ctx, "limit", 1000, 10000))));
    api.get("/api/rooms/{room}/alerts", ANYONE, (ctx, s) -> {
      sv.registry().room(s, ctx.pathParam("room"));
      ctx.json(sv.queries().alerts(s, ctx.pathParam("room"), null, 1000));
    });
  }
}
