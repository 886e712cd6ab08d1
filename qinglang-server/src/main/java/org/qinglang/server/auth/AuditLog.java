package org.qinglang.server.auth;

import java.util.List;
import java.util.Map;
import org.qinglang.server.store.Sql;

/** Who did what, when, with what result: one row per API call, denied ones included. */
public final class AuditLog {
  private final Sql sql;
  private final java.time.Clock clock;

  public AuditLog(Sql sql, java.time.Clock clock) {
    this.sql = sql;
    this.clock = clock;
  }

  @Unscoped("the trail records every request, unauthenticated ones too")
  public void record(String actor, String action, String target, int status, String address) {
    sql.update("insert into audit (at, actor, action, target, status, address) values"
        + " (?,?,?,?,?,?)", clock.millis(), actor, action, target, status, address);
  }

  /** Regulators read the whole log; others only their own lines. */
  public List<Map<String, Object>> recent(Scope s, int limit) {
    if (s.isRegulator()) {
      return sql.list("select * from audit order by id desc limit ?", Sql::row, limit);
    }
    return sql.list("select * from audit where actor = ? order by id desc limit ?", Sql::row,
        s.user(), limit);
  }
}
