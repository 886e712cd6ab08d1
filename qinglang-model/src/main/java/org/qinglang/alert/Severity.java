package org.qinglang.alert;

import java.util.Locale;

/** Alert severity, ordered from least to most severe. */
public enum Severity {
  LOW, MEDIUM, HIGH, CRITICAL;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Severity ofWire(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }

  /** The usual mapping from a score in [0, 1]. */
  public static Severity ofScore(double score) {
    return score >= 0.9 ? CRITICAL : score >= 0.75 ? HIGH : score >= 0.5 ? MEDIUM : LOW;
  }
}
