package org.qinglang.server.negative;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qinglang.event.Event;
import org.qinglang.event.Sanction;
import org.qinglang.io.Json;
import org.qinglang.server.auth.NotFound;
import org.qinglang.server.auth.Scope;
import org.qinglang.server.store.Sql;

/**
 * Sanctions keyed by the person's hashed identities rather than by account, so that a banned
 * person who registers again is still recognised. A {@code sanction} event bans its account
 * and every identity that account was seen with (id_hash, phone_hash, device from its
 * {@code account} profile; payment from its orders). Entries expire ({@code until}) or are
 * revoked, never deleted: {@code sanction_history} keeps every change.
 */
public final class NegativeList {
  /** Identities that name one person (strong) vs. things a household may share (weak). */
  public static final Set<String> STRONG = Set.of("account", "id_hash", "phone_hash");

  private final Sql sql;
  private final java.time.Clock clock;

  public NegativeList(Sql sql, java.time.Clock clock) {
    this.sql = sql;
    this.clock = clock;
  }

  /** Adds entries for sanction events of a batch, inside the ingest transaction. */
  public void observe(Connection c, List<Event> events, long now) throws SQLException {
    for (Event e : events) {
      if (e instanceof Sanction s) {
        Map<String, String> ids = identitiesOf(c, s.user(), s.platform());
        for (var id : ids.entrySet()) {
          add(c, s.platform(), s.user(), id.getKey(), id.getValue(), s.scope(), s.reason(), s.ts(),
              s.until(), "event", "platform:" + s.platform(), now);
        }
      }
    }
  }

  /**
   * The identities an account was seen with on the sanctioning platform, account first. Only
   * that platform's profile and orders count: a sanction must not copy another platform's
   * digests into this platform's list.
   */
  static Map<String, String> identitiesOf(Connection c, String user, String platform)
      throws SQLException {
    Map<String, String> ids = new LinkedHashMap<>();
    ids.put("account", user);
    List<String> profile = Sql.list(c, "select body::text from event where type = 'account' and"
        + " usr = ? and platform = ? order by ts desc limit 1", rs -> rs.getString(1), user,
        platform);
    for (String p : profile) {
      JsonNode n = readTree(p);
      for (String f : List.of("id_hash", "phone_hash", "device")) {
        if (n.hasNonNull(f)) {
          ids.put(f, n.get(f).asText());
        }
      }
    }
    List<String> payments = Sql.list(c, "select distinct body->>'payment' from event where type ="
        + " 'order' and usr = ? and platform = ? and body->>'payment' is not null limit 5",
        rs -> rs.getString(1), user, platform);
    if (!payments.isEmpty()) {
      ids.put("payment", payments.get(0));
    }
    return ids;
  }

