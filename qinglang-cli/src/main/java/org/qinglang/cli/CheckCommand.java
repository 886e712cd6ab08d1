package org.qinglang.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.qinglang.alert.Severity;
import org.qinglang.detect.Basis;
import org.qinglang.detectors.claim.ClaimChecker;
import org.qinglang.detectors.claim.ClaimRules;
import org.qinglang.detectors.claim.ClaimFinding;
import org.qinglang.detectors.claim.ExemptedMatch;
import org.qinglang.detectors.claim.Exemption;
import org.qinglang.detectors.claim.RulePack;
import org.qinglang.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code qinglang check}: the marketing-claim rule pack as a pre-broadcast gate for anchors,
 * MCNs and merchants. Prints every finding with its span highlighted, the rule, the legal
 * basis and a compliant rewrite; exits 1 when a finding is at or above {@code --fail-on}, 0
 * when the script is clean (or only has findings below it), 2 on bad usage or input.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Check a live-stream script or listing text against the advertising rule pack "
        + "before going live. Exit 1 when a finding is at or above --fail-on, else 0.")
public final class CheckCommand implements Callable<Integer> {

  enum Format { text, json }

  enum Color { auto, always, never }

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "SCRIPT",
      description = "UTF-8 text file to check, one line at a time ('-' for standard input)")
  String script;

  @Option(names = "--text", paramLabel = "TEXT", description = "text to check instead of a file")
  String text;

  @Option(names = "--category", paramLabel = "CATEGORY",
      description = "product category: food, health_food, cosmetics, drug, medical_device, "
          + "apparel, electronics, agricultural, luxury, other (default: unknown, ordinary goods)")
  String category;

  @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "any",
      description = "exit 1 when a finding is at or above: any, low, medium, high, critical "
          + "(default: ${DEFAULT-VALUE})")
  String failOn;

  @Option(names = "--format", defaultValue = "text",
      description = "text or json (default: ${DEFAULT-VALUE})")
  Format format;

  @Option(names = "--color", defaultValue = "auto",
      description = "highlight spans with ANSI colours: auto (on a terminal), always, never")
  Color color;

  @Option(names = "--rules-pack", paramLabel = "FILE",
      description = "a rule pack to check with instead of the shipped one; what its rules on "
          + "trial (\"shadow\": true) would add is listed apart and does not set the exit code")
  Path rulesPack;

  @Option(names = "--review", paramLabel = "P", defaultValue = "0.5",
      description = "also list, as lines to review, what the learned model reads as a claim "
          + "with probability >= P where no finding says so (they do not set the exit code); "
          + "'off' to hide them (default: ${DEFAULT-VALUE})")
  String review;

  private record Located(int line, String lineText, ClaimFinding finding) {}

  /** A match an exemption cleared: shown so the user sees which clause made it lawful. */
  private record Cleared(int line, String lineText, ExemptedMatch match) {}

  @Override
  public Integer call() throws IOException {
    if ((text == null) == (script == null)) {
      throw new ParameterException(spec.commandLine(), "give either --text or a SCRIPT file");
    }
    Severity threshold = threshold();
    if (category != null
        && !RulePack.CATEGORIES.contains(category.trim().toLowerCase(Locale.ROOT))) {
      throw new ParameterException(spec.commandLine(), "unknown --category '" + category
          + "'; one of " + new java.util.TreeSet<>(RulePack.CATEGORIES));
    }
    List<String> lines;
    try {
      lines = text != null ? List.of(text.split("\\R", -1)) : readScript();
    } catch (NoSuchFileException e) {
      spec.commandLine().getErr().println("qinglang check: no such file: " + script);
      return 2;
    }
    // A pack under trial is checked as analyze checks it: its live rules decide, its shadow
    // rules only show what promoting them would add (a script writer sees both before a show).
    ClaimRules rules = rulesPack == null ? ClaimRules.standard() : ClaimRules.read(rulesPack);
    ClaimChecker checker = rules.live();
    // The learned model finds most of an unseen writer's claims at p >= 0.5 where the alert
    // threshold (0.9) finds two thirds (docs/rules.md): before a show, the rest is worth a look.
    Double level = reviewLevel();
    ClaimChecker reviewer = level == null ? null : checker.reviewing(level);
    List<Located> toReview = new ArrayList<>();
    List<Located> found = new ArrayList<>();
    List<Located> trial = new ArrayList<>();
    List<Cleared> cleared = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      ClaimChecker.Explanation x = checker.explain(lines.get(i), category);
      for (ClaimFinding f : x.findings()) {
        found.add(new Located(i + 1, lines.get(i), f));
      }
      for (ClaimFinding f : rules.shadow(lines.get(i), category, x.findings())) {
        trial.add(new Located(i + 1, lines.get(i), f));
      }
      for (ExemptedMatch m : x.exempted()) {
        cleared.add(new Cleared(i + 1, lines.get(i), m));
      }
      if (reviewer != null) {
        java.util.Set<String> families = new java.util.HashSet<>();
        x.findings().forEach(f -> families.add(f.family()));
        for (ClaimFinding f : reviewer.check(lines.get(i), category)) {
          if (f.learned() != null && families.add(f.family())) {
            toReview.add(new Located(i + 1, lines.get(i), f));
          }
        }
      }
    }
    boolean failed = found.stream()
        .anyMatch(l -> l.finding().severity().compareTo(threshold) >= 0);
    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.json) {
      printJson(out, found, trial, cleared, toReview, checker, failed);
    } else {
      printText(out, found, cleared, toReview, lines.size(), threshold, checker);
      for (Located l : trial) {
        ClaimFinding f = l.finding();
        out.printf("line %d, col %d-%d  [shadow] %s %s（%s）: would be added if promoted%n",
            l.line(), f.start() + 1, f.end(), f.ruleId(), f.title(), f.family());
        out.println("  " + l.lineText().substring(0, f.start()) + "[" + f.matched() + "]"
            + l.lineText().substring(f.end()));
      }
    }
    out.flush();
    return failed ? 1 : 0;
  }

  private Severity threshold() {
    String f = failOn.trim().toLowerCase(Locale.ROOT);
    if (f.equals("any")) {
      return Severity.LOW;
    }
    try {
      return Severity.ofWire(f);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "unknown --fail-on '" + failOn
          + "'; one of any, low, medium, high, critical");
    }
  }

  private List<String> readScript() throws IOException {
    if (script.equals("-")) {
      InputStream in = System.in;
      return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R", -1));
    }
    return Files.readAllLines(Path.of(script), StandardCharsets.UTF_8);
  }

  private boolean ansi() {
    if (color == Color.always) {
      return true;
    }
    if (color == Color.never || System.getenv("NO_COLOR") != null) {
      return false;
    }
    return System.console() != null && !"dumb".equals(System.getenv("TERM"));
  }

  private void printText(PrintWriter out, List<Located> found, List<Cleared> cleared,
      List<Located> toReview, int lineCount, Severity threshold, ClaimChecker checker) {
    boolean ansi = ansi();
    String on = ansi ? "\u001B[1;31m" : "[";
    String off = ansi ? "\u001B[0m" : "]";
    Severity worst = null;
    for (Located l : found) {
      ClaimFinding f = l.finding();
      if (worst == null || f.severity().compareTo(worst) > 0) {
        worst = f.severity();
      }
      out.printf("line %d, col %d-%d  [%s] %s %s（%s）%n", l.line(), f.start() + 1, f.end(),
          f.severity().wire(), f.ruleId(), f.title(), f.family());
      String s = l.lineText();
      out.println("  " + s.substring(0, f.start()) + on + f.matched() + off
          + s.substring(f.end()));
      if (f.learned() != null) {
        // No rule's words matched: say what the model read, so a reviewer can judge it.
        out.println(learned(f, "规则未命中，由学习模型识别；依据与改写取自 "
            + f.ruleId().substring(0, f.ruleId().length() - 2)));
      }
      Basis b = f.basis();
      out.println("  依据  " + cite(b) + "：" + b.gist() + "（" + b.source() + "，自 "
          + b.effective() + " 起施行）");
      for (String k : f.alsoKeys()) {
        out.println("  另见  " + cite(Basis.of(k)));
      }
      for (Exemption x : f.considered()) {
        // Why the sentence was not let off: each exemption the rule weighs, and what was missing.
        out.println("  未豁免  " + x.id() + (x.basisKey().isEmpty() ? "" : "（" + x.cite() + "）")
            + "：" + x.unmet());
      }
      out.println("  改写  " + f.rewrite());
      out.println();
    }
    for (Cleared c : cleared) {
      ExemptedMatch m = c.match();
      String s = c.lineText();
      out.printf("line %d, col %d-%d  [exempt] %s（%s）%n", c.line(), m.start() + 1, m.end(),
          m.ruleId(), m.family());
      out.println("  " + s.substring(0, m.start()) + "<" + m.matched() + ">"
          + s.substring(m.end()));
      Exemption x = m.exemption();
      out.println("  豁免  " + x.id()
          + (x.basisKey().isEmpty() ? "" : "（" + x.cite() + "）") + "：" + x.says());
      out.println();
    }
    for (Located l : toReview) {
      ClaimFinding f = l.finding();
      out.printf("line %d, col %d-%d  [review] %s（%s）%n", l.line(), f.start() + 1, f.end(),
          f.title(), f.family());
      out.println("  " + l.lineText().substring(0, f.start()) + on + f.matched() + off
          + l.lineText().substring(f.end()));
      out.println(learned(f, "规则未命中，概率低于告警阈值：请人工复核，不计入 --fail-on"));
      out.println();
    }
    String more = toReview.isEmpty() ? "" : "; " + toReview.size() + " line(s) to review";
    if (found.isEmpty()) {
      out.printf("clean: no findings in %d line(s) (rule pack %s)%s%s%n", lineCount,
          checker.pack().version(),
          cleared.isEmpty() ? "" : "; " + cleared.size() + " match(es) exempted, shown above",
          more);
    } else {
      long atOrAbove = found.stream()
          .filter(l -> l.finding().severity().compareTo(threshold) >= 0).count();
      out.printf("%d finding(s), highest severity %s; %d at or above --fail-on %s%s%n",
          found.size(), worst.wire(), atOrAbove, failOn, more);
    }
  }

  /** Law and article; says so when the data deliberately cites no article number. */
  private static String cite(Basis b) {
    return b.article().isBlank() ? b.law() + "（未引条文号）" : b.cite();
  }

  /** The line saying what the learned model read: its version, probability and words. */
  private static String learned(ClaimFinding f, String note) {
    return String.format("  模型  %s，概率 %.2f，依据词：%s（%s）", f.learned().model(),
        f.learned().probability(), String.join("、", f.learned().cues()), note);
  }

  /** The --review level, or null when off. */
  private Double reviewLevel() {
    String r = review.trim().toLowerCase(Locale.ROOT);
    if (r.equals("off")) {
      return null;
    }
    try {
      double p = Double.parseDouble(r);
      if (p > 0 && p <= 1) {
        return p;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ParameterException(spec.commandLine(), "--review takes a probability in (0, 1]"
        + " or 'off', not '" + review + "'");
  }

  private void printJson(PrintWriter out, List<Located> found, List<Located> trial,
      List<Cleared> cleared, List<Located> toReview, ClaimChecker checker, boolean failed)
      throws IOException {
    List<Map<String, Object>> items = located(found);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("rule_pack", checker.pack().version());
    doc.put("category", ClaimChecker.category(category));
    doc.put("fail_on", failOn);
    doc.put("failed", failed);
    doc.put("count", found.size());
    doc.put("findings", items);
    List<Map<String, Object>> ex = new ArrayList<>();
    for (Cleared c : cleared) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("line", c.line());
      m.putAll(c.match().asMap());
      ex.add(m);
    }
    doc.put("exempted", ex);
    doc.put("review", located(toReview));
    if (rulesPack != null) {
      doc.put("shadow_findings", located(trial));
    }
    out.println(Json.MAPPER.writeValueAsString(doc));
  }

  private static List<Map<String, Object>> located(List<Located> found) {
    List<Map<String, Object>> items = new ArrayList<>();
    for (Located l : found) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("line", l.line());
      m.putAll(l.finding().asMap());
      items.add(m);
    }
    return items;
  }
}
