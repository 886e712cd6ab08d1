package org.qinglang.server.web;

import static org.qinglang.server.web.Api.ANYONE;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.qinglang.io.AlertJson;
import org.qinglang.io.Json;
import org.qinglang.server.rules.RuleCheck;

/** Runs the registered detectors on a pasted script; stores nothing. */
final class RuleCheckController implements Controller {
  @Override
  public void routes(Api api) {
    api.post("/api/rulecheck", ANYONE, (ctx, s) -> {
      JsonNode b = Api.body(ctx);
      String script = Api.text(b, "script", true);
      if (script.length() > 200_000) {
        throw new IllegalArgumentException("script longer than 200 000 characters");
      }
      List<JsonNode> out = new ArrayList<>();
      for (var a : RuleCheck.check(Api.text(b, "title", false), Api.text(b, "venue", false),
          script)) {
        out.add(Json.MAPPER.readTree(AlertJson.toLine(a)));
      }
      ctx.json(out);
    });
  }
}
