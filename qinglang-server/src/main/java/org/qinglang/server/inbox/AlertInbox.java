package org.qinglang.server.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qinglang.io.Json;
import org.qinglang.server.Services;
import org.qinglang.server.auth.Scope;
import org.qinglang.server.cases.Cases;
import org.qinglang.server.ingest.AlertStore;
import org.qinglang.server.ledger.Ledger;
import org.qinglang.server.ledger.RecordClass;
import org.qinglang.server.store.Queries;
import org.qinglang.server.store.Sql;

/**
 * The analyst's inbox: every alert in the caller's scope, room or not, filtered, sorted and
 * paged by a keyset cursor (an offset would re-read every earlier page of 100,000 alerts), with
 * its triage status: {@code new}, {@code in_case}, or {@code dismissed} (set aside, ledgered).
 * Also the overview's headline figures, which count the same rows.
 *
 * <p>Shadow alerts ({@code "shadow": true}, raised by rules on trial) are left out of the
 * inbox, the live feed and the figures: nobody is to act on them until the rule is promoted.
 * Asked for explicitly ({@code shadow}), the inbox lists them alone, for the rules owner.
 */
public final class AlertInbox {
  public static final Set<String> SORTS = Set.of("ts", "score", "severity");
  public static final Set<String> STATUSES = Set.of("new", "in_case", "dismissed");
  public static final Set<String> SEVERITIES = Set.of("low", "medium", "high", "critical");
  private static final long HOUR = 3_600_000L;

  private final Sql sql;
  private final Queries queries;
  private final Cases cases;

  AlertInbox(Sql sql, Queries queries, Cases cases) {
    this.sql = sql;
    this.queries = queries;
    this.cases = cases;
  }

  /** Over a server's domain objects; the web layer gets the inbox without reaching the database. */
  public static AlertInbox of(Services sv) {
    return new AlertInbox(sv.sql(), sv.queries(), sv.cases());
  }

  /**
   * What the inbox is asked; null means "any". {@code to} is exclusive; {@code text} matches the
   * alert id, its room or its summary, case-insensitively. {@code shadow}: only shadow alerts
   * instead of only live ones.
   */
  public record Query(Long from, Long to, List<String> kinds, List<String> severities,
      String platform, String room, String anchor, String status, String text, String sort,
      String cursor, int limit, boolean shadow) {
    /** Live alerts only. */
    public Query(Long from, Long to, List<String> kinds, List<String> severities,
        String platform, String room, String anchor, String status, String text, String sort,
        String cursor, int limit) {
      this(from, to, kinds, severities, platform, room, anchor, status, text, sort, cursor, limit,
          false);
    }

    public Query {
      kinds = kinds == null ? List.of() : List.copyOf(kinds);
      severities = severities == null ? List.of() : List.copyOf(severities);
      sort = sort == null ? "ts" : sort;
      if (!SORTS.contains(sort)) {
        throw new IllegalArgumentException("sort must be one of " + SORTS + ", got " + sort);
      }
      if (status != null && !STATUSES.contains(status)) {
        throw new IllegalArgumentException("status must be one of " + STATUSES + ", got " + status);
      }
      for (String sv : severities) {
        if (!SEVERITIES.contains(sv)) {
          throw new IllegalArgumentException("severity must be among " + SEVERITIES + ", got " + sv);
        }
      }
    }
  }

  private static final String STATUS_SQL = "(case when exists (select 1 from alert_dismissal d"
      + " where d.alert_id = a.id) then 'dismissed' when exists (select 1 from case_alert ca where"
      + " ca.alert_id = a.id) then 'in_case' else 'new' end)";

