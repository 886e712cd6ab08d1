package org.qinglang.server.web;

import static org.qinglang.server.web.Api.REGULATOR;

import java.util.LinkedHashMap;
import java.util.Map;
import org.qinglang.server.Services;
import org.qinglang.server.auth.NotFound;
import org.qinglang.server.ledger.LedgerVerifier;

/** The evidence ledger's root, inclusion proofs and a full verification: regulators only. */
final class LedgerController implements Controller {
  private final Services sv;

  LedgerController(Services sv) {
    this.sv = sv;
  }

  @Override
  public void routes(Api api) {
    api.get("/api/ledger/root", REGULATOR, (ctx, s) -> {
      var cp = sv.ledger().root(s);
      ctx.json(cp == null ? Map.of("tree_size", 0) : cp);
    });
    api.get("/api/ledger/proof/{seq}", REGULATOR, (ctx, s) -> {
      var p = sv.ledger().proof(s, Api.pathId(ctx, "seq"));
      if (p == null) {
        throw new NotFound("ledger record " + ctx.pathParam("seq"));
      }
      ctx.json(p);
    });
    api.post("/api/ledger/verify", REGULATOR, (ctx, s) -> {
      LedgerVerifier.Report r = sv.ledger().verify(s);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("ok", r.ok());
      m.put("summary", r.summary());
      m.put("report", r);
      ctx.json(m);
    });
  }
}
