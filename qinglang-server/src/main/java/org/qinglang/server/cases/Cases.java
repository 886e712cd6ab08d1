package org.qinglang.server.cases;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qinglang.io.Json;
import org.qinglang.server.auth.Forbidden;
import org.qinglang.server.auth.NotFound;
import org.qinglang.server.auth.Role;
import org.qinglang.server.auth.Scope;
import org.qinglang.server.ledger.Ledger;
import org.qinglang.server.ledger.RecordClass;
import org.qinglang.server.store.Queries;
import org.qinglang.server.store.Sql;

/**
 * Cases and their workflow. Every step is stored with its time, actor and role, and appended
 * to the evidence ledger, so the history of a case is as tamper-evident as its evidence.
 * Who may do what: anyone but an agency opens a case from alerts in their scope; the
 * regulator sends notices, verifies, closes and penalises; the platform's analyst (or the
 * regulator, recording it on the platform's behalf) responds.
 */
public final class Cases {
  /** The platform's possible responses to a notice. */
  public static final Set<String> RESPONSES = Set.of("takedown", "suspension", "rectification");
  public static final Set<String> OUTCOMES = Set.of("substantiated", "unsubstantiated");
  public static final Set<String> PENALTIES = Set.of("warning", "fine", "suspension", "revocation");
  /** Who a penalty may fall on: the actors of the contract. */
  public static final Set<String> SUBJECTS = Set.of("anchor", "merchant", "mcn", "room", "account");

  private final Sql sql;
  private final java.time.Clock clock;
  private final Queries queries;

  public Cases(Sql sql, Ledger ledger, Queries queries, java.time.Clock clock) {
    this.sql = sql;
    this.clock = clock;
    this.queries = queries;
  }

  public long open(Scope s, List<String> alertIds, String title, long now) {
    if (s.role() == Role.AGENCY) {
      throw new Forbidden("agencies cannot open cases");
    }
    if (alertIds.isEmpty()) {
      throw new IllegalArgumentException("a case needs at least one alert");
    }
    Set<String> platforms = new LinkedHashSet<>();
    for (String id : new LinkedHashSet<>(alertIds)) {
      Object pf = queries.alert(s, id).get("platform");
      platforms.add(pf == null ? "" : pf.toString());
    }
    if (platforms.size() != 1) {
      throw new IllegalArgumentException("the alerts of one case must be of one platform, got "
          + platforms);
    }
    String platform = platforms.iterator().next();
    return sql.tx(c -> {
      long id = Sql.insertId(c, "insert into gov_case (platform, title, status, opened_by,"
          + " opened_at) values (?,?,?,?,?)", platform, title, CaseStatus.OPEN.wire(), s.user(), now);
      for (String a : new LinkedHashSet<>(alertIds)) {
        Sql.update(c, "insert into case_alert (case_id, alert_id) values (?,?)", id, a);
      }
      step(c, id, "clue", s, now, Map.of("alerts", alertIds, "title", title));
      return id;
    });
  }

  public void notice(Scope s, long id, long deadline, String text, long now) {
    requireRegulator(s, "send a notice");
    if (deadline <= now) {
      throw new IllegalArgumentException("'deadline' (" + deadline + ") must be after now ("
          + now + ")");
    }
    transition(s, id, Set.of(CaseStatus.OPEN), CaseStatus.NOTICE_SENT, now, "notice",
        Map.of("deadline", deadline, "text", text == null ? "" : text),
        c -> Sql.update(c, "update gov_case set deadline = ?, responded_at = null where id = ?",
            deadline, id));
  }

