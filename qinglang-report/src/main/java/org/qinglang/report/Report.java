package org.qinglang.report;

import java.util.List;
import java.util.Map;

/**
 * A computed report: {@code json} is report.json as written (every figure, with the definitions
 * of those used); {@code charts} are what report.html and report.pdf draw from the same figures.
 */
public record Report(String kind, String title, Map<String, Object> json, List<Chart> charts) {

  /** A bar chart: one bar per label and series. Labels and series names stay ASCII or short. */
  public record Chart(String title, String unit, List<String> labels, List<Series> series) {}

  /** One series of a chart. */
  public record Series(String name, List<Double> values) {}
}
