package org.qinglang.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.qinglang.alert.Alert;
import org.qinglang.alert.Subject;

/**
 * The public list of findings with personal data removed.
 *
 * <p>Judgement, documented in docs/reports.md: from files these are machine findings, not
 * adjudicated cases, so nobody is named. Rooms and anchors appear as pseudonyms numbered in
 * order of their first finding (R1, A1, …), which lets a reader see that several findings hit
 * one show or one anchor without learning which; a hash of the id would not do, since ids are
 * short enough to be found by trying them. Accounts, devices, IPs, orders and skus appear only
 * as counts per type; summaries and evidence are left out because they quote ids and figures
 * that can single people out.
 */
final class Disclosure {
  private Disclosure() {}

  static Map<String, Object> figures(Ctx c) {
    List<Alert> alerts = c.alerts(c.scope);
    Map<String, String> roomAlias = new HashMap<>();
    Map<String, String> anchorAlias = new HashMap<>();
    List<Map<String, Object>> entries = new ArrayList<>();
    int n = 0;
    for (Alert a : alerts) {
      Evening.Room r = a.room() == null ? null : c.ev.rooms.get(a.room());
      String room = a.room() == null ? null
          : roomAlias.computeIfAbsent(a.room(), k -> "R" + (roomAlias.size() + 1));
      String anchor = r == null || r.anchor() == null ? null
          : anchorAlias.computeIfAbsent(r.anchor(), k -> "A" + (anchorAlias.size() + 1));
      Map<String, Integer> subjects = new TreeMap<>();
      for (Subject s : a.subjects()) {
        subjects.merge(s.type(), 1, Integer::sum);
      }
      entries.add(c.defs.figs().put("no", ++n)
          .put("date", LocalDate.ofInstant(Instant.ofEpochMilli(a.ts()), Scope.ZONE).toString())
          .put("platform", r != null ? r.platform() : a.platform())
          .put("kind", a.kind())
          .put("kind_zh", Defs.KIND_ZH.getOrDefault(a.kind(), a.kind()))
          .put("severity", a.severity().wire())
          .put("room", room).put("anchor", anchor)
          .put("subjects_by_type", subjects)
          .put("rule", a.rule()).put("basis", a.basis()).map());
    }
    Map<String, Integer> kinds = Ctx.byKind(alerts);
    c.charts.add(new Report.Chart("alerts_by_kind", "findings", List.copyOf(kinds.keySet()),
        List.of(new Report.Series("findings", kinds.values().stream().map(Integer::doubleValue).toList()))));
    c.casesNotAvailable("closed_cases", "penalties");
    return c.defs.figs().put("findings", alerts.size())
        .put("alerts_by_kind", kinds)
        .put("alerts_by_severity", Ctx.bySeverity(alerts))
        .put("pseudonymisation", "rooms and anchors as R1, A1, … numbered by first finding in "
            + "this report (not linkable across reports); accounts, devices, IPs, orders and skus "
            + "only as counts; no summaries or evidence")
        .put("entries", entries).map();
  }
}
