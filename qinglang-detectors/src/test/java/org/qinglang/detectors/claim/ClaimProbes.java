package org.qinglang.detectors.claim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Probes in the tuners' own wording: each names a category, a sentence and the families the
 * checker must give it (none for a lawful look-alike, exactly these for a claim). All the wrong
 * ones of a group are reported together, so one run shows every cause that came back.
 */
final class ClaimProbes {
  private ClaimProbes() {}

  /**
   * A checker on an earlier pack kept in claims/packs, rules alone: what a pack changed is shown
   * by the same sentence read both ways.
   */
  static ClaimChecker packOf(String version) {
    String name = "/claims/packs/claims-" + version + ".json";
    try (InputStream in = ClaimProbes.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no kept pack " + name);
      }
      return new ClaimChecker(RulePack.read(in, "pack " + version));
    } catch (IOException e) {
      throw new UncheckedIOException(name, e);
    }
  }

  /**
   * Each probe ({@link #p} with no families) is read as no claim by the kept pack {@code
   * version} and as some claim by {@code now}: what a new pack reads that the one before did not.
   */
  static void newlyRead(String version, ClaimChecker now, List<String[]> probes) {
    ClaimChecker before = packOf(version);
    for (String[] s : probes) {
      assertThat(before.check(s[1], s[0])).as(version + ": " + s[1]).isEmpty();
      assertThat(now.check(s[1], s[0])).as(s[1]).isNotEmpty();
    }
  }

  /**
   * Each probe is read as some claim by the kept pack {@code version} and as no claim by {@code
   * now}: what a new pack stops reading into lawful sentences.
   */
  static void newlyCleared(String version, ClaimChecker now, List<String[]> probes) {
    ClaimChecker before = packOf(version);
    for (String[] s : probes) {
      assertThat(before.check(s[1], s[0])).as(version + ": " + s[1]).isNotEmpty();
      assertThat(now.check(s[1], s[0])).as(s[1]).isEmpty();
    }
  }

  /** Each probe is read as no claim at all by {@code checker}. */
  static void clears(ClaimChecker checker, List<String[]> probes) {
    for (String[] s : probes) {
      assertThat(checker.check(s[1], s[0])).as(s[1]).isEmpty();
    }
  }

  /**
   * Each probe ({@link #p} with one family) is given its family by {@code now} and not by the
   * kept pack {@code version}, which may read other families in it.
   */
  static void newlyReadAs(String version, ClaimChecker now, List<String[]> probes) {
    ClaimChecker before = packOf(version);
    for (String[] s : probes) {
      assertThat(now.check(s[1], s[0])).as(s[1]).extracting(ClaimFinding::family)
          .contains(s[2]);
      assertThat(before.check(s[1], s[0])).as(version + ": " + s[1])
          .extracting(ClaimFinding::family).doesNotContain(s[2]);
    }
  }

  static String[] p(String category, String text, String families) {
    return new String[] {category, text, families};
  }

  /**
   * The family the standard pack files a claim labelled {@code family} under in {@code
   * category}. Probes and the first corpora were written when a cure claimed for a cosmetic was
   * medical_efficacy; since pack 2026-12-06.2 the pack files it under cosmetics_special_use, as
   * the writers do, through rules that read the text as the medical ones (matches_as). Where no
   * rule of the labelled family applies in the category and such a rule does, the label means
   * that rule's family.
   */
  static String filed(String family, String category) {
    // The shared checker's pack: RulePack.standard() would parse and compile the pack per label.
    RulePack pack = ClaimChecker.standard().pack();
    String cat = category == null ? "unknown" : category;
    Set<String> to = new TreeSet<>();
    for (ClaimRule r : pack.rules) {
      if (r.family.equals(family) && r.appliesTo(cat)) {
        return family;
      }
      ClaimRule same = pack.rule(r.matchesAs);
      if (same != null && same.family.equals(family) && r.appliesTo(cat)) {
        to.add(r.family);
      }
    }
    return to.size() == 1 ? to.iterator().next() : family;
  }

  /** Checks with the standard pack, the one the tests tune and guard. */
  static void expect(List<String[]> probes) {
    ClaimChecker checker = ClaimChecker.standard();
    List<String> wrong = new ArrayList<>();
    for (String[] p : probes) {
      Set<String> want = new TreeSet<>();
      for (String f : p[2].split(",")) {
        if (!f.isBlank()) {
          want.add(filed(f.trim(), p[0]));
        }
      }
      Set<String> got = new TreeSet<>();
      checker.check(p[1], p[0]).forEach(f -> got.add(f.family()));
      if (!got.equals(want)) {
        wrong.add(p[1] + " want " + want + " got " + got);
      }
    }
    assertThat(wrong).isEmpty();
  }

  /** Asserts that {@code checker} gives the sentence a finding of {@code family}, among others. */
  static void finds(ClaimChecker checker, String category, String text, String family) {
    assertThat(checker.check(text, category)).as(text)
        .extracting(ClaimFinding::family).contains(family);
  }

  /** {@link #finds} for each probe ({@link #p} with one family). */
  static void findsEach(ClaimChecker checker, List<String[]> probes) {
    for (String[] s : probes) {
      finds(checker, s[0], s[1], s[2]);
    }
  }

  /** Asserts that the sentence gets no finding of {@code family} (others may stand). */
  static void findsNo(ClaimChecker checker, String category, String text, String family) {
    assertThat(checker.check(text, category)).as(text)
        .extracting(ClaimFinding::family).doesNotContain(family);
  }

  /** Asserts that {@code rule} is among the rules that fire on the sentence. */
  static void firesRule(ClaimChecker checker, String category, String text, String rule) {
    assertThat(checker.check(text, category)).as(text)
        .extracting(ClaimFinding::ruleId).contains(rule);
  }
}
