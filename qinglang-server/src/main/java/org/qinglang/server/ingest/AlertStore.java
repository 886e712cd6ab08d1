package org.qinglang.server.ingest;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.qinglang.alert.Alert;
import org.qinglang.io.AlertJson;
import org.qinglang.server.ledger.Ledger;
import org.qinglang.server.ledger.RecordClass;
import org.qinglang.server.store.Sql;

/**
 * Upserts alerts by id. Every version that differs from the stored one is appended to the
 * ledger first (ref {@code id@version}), so the ledger holds the alert's full history while
 * the {@code alert} table holds its latest state. Re-reading an unchanged alert is a no-op,
 * and so is an older version (earlier {@code ts}), which makes re-tailing a file from the
 * start after a restart harmless.
 */
public final class AlertStore {
  /**
   * SQL true when the alert row {@code a} is a shadow alert (raised by a rule on trial): the
   * body is the alert line as written, which carries {@code "shadow": true} only then.
   */
  public static final String SHADOW_SQL = "(a.body @> '{\"shadow\": true}'::jsonb)";

  private final Sql sql;
  private final java.time.Clock clock;

  public AlertStore(Sql sql, java.time.Clock clock) {
    this.sql = sql;
    this.clock = clock;
  }

  /** Returns true when the alert was new or changed. */
  @org.qinglang.server.auth.Unscoped("alerts come from the engine's output file the operator"
      + " configured; no caller writes them")
  public boolean upsert(Alert a) {
    return sql.tx(c -> upsert(c, a, clock.millis()));
  }

  public static boolean upsert(Connection c, Alert a, long now) throws SQLException {
    String line = AlertJson.toLine(a);
    List<Object[]> old = Sql.list(c, "select version, body::text, first_ts, ts from alert where"
        + " id = ? for update",
        rs -> new Object[] {rs.getInt(1), rs.getString(2), rs.getLong(3), rs.getLong(4)}, a.id());
    int version = 1;
    long firstTs = a.ts();
    if (!old.isEmpty()) {
      String oldLine = (String) old.get(0)[1];
      // an older version (a file re-read from its start) must not overwrite a newer one
      if (a.ts() < (Long) old.get(0)[3] || sameJson(oldLine, line)) {
        return false;
      }
      version = (Integer) old.get(0)[0] + 1;
      firstTs = Math.min(firstTs, (Long) old.get(0)[2]);
    }
    long seq = Ledger.append(c, List.of(new Ledger.Entry(RecordClass.ALERT, a.id() + "@" + version,
        line.getBytes(StandardCharsets.UTF_8))), now).get(0).seq();
    Sql.update(c, "insert into alert (id, kind, ts, platform, room, score, severity, body, version,"
        + " first_ts, ledger_seq) values (?,?,?,?,?,?,?,?::jsonb,?,?,?) on conflict (id) do update"
        + " set kind = excluded.kind, ts = excluded.ts, platform = excluded.platform,"
        + " room = excluded.room, score = excluded.score, severity = excluded.severity,"
        + " body = excluded.body, version = excluded.version, first_ts = excluded.first_ts,"
        + " ledger_seq = excluded.ledger_seq",
        a.id(), a.kind(), a.ts(), a.platform(), a.room(), a.score(), a.severity().wire(), line,
        version, firstTs, seq);
    return true;
  }

  private static boolean sameJson(String a, String b) {
    try {
      return org.qinglang.io.Json.MAPPER.readTree(a).equals(org.qinglang.io.Json.MAPPER.readTree(b));
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
