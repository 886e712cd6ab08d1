package org.qinglang.server.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qinglang.server.auth.NotFound;
import org.qinglang.server.auth.Role;
import org.qinglang.server.auth.Scope;

/** Read side of stored events and alerts, always narrowed to the caller's scope. */
public final class Queries {
  private final Sql sql;

  public Queries(Sql sql) {
    this.sql = sql;
  }

  public List<Map<String, Object>> alerts(Scope s, String room, String kind, int limit) {
    Scope.Filter f = s.alerts("a");
    List<Object> p = new ArrayList<>(f.params());
    StringBuilder where = new StringBuilder(f.sql());
    if (room != null) {
      where.append(" and a.room = ?");
      p.add(room);
    }
    if (kind != null) {
      where.append(" and a.kind = ?");
      p.add(kind);
    }
    p.add(limit);
    return sql.list("select a.id, a.kind, a.ts, a.platform, a.room, a.score, a.severity, a.version,"
        + " a.first_ts, a.ledger_seq, a.body from alert a where " + where
        + " order by a.score desc, a.ts desc limit ?", Sql::row, p.toArray());
  }

  public Map<String, Object> alert(Scope s, String id) {
    Scope.Filter f = s.alerts("a");
    Object[] p = f.after(id);
    Map<String, Object> a = sql.one("select a.* from alert a where a.id = ? and " + f.sql(),
        Sql::row, p);
    if (a == null) {
      throw new NotFound("alert " + id);
    }
    return a;
  }

  /** Every stored version of an alert, from the ledger (payload null once expired). */
  public List<Map<String, Object>> alertVersions(Scope s, String id) {
    alert(s, id);
    return sql.list("select seq, ref, created_at, encode(payload_hash, 'hex') as payload_hash,"
        + " convert_from(payload, 'UTF8')::jsonb as alert from ledger where class = 'alert' and"
        + " ref like ? order by seq", Sql::row, id.replace("%", "\\%").replace("_", "\\_") + "@%");
  }

  /** Events of a room (scope-checked through the room), optionally of some types. */
  public List<Map<String, Object>> roomEvents(Scope s, String room, String type, long from, long to,
      int limit) {
    checkRoom(s, room);
    List<Object> p = new ArrayList<>(List.of(room, from, to));
    String t = "";
    if (type != null) {
      t = " and type = ?";
      p.add(type);
    }
    p.add(limit);
    return sql.list("select seq, ts, type, usr, body from event where room = ? and ts >= ? and ts"
        + " < ?" + t + " order by ts limit ?", Sql::row, p.toArray());
  }

  /**
   * Per-minute series of a room: displayed audience (last viewer_count of the minute), observed
   * audience (joins minus leaves, cumulative), comments, orders: what the room page charts.
   */
  public List<Map<String, Object>> roomSeries(Scope s, String room) {
    checkRoom(s, room);
    return sql.list("select m as minute, displayed, joins, leaves, comments, orders, gmv from ("
        + " select (ts / 60000) * 60000 as m,"
        + " (array_agg((body->>'online')::bigint order by ts desc) filter (where type ="
        + " 'viewer_count'))[1] as displayed,"
        + " count(*) filter (where type = 'viewer_join') as joins,"
        + " count(*) filter (where type = 'viewer_leave') as leaves,"
        + " count(*) filter (where type = 'comment') as comments,"
        + " count(*) filter (where type = 'order') as orders,"
        + " coalesce(sum((body->>'amount')::bigint) filter (where type = 'order'), 0) as gmv"
        + " from event where room = ? group by 1) x order by m", rs -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("minute", rs.getLong("minute"));
          m.put("displayed", rs.getObject("displayed"));
          m.put("joins", rs.getLong("joins"));
          m.put("leaves", rs.getLong("leaves"));
          m.put("comments", rs.getLong("comments"));
          m.put("orders", rs.getLong("orders"));
          m.put("gmv", rs.getLong("gmv"));
          return m;
        }, room);
  }

  private void checkRoom(Scope s, String room) {
    Scope.Filter f = s.rooms("r");
    Object[] p = f.after(room);
    if (sql.one("select 1 from room r where r.room = ? and " + f.sql(), rs -> 1, p) == null) {
      throw new NotFound("room " + room);
    }
  }

  /** Alerts per kind per hour, for the overview chart. */
  public List<Map<String, Object>> alertsOverTime(Scope s) {
    Scope.Filter f = s.alerts("a");
    return sql.list("select (a.first_ts / 3600000) * 3600000 as hour, a.kind, count(*) as n from"
        + " alert a where " + f.sql() + " group by 1, 2 order by 1, 2", Sql::row,
        f.params().toArray());
  }

  /** Bad input lines; only regulators see them (they may hold any platform's data). */
  public List<Map<String, Object>> deadLetters(Scope s, int limit) {
    if (s.role() != Role.REGULATOR) {
      return List.of();
    }
    return sql.list("select * from dead_letter order by id desc limit ?", Sql::row, limit);
  }
}
