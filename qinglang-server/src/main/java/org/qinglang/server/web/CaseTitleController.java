package org.qinglang.server.web;

import static org.qinglang.server.web.Api.PLATFORM_WRITERS;

import org.qinglang.server.Services;

/** Renaming a case: those who may open one (the domain checks the case is in their scope). */
final class CaseTitleController implements Controller {
  private final Services sv;

  CaseTitleController(Services sv) {
    this.sv = sv;
  }

  @Override
  public void routes(Api api) {
    api.post("/api/cases/{id}/title", PLATFORM_WRITERS, (ctx, s) -> {
      long id = Api.pathId(ctx, "id");
      sv.cases().retitle(s, id, Api.text(Api.body(ctx), "title", true), sv.now());
      ctx.json(sv.cases().get(s, id));
    });
  }
}
