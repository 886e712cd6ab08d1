package org.qinglang.sim;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qinglang.alert.Alert;
import org.qinglang.alert.Label;
import org.qinglang.detect.LocalRunner;
import org.qinglang.detectors.comment.CommentFloodDetector;
import org.qinglang.detectors.comment.FakeTestimonialDetector;
import org.qinglang.detectors.order.ForcedPurchaseDetector;
import org.qinglang.eval.Evaluator;

/**
 * The crew kinds (forced_purchase, comment_flood, fake_testimonial) on one simulated evening,
 * with the figures the evaluator does not give: false alarms per 100 honest rooms and how many
 * alerts a kind raised in one room against the campaigns labelled there.
 */
record CrewScores(String scenario, long seed, World world, List<Alert> alerts,
    Evaluator.Report report) {
  static final List<String> KINDS = List.of("forced_purchase", "comment_flood",
      "fake_testimonial");

  static CrewScores of(String scenario, long seed, int rooms, int minutes) {
    World w = Simulator.build(new Simulator.Config(Path.of("unused"), rooms, minutes, seed, scenario,
        Map.of(), null));
    LocalRunner runner = LocalRunner.of(new CommentFloodDetector(), new FakeTestimonialDetector(),
        new ForcedPurchaseDetector());
    runner.acceptAll(Simulator.arrivalOrder(w));
    List<Alert> alerts = runner.finish().stream().filter(a -> KINDS.contains(a.kind())).toList();
    List<Label> labels = w.labels().stream().filter(l -> KINDS.contains(l.kind())).toList();
    return new CrewScores(scenario, seed, w, alerts, Evaluator.evaluate(labels, alerts));
  }

  /** Rooms of the evening that hold no case of {@code kind}. */
  int honestRooms(String kind) {
    Set<String> guilty = new HashSet<>();
    world.labels().stream().filter(l -> l.kind().equals(kind)).forEach(l -> guilty.add(l.room()));
    return (int) world.rooms().stream().filter(r -> !guilty.contains(r.room)).count();
  }

  /** Alerts of {@code kind} beyond one per labelled campaign in a room (all of them in an honest room). */
  int excessAlerts(String kind) {
    Map<String, Integer> campaigns = new HashMap<>();
    world.labels().stream().filter(l -> l.kind().equals(kind))
        .forEach(l -> campaigns.merge(l.room(), 1, Integer::sum));
    Map<String, Integer> raised = new HashMap<>();
    alerts.stream().filter(a -> a.kind().equals(kind)).forEach(a -> raised.merge(a.room(), 1,
        Integer::sum));
    int excess = 0;
    for (Map.Entry<String, Integer> en : raised.entrySet()) {
      excess += Math.max(0, en.getValue() - Math.max(1, campaigns.getOrDefault(en.getKey(), 0)));
    }
    return excess;
  }

  int maxAlertsInOneRoom(String kind) {
    Map<String, Integer> raised = new HashMap<>();
    alerts.stream().filter(a -> a.kind().equals(kind)).forEach(a -> raised.merge(a.room(), 1,
        Integer::sum));
    return raised.values().stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  String line(String kind) {
    Evaluator.KindScore k = report.kind(kind);
    if (k == null) {
      return String.format("%-16s %-3d %-17s no cases, no alerts", scenario, seed, kind);
    }
    return String.format("%-16s %-3d %-17s cases %3d found %3d alerts %3d false %2d F1 %.3f"
        + " fa/100 %.2f maxRoom %2d excess %2d acctP %.3f acctR %.3f (%d/%d of %d)", scenario,
        seed, kind, k.cases(), k.found(), k.alerts(), k.falseAlarms(), k.f1(),
        100.0 * k.falseAlarms() / Math.max(1, honestRooms(kind)), maxAlertsInOneRoom(kind),
        excessAlerts(kind), k.accounts().precision(), k.accounts().recall(),
        k.accounts().correct(), k.accounts().named(), k.accounts().labelled());
  }

  /** The labelled accounts of {@code kind} that no alert named, with what they did in the room. */
  String missed(String kind) {
    Set<String> named = new HashSet<>();
    alerts.stream().filter(a -> a.kind().equals(kind)).forEach(a -> a.subjects().stream()
        .filter(x -> x.type().equals("account")).forEach(x -> named.add(x.id())));
    StringBuilder sb = new StringBuilder();
    for (Label l : world.labels()) {
      if (!l.kind().equals(kind)) {
        continue;
      }
      for (var sub : l.subjects()) {
        if (!sub.type().equals("account") || named.contains(sub.id())) {
          continue;
        }
        sb.append("  MISSED ").append(kind).append(' ').append(l.room()).append(' ')
            .append(sub.id()).append(':');
        for (var e : world.events()) {
          if (sub.id().equals(e.user()) && l.room().equals(e.room())) {
            sb.append(" [").append(e.type()).append(' ').append((e.ts() % 86_400_000L) / 1000);
            if (e instanceof org.qinglang.event.Comment c) {
              sb.append(' ').append(c.text()).append(' ').append(c.ip());
            }
            sb.append(']');
          }
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  /** The false alarms of {@code kind}: room, its traps and the alert's summary and evidence. */
  String falseAlarms(String kind) {
    Evaluator.KindScore k = report.kind(kind);
    StringBuilder sb = new StringBuilder();
    if (k == null) {
      return "";
    }
    for (Alert a : alerts) {
      if (a.kind().equals(kind) && k.falseAlarmRooms().contains(a.room())) {
        RoomPlan r = world.rooms().stream().filter(x -> x.room.equals(a.room())).findFirst()
            .orElse(null);
        sb.append("  FALSE ").append(kind).append(' ').append(a.room()).append(' ')
            .append(r == null ? "" : r.traps + " cases " + r.cases).append(": ")
            .append(a.summary()).append("\n     ").append(a.evidence().get("groups"))
            .append('\n');
      }
    }
    return sb.toString();
  }
}
