package org.qinglang.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.qinglang.alert.Alert;
import org.qinglang.alert.Subject;
import org.qinglang.event.Comment;
import org.qinglang.event.Order;

/**
 * A brand's due diligence on one anchor: is the audience real, are the comments, are the sales
 * claims; each figure carries the ids of the alerts behind it.
 */
final class Influencer {
  private Influencer() {}

  static final Set<String> CLAIM_KINDS =
      Set.of("false_claim", "price_fraud", "counterfeit_risk", "minor_venue");

  static Map<String, Object> figures(Ctx c) {
    List<Evening.Room> rooms = c.rooms(c.scope);
    List<Alert> alerts = c.alerts(c.scope);
    Set<String> roomIds = new HashSet<>();
    rooms.forEach(r -> roomIds.add(r.id()));

    Map<String, List<String>> kinds = new TreeMap<>();
    for (Alert a : alerts) {
      kinds.computeIfAbsent(a.kind(), k -> new ArrayList<>()).add(a.id());
    }

    List<Map<String, Object>> shows = new ArrayList<>();
    Set<String> viewers = new TreeSet<>();
    long sumOnline = 0;
    long sumObserved = 0;
    long samples = 0;
    for (Evening.Room r : rooms) {
      List<Evening.Sample> ss = c.ev.samples.getOrDefault(r.id(), List.of());
      Set<String> v = new HashSet<>();
      c.ev.sessions.getOrDefault(r.id(), List.of()).forEach(s -> v.add(s.user()));
      viewers.addAll(v);
      long on = ss.stream().mapToLong(Evening.Sample::online).sum();
      long ob = ss.stream().mapToLong(Evening.Sample::observed).sum();
      sumOnline += on;
      sumObserved += ob;
      samples += ss.size();
      shows.add(c.defs.figs().put("room", r.id()).put("platform", r.platform())
          .put("start", Scope.format(r.start()))
          .put("broadcast_hours", Defs.round(r.hours(), 3))
          .put("viewer_count_samples", ss.size())
          .put("displayed_mean_online", ss.isEmpty() ? null : Defs.round((double) on / ss.size(), 2))
          .put("observed_mean_online", ss.isEmpty() ? null : Defs.round((double) ob / ss.size(), 2))
          .put("displayed_peak_online", ss.stream().mapToLong(Evening.Sample::online).max().orElse(0))
          .put("observed_peak_online", ss.stream().mapToLong(Evening.Sample::observed).max().orElse(0))
          .put("inflation_ratio", Defs.ratio(on, ob))
          .put("distinct_viewers", v.size())
          .put("alert_ids", alerts.stream().filter(a -> r.id().equals(a.room())).map(Alert::id).toList())
          .map());
    }
    c.charts.add(new Report.Chart("displayed vs observed mean online, per show", "viewers",
        shows.stream().map(m -> (String) m.get("room")).toList(), List.of(
            new Report.Series("displayed", shows.stream().map(m -> num(m.get("displayed_mean_online"))).toList()),
            new Report.Series("observed", shows.stream().map(m -> num(m.get("observed_mean_online"))).toList()))));

    Defs.Figs f = c.defs.figs();
    f.put("anchor", c.scope.anchor())
        .put("rooms", rooms.size())
        .put("findings", alerts.size())
        .put("alert_kinds", kinds)
        .put("audience", c.defs.figs()
            .put("viewer_count_samples", samples)
            .put("displayed_mean_online", samples == 0 ? null : Defs.round((double) sumOnline / samples, 2))
            .put("observed_mean_online", samples == 0 ? null : Defs.round((double) sumObserved / samples, 2))
            .put("inflation_ratio", Defs.ratio(sumOnline, sumObserved))
            .put("distinct_viewers", viewers.size())
            .put("alert_ids", ids(alerts, Set.of("viewer_inflation")))
            .map())
        .put("bot_share", share(c, roomScoped(alerts, roomIds, "bot_audience"), viewers))
        // a group concerns no room: it is in scope by time and platform, as the definition says
        .put("lockstep_share", share(c, ofKind(c.alerts(new Scope(c.scope.from(), c.scope.to(),
            c.scope.platform(), null, null)), "lockstep_group"), viewers))
        .put("comment_authenticity", comments(c, rooms, alerts))
        .put("sales_claims", sales(c, rooms, alerts))
        .put("claims_findings", alerts.stream().filter(a -> CLAIM_KINDS.contains(a.kind()))
            .map(a -> c.defs.figs().put("alert_id", a.id()).put("kind", a.kind())
                .put("room", a.room()).put("severity", a.severity().wire())
                .put("rule", a.rule()).put("basis", a.basis()).put("summary", a.summary()).map())
            .toList())
        .put("shows", shows);
    c.casesNotAvailable("credit_grade", "credit_history", "cases");
    return f.map();
  }

