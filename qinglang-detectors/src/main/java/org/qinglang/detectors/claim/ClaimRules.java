package org.qinglang.detectors.claim;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rule pack {@code false_claim} runs: the one shipped in the jar, or a user's file given
 * with {@code qinglang analyze --rules-pack}. It travels with the detector into the engine, so
 * it is kept as the pack's text; the checkers are rebuilt from it where the detector runs.
 *
 * <p>A pack with shadow rules gives two checkers: the live one, which leaves the shadow rules
 * out entirely, and the promoted one, which runs them as if they were live. A text's shadow
 * findings are the promoted checker's findings named by a shadow rule that no live finding of
 * the same family already covers: what promoting the rule would add.
 */
public final class ClaimRules implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The pack file for detectors built without one given (set by {@code analyze}). */
  public static final String PROPERTY = "qinglang.rules.pack";

  private static final ClaimRules STANDARD = new ClaimRules(null, RulePack.RESOURCE);

  /** The pack's JSON, or null for the shipped pack (whose checker is shared). */
  private final String json;
  private final String source;
  private transient volatile Checkers checkers;

  private record Checkers(ClaimChecker live, ClaimChecker promoted, Set<String> shadowIds) {}

  private ClaimRules(String json, String source) {
    this.json = json;
    this.source = source;
  }

  /** The pack shipped in the jar, with the learned model, as {@code false_claim} has always run. */
  public static ClaimRules standard() {
    return STANDARD;
  }

  /**
   * A user's pack file, checked now: any mistake fails here with the file's name and what is
   * wrong, not halfway through an evening's analysis.
   */
  public static ClaimRules read(Path file) {
    ClaimRules r = new ClaimRules(RulePack.text(file), file.toString());
    r.checkers();
    return r;
  }

  /** A pack given as text ({@code source} names it in messages); checked now. */
  public static ClaimRules of(String json, String source) {
    ClaimRules r = new ClaimRules(json, source);
    r.checkers();
    return r;
  }

  /** The pack named by {@value #PROPERTY}, or the shipped one. */
  public static ClaimRules fromProperty() {
    String path = System.getProperty(PROPERTY);
    return path == null || path.isBlank() ? standard() : read(Path.of(path));
  }

  /** Where the pack came from: its file, or the resource in the jar. */
  public String source() {
    return source;
  }

  public RulePack pack() {
    return checkers().live.pack();
  }

  /** Live findings: the shadow rules take no part in them. */
  public ClaimChecker live() {
    return checkers().live;
  }

  /** Whether the pack has rules on trial. */
  public boolean hasShadowRules() {
    return checkers().promoted != null;
  }

  /**
   * The findings the pack's shadow rules would add to {@code live} (the live findings of the
   * same text and category) if they were promoted. Empty without shadow rules.
   */
  public List<ClaimFinding> shadow(String text, String category, List<ClaimFinding> live) {
    Checkers c = checkers();
    if (c.promoted == null) {
      return List.of();
    }
    List<ClaimFinding> out = new ArrayList<>();
    for (ClaimFinding f : c.promoted.check(text, category)) {
      // A learned finding (id -M) belongs to the model, not to a rule on trial.
      if (!c.shadowIds.contains(f.ruleId()) || covered(f, live)) {
        continue;
      }
      out.add(f);
    }
    return out;
  }

  private static boolean covered(ClaimFinding f, List<ClaimFinding> live) {
    for (ClaimFinding l : live) {
      if (l.family().equals(f.family()) && l.start() < f.end() && l.end() > f.start()) {
        return true;
      }
    }
    return false;
  }

  private Checkers checkers() {
    Checkers c = checkers;
    if (c == null) {
      c = build();
      checkers = c; // two threads may both build: the results are equal, one is kept
    }
    return c;
  }

  private Checkers build() {
    if (json == null) {
      return new Checkers(ClaimChecker.standard(), null, Set.of());
    }
    RulePack pack = RulePack.parse(json, source);
    ClaimModel model = ClaimModel.standard();
    ClaimChecker live;
    try {
      live = new ClaimChecker(pack, model);
    } catch (IllegalArgumentException e) {
      // The learned model lends its findings the basis of named rules of the shipped pack.
      throw new IllegalArgumentException(source + ": " + e.getMessage()
          + " (keep the rules the learned model names, live or shadow)");
    }
    List<ClaimRule> shadow = pack.shadowRules();
    if (shadow.isEmpty()) {
      return new Checkers(live, null, Set.of());
    }
    return new Checkers(live, ClaimChecker.promoted(pack, model),
        shadow.stream().map(ClaimRule::id).collect(Collectors.toUnmodifiableSet()));
  }
}
