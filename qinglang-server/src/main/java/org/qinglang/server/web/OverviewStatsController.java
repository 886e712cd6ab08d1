package org.qinglang.server.web;

import static org.qinglang.server.web.Api.ANYONE;

import org.qinglang.server.Services;
import org.qinglang.server.inbox.AlertInbox;

/** The overview's headline figures and hourly series over a chosen range, in the caller's scope. */
final class OverviewStatsController implements Controller {
  private final Services sv;
  private final AlertInbox inbox;

  OverviewStatsController(Services sv) {
    this.sv = sv;
    this.inbox = AlertInbox.of(sv);
  }

  @Override
  public void routes(Api api) {
    api.get("/api/overview/stats", ANYONE, (ctx, s) -> ctx.json(inbox.stats(s,
        ctx.queryParam("from") == null ? null : Api.longParam(ctx, "from", 0),
        ctx.queryParam("to") == null ? null : Api.longParam(ctx, "to", 0), sv.now())));
  }
}
