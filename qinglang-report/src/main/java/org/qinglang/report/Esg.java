package org.qinglang.report;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qinglang.alert.Alert;
import org.qinglang.event.Order;

/**
 * Social-responsibility indicators of a platform or an MCN agency. What each indicator is
 * (formula, unit, source, direction, framework) lives in {@code esg-indicators.json}, so an
 * analyst can read and challenge the definitions without reading Java; this class only computes
 * the ones the files can support.
 */
final class Esg {
  private Esg() {}

  /** One indicator as defined in the data file. */
  record Indicator(String id, String name_zh, String name_en, String formula, String unit,
      String source, String direction, List<String> kinds, String available,
      List<Map<String, String>> frameworks, String framework_note) {
    boolean fromFiles() {
      return available == null || available.equals("files");
    }
  }

  static final List<Indicator> INDICATORS = Defs.load("qinglang/report/esg-indicators.json",
      new TypeReference<List<Indicator>>() {});

  private record Value(Double value, Number numerator, Number denominator, List<String> alertIds) {}

  static Map<String, Object> figures(Ctx c) {
    if (c.scope.platform() == null && c.scope.mcn() == null) {
      throw new IllegalArgumentException("esg needs --platform or --mcn");
    }
    List<Evening.Room> rooms = c.rooms(c.scope);
    List<Alert> alerts = c.alerts(c.scope);
    double hours = c.viewerHours(rooms);
    List<Order> orders = new ArrayList<>();
    rooms.forEach(r -> orders.addAll(c.ev.orders.getOrDefault(r.id(), List.of())));

    List<Map<String, Object>> rows = new ArrayList<>();
    for (Indicator in : INDICATORS) {
      Defs.Figs row = c.defs.figs().put("indicator", in.id()).put("name", in.name_zh() + " / " + in.name_en());
      if (in.fromFiles()) {
        Value v = compute(c, in, rooms, alerts, hours, orders);
        row.put("value", v.value).put("numerator", v.numerator).put("denominator", v.denominator)
            .put("alert_ids", v.alertIds);
      } else {
        row.put("value", null).put("not_available", in.available().equals("server")
            ? "not available from files: computed only by the governance server (" + in.source() + ")"
            : "not available: " + in.source());
      }
      row.put("unit", in.unit()).put("direction", in.direction()).put("formula", in.formula())
          .put("source", in.source())
          .put("framework", in.frameworks().isEmpty() ? in.framework_note() : frameworkText(in));
      rows.add(row.map());
    }
    Defs.Figs f = c.defs.figs();
    if (c.scope.platform() != null) {
      f.put("platform", c.scope.platform());
    }
    if (c.scope.mcn() != null) {
      f.put("mcn", c.scope.mcn());
    }
    f.put("rooms", rooms.size()).put("hours_watched", Defs.round(hours, 3))
        .put("orders", orders.size()).put("findings", alerts.size())
        .put("alerts_by_kind", Ctx.byKind(alerts)).put("indicators", rows);
    Map<String, Integer> kinds = Ctx.byKind(alerts);
    c.charts.add(new Report.Chart("alerts_by_kind", "findings", List.copyOf(kinds.keySet()),
        List.of(new Report.Series("findings", kinds.values().stream().map(Integer::doubleValue).toList()))));
    return f.map();
  }

  private static String frameworkText(Indicator in) {
    StringBuilder sb = new StringBuilder();
    for (Map<String, String> fw : in.frameworks()) {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(fw.get("standard")).append(" (").append(fw.get("fit")).append(')');
    }
    return sb.toString();
  }

  private static Value compute(Ctx c, Indicator in, List<Evening.Room> rooms, List<Alert> alerts,
      double hours, List<Order> orders) {
    Set<String> roomIds = new HashSet<>();
    rooms.forEach(r -> roomIds.add(r.id()));
    Set<String> kinds = in.kinds() == null ? null : Set.copyOf(in.kinds());
    List<Alert> ofKinds = kinds == null ? alerts
        : alerts.stream().filter(a -> kinds.contains(a.kind())).toList();
    switch (in.id()) {
      case "violation_room_share", "fake_engagement_room_share" -> {
        List<Alert> inRooms = ofKinds.stream().filter(a -> roomIds.contains(a.room())).toList();
        long hit = inRooms.stream().map(Alert::room).distinct().count();
        return new Value(Defs.ratio(hit, rooms.size()), hit, rooms.size(), Ctx.ids(inRooms));
      }
      case "false_advertising_per_1000_hours" -> {
        return new Value(hours == 0 ? null : Defs.round(ofKinds.size() * 1000.0 / hours, 4),
            ofKinds.size(), Defs.round(hours, 3), Ctx.ids(ofKinds));
      }
      case "minors_protection_incidents" -> {
        return new Value((double) ofKinds.size(), ofKinds.size(), null, Ctx.ids(ofKinds));
      }
      case "post_show_cancellation_rate" -> {
        long n = 0;
        for (Order o : orders) {
          Long at = c.ev.cancelled.get(o.order());
          if (at != null && at >= c.ev.rooms.get(o.room()).end()) {
            n++;
          }
        }
        return new Value(Defs.ratio(n, orders.size()), n, orders.size(), ids(alerts, "post_show_cancellation"));
      }
      case "refund_rate" -> {
        long n = orders.stream().filter(o -> c.ev.refunded.containsKey(o.order())).count();
        return new Value(Defs.ratio(n, orders.size()), n, orders.size(), ids(alerts, "post_show_cancellation"));
      }
      default -> throw new IllegalStateException("indicator " + in.id()
          + " is marked computable from files but has no computation");
    }
  }

  private static List<String> ids(List<Alert> alerts, String kind) {
    return alerts.stream().filter(a -> a.kind().equals(kind)).map(Alert::id).toList();
  }
}
