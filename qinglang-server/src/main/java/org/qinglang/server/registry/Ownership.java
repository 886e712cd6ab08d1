package org.qinglang.server.registry;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qinglang.event.AccountEvent;
import org.qinglang.event.Event;
import org.qinglang.event.Product;
import org.qinglang.event.RoomStart;
import org.qinglang.event.Sanction;
import org.qinglang.server.store.Sql;

/**
 * Which platform an identifier belongs to, and the refusal of events that would write into
 * another platform's rows. A room belongs to the platform of the first event naming it; an
 * account to the platform of its profile ({@code account} event) or of the room it anchors;
 * merchants, MCNs and items to the platform that registered them. An event of platform P that
 * names a room, a profile, an anchor, a merchant, an MCN or an item of another platform is
 * refused with the reason, and so is a sanction of an account whose profile is another's.
 *
 * <p>Viewers are not claimed: the same account id takes part in rooms of several platforms in
 * real data (and in the simulator), and a viewer's event writes nothing of the viewer's own.
 */
public final class Ownership {
  private static final Set<String> ACTORS = Set.of("anchor", "merchant", "mcn", "item");

  private final Map<String, String> owner = new HashMap<>();
  private final Map<String, String> newClaims = new LinkedHashMap<>();

  private Ownership() {}

  /**
   * Decides every event of a batch in order (an earlier event of the batch may claim what a
   * later one names) and records the claims of the admitted ones. Returns the reason each
   * event is refused, or null where it is admitted. Must run inside the ingest transaction
   * after the ledger lock is taken, so two batches cannot both claim one id.
   */
  public static List<String> admit(Connection c, List<Event> events, long now)
      throws SQLException {
    Ownership o = new Ownership();
    o.prefetch(c, events);
    List<String> out = new ArrayList<>(events.size());
    for (Event e : events) {
      String why = o.refusal(e);
      if (why == null) {
        o.claim(e);
      }
      out.add(why);
    }
    for (var cl : o.newClaims.entrySet()) {
      String[] k = cl.getKey().split(":", 2);
      Sql.update(c, "insert into tenant_claim (kind, id, platform, first_seen) values (?,?,?,?)"
          + " on conflict do nothing", k[0], k[1], cl.getValue(), now);
    }
    return out;
  }

  private String refusal(Event e) {
    String p = e.platform();
    if (e.room() != null && foreign("room", e.room(), p)) {
      return "room '" + e.room() + "' belongs to another platform";
    }
    if (e instanceof AccountEvent a && foreign("account", a.user(), p)) {
      return "account '" + a.user() + "' belongs to another platform";
    }
    if (e instanceof Sanction s && foreign("account", s.user(), p)) {
      return "account '" + s.user() + "' belongs to another platform: a platform sanctions its"
          + " own accounts";
    }
    if (e instanceof RoomStart r) {
      if (foreign("account", r.anchor(), p) || foreign("anchor", r.anchor(), p)) {
        return "anchor '" + r.anchor() + "' belongs to another platform";
      }
      if (foreign("merchant", r.merchant(), p)) {
        return "merchant '" + r.merchant() + "' belongs to another platform";
      }
      if (foreign("mcn", r.mcn(), p)) {
        return "mcn '" + r.mcn() + "' belongs to another platform";
      }
    }
    if (e instanceof Product pr) {
      if (foreign("item", pr.sku(), p)) {
        return "item '" + pr.sku() + "' belongs to another platform";
      }
      if (foreign("merchant", pr.merchant(), p)) {
        return "merchant '" + pr.merchant() + "' belongs to another platform";
      }
    }
    return null;
  }

  private void claim(Event e) {
    String p = e.platform();
    if (e.room() != null) {
      take("room", e.room(), p);
    }
    if (e instanceof AccountEvent a) {
      take("account", a.user(), p);
    }
    if (e instanceof RoomStart r) {
      take("account", r.anchor(), p);
      owner.putIfAbsent("anchor:" + r.anchor(), p);
      putActor("merchant", r.merchant(), p);
      putActor("mcn", r.mcn(), p);
    }
    if (e instanceof Product pr) {
      putActor("item", pr.sku(), p);
      putActor("merchant", pr.merchant(), p);
    }
  }

  private boolean foreign(String kind, String id, String platform) {
    if (id == null) {
      return false;
    }
    String o = owner.get(kind + ":" + id);
    return o != null && !o.equals(platform);
  }

  private void take(String kind, String id, String platform) {
    if (owner.putIfAbsent(kind + ":" + id, platform) == null) {
      newClaims.put(kind + ":" + id, platform);
    }
  }

  // actor rows are written by Registry.record in the same transaction; only remembered here
  private void putActor(String kind, String id, String platform) {
    if (id != null) {
      owner.putIfAbsent(kind + ":" + id, platform);
    }
  }

  private void prefetch(Connection c, List<Event> events) throws SQLException {
    Map<String, List<String>> ids = new HashMap<>();
    for (Event e : events) {
      add(ids, "room", e.room());
      if (e instanceof AccountEvent || e instanceof Sanction) {
        add(ids, "account", e.user());
      }
      if (e instanceof RoomStart r) {
        add(ids, "account", r.anchor());
        add(ids, "anchor", r.anchor());
        add(ids, "merchant", r.merchant());
        add(ids, "mcn", r.mcn());
      }
      if (e instanceof Product pr) {
        add(ids, "item", pr.sku());
        add(ids, "merchant", pr.merchant());
      }
    }
    for (var k : ids.entrySet()) {
      String table = ACTORS.contains(k.getKey()) ? "actor" : "tenant_claim";
      for (String[] row : Sql.list(c, "select id, platform from " + table + " where kind = ? and"
          + " id = any(?)", rs -> new String[] {rs.getString(1), rs.getString(2)}, k.getKey(),
          k.getValue().toArray(new String[0]))) {
        owner.put(k.getKey() + ":" + row[0], row[1]);
      }
    }
  }

  private static void add(Map<String, List<String>> ids, String kind, String id) {
    if (id != null) {
      ids.computeIfAbsent(kind, x -> new ArrayList<>()).add(id);
    }
  }

  /** The platform an account belongs to, or null when no platform has claimed it. */
  public static String accountPlatform(Connection c, String account) throws SQLException {
    List<String> p = Sql.list(c, "select platform from tenant_claim where kind = 'account' and"
        + " id = ?", rs -> rs.getString(1), account);
    return p.isEmpty() ? null : p.get(0);
  }
}
