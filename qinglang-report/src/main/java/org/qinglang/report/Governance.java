package org.qinglang.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.qinglang.alert.Alert;
import org.qinglang.alert.Subject;
import org.qinglang.event.Sanction;

/** The regulator's figures per platform and period, with the trend against the period before. */
final class Governance {
  private Governance() {}

  static Map<String, Object> figures(Ctx c) {
    Set<String> platforms = new TreeSet<>();
    for (Evening.Room r : c.rooms(c.scope)) {
      platforms.add(r.platform());
    }
    for (Alert a : c.alerts(c.scope)) {
      if (a.platform() != null) {
        platforms.add(a.platform());
      }
    }
    Map<String, Object> per = new LinkedHashMap<>();
    for (String p : platforms) {
      per.put(p, section(c, c.scope.withPlatform(p)).map());
    }
    Map<String, Object> total = section(c, c.scope).map();
    @SuppressWarnings("unchecked")
    Map<String, Integer> kinds = (Map<String, Integer>) total.get("alerts_by_kind");
    @SuppressWarnings("unchecked")
    Map<String, Integer> before = (Map<String, Integer>) ((Map<String, Object>) total
        .get("previous_period")).get("alerts_by_kind");
    Set<String> all = new TreeSet<>(kinds.keySet());
    all.addAll(before.keySet());
    c.charts.add(new Report.Chart("alerts_by_kind: this period vs previous", "findings",
        List.copyOf(all), List.of(
            new Report.Series("this period", all.stream().map(k -> (double) kinds.getOrDefault(k, 0)).toList()),
            new Report.Series("previous", all.stream().map(k -> (double) before.getOrDefault(k, 0)).toList()))));
    @SuppressWarnings("unchecked")
    Map<String, Integer> sev = (Map<String, Integer>) total.get("alerts_by_severity");
    c.charts.add(new Report.Chart("alerts_by_severity", "findings", List.copyOf(sev.keySet()),
        List.of(new Report.Series("findings", sev.values().stream().map(Integer::doubleValue).toList()))));
    c.charts.add(new Report.Chart("hours_watched by platform", "viewer-hours",
        List.copyOf(per.keySet()), List.of(new Report.Series("hours", per.values().stream()
            .map(m -> ((Number) ((Map<?, ?>) m).get("hours_watched")).doubleValue()).toList()))));
    c.casesNotAvailable("cases_opened", "cases_closed", "time_to_close_days", "overdue_notices",
        "penalties", "negative_list_additions");
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("total", total);
    f.put("platforms", per);
    c.defs.def("total");
    c.defs.def("platforms");
    return f;
  }

  private static Defs.Figs section(Ctx c, Scope s) {
    Defs.Figs f = c.defs.figs();
    Period now = period(c, s);
    Period prev = period(c, s.previous());
    f.put("rooms", now.rooms.size())
        .put("broadcast_hours", Defs.round(now.broadcastHours, 3))
        .put("hours_watched", Defs.round(now.viewerHours, 3))
        .put("findings", now.alerts.size())
        .put("findings_per_1000_hours", per1000(now))
        .put("rooms_with_findings", roomsWithFindings(now))
        .put("alerts_by_kind", Ctx.byKind(now.alerts))
        .put("alerts_by_severity", Ctx.bySeverity(now.alerts))
        .put("sanctions", sanctions(c, s))
        .put("repeat_offenders", repeatOffenders(c, now.alerts));
    Defs.Figs p = c.defs.figs()
        .put("from", Scope.format(s.previous().from()))
        .put("to", Scope.format(s.previous().to()))
        .put("rooms", prev.rooms.size())
        .put("hours_watched", Defs.round(prev.viewerHours, 3))
        .put("findings", prev.alerts.size())
        .put("findings_per_1000_hours", per1000(prev))
        .put("alerts_by_kind", Ctx.byKind(prev.alerts));
    f.put("previous_period", p.map());
    Double r1 = per1000(now);
    Double r0 = per1000(prev);
    f.put("trend", c.defs.figs()
        .put("rooms", now.rooms.size() - prev.rooms.size())
        .put("hours_watched", Defs.round(now.viewerHours - prev.viewerHours, 3))
        .put("findings", now.alerts.size() - prev.alerts.size())
        .put("findings_per_1000_hours", r1 == null || r0 == null ? null : Defs.round(r1 - r0, 4))
        .map());
    return f;
  }

  private record Period(List<Evening.Room> rooms, List<Alert> alerts, double viewerHours,
      double broadcastHours) {}

  private static Period period(Ctx c, Scope s) {
    List<Evening.Room> rooms = c.rooms(s);
    return new Period(rooms, c.alerts(s), c.viewerHours(rooms), Ctx.broadcastHours(rooms));
  }

  private static Double per1000(Period p) {
    return p.viewerHours == 0 ? null : Defs.round(p.alerts.size() * 1000.0 / p.viewerHours, 4);
  }

  private static int roomsWithFindings(Period p) {
    Set<String> in = new LinkedHashSet<>();
    p.rooms.forEach(r -> in.add(r.id()));
    Set<String> hit = new TreeSet<>();
    for (Alert a : p.alerts) {
      if (a.room() != null && in.contains(a.room())) {
        hit.add(a.room());
      }
    }
    return hit.size();
  }

  private static long sanctions(Ctx c, Scope s) {
    return c.ev.sanctions.stream().filter(x -> s.inPeriod(x.ts()))
        .filter(x -> s.platform() == null || s.platform().equals(x.platform()))
        .map(Sanction::user).distinct().count();
  }

  /**
   * Anchors with findings in two or more rooms: the anchor of each finding's room, and any
   * anchor a finding names, counted with the finding's room.
   */
  private static List<Map<String, Object>> repeatOffenders(Ctx c, List<Alert> alerts) {
    Map<String, Set<String>> rooms = new TreeMap<>();
    Map<String, List<String>> ids = new TreeMap<>();
    for (Alert a : alerts) {
      if (a.room() == null) {
        continue;
      }
      Set<String> anchors = new TreeSet<>();
      Evening.Room r = c.ev.rooms.get(a.room());
      if (r != null && r.anchor() != null) {
        anchors.add(r.anchor());
      }
      for (Subject s : a.subjects()) {
        if (s.type().equals("anchor")) {
          anchors.add(s.id());
        }
      }
      for (String an : anchors) {
        rooms.computeIfAbsent(an, k -> new TreeSet<>()).add(a.room());
        ids.computeIfAbsent(an, k -> new ArrayList<>()).add(a.id());
      }
    }
    List<Map<String, Object>> out = new ArrayList<>();
    rooms.forEach((an, rs) -> {
      if (rs.size() >= 2) {
        out.add(c.defs.figs().put("anchor", an).put("rooms_with_findings", rs.size())
            .put("findings", ids.get(an).size()).put("alert_ids", ids.get(an)).map());
      }
    });
    out.sort(Comparator.comparing((Map<String, Object> m) -> -(Integer) m.get("rooms_with_findings"))
        .thenComparing(m -> (String) m.get("anchor")));
    return out;
  }
}
