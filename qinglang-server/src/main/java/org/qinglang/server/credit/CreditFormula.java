package org.qinglang.server.credit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The credit formula of docs/credit.md, pure arithmetic with no database: a subject starts at
 * 100 and loses points for each finding, each finding's loss halving every
 * {@link #HALF_LIFE_DAYS} days, so old misconduct weighs less but never vanishes at once.
 */
public final class CreditFormula {
  public static final double HALF_LIFE_DAYS = 180;
  public static final Map<String, Double> SEVERITY_POINTS =
      Map.of("low", 2.0, "medium", 5.0, "high", 10.0, "critical", 20.0);
  public static final double SUBSTANTIATED_CASE_POINTS = 15;
  public static final Map<String, Double> PENALTY_POINTS =
      Map.of("warning", 5.0, "fine", 10.0, "suspension", 20.0, "revocation", 40.0);

  private CreditFormula() {}

  /** One thing that costs points, at a time, with why. */
  public record Item(long ts, double points, String reason, String ref) {}

  public record Point(long ts, double score, String grade) {}

  /** Points an alert costs: severity weight times the detector's score. */
  public static double alertPoints(String severity, double score) {
    return SEVERITY_POINTS.getOrDefault(severity, 0.0) * score;
  }

  public static double score(List<Item> items, long at) {
    double s = 100;
    for (Item i : items) {
      if (i.ts() <= at) {
        double ageDays = (at - i.ts()) / 86_400_000.0;
        s -= i.points() * Math.pow(0.5, ageDays / HALF_LIFE_DAYS);
      }
    }
    return Math.max(0, Math.round(s * 10) / 10.0);
  }

  public static String grade(double score) {
    return score >= 90 ? "A" : score >= 75 ? "B" : score >= 60 ? "C" : score >= 40 ? "D" : "E";
  }

  /** The score just after each item, and at {@code now}. */
  public static List<Point> history(List<Item> items, long now) {
    List<Item> sorted = new ArrayList<>(items);
    sorted.sort(Comparator.comparingLong(Item::ts));
    List<Point> out = new ArrayList<>();
    for (Item i : sorted) {
      if (i.ts() <= now) {
        double s = score(sorted, i.ts());
        out.add(new Point(i.ts(), s, grade(s)));
      }
    }
    double s = score(sorted, now);
    out.add(new Point(now, s, grade(s)));
    return out;
  }
}
