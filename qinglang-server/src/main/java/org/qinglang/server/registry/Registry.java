package org.qinglang.server.registry;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qinglang.event.Event;
import org.qinglang.event.Product;
import org.qinglang.event.RoomEnd;
import org.qinglang.event.RoomStart;
import org.qinglang.io.Json;
import org.qinglang.server.auth.NotFound;
import org.qinglang.server.auth.Scope;
import org.qinglang.server.store.Sql;

/**
 * The actors of the contract as the events reveal them (rooms, anchors, merchants, MCN
 * agencies, items), plus the qualifications registered for them. Lapses are noticed at ingest:
 * when a merchant sells (starts a room or lists an item) after one of its registered
 * qualifications expired and no renewal of that kind covers the time.
 */
public final class Registry {
  /** Categories for which a food licence (食品经营许可证) is needed to sell. */
  static final Set<String> FOOD = Set.of("food", "health_food", "agricultural");

  private final Sql sql;
  private final java.time.Clock clock;

  public Registry(Sql sql, java.time.Clock clock) {
    this.sql = sql;
    this.clock = clock;
  }

  /** Updates the registry from a batch of stored events, inside the ingest transaction. */
  public void record(Connection c, List<Event> events) throws SQLException {
    for (Event e : events) {
      if (e instanceof RoomStart r) {
        Sql.update(c, "insert into room (room, platform, anchor, merchant, mcn, title,"
            + " virtual_anchor, venue, started) values (?,?,?,?,?,?,?,?,?) on conflict (room) do"
            + " update set anchor = excluded.anchor, merchant = excluded.merchant, mcn ="
            + " excluded.mcn, title = excluded.title, virtual_anchor = excluded.virtual_anchor,"
            + " venue = excluded.venue, started = least(room.started, excluded.started)"
            // Ownership refused other platforms' events already; this keeps the row even if not
            + " where room.platform = excluded.platform",
            r.room(), r.platform(), r.anchor(), r.merchant(), r.mcn(), r.title(),
            r.virtualAnchor(), r.venue(), r.ts());
        actor(c, "anchor", r.anchor(), r.platform(), r.ts(),
            r.virtualAnchor() == null ? "{}" : "{\"virtual\":" + r.virtualAnchor() + "}");
        actor(c, "merchant", r.merchant(), r.platform(), r.ts(), "{}");
        actor(c, "mcn", r.mcn(), r.platform(), r.ts(), "{}");
        if (r.merchant() != null) {
          checkLapse(c, r.merchant(), r.platform(), r.room(), r.ts(), null);
        }
      } else if (e instanceof RoomEnd r) {
        Sql.update(c, "update room set ended = greatest(coalesce(ended, 0), ?) where room = ? and"
            + " platform = ?", r.ts(), r.room(), r.platform());
      } else if (e instanceof Product p) {
        String attrs = Json.line(g -> {
          g.writeStartObject();
          g.writeStringField("title", p.title());
          if (p.brand() != null) {
            g.writeStringField("brand", p.brand());
          }
          if (p.category() != null) {
            g.writeStringField("category", p.category());
          }
          if (p.merchant() != null) {
            g.writeStringField("merchant", p.merchant());
          }
          g.writeEndObject();
        });
        actor(c, "item", p.sku(), p.platform(), p.ts(), attrs);
        actor(c, "merchant", p.merchant(), p.platform(), p.ts(), "{}");
        if (p.merchant() != null) {
          checkLapse(c, p.merchant(), p.platform(), p.room(), p.ts(), p.category());
        }
      }
    }
  }

  private static void actor(Connection c, String kind, String id, String platform, long ts,
      String attrs) throws SQLException {
    if (id == null) {
      return;
    }
    Sql.update(c, "insert into actor (kind, id, platform, attrs, first_seen, last_seen) values"
        + " (?,?,?,?::jsonb,?,?) on conflict (kind, id) do update set attrs = actor.attrs ||"
        + " excluded.attrs, first_seen = least(actor.first_seen, excluded.first_seen),"
        + " last_seen = greatest(actor.last_seen, excluded.last_seen)"
        + " where actor.platform = excluded.platform",
        kind, id, platform, attrs, ts, ts);
  }

