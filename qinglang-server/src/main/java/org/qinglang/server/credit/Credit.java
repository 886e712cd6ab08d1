package org.qinglang.server.credit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qinglang.server.auth.Scope;
import org.qinglang.server.ingest.AlertStore;
import org.qinglang.server.registry.Registry;
import org.qinglang.server.store.Sql;

/**
 * Credit grades of anchors, merchants and MCN agencies from what the store knows: alerts
 * attributed to them (through the room they ran or as a named subject), substantiated cases,
 * and penalties. Alerts of a case closed as unsubstantiated cost nothing: they were checked
 * and found wanting. Shadow alerts (rules on trial) cost nothing either, nor does a case
 * built on them alone: a rule nobody has promoted does not grade anyone.
 */
public final class Credit {
  public static final Set<String> KINDS = Set.of("anchor", "merchant", "mcn");

  private final Sql sql;

  public Credit(Sql sql) {
    this.sql = sql;
  }

  /** The items that cost {@code kind id} points. */
  List<CreditFormula.Item> items(String kind, String id) {
    if (!KINDS.contains(kind)) {
      throw new IllegalArgumentException("credit is for anchor, merchant or mcn; got " + kind);
    }
    List<CreditFormula.Item> items = new ArrayList<>();
    items.addAll(sql.list("select a.id, a.kind, a.severity, a.score, a.first_ts from alert a"
        + " left join room r on r.room = a.room where (r." + kind + " = ? or exists (select 1 from"
        + " jsonb_array_elements(a.body->'subjects') s where s->>'type' = ? and s->>'id' = ?))"
        + " and not exists (select 1 from case_alert ca join gov_case c on c.id = ca.case_id"
        + " where ca.alert_id = a.id and c.outcome = 'unsubstantiated') and not "
        + AlertStore.SHADOW_SQL,
        rs -> new CreditFormula.Item(rs.getLong(5),
            CreditFormula.alertPoints(rs.getString(3), rs.getDouble(4)),
            rs.getString(2) + " alert, " + rs.getString(3), rs.getString(1)), id, kind, id));
    items.addAll(sql.list("select distinct c.id, c.closed_at from gov_case c join case_alert ca on"
        + " ca.case_id = c.id join alert a on a.id = ca.alert_id left join room r on r.room ="
        + " a.room where c.outcome = 'substantiated' and (r." + kind + " = ? or exists (select 1"
        + " from jsonb_array_elements(a.body->'subjects') s where s->>'type' = ? and s->>'id' = ?))"
        + " and not " + AlertStore.SHADOW_SQL,
        rs -> new CreditFormula.Item(rs.getLong(2), CreditFormula.SUBSTANTIATED_CASE_POINTS,
            "substantiated case", "case-" + rs.getLong(1)), id, kind, id));
    items.addAll(sql.list("select case_id, kind, at from penalty where subject_kind = ? and"
        + " subject_id = ?", rs -> new CreditFormula.Item(rs.getLong(3),
            CreditFormula.PENALTY_POINTS.getOrDefault(rs.getString(2), 0.0),
            rs.getString(2) + " penalty", "case-" + rs.getLong(1)), kind, id));
    return items;
  }

  /** Grade, score, history and the items behind them, for one subject in the caller's scope. */
  public Map<String, Object> of(Scope s, Registry registry, String kind, String id, long now) {
    registry.actor(s, kind, id); // scope check
    List<CreditFormula.Item> items = items(kind, id);
    double score = CreditFormula.score(items, now);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", kind);
    m.put("id", id);
    m.put("score", score);
    m.put("grade", CreditFormula.grade(score));
    m.put("history", CreditFormula.history(items, now));
    m.put("items", items);
    return m;
  }

  /** Grades of every subject of a kind in scope, worst first. */
  public List<Map<String, Object>> ranking(Scope s, Registry registry, String kind, long now) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> a : registry.actors(s, kind, 500)) {
      String id = (String) a.get("id");
      double score = CreditFormula.score(items(kind, id), now);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", kind);
      m.put("id", id);
      m.put("platform", a.get("platform"));
      m.put("score", score);
      m.put("grade", CreditFormula.grade(score));
      out.add(m);
    }
    out.sort((x, y) -> Double.compare((Double) x.get("score"), (Double) y.get("score")));
    return out;
  }
}
