package org.qinglang.eval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.qinglang.alert.Alert;
import org.qinglang.alert.Label;
import org.qinglang.alert.Subject;

/**
 * Scores alerts against labels with the contract's rules: a label is found when an alert of
 * its kind has its room (or, for a label without a room, shares a subject); an alert matching
 * no label of its kind is a false alarm; accounts named by alerts of a kind are scored against
 * the accounts labelled for it. Orders get the same subject-level treatment, for the kinds
 * that name orders.
 *
 * <p>Shadow alerts (raised by rules on trial, {@code "shadow": true}) are set aside before
 * anything is scored: they are neither findings nor false alarms until their rule is
 * promoted, and only their number is reported.
 */
public final class Evaluator {
  private Evaluator() {}

  /** Scores of one kind. Ratios are NaN when undefined (nothing to divide by). */
  public record KindScore(String kind, int cases, int found, int alerts, int falseAlarms,
      SubjectScore accounts, SubjectScore orders, List<String> missedRooms,
      List<String> falseAlarmRooms, int honestRooms, int mostAlertsPerCase) {
    /**
     * False alarms per 100 rooms that hold no case of this kind: what a moderator pays for the
     * kind on an honest platform, comparable across evenings of different sizes. NaN when the
     * rooms of the evening are not known (or none is honest).
     */
    public double falseAlarmsPer100HonestRooms() {
      return honestRooms <= 0 ? Double.NaN : 100.0 * falseAlarms / honestRooms;
    }

    public double recall() {
      return cases == 0 ? Double.NaN : found / (double) cases;
    }

    public double precision() {
      return alerts == 0 ? Double.NaN : (alerts - falseAlarms) / (double) alerts;
    }

    /** F1, with an undefined side counted as 0 (a kind with cases and no alert scores 0). */
    public double f1() {
      double p = Double.isNaN(precision()) ? 0 : precision();
      double r = Double.isNaN(recall()) ? 0 : recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
  }

  /** Subject-level scores: named by alerts vs labelled. */
  public record SubjectScore(int named, int labelled, int correct) {
    public double precision() {
      return named == 0 ? Double.NaN : correct / (double) named;
    }

    public double recall() {
      return labelled == 0 ? Double.NaN : correct / (double) labelled;
    }
  }

  /** The whole evaluation. */
  /** @param shadowAlerts how many shadow alerts were set aside, unscored */
  public record Report(List<KindScore> kinds, int shadowAlerts) {
    public Report(List<KindScore> kinds) {
      this(kinds, 0);
    }

    public double macroF1() {
      return kinds.stream().mapToDouble(KindScore::f1).average().orElse(Double.NaN);
    }

    public KindScore kind(String kind) {
      return kinds.stream().filter(k -> k.kind().equals(kind)).findFirst().orElse(null);
    }
  }

  public static Report evaluate(List<Label> labels, List<Alert> alerts) {
    return evaluate(labels, alerts, List.of());
  }

  /**
   * As {@link #evaluate(List, List)}, knowing the evening's rooms, so each kind also reports
   * its false alarms per 100 honest rooms (rooms no label of the kind names).
   */
  public static Report evaluate(List<Label> labels, List<Alert> alerts,
      java.util.Collection<String> rooms) {
    List<Alert> all = alerts;
    alerts = all.stream().filter(a -> !a.shadow()).toList();
    Set<String> allRooms = new HashSet<>(rooms);
    Set<String> kinds = new TreeSet<>();
    labels.forEach(l -> kinds.add(l.kind()));
    alerts.forEach(a -> kinds.add(a.kind()));
    List<KindScore> out = new ArrayList<>();
    for (String kind : kinds) {
      List<Label> ls = labels.stream().filter(l -> l.kind().equals(kind)).toList();
      List<Alert> as = alerts.stream().filter(a -> a.kind().equals(kind)).toList();
      int found = 0;
      List<String> missed = new ArrayList<>();
      for (Label l : ls) {
        if (as.stream().anyMatch(a -> matches(l, a))) {
          found++;
        } else {
          missed.add(l.room() != null ? l.room() : describe(l.subjects()));
        }
      }
      int fa = 0;
      List<String> faRooms = new ArrayList<>();
      for (Alert a : as) {
        if (ls.stream().noneMatch(l -> matches(l, a))) {
          fa++;
          faRooms.add(a.room() != null ? a.room() : describe(a.subjects()));
        }
      }
      Set<String> caseRooms = new HashSet<>();
      ls.forEach(l -> caseRooms.add(l.room()));
      int honest = allRooms.isEmpty() ? -1
          : (int) allRooms.stream().filter(r -> !caseRooms.contains(r)).count();
      // One finding is one alert: several alerts of a kind on one labelled room (one per
      // account, per sku of one campaign...) show up here even though they all "match".
      Map<String, Integer> perRoom = new TreeMap<>();
      for (Alert a : as) {
        if (a.room() != null && caseRooms.contains(a.room())) {
          perRoom.merge(a.room(), 1, Integer::sum);
        }
      }
      Map<String, Integer> labelsPerRoom = new TreeMap<>();
      for (Label l : ls) {
        if (l.room() != null) {
          labelsPerRoom.merge(l.room(), 1, Integer::sum);
        }
      }
      int most = 0;
      for (Map.Entry<String, Integer> en : perRoom.entrySet()) {
        int cases = labelsPerRoom.get(en.getKey());
        most = Math.max(most, (en.getValue() + cases - 1) / cases);
      }
      out.add(new KindScore(kind, ls.size(), found, as.size(), fa,
          subjects("account", ls, as), subjects("order", ls, as), missed, faRooms, honest,
          most));
    }
    return new Report(out, all.size() - alerts.size());
  }

  static boolean matches(Label l, Alert a) {
    if (l.room() != null) {
      return Objects.equals(l.room(), a.room());
    }
    Set<Subject> ls = new HashSet<>(l.subjects());
    return a.subjects().stream().anyMatch(ls::contains);
  }

  private static SubjectScore subjects(String type, List<Label> ls, List<Alert> as) {
    Set<String> labelled = new HashSet<>();
    ls.forEach(l -> l.subjects().stream().filter(s -> s.type().equals(type))
        .forEach(s -> labelled.add(s.id())));
    Set<String> named = new HashSet<>();
    as.forEach(a -> a.subjects().stream().filter(s -> s.type().equals(type))
        .forEach(s -> named.add(s.id())));
    int correct = (int) named.stream().filter(labelled::contains).count();
    return new SubjectScore(named.size(), labelled.size(), correct);
  }

  private static String describe(List<Subject> subjects) {
    return subjects.isEmpty() ? "-" : subjects.get(0).type() + ":" + subjects.get(0).id()
        + (subjects.size() > 1 ? " +" + (subjects.size() - 1) : "");
  }

  /** The report as a fixed-width table, as {@code qinglang eval} prints it. */
  public static String format(Report r) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%-24s %5s %5s %6s %5s %7s %9s %6s %8s %8s %8s %9s%n", "kind",
        "cases", "found", "alerts", "false", "recall", "precision", "F1", "acct-P", "acct-R",
        "FA/100hr", "max/case"));
    for (KindScore k : r.kinds()) {
      sb.append(String.format("%-24s %5d %5d %6d %5d %7s %9s %6s %8s %8s %8s %9s%n", k.kind(),
          k.cases(), k.found(), k.alerts(), k.falseAlarms(), f(k.recall()), f(k.precision()),
          f(k.f1()), f(k.accounts().precision()), f(k.accounts().recall()),
          k.honestRooms() < 0 ? "-" : String.format("%.2f", k.falseAlarmsPer100HonestRooms()),
          k.cases() == 0 ? "-" : Integer.toString(k.mostAlertsPerCase())));
    }
    sb.append(String.format("macro-F1 over %d kinds: %s%n", r.kinds().size(), f(r.macroF1())));
    if (r.shadowAlerts() > 0) {
      sb.append(String.format("shadow alerts set aside (rules on trial, not scored): %d%n",
          r.shadowAlerts()));
    }
    for (KindScore k : r.kinds()) {
      if (!k.missedRooms().isEmpty()) {
        sb.append("  missed ").append(k.kind()).append(": ").append(k.missedRooms()).append('\n');
      }
      if (!k.falseAlarmRooms().isEmpty()) {
        sb.append("  false alarms ").append(k.kind()).append(": ").append(k.falseAlarmRooms())
            .append('\n');
      }
    }
    return sb.toString();
  }

  private static String f(double v) {
    return Double.isNaN(v) ? "-" : String.format("%.3f", v);
  }

  /** Per-kind figures as a map, for JSON output. */
  public static Map<String, Object> asMap(Report r) {
    Map<String, Object> m = new TreeMap<>();
    for (KindScore k : r.kinds()) {
      Map<String, Object> km = new TreeMap<>(Map.of("cases", k.cases(), "found", k.found(),
          "alerts", k.alerts(), "false_alarms", k.falseAlarms(), "recall", k.recall(),
          "precision", k.precision(), "f1", k.f1(), "account_precision",
          k.accounts().precision(), "account_recall", k.accounts().recall(),
          "most_alerts_per_case", k.mostAlertsPerCase()));
      if (k.honestRooms() >= 0) {
        km.put("honest_rooms", k.honestRooms());
        km.put("false_alarms_per_100_honest_rooms", k.falseAlarmsPer100HonestRooms());
      }
      m.put(k.kind(), km);
    }
    return m;
  }
}
