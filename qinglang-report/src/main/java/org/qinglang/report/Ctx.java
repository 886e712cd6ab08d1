package org.qinglang.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.qinglang.alert.Alert;
import org.qinglang.alert.Severity;

/** What every report kind works from: the inputs, their index, the scope and the definitions. */
final class Ctx {
  final Inputs inputs;
  final Evening ev;
  final Scope scope;
  final Defs defs = new Defs();
  final Map<String, String> notAvailable = new LinkedHashMap<>();
  final List<Report.Chart> charts = new ArrayList<>();

  Ctx(Inputs inputs, Evening ev, Scope scope) {
    this.inputs = inputs;
    this.ev = ev;
    this.scope = scope;
  }

  List<Evening.Room> rooms(Scope s) {
    return ev.rooms.values().stream().filter(s::has).toList();
  }

  List<Alert> alerts(Scope s) {
    return inputs.alerts().stream().filter(a -> s.covers(a, ev))
        .sorted(java.util.Comparator.comparingLong(Alert::ts).thenComparing(Alert::id)).toList();
  }

  static Map<String, Integer> byKind(List<Alert> alerts) {
    Map<String, Integer> m = new TreeMap<>();
    for (Alert a : alerts) {
      m.merge(a.kind(), 1, Integer::sum);
    }
    return m;
  }

  /** Every severity, zeros included: the alerts file is complete, so a zero here is a count. */
  static Map<String, Integer> bySeverity(List<Alert> alerts) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (Severity s : Severity.values()) {
      m.put(s.wire(), 0);
    }
    for (Alert a : alerts) {
      m.merge(a.severity().wire(), 1, Integer::sum);
    }
    return m;
  }

  static List<String> ids(List<Alert> alerts) {
    return alerts.stream().map(Alert::id).toList();
  }

  double viewerHours(List<Evening.Room> rooms) {
    double h = 0;
    for (Evening.Room r : rooms) {
      h += ev.viewerHours(r.id());
    }
    return h;
  }

  static double broadcastHours(List<Evening.Room> rooms) {
    return rooms.stream().mapToDouble(Evening.Room::hours).sum();
  }

  /** Case figures live in the server's store; from files they are absent, never zero. */
  void casesNotAvailable(String... names) {
    for (String n : names) {
      defs.def(n);
      notAvailable.put(n, "not available: this report was made from files; cases, notices, "
          + "penalties, the negative list and credit exist only in the governance server");
    }
  }
}