  private static void checkLapse(Connection c, String merchant, String platform, String room,
      long ts, String category) throws SQLException {
    List<Object[]> quals = Sql.list(c, "select kind, max(coalesce(expires, 9223372036854775807))"
        + " from qualification where actor_kind = 'merchant' and actor_id = ? and platform = ?"
        + " and coalesce(valid_from, 0) <= ? group by kind",
        rs -> new Object[] {rs.getString(1), rs.getLong(2)}, merchant, platform, ts);
    for (Object[] q : quals) {
      String kind = (String) q[0];
      long expires = (Long) q[1];
      boolean relevant = !"food_licence".equals(kind) || category == null || FOOD.contains(category);
      if (relevant && expires < ts) {
        Sql.update(c, "insert into qualification_lapse (actor_kind, actor_id, platform, room, kind,"
            + " expired_at, seen_at, detail) values ('merchant',?,?,?,?,?,?,?) on conflict do"
            + " nothing", merchant, platform, room, kind, expires, ts,
            "merchant " + merchant + " sold in room " + room + " after its " + kind
                + " expired");
      }
    }
  }

  // ---- queries ------------------------------------------------------------------------

  public List<Map<String, Object>> rooms(Scope s, int limit) {
    return rooms(s, null, limit);
  }

  /** Rooms in scope, riskiest first; {@code anchor} narrows to one anchor's rooms. */
  public List<Map<String, Object>> rooms(Scope s, String anchor, int limit) {
    Scope.Filter f = s.rooms("r");
    List<Object> p = new ArrayList<>(f.params());
    String byAnchor = "";
    if (anchor != null) {
      byAnchor = " and r.anchor = ?";
      p.add(anchor);
    }
    p.add(limit);
    return sql.list("select r.*, (select coalesce(max(a.score), 0) from alert a where a.room ="
        + " r.room) as risk, (select count(*) from alert a where a.room = r.room) as alerts"
        + " from room r where " + f.sql() + byAnchor + " order by risk desc, r.started desc limit ?",
        Sql::row, p.toArray());
  }

  public Map<String, Object> room(Scope s, String room) {
    Scope.Filter f = s.rooms("r");
    Object[] p = f.after(room);
    Map<String, Object> r = sql.one("select r.* from room r where r.room = ? and " + f.sql(),
        Sql::row, p);
    if (r == null) {
      throw new NotFound("room " + room);
    }
    return r;
  }

  /**
   * Actors of a kind in scope. Agencies see only their anchors (and the merchants/MCNs of
   * their anchors' rooms).
   */
  public List<Map<String, Object>> actors(Scope s, String kind, int limit) {
    if (s.isRegulator()) {
      return sql.list("select * from actor where kind = ? order by last_seen desc limit ?",
          Sql::row, kind, limit);
    }
    if (s.platform() != null) {
      return sql.list("select * from actor where kind = ? and platform = ? order by last_seen"
          + " desc limit ?", Sql::row, kind, s.platform(), limit);
    }
    String[] anchors = s.anchors().toArray(new String[0]);
    return sql.list("select a.* from actor a where a.kind = ? and (a.kind = 'anchor' and a.id ="
        + " any(?) or exists (select 1 from room r where r.anchor = any(?) and a.id in"
        + " (r.merchant, r.mcn))) order by a.last_seen desc limit ?", Sql::row, kind, anchors,
        anchors, limit);
  }

  public Map<String, Object> actor(Scope s, String kind, String id) {
    Map<String, Object> a;
    if (s.isRegulator()) {
      a = sql.one("select * from actor where kind = ? and id = ?", Sql::row, kind, id);
    } else if (s.platform() != null) {
      a = sql.one("select * from actor where kind = ? and id = ? and platform = ?", Sql::row, kind,
          id, s.platform());
    } else {
      String[] anchors = s.anchors().toArray(new String[0]);
      a = sql.one("select a.* from actor a where a.kind = ? and a.id = ? and (a.kind = 'anchor' and"
          + " a.id = any(?) or exists (select 1 from room r where r.anchor = any(?) and a.id in"
          + " (r.merchant, r.mcn)))", Sql::row, kind, id, anchors, anchors);
    }
    if (a == null) {
      throw new NotFound(kind + " " + id);
    }
    return a;
  }