  private static Double num(Object o) {
    return o == null ? 0.0 : ((Number) o).doubleValue();
  }

  private static List<Alert> ofKind(List<Alert> alerts, String kind) {
    return alerts.stream().filter(a -> a.kind().equals(kind)).toList();
  }

  private static List<Alert> roomScoped(List<Alert> alerts, Set<String> rooms, String kind) {
    return alerts.stream().filter(a -> a.kind().equals(kind) && rooms.contains(a.room())).toList();
  }

  private static List<String> ids(List<Alert> alerts, Set<String> kinds) {
    return alerts.stream().filter(a -> kinds.contains(a.kind())).map(Alert::id).toList();
  }

  /** Viewers of the anchor's shows that the given alerts name, over all its distinct viewers. */
  private static Map<String, Object> share(Ctx c, List<Alert> alerts, Set<String> viewers) {
    Set<String> flagged = new TreeSet<>();
    for (Alert a : alerts) {
      for (String acc : a.accounts()) {
        if (viewers.contains(acc)) {
          flagged.add(acc);
        }
      }
    }
    return c.defs.figs().put("flagged_viewers", flagged.size())
        .put("distinct_viewers", viewers.size())
        .put("share", Defs.ratio(flagged.size(), viewers.size()))
        .put("alert_ids", Ctx.ids(alerts)).map();
  }

  /**
   * Comments in each show by the accounts that a comment_flood or fake_testimonial alert of that
   * same show names: paid posters in one room may be real viewers in another.
   */
  private static Map<String, Object> comments(Ctx c, List<Evening.Room> rooms, List<Alert> alerts) {
    Set<String> kinds = Set.of("comment_flood", "fake_testimonial");
    long total = 0;
    long flagged = 0;
    List<String> used = new ArrayList<>();
    for (Evening.Room r : rooms) {
      Set<String> accounts = new HashSet<>();
      for (Alert a : alerts) {
        if (kinds.contains(a.kind()) && r.id().equals(a.room())) {
          accounts.addAll(a.accounts());
          used.add(a.id());
        }
      }
      for (Comment cm : c.ev.comments.getOrDefault(r.id(), List.of())) {
        total++;
        if (accounts.contains(cm.user())) {
          flagged++;
        }
      }
    }
    return c.defs.figs().put("comments", total)
        .put("comments_by_flagged_accounts", flagged)
        .put("authentic_share", total == 0 ? null : Defs.round(1 - (double) flagged / total, 4))
        .put("alert_ids", used).map();
  }

  /** Per listing: the largest 已售 it displayed against the units ordered in that show. */
  private static Map<String, Object> sales(Ctx c, List<Evening.Room> rooms, List<Alert> alerts) {
    List<Map<String, Object>> rows = new ArrayList<>();
    long claimed = 0;
    long ordered = 0;
    for (Evening.Room r : rooms) {
      Map<String, Long> units = new TreeMap<>();
      for (Order o : c.ev.orders.getOrDefault(r.id(), List.of())) {
        units.merge(o.sku(), o.qty(), Long::sum);
      }
      for (Map.Entry<String, Long> e : new TreeMap<>(c.ev.claimedSales.getOrDefault(r.id(), Map.of())).entrySet()) {
        long u = units.getOrDefault(e.getKey(), 0L);
        claimed += e.getValue();
        ordered += u;
        List<String> ids = alerts.stream().filter(a -> a.kind().equals("sales_claim_mismatch")
            && r.id().equals(a.room()) && a.subjects().contains(Subject.sku(e.getKey())))
            .map(Alert::id).toList();
        rows.add(c.defs.figs().put("room", r.id()).put("sku", e.getKey())
            .put("claimed_sales", e.getValue()).put("ordered_units", u)
            .put("accuracy", Defs.ratio(u, e.getValue())).put("alert_ids", ids).map());
      }
    }
    return c.defs.figs().put("claimed_sales", claimed).put("ordered_units", ordered)
        .put("accuracy", Defs.ratio(ordered, claimed))
        .put("alert_ids", ids(alerts, Set.of("sales_claim_mismatch")))
        .put("listings", rows).map();
  }
}
