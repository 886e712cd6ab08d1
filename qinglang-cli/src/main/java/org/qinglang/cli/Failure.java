package org.qinglang.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a person needs when a command fails: not Flink's outer "Job execution failed." but the
 * chain of causes, and the deepest one with where it happened (its first frames name the
 * operator or detector). Without this the first real failure of a valid evening took
 * {@code -Xlog:exceptions} to diagnose.
 */
final class Failure {
  private static final int FRAMES = 6;

  private Failure() {}

  static List<String> describe(Throwable t) {
    List<String> lines = new ArrayList<>();
    Set<Throwable> seen = new LinkedHashSet<>();
    Throwable root = t;
    for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
      root = c;
    }
    String first = message(t);
    lines.add(first);
    if (root != t) {
      Set<String> said = new LinkedHashSet<>(List.of(first));
      for (Throwable c : seen) {
        String m = message(c);
        if (c != t && c != root && c.getMessage() != null && said.add(m)) {
          lines.add("  caused by " + m);
        }
      }
      lines.add("  root cause: " + root.getClass().getName()
          + (root.getMessage() == null ? "" : ": " + root.getMessage()));
      StackTraceElement[] frames = root.getStackTrace();
      for (int i = 0; i < Math.min(FRAMES, frames.length); i++) {
        lines.add("    at " + frames[i]);
      }
    }
    return lines;
  }

  private static String message(Throwable t) {
    return t.getMessage() != null ? t.getMessage() : t.getClass().getName();
  }
}