  /**
   * The identities an account (typically an anchor) was registered with, from its latest
   * {@code account} profile, and the other accounts of the caller's scope that share one of
   * them: how a person behind several accounts shows up.
   */
  public Map<String, Object> identities(Scope s, String account) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    // the profile of the account's own platform only: a digest leaves the server only to a
    // caller whose scope covers the account (the anchor's actor row is scope-checked here)
    String platform = (String) actor(s, "anchor", account).get("platform");
    Map<String, Object> profile = sql.one("select body from event where type = 'account' and"
        + " usr = ? and platform = ? order by ts desc limit 1", Sql::row, account, platform);
    out.put("profile", profile == null ? null : profile.get("body"));
    List<Map<String, Object>> linked = new ArrayList<>();
    if (profile != null) {
      com.fasterxml.jackson.databind.JsonNode b =
          (com.fasterxml.jackson.databind.JsonNode) profile.get("body");
      Scope.Filter f = s.platform("e");
      if (s.role() == org.qinglang.server.auth.Role.AGENCY) {
        f = new Scope.Filter("false", List.of());
      }
      for (String k : List.of("id_hash", "phone_hash", "device")) {
        if (b.hasNonNull(k)) {
          List<Object> p = new ArrayList<>(List.of(k, b.get(k).asText(), account));
          p.addAll(f.params());
          for (Map<String, Object> m : sql.list("select distinct e.usr as account, ? as shared"
              + " from event e where e.type = 'account' and e.body->>'" + k + "' = ? and e.usr <> ?"
              + " and " + f.sql(), Sql::row, p.toArray())) {
            linked.add(m);
          }
        }
      }
    }
    out.put("linked_accounts", linked);
    return out;
  }

  /**
   * Registers a qualification of an actor in the caller's scope; it belongs to the actor's
   * platform. Agencies register nothing.
   */
  public long addQualification(Scope s, String actorKind, String actorId, String kind,
      String number, Long validFrom, Long expires) {
    s.requireNotAgency("register qualifications");
    String platform = (String) actor(s, actorKind, actorId).get("platform");
    if (kind == null || !kind.matches("[a-z_]{2,64}")) {
      throw new IllegalArgumentException("'kind' must be a qualification kind such as"
          + " business_licence or food_licence (lower case and _), got " + kind);
    }
    if (number != null && number.length() > 128) {
      throw new IllegalArgumentException("'number' is longer than 128 characters");
    }
    if (validFrom != null && expires != null && expires < validFrom) {
      throw new IllegalArgumentException("'expires' (" + expires + ") is before 'valid_from' ("
          + validFrom + ")");
    }
    return sql.insertId("insert into qualification (actor_kind, actor_id, platform, kind, number,"
        + " valid_from, expires, created_by, created_at) values (?,?,?,?,?,?,?,?,?)",
        actorKind, actorId, platform, kind, number, validFrom, expires, s.user(),
        clock.millis());
  }

  public List<Map<String, Object>> qualifications(Scope s, String actorKind, String actorId) {
    String platform = (String) actor(s, actorKind, actorId).get("platform");
    return sql.list("select * from qualification where actor_kind = ? and actor_id = ? and"
        + " platform = ? order by expires nulls last", Sql::row, actorKind, actorId, platform);
  }

  public List<Map<String, Object>> lapses(Scope s) {
    Scope.Filter f = s.platform("l");
    if (s.role() == org.qinglang.server.auth.Role.AGENCY) {
      return sql.list("select l.* from qualification_lapse l join room r on r.room = l.room where"
          + " r.anchor = any(?) order by l.seen_at desc", Sql::row,
          (Object) s.anchors().toArray(new String[0]));
    }
    return sql.list("select l.* from qualification_lapse l where " + f.sql()
        + " order by l.seen_at desc", Sql::row, f.params().toArray());
  }
}