  /** One page: {@code items} and {@code next}, the cursor of the following page (null at the end). */
  public Map<String, Object> page(Scope s, Query q) {
    List<Object> p = new ArrayList<>();
    StringBuilder where = new StringBuilder();
    filters(s, q, where, p);
    String order;
    String[] keys;
    switch (q.sort()) {
      case "score" -> {
        order = "a.score desc, a.id desc";
        keys = new String[] {"a.score", "a.id"};
      }
      case "severity" -> {
        order = "ql_severity_rank(a.severity) desc, a.ts desc, a.id desc";
        keys = new String[] {"ql_severity_rank(a.severity)", "a.ts", "a.id"};
      }
      default -> {
        order = "a.ts desc, a.id desc";
        keys = new String[] {"a.ts", "a.id"};
      }
    }
    if (q.cursor() != null && !q.cursor().isBlank()) {
      List<Object> after = decode(q.cursor(), q.sort());
      where.append(" and (").append(String.join(", ", keys)).append(") < (")
          .append("?,".repeat(keys.length - 1)).append("?)");
      p.addAll(after);
    }
    p.add(q.limit() + 1);
    List<Map<String, Object>> rows = sql.list("select a.id, a.kind, a.ts, a.first_ts, a.platform,"
        + " a.room, coalesce(r.anchor, (select x->>'id' from jsonb_array_elements(a.body->"
        + "'subjects') x where x->>'type' = 'anchor' limit 1)) as anchor, a.score, a.severity,"
        + " a.version, a.body->>'summary' as summary, a.body->>'rule' as rule, a.body->>'basis' as"
        + " basis, ql_severity_rank(a.severity) as severity_rank, " + STATUS_SQL + " as status,"
        + " array(select ca.case_id from case_alert ca where ca.alert_id = a.id order by"
        + " ca.case_id) as cases from alert a left join room r on r.room = a.room where " + where
        + " order by " + order + " limit ?", AlertInbox::item, p.toArray());
    String next = null;
    if (rows.size() > q.limit()) {
      rows = new ArrayList<>(rows.subList(0, q.limit()));
      next = encode(rows.get(rows.size() - 1), q.sort());
    }
    rows.forEach(r -> r.remove("severity_rank"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("items", rows);
    out.put("next", next);
    return out;
  }

  private static Map<String, Object> item(java.sql.ResultSet rs) throws java.sql.SQLException {
    Map<String, Object> m = Sql.row(rs);
    java.sql.Array arr = rs.getArray("cases");
    m.put("cases", arr == null ? List.of() : List.of((Object[]) arr.getArray()));
    return m;
  }

  private static void filters(Scope s, Query q, StringBuilder where, List<Object> p) {
    Scope.Filter f = s.alerts("a");
    where.append(f.sql());
    p.addAll(f.params());
    where.append(q.shadow() ? " and " : " and not ").append(AlertStore.SHADOW_SQL);
    if (q.from() != null) {
      where.append(" and a.ts >= ?");
      p.add(q.from());
    }
    if (q.to() != null) {
      where.append(" and a.ts < ?");
      p.add(q.to());
    }
    if (!q.kinds().isEmpty()) {
      where.append(" and a.kind = any(?)");
      p.add(q.kinds().toArray(new String[0]));
    }
    if (!q.severities().isEmpty()) {
      where.append(" and a.severity = any(?)");
      p.add(q.severities().toArray(new String[0]));
    }
    if (q.platform() != null) {
      where.append(" and a.platform = ?");
      p.add(q.platform());
    }
    if (q.room() != null) {
      where.append(" and a.room = ?");
      p.add(q.room());
    }
    if (q.anchor() != null) {
      // the anchor of the alert's room, or named by the alert (room-less alerts)
      // written as one OR of indexed tests (room index, subjects GIN) so PostgreSQL can
      // combine the two bitmaps instead of testing every alert
      where.append(" and (a.room = any(array(select ar.room from room ar where ar.anchor = ?))"
          + " or a.body->'subjects' @> ?::jsonb or a.body->'subjects' @> ?::jsonb)");
      p.add(q.anchor());
      p.add(subject("anchor", q.anchor()));
      p.add(subject("account", q.anchor()));
    }
    if (q.status() != null) {
      where.append(" and ").append(STATUS_SQL).append(" = ?");
      p.add(q.status());
    }
    if (q.text() != null && !q.text().isBlank()) {
      String like = "%" + q.text().trim().replace("\\", "\\\\").replace("%", "\\%")
          .replace("_", "\\_") + "%";
      // the expression of the trigram index (V3_1), so the search uses it where it exists
      where.append(" and (a.id || ' ' || coalesce(a.room, '') || ' ' || coalesce(a.body->>"
          + "'summary', '')) ilike ?");
      p.add(like);
    }
  }

  private static String subject(String type, String id) {
    ArrayNode arr = Json.MAPPER.createArrayNode();
    arr.addObject().put("type", type).put("id", id);
    return arr.toString();
  }

  // A cursor is the sort key of the last row shown, opaque to callers (base64url of JSON) so
  // its shape can change without breaking a client that only echoes it back.
  private static String encode(Map<String, Object> last, String sort) {
    ArrayNode arr = Json.MAPPER.createArrayNode();
    arr.add(sort);
    switch (sort) {
      case "score" -> arr.add(((Number) last.get("score")).doubleValue());
      case "severity" -> arr.add(((Number) last.get("severity_rank")).intValue())
          .add(((Number) last.get("ts")).longValue());
      default -> arr.add(((Number) last.get("ts")).longValue());
    }
    arr.add(last.get("id").toString());
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(arr.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static List<Object> decode(String cursor, String sort) {
    JsonNode n;
    try {
      n = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(cursor));
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("'next' is not a cursor this server gave out");
    }
    int want = "severity".equals(sort) ? 4 : 3;
    if (n == null || !n.isArray() || n.size() != want || !sort.equals(n.get(0).asText())) {
      throw new IllegalArgumentException("the cursor belongs to another sort order than " + sort);
    }
    List<Object> out = new ArrayList<>();
    switch (sort) {
      case "score" -> out.add(n.get(1).asDouble());
      case "severity" -> {
        out.add(n.get(1).asInt());
        out.add(n.get(2).asLong());
      }
      default -> out.add(n.get(1).asLong());
    }
    out.add(n.get(want - 1).asText());
    return out;
  }

  /**
   * Alerts in scope stored (or updated) after ledger record {@code afterSeq}, oldest first: the
   * ledger sequence is the order of arrival, which an alert's own time is not (a replay, a late
   * update). Feeds the live inbox.
   */
  public List<Map<String, Object>> arrivedAfter(Scope s, long afterSeq, int limit) {
    Scope.Filter f = s.alerts("a");
    return sql.list("select a.ledger_seq, a.id, a.kind, a.ts, a.platform, a.room, r.anchor,"
        + " a.score, a.severity, a.body->>'summary' as summary, " + STATUS_SQL + " as status"
        + " from alert a left join room r on r.room = a.room where a.ledger_seq > ? and " + f.sql()
        + " and not " + AlertStore.SHADOW_SQL + " order by a.ledger_seq limit ?", Sql::row,
        params(afterSeq, f, limit));
  }

  private static Object[] params(Object before, Scope.Filter f, Object after) {
    List<Object> p = new ArrayList<>();
    p.add(before);
    p.addAll(f.params());
    p.add(after);
    return p.toArray();
  }

  /** The ledger sequence of the latest alert in scope: where a live feed starts. */
  public long arrivalHead(Scope s) {
    Scope.Filter f = s.alerts("a");
    return sql.scalar("select coalesce(max(a.ledger_seq), 0) from alert a where " + f.sql(),
        f.params().toArray());
  }

  /**
   * Sets alerts aside without a case. Each must be in the caller's scope (else NotFound, as for
   * a missing one) and not already in a case; the decision is appended to the ledger.
   *
   * @return how many were newly dismissed
   */
  public int dismiss(Scope s, List<String> ids, String reason, long now) {
    s.requireNotAgency("dismiss alerts");
    if (ids.isEmpty()) {
      throw new IllegalArgumentException("no alerts given");
    }
    Set<String> unique = new LinkedHashSet<>(ids);
    for (String id : unique) {
      queries.alert(s, id);
    }
    return sql.tx(c -> {
      int n = 0;
      for (String id : unique) {
        if (!Sql.list(c, "select 1 from case_alert where alert_id = ?", rs -> 1, id).isEmpty()) {
          throw new IllegalArgumentException("alert " + id + " is in a case: close the case instead");
        }
        if (!Sql.list(c, "select 1 from alert_dismissal where alert_id = ?", rs -> 1, id)
            .isEmpty()) {
          continue;
        }
        String payload = Json.line(g -> {
          g.writeStartObject();
          g.writeStringField("alert", id);
          g.writeStringField("step", "dismissal");
          g.writeNumberField("at", now);
          g.writeStringField("actor", s.user());
          g.writeStringField("role", s.role().wire());
          g.writeStringField("reason", reason == null ? "" : reason);
          g.writeEndObject();
        });
        long seq = Ledger.append(c, List.of(new Ledger.Entry(RecordClass.CASE,
            "alert-dismissal:" + id, payload.getBytes(StandardCharsets.UTF_8))), now).get(0).seq();
        Sql.update(c, "insert into alert_dismissal (alert_id, at, actor, role, reason, ledger_seq)"
            + " values (?,?,?,?,?,?)", id, now, s.user(), s.role().wire(), reason, seq);
        n++;
      }
      return n;
    });
  }

  /**
   * Headline figures for the overview over [from, to) of alert time; without a range, the week
   * up to the latest alert in scope (the data may be replayed long after it happened).
   */
  public Map<String, Object> stats(Scope s, Long from, Long to, long now) {
    Scope.Filter f = s.alerts("a");
    if (to == null) {
      Map<String, Object> mx = sql.one("select max(a.ts) as mx from alert a where " + f.sql()
          + " and not " + AlertStore.SHADOW_SQL,
          Sql::row, f.params().toArray());
      Object m = mx == null ? null : mx.get("mx");
      to = m == null ? now : ((Number) m).longValue() / HOUR * HOUR + HOUR;
    }
    if (from == null) {
      from = to - 7 * 24 * HOUR;
    }
    if (from >= to) {
      throw new IllegalArgumentException("'from' must be before 'to'");
    }
    Object[] range = f.after(from, to);
    String inRange = " from alert a where a.ts >= ? and a.ts < ? and " + f.sql() + " and not "
        + AlertStore.SHADOW_SQL;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("from", from);
    out.put("to", to);
    Scope.Filter rf = s.rooms("r");
    out.put("rooms_watched", sql.scalar("select count(*) from room r where " + rf.sql(),
        rf.params().toArray()));
    out.put("rooms_live", sql.scalar("select count(*) from room r where r.started is not null and"
        + " r.ended is null and " + rf.sql(), rf.params().toArray()));
    out.put("alerts", sql.scalar("select count(*)" + inRange, range));
    out.put("alerts_by_severity", counts("select a.severity as k, count(*) as n" + inRange
        + " group by 1", range));
    out.put("alerts_by_kind", counts("select a.kind as k, count(*) as n" + inRange
        + " group by 1", range));
    out.put("alerts_by_status", counts("select " + STATUS_SQL + " as k, count(*) as n" + inRange
        + " group by 1", range));
    out.put("alerts_by_hour", sql.list("select (a.ts / 3600000) * 3600000 as hour, a.kind,"
        + " count(*) as n" + inRange + " group by 1, 2 order by 1, 2", Sql::row, range));
    List<Map<String, Object>> cs = cases.list(s, now);
    long open = cs.stream().filter(c -> !"closed".equals(c.get("status"))).count();
    long overdue = cs.stream().filter(c -> Boolean.TRUE.equals(c.get("overdue"))).count();
    List<Long> closeMs = new ArrayList<>();
    for (Map<String, Object> c : cs) {
      if (c.get("closed_at") instanceof Number closed && c.get("opened_at") instanceof Number o) {
        closeMs.add(closed.longValue() - o.longValue());
      }
    }
    closeMs.sort(null);
    Map<String, Object> cm = new LinkedHashMap<>();
    cm.put("open", open);
    cm.put("overdue", overdue);
    cm.put("closed", closeMs.size());
    // the median, not the mean: one case left open for a year would hide the usual pace
    cm.put("median_close_ms", closeMs.isEmpty() ? null : closeMs.get(closeMs.size() / 2));
    out.put("cases", cm);
    return out;
  }

  private Map<String, Long> counts(String q, Object[] params) {
    Map<String, Long> m = new LinkedHashMap<>();
    sql.list(q, rs -> {
      m.put(rs.getString("k"), rs.getLong("n"));
      return null;
    }, params);
    return m;
  }
}
