package org.qinglang.server.web;

import static org.qinglang.server.web.Api.PLATFORM_WRITERS;
import static org.qinglang.server.web.Api.REGULATOR;

import org.qinglang.server.Services;

/** Event ingest over HTTP and the dead letters it leaves. */
final class EventsController implements Controller {
  private final Services sv;

  EventsController(Services sv) {
    this.sv = sv;
  }

  @Override
  public void routes(Api api) {
    api.post("/api/events", PLATFORM_WRITERS, (ctx, s) -> {
      var r = sv.events().ingest(s, ctx.bodyInputStream(), "http:" + s.user());
      sv.ledger().checkpoint();
      ctx.status(r.bad() == 0 ? 200 : 207).json(r);
    });
    api.get("/api/dead-letters", REGULATOR, (ctx, s) ->
        ctx.json(sv.queries().deadLetters(s, Api.intParam(ctx, "limit", 100, 1000))));
  }
}