  private static JsonNode readTree(String s) {
    try {
      return Json.MAPPER.readTree(s);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static long add(Connection c, String platform, String account, String kind,
      String value, String scope, String reason, long from, Long until, String source, String by,
      long now) throws SQLException {
    long id = Sql.insertId(c, "insert into sanction (platform, account, identity_kind,"
        + " identity_value, scope, reason, from_ts, until_ts, source, created_by) values"
        + " (?,?,?,?,?,?,?,?,?,?)", platform, account, kind, value, scope, reason, from, until,
        source, by);
    Sql.update(c, "insert into sanction_history (sanction_id, action, at, actor, note) values"
        + " (?,?,?,?,?)", id, "added", now, by, reason);
    return id;
  }

  /** What a sanction bans, as in the event contract. */
  public static final Set<String> SCOPES = Set.of("selling", "streaming", "account");

  /**
   * A sanction added by hand (API or console). An analyst's lands on their own platform
   * whatever they ask; an account that belongs to another platform cannot be named.
   */
  public long add(Scope s, String platform, String account, String kind, String value,
      String scope, String reason, long from, Long until) {
    String pf = s.writePlatform(platform);
    if (!STRONG.contains(kind) && !Set.of("device", "payment").contains(kind)) {
      throw new IllegalArgumentException("identity kind must be one of account, id_hash,"
          + " phone_hash, device, payment; got " + kind);
    }
    if (value == null || value.isBlank() || value.length() > 256) {
      throw new IllegalArgumentException("'identity_value' must be 1 to 256 characters");
    }
    if (!SCOPES.contains(scope)) {
      throw new IllegalArgumentException("'scope' must be one of " + SCOPES + ", got " + scope);
    }
    if (until != null && until <= from) {
      throw new IllegalArgumentException("'until' (" + until + ") must be after 'from' (" + from
          + ")");
    }
    String acc = account != null ? account : "account".equals(kind) ? value : null;
    return sql.tx(c -> {
      if (acc != null) {
        String owner = org.qinglang.server.registry.Ownership.accountPlatform(c, acc);
        if (owner != null && !owner.equals(pf)) {
          throw new IllegalArgumentException("account '" + acc + "' belongs to another platform:"
              + " a platform sanctions its own accounts");
        }
      }
      return add(c, pf, acc, kind, value, scope, reason, from, until, "api", s.user(),
          clock.millis());
    });
  }

  public void revoke(Scope s, long id, String note) {
    s.requireNotAgency("revoke sanctions");
    sql.tx(c -> {
      Scope.Filter f = s.platform("x");
      Object[] p = f.after(id);
      if (Sql.list(c, "select id from sanction x where id = ? and revoked_at is null and " + f.sql(),
          rs -> rs.getLong(1), p).isEmpty()) {
        throw new NotFound("sanction " + id);
      }
      long now = clock.millis();
      Sql.update(c, "update sanction set revoked_at = ?, revoked_by = ? where id = ?", now, s.user(), id);
      Sql.update(c, "insert into sanction_history (sanction_id, action, at, actor, note) values"
          + " (?,?,?,?,?)", id, "revoked", now, s.user(), note);
      return null;
    });
  }

  /** Entries in scope; {@code at} filters to those in force then (null: all, with history). */
  public List<Map<String, Object>> entries(Scope s, Long at) {
    Scope.Filter f = s.platform("x");
    List<Object> p = new ArrayList<>(f.params());
    String when = "";
    if (at != null) {
      when = " and x.from_ts <= ? and (x.until_ts is null or x.until_ts > ?) and (x.revoked_at is"
          + " null or x.revoked_at > ?)";
      p.add(at);
      p.add(at);
      p.add(at);
    }
    return sql.list("select x.*, (select json_agg(json_build_object('action', h.action, 'at', h.at,"
        + " 'actor', h.actor, 'note', h.note) order by h.at) from sanction_history h where"
        + " h.sanction_id = x.id) as history from sanction x where " + f.sql() + when
        + " order by x.from_ts desc", Sql::row, p.toArray());
  }

  /** One match of an identity against an entry in force. */
  public record Match(long sanctionId, String account, String identityKind, String strength,
      String scope) {}

  /**
   * Entries in force at {@code at} that share any of the given identities. Matches on a device
   * or payment are {@code weak}: a family shares them, so they are evidence, not proof.
   */
  public List<Match> match(Scope s, Map<String, String> identities, long at) {
    s.requireNotAgency("query the negative list");
    Scope.Filter f = s.platform("x");
    List<Match> out = new ArrayList<>();
    for (var id : identities.entrySet()) {
      if (id.getValue() == null) {
        continue;
      }
      out.addAll(sql.list("select x.id, x.account, x.identity_kind, x.scope from sanction x where"
          + " x.identity_kind = ? and x.identity_value = ? and x.from_ts <= ? and (x.until_ts is"
          + " null or x.until_ts > ?) and (x.revoked_at is null or x.revoked_at > ?) and " + f.sql(),
          rs -> new Match(rs.getLong(1), rs.getString(2), rs.getString(3),
              STRONG.contains(rs.getString(3)) ? "strong" : "weak", rs.getString(4)),
          f.after(id.getKey(), id.getValue(), at, at, at)));
    }
    return out;
  }
}
