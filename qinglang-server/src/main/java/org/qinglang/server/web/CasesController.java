package org.qinglang.server.web;

import static org.qinglang.server.web.Api.ANYONE;
import static org.qinglang.server.web.Api.PLATFORM_WRITERS;
import static org.qinglang.server.web.Api.REGULATOR;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.qinglang.server.auth.Role;
import org.qinglang.server.auth.Scope;
import org.qinglang.server.Services;

/** Cases and their workflow: the regulator acts, the platform responds, agencies read. */
final class CasesController implements Controller {
  private final Services sv;

  CasesController(Services sv) {
    this.sv = sv;
  }

  @Override
  public void routes(Api api) {
    api.get("/api/cases", ANYONE, (ctx, s) ->
        ctx.json(sv.cases().list(s, ctx.queryParam("anchor"), sv.now())));
    api.post("/api/cases", PLATFORM_WRITERS, (ctx, s) -> {
      JsonNode b = Api.body(ctx);
      List<String> ids = new ArrayList<>();
      b.path("alerts").forEach(a -> ids.add(a.asText()));
      String title = Api.text(b, "title", false);
      long id = sv.cases().open(s, ids, title == null ? "case from " + ids : title, sv.now());
      ctx.status(201).json(sv.cases().get(s, id));
    });
    api.get("/api/cases/{id}", ANYONE, (ctx, s) -> ctx.json(sv.cases().get(s, Api.pathId(ctx, "id"))));
    step(api, "notice", REGULATOR, (s, id, b) -> sv.cases().notice(s, id,
        Api.reqLong(b, "deadline", "ms since epoch"), Api.text(b, "text", false), sv.now()));
    step(api, "respond", PLATFORM_WRITERS, (s, id, b) -> sv.cases().respond(s, id,
        Api.text(b, "action", true), Api.text(b, "note", false), sv.now()));
    step(api, "verify", REGULATOR, (s, id, b) -> {
      if (!b.path("ok").isBoolean()) {
        throw new IllegalArgumentException("'ok' (boolean) is required");
      }
      sv.cases().verify(s, id, b.get("ok").asBoolean(), Api.text(b, "note", false), sv.now());
    });
    step(api, "close", REGULATOR, (s, id, b) -> sv.cases().close(s, id,
        Api.text(b, "outcome", true), Api.text(b, "note", false), sv.now()));
    api.post("/api/cases/{id}/penalties", REGULATOR, (ctx, s) -> {
      long id = Api.pathId(ctx, "id");
      JsonNode b = Api.body(ctx);
      sv.cases().penalty(s, id, Api.text(b, "subject_kind", true),
          Api.text(b, "subject_id", true), Api.text(b, "kind", true), Api.optLong(b, "amount"),
          Api.text(b, "note", false), sv.now());
      ctx.status(201).json(sv.cases().get(s, id));
    });
    api.get("/api/cases/{id}/export", ANYONE, (ctx, s) -> {
      long id = Api.pathId(ctx, "id");
      byte[] zip = sv.evidence().export(s, id, sv.now());
      ctx.contentType("application/zip")
          .header("Content-Disposition", "attachment; filename=\"qinglang-case-" + id + ".zip\"")
          .result(zip);
    });
  }

  /** One step of a case's workflow: it acts on the case named in the path, then shows it. */
  private interface Step {
    void apply(Scope s, long id, JsonNode body) throws Exception;
  }

  private void step(Api api, String action, Set<Role> roles, Step step) {
    api.post("/api/cases/{id}/" + action, roles, (ctx, s) -> {
      long id = Api.pathId(ctx, "id");
      step.apply(s, id, Api.body(ctx));
      ctx.json(sv.cases().get(s, id));
    });
  }
}