  public void respond(Scope s, long id, String action, String note, long now) {
    if (s.role() == Role.AGENCY) {
      throw new Forbidden("agencies cannot respond to notices");
    }
    if (!RESPONSES.contains(action)) {
      throw new IllegalArgumentException("response must be one of " + RESPONSES + ", got " + action);
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("action", action);
    data.put("note", note == null ? "" : note);
    transition(s, id, Set.of(CaseStatus.NOTICE_SENT), CaseStatus.RESPONDED, now, "response", data,
        c -> Sql.update(c, "update gov_case set responded_at = ? where id = ?", now, id));
  }

  public void verify(Scope s, long id, boolean ok, String note, long now) {
    requireRegulator(s, "verify a response");
    transition(s, id, Set.of(CaseStatus.RESPONDED), ok ? CaseStatus.VERIFIED : CaseStatus.OPEN, now,
        "verification", Map.of("ok", ok, "note", note == null ? "" : note), c -> 0);
  }

  public void close(Scope s, long id, String outcome, String note, long now) {
    requireRegulator(s, "close a case");
    if (!OUTCOMES.contains(outcome)) {
      throw new IllegalArgumentException("outcome must be one of " + OUTCOMES + ", got " + outcome);
    }
    // a case may be dismissed without a notice, but a substantiated one must have gone round
    Set<CaseStatus> from = "unsubstantiated".equals(outcome)
        ? Set.of(CaseStatus.OPEN, CaseStatus.VERIFIED) : Set.of(CaseStatus.VERIFIED);
    transition(s, id, from, CaseStatus.CLOSED, now, "closure",
        Map.of("outcome", outcome, "note", note == null ? "" : note),
        c -> Sql.update(c, "update gov_case set closed_at = ?, outcome = ? where id = ?", now,
            outcome, id));
  }

  public long penalty(Scope s, long id, String subjectKind, String subjectId, String kind,
      Long amountFen, String note, long now) {
    requireRegulator(s, "record a penalty");
    if (!PENALTIES.contains(kind)) {
      throw new IllegalArgumentException("penalty must be one of " + PENALTIES + ", got " + kind);
    }
    if (!SUBJECTS.contains(subjectKind)) {
      throw new IllegalArgumentException("'subject_kind' must be one of " + SUBJECTS + ", got "
          + subjectKind);
    }
    if (subjectId == null || subjectId.isBlank() || subjectId.length() > 128) {
      throw new IllegalArgumentException("'subject_id' must be 1 to 128 characters");
    }
    if ("fine".equals(kind) && (amountFen == null || amountFen <= 0)) {
      throw new IllegalArgumentException("a fine needs a positive 'amount' in fen");
    }
    if (!"fine".equals(kind) && amountFen != null) {
      throw new IllegalArgumentException("only a fine has an 'amount'");
    }
    get(s, id);
    return sql.tx(c -> {
      long pid = Sql.insertId(c, "insert into penalty (case_id, subject_kind, subject_id, kind,"
          + " amount, note, at, actor) values (?,?,?,?,?,?,?,?)", id, subjectKind, subjectId, kind,
          amountFen, note, now, s.user());
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("subject", Map.of("type", subjectKind, "id", subjectId));
      d.put("kind", kind);
      if (amountFen != null) {
        d.put("amount", amountFen);
      }
      d.put("note", note == null ? "" : note);
      step(c, id, "penalty", s, now, d);
      return pid;
    });
  }

  /**
   * Renames a case; who may open a case may name it. Stored as a step (and so in the ledger):
   * the title is what the notice and the export show, so its changes are part of the record.
   */
  public void retitle(Scope s, long id, String title, long now) {
    s.requireNotAgency("rename cases");
    if (title == null || title.isBlank() || title.length() > 200) {
      throw new IllegalArgumentException("'title' must be 1 to 200 characters");
    }
    Object before = get(s, id).get("title");
    sql.tx(c -> {
      Sql.update(c, "update gov_case set title = ? where id = ?", title.strip(), id);
      step(c, id, "title", s, now, Map.of("title", title.strip(), "was", String.valueOf(before)));
      return null;
    });
  }

  @FunctionalInterface
  private interface Extra {
    int run(Connection c) throws SQLException;
  }

  private void transition(Scope s, long id, Set<CaseStatus> from, CaseStatus to, long now,
      String stepName, Map<String, Object> data, Extra extra) {
    get(s, id); // scope check: NotFound outside the caller's tenant
    sql.tx(c -> {
      String cur = Sql.list(c, "select status from gov_case where id = ? for update",
          rs -> rs.getString(1), id).get(0);
      if (!from.contains(CaseStatus.ofWire(cur))) {
        throw new CaseRuleException("case " + id + " is " + cur + "; '" + stepName
            + "' needs it to be one of " + from.stream().map(CaseStatus::wire).toList());
      }
      Sql.update(c, "update gov_case set status = ? where id = ?", to.wire(), id);
      extra.run(c);
      step(c, id, stepName, s, now, data);
      return null;
    });
  }

  private static void step(Connection c, long caseId, String step, Scope s, long now,
      Map<String, Object> data) throws SQLException {
    String dataJson = Json.line(g -> g.writeObject(data));
    String payload = Json.line(g -> {
      g.writeStartObject();
      g.writeNumberField("case", caseId);
      g.writeStringField("step", step);
      g.writeNumberField("at", now);
      g.writeStringField("actor", s.user());
      g.writeStringField("role", s.role().wire());
      g.writeFieldName("data");
      g.writeRawValue(dataJson);
      g.writeEndObject();
    });
    long seq = Ledger.append(c, List.of(new Ledger.Entry(RecordClass.CASE, "case-" + caseId + ":"
        + step, payload.getBytes(StandardCharsets.UTF_8))), now).get(0).seq();
    Sql.update(c, "insert into case_step (case_id, step, at, actor, role, data, ledger_seq) values"
        + " (?,?,?,?,?,?::jsonb,?)", caseId, step, now, s.user(), s.role().wire(), dataJson, seq);
  }

  private static void requireRegulator(Scope s, String what) {
    if (!s.isRegulator()) {
      throw new Forbidden("only a regulator may " + what);
    }
  }

  private Scope.Filter filter(Scope s) {
    if (s.role() == Role.AGENCY) {
      Scope.Filter af = s.alerts("a");
      return new Scope.Filter("exists (select 1 from case_alert ca join alert a on a.id ="
          + " ca.alert_id where ca.case_id = c.id and " + af.sql() + ")", af.params());
    }
    return s.platform("c");
  }

  private static final String OVERDUE = "(c.status = 'notice_sent' and c.deadline < ?)";

  public List<Map<String, Object>> list(Scope s, long now) {
    return list(s, null, now);
  }

  /** Cases in scope; {@code anchor} narrows to cases with an alert of one of its rooms. */
  public List<Map<String, Object>> list(Scope s, String anchor, long now) {
    Scope.Filter f = filter(s);
    List<Object> p = new ArrayList<>();
    p.add(now);
    p.addAll(f.params());
    String byAnchor = "";
    if (anchor != null) {
      byAnchor = " and exists (select 1 from case_alert ca join alert a on a.id = ca.alert_id join"
          + " room r on r.room = a.room where ca.case_id = c.id and r.anchor = ?)";
      p.add(anchor);
    }
    return sql.list("select c.*, " + OVERDUE + " as overdue, (select count(*) from case_alert ca"
        + " where ca.case_id = c.id) as alerts from gov_case c where " + f.sql() + byAnchor
        + " order by c.opened_at desc", Sql::row, p.toArray());
  }

  /** The case with its alerts (in scope), steps and penalties; NotFound outside scope. */
  public Map<String, Object> get(Scope s, long id) {
    return get(s, id, clock.millis());
  }

  public Map<String, Object> get(Scope s, long id, long now) {
    Scope.Filter f = filter(s);
    Object[] p = f.after(now, id);
    Map<String, Object> c = sql.one("select c.*, " + OVERDUE + " as overdue from gov_case c where"
        + " c.id = ? and " + f.sql(), Sql::row, p);
    if (c == null) {
      throw new NotFound("case " + id);
    }
    Scope.Filter af = s.alerts("a");
    List<Object> ap = new ArrayList<>();
    ap.add(id);
    ap.addAll(af.params());
    c.put("alerts", sql.list("select a.id, a.kind, a.room, a.score, a.severity, a.ts from"
        + " case_alert ca join alert a on a.id = ca.alert_id where ca.case_id = ? and " + af.sql()
        + " order by a.score desc", Sql::row, ap.toArray()));
    c.put("steps", sql.list("select step, at, actor, role, data, ledger_seq from case_step where"
        + " case_id = ? order by id", Sql::row, id));
    c.put("penalties", sql.list("select subject_kind, subject_id, kind, amount, note, at, actor"
        + " from penalty where case_id = ? order by id", Sql::row, id));
    return c;
  }

  /** Alert ids of a case, unfiltered: for the evidence package, after the case scope check. */
  List<String> alertIds(long id) {
    return sql.list("select alert_id from case_alert where case_id = ? order by alert_id",
        rs -> rs.getString(1), id);
  }
}
