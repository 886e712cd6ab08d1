package org.qinglang.detectors.claim;

import org.qinglang.detectors.claim.ClaimCorpusEvaluationTest.Score;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scores the checker on claims/context-v2.jsonl (issue 12), labelled by family from the law,
 * not by rule id, so the labels do not follow the pack. The split into {@code tune} and
 * {@code test} was fixed when the file was written (CRC32 of the id); this test re-derives it,
 * so an edited split fails instead of silently moving sentences between halves.
 */
class ClaimContextCorpusTest {

  record Item(String id, String text, String category, boolean violation, Set<String> families,
      String exemption, String split, String file) {}

  /**
   * context-v3 was written after v2's held-out half had been scored and its errors published,
   * and before the pack was changed again: it is the held-out text nobody tuned against. Same
   * fields and the same CRC32 rule, so both files split the same way.
   */
  static final List<String> FILES = List.of("context-v2", "context-v3", "context-v4");

  /** The files whose tune halves the pack has been tuned on (every one so far). */
  static final List<String> TUNED = List.of("context-v2", "context-v3", "context-v4");

  /**
   * context-v5 and context-v6 were blind until 2026-12-04 (pack 2026-12-04.1 was the last one
   * scored on them unseen). From that day on they are development corpora: their error lists
   * are read and the pack is tuned on them, whole (they have no CRC split). Their figures are no
   * longer an estimate for unseen writers; the lead's blind corpus (v7) is. They are still scored
   * and their reports written (target/claims-context-v5-blind.txt and -v6-blind.txt: the file
   * names are historical), and the tests still fail if either set shrinks. context-v7 followed
   * on the same day: blind until 2026-12-04 (third session; the last packs scored on it unseen
   * are 2026-12-04.1 and 2026-12-04.2), a development corpus tuned on whole from pack
   * 2026-12-04.3 on. context-v8 followed: blind until 2026-12-04 (fourth session; the last
   * packs scored on it unseen are 2026-12-04.2 and 2026-12-04.3), a development corpus tuned on
   * whole from pack 2026-12-04.4 on. context-v9 followed: blind until 2026-12-04 (fifth
   * session; the last packs scored on it unseen are 2026-12-04.3 and 2026-12-04.4), a
   * development corpus tuned on whole from pack 2026-12-04.5 on. The estimate for unseen writers
   * is now the lead's next blind corpus (v10), which nobody tuning the pack opens.
   */
  static final List<String> TUNED_WHOLE = List.of("context-v5", "context-v6", "context-v7",
      "context-v8", "context-v9");

  static List<Item> tunedOn(String name) {
    return split(name).stream().filter(i -> TUNED.contains(i.file())).toList();
  }

  /**
   * The held-out halves compared across pack versions in docs/rules.md: v2 and v3, which were
   * scored with every pack since 2026-12-03.1 (v4 came later and is reported on its own).
   */
  static List<Item> v2v3(String name) {
    return split(name).stream().filter(i -> !i.file().equals("context-v4")).toList();
  }

  static List<Item> items;

  @BeforeAll
  static void load() throws IOException {
    items = new ArrayList<>();
    for (String file : FILES) {
      read(file);
    }
  }

  private static void read(String file) throws IOException {
    items.addAll(readAll(file));
  }

  private static List<Item> readAll(String file) throws IOException {
    List<Item> out = new ArrayList<>();
    for (JsonNode n : ClaimCorpusEvaluationTest.jsonLines("/claims/" + file + ".jsonl")) {
      Set<String> fam = new TreeSet<>();
      n.path("families").forEach(x -> fam.add(x.asText()));
      out.add(new Item(n.path("id").asText(), n.path("text").asText(),
          n.path("category").asText(null), n.path("violation").asBoolean(), fam,
          n.path("exemption").asText(null), n.path("split").asText(), file));
    }
    return out;
  }

  static List<Item> split(String name) {
    return items.stream().filter(i -> i.split().equals(name)).toList();
  }

  static List<Item> split(String file, String name) {
    return split(name).stream().filter(i -> i.file().equals(file)).toList();
  }

  @Test
  void theSplitIsTheOneFixedInAdvance() {
    assertThat(items).hasSizeGreaterThanOrEqualTo(520);
    assertThat(items.stream().map(Item::id).distinct().count()).as("ids unique across files")
        .isEqualTo(items.size());
    assertThat(items.stream().map(Item::text).distinct().count()).as("no sentence twice")
        .isEqualTo(items.size());
    for (Item i : items) {
      CRC32 crc = new CRC32();
      crc.update(i.id().getBytes(StandardCharsets.UTF_8));
      assertThat(i.split()).as(i.id()).isEqualTo(crc.getValue() % 2 == 1 ? "test" : "tune");
      assertThat(i.violation()).as(i.id() + " labelled consistently")
          .isEqualTo(!i.families().isEmpty())
          .isEqualTo(i.exemption() == null);
    }
    for (String file : FILES) {
      assertThat(split(file, "test").stream().filter(Item::violation).count()).as(file)
          .isGreaterThan(30);
      assertThat(split(file, "test").stream().filter(i -> !i.violation()).count()).as(file)
          .isGreaterThan(30);
    }
  }

  @Test
  void everyFamilyOfThePackIsCovered() {
    for (ClaimRule r : ClaimChecker.standard().pack().rules()) {
      long n = items.stream().filter(i -> i.families().contains(r.family())).count();
      assertThat(n).as("violating sentences of family " + r.family()).isGreaterThanOrEqualTo(3);
    }
  }

  /** The halves the pack may be tuned on (v2 and v3 together): held to the targets. */
  @Test
  void tuningHalfMeetsTheTargets() throws IOException {
    evaluate(split("context-v2", "tune"), "claims-context-tune.txt", new TreeMap<>());
    evaluate(split("context-v3", "tune"), "claims-context-v3-tune.txt", new TreeMap<>());
    Map<String, Score> fam = new TreeMap<>();
    Score all = evaluate(tunedOn("tune"), "claims-context-all-tune.txt", fam);
    assertThat(all.precision()).as("precision").isGreaterThanOrEqualTo(0.97);
    assertThat(all.recall()).as("recall").isGreaterThanOrEqualTo(0.90);
    fam.forEach((f, s) -> assertThat(s.recall()).as("recall of " + f)
        .isGreaterThanOrEqualTo(0.85));
  }

  /**
   * The held-out half: scored and written to target/claims-context-test.txt for the docs.
   * Never tuned on; the floors below were fixed before it was first scored after the v2 work
   * (well below the targets, so a regression fails without the half being tuned on).
   */
  @Test
  void heldOutHalfIsScored() throws IOException {
    Score all = evaluate(split("context-v2", "test"), "claims-context-test.txt", new TreeMap<>());
    assertThat(all.tp + all.fn).as("violating family labels scored").isGreaterThan(30);
    assertThat(all.precision()).as("held-out precision").isGreaterThanOrEqualTo(0.85);
    assertThat(all.recall()).as("held-out recall").isGreaterThanOrEqualTo(0.75);
  }

  /**
   * v3's held-out half, and both held-out halves together. The floors were written down before
   * v3 was first scored, as regression guards at v2's level, not as the targets.
   */
  @Test
  void heldOutHalfOfV3IsScored() throws IOException {
    Score v3 = evaluate(split("context-v3", "test"), "claims-context-v3-test.txt",
        new TreeMap<>());
    evaluate(v2v3("test"), "claims-context-all-test.txt", new TreeMap<>());
    assertThat(v3.tp + v3.fn).as("violating family labels scored").isGreaterThan(40);
    assertThat(v3.precision()).as("v3 held-out precision").isGreaterThanOrEqualTo(0.85);
    assertThat(v3.recall()).as("v3 held-out recall").isGreaterThanOrEqualTo(0.75);
  }

  /**
   * context-v4's held-out half, scored first with pack 2026-12-03.2 (before its tune half was
   * used), then once with 2026-12-03.3 and once with 2026-12-03.4. No floor: it was not fixed
   * before the first scoring, and one chosen afterwards would be tuned to it. The test fails if
   * the set shrinks or stops covering the families.
   */
  @Test
  void heldOutHalfOfV4IsScored() throws IOException {
    evaluate(split("context-v4", "tune"), "claims-context-v4-tune.txt", new TreeMap<>());
    Score v4 = evaluate(split("context-v4", "test"), "claims-context-v4-test.txt",
        new TreeMap<>());
    assertThat(v4.tp + v4.fn).as("violating family labels scored").isGreaterThan(35);
    long families = items.stream().filter(i -> i.file().equals("context-v4"))
        .flatMap(i -> i.families().stream()).distinct().count();
    assertThat(families).as("families covered by v4").isGreaterThanOrEqualTo(14);
  }

  /**
   * context-v5: sentences written by an annotator who never saw the pack, the checker, its
   * docs or any other corpus (context-v5.md). Blind from 2026-12-03 (first scored with pack
   * 2026-12-03.4) until 2026-12-04; since then a development corpus, tuned on whole (see
   * {@link #TUNED_WHOLE}), so its figures no longer measure unseen writers. It stays outside
   * {@link #items} and the CRC split. No floor; the test fails if the set shrinks, stops
   * covering every family or shares a sentence with v2-v4.
   */
  @Test
  void blindCorpusV5IsScored() throws IOException {
    scoreBlind("context-v5", 500, 250, 15, true);
  }

  /**
   * context-v6: a second blind corpus, written on 2026-12-04 the same way as v5 by another
   * annotator session (context-v6.md: 728 sentences, 361 lawful look-alikes, every family at
   * least 25 violations, every exemption used), after v5's figures were published and before
   * any change made in answer to them was scored. Scored first with pack 2026-12-03.4, then
   * once after each change to the checker; blind until 2026-12-04 (last scored unseen with
   * pack 2026-12-04.1), tuned on since, as v5. No floor, as for v5.
   */
  @Test
  void blindCorpusV6IsScored() throws IOException {
    scoreBlind("context-v6", 700, 360, 25, true);
  }

  /**
   * context-v7: a third blind corpus (context-v7.md: 1,030 sentences, 529 lawful look-alikes,
   * every family at least 34 violations, ASR noise and evasion in both halves), written on
   * 2026-12-04 by an annotator session that saw neither the checker nor any corpus sentence,
   * while v5 and v6 were being tuned on. Scored blind with pack 2026-12-04.1, then once with
   * 2026-12-04.2 (the pack tuned on v5 and v6); blind until 2026-12-04 (third session), a
   * development corpus since, tuned on whole from pack 2026-12-04.3 on (see
   * {@link #TUNED_WHOLE}), so its figures no longer measure unseen writers. No floor, as for v5.
   */
  @Test
  void blindCorpusV7IsScored() throws IOException {
    scoreBlind("context-v7", 1000, 500, 30, true);
  }

  /**
   * context-v8: a fourth blind corpus (context-v8.md: 1,248 sentences, 682 lawful look-alikes,
   * every family at least 39 violations), written on 2026-12-04 (third session) by an annotator
   * session that saw neither the checker nor any corpus sentence, while the pack was being
   * tuned on v5-v7 in another worktree. Scored once with pack 2026-12-04.2 and once with
   * 2026-12-04.3 (sentences P 0.838 / R 0.624, the last blind figure for that writer); a
   * development corpus since, tuned on whole from pack 2026-12-04.4 on (see
   * {@link #TUNED_WHOLE}), so its figures no longer measure unseen writers. No floor, as for v5.
   */
  @Test
  void blindCorpusV8IsScored() throws IOException {
    scoreBlind("context-v8", 1200, 560, 34, true);
  }

  /**
   * context-v9: a fifth blind corpus (context-v9.md: 1,304 sentences, 755 lawful look-alikes,
   * every family at least 38 violations), written on 2026-12-04 (fourth session) by an
   * annotator session that saw neither the checker nor any corpus sentence, while the pack was
   * being tuned on v8 in another worktree. Scored once with pack 2026-12-04.3 and once with
   * 2026-12-04.4 (sentences 0.865 / 0.630, the last blind figure for that writer); blind until
   * 2026-12-04 (fourth session), a development corpus since, tuned on whole from pack
   * 2026-12-04.5 on (see {@link #TUNED_WHOLE}), so its figures no longer measure unseen
   * writers. No floor, as for v5.
   */
  @Test
  void blindCorpusV9IsScored() throws IOException {
    scoreBlind("context-v9", 1300, 540, 38, true);
  }

  /**
   * context-v10: a sixth blind corpus (context-v10.md: 1,346 sentences, 767 lawful look-alikes,
   * every family at least 39 violations; a sentence breaking two rules lists both families),
   * written on 2026-12-04 (fourth session) by an annotator session that saw neither the checker
   * nor any corpus sentence, while the pack was being tuned on v9 in another worktree. Scored
   * once with pack 2026-12-04.4 and once with the pack tuned then; the pack was never tuned on
   * it, but since model 2026-12-04.2 (fifth session) the learned model is trained on it, so its
   * figures no longer measure unseen writers; v11 does. No floor, as for v5.
   */
  @Test
  void blindCorpusV10IsScored() throws IOException {
    scoreBlind("context-v10", 1340, 560, 39, false);
  }

  /**
   * context-v11: a seventh blind corpus (context-v11.md: 1,482 sentences, 836 lawful
   * look-alikes, every family at least 43 violations), written on 2026-12-04 (fifth session)
   * by an annotator session that saw neither the checker nor any corpus sentence, while the
   * learned model was being refitted on v5-v10. Scored once with the model before (2026-12-04.1)
   * and once after (2026-12-04.2), pack 2026-12-04.5 both times. The pack was never tuned on
   * it; since model 2026-12-04.3 the model trains on it (its figures no longer measure unseen
   * writers; v12 does). No floor, as for v5.
   */
  @Test
  void blindCorpusV11IsScored() throws IOException {
    scoreBlind("context-v11", 1480, 640, 43, false);
  }

  /**
   * context-v12: an eighth blind corpus (context-v12.md: 1,636 sentences, 943 lawful
   * look-alikes, every family at least 44 violations), written on 2026-12-04 (fifth session) by
   * an annotator session that saw neither the checker nor any corpus sentence, and, unlike
   * v5-v11, without the give-away convention outside the fact families (an anchor who lies
   * does not announce it). Scored once with each model of the day (2026-12-04.1, .2, .3) and the
   * rules alone, pack 2026-12-04.5 each time. The pack was never tuned on it; since model
   * 2026-12-04.4 the model trains on it (v13 measures unseen writers). No floor, as for v5.
   */
  @Test
  void blindCorpusV12IsScored() throws IOException {
    scoreBlind("context-v12", 1630, 700, 44, false);
  }

  /**
   * context-v13: a ninth blind corpus (context-v13.md: 1,293 sentences, 736 lawful
   * look-alikes, every family at least 39 violations; v12's convention, no give-away outside
   * the fact families), written on 2026-12-04 (fifth session) by an annotator session that saw
   * neither the checker nor any corpus sentence, while the model was refitted with v12. Scored
   * once with models 2026-12-04.3 and .4 and the rules alone, pack 2026-12-04.5 each time;
   * never tuned on, and the model training refuses it. No floor, as for v5.
   */
  @Test
  void blindCorpusV13IsScored() throws IOException {
    scoreBlind("context-v13", 1290, 560, 39, false);
  }

  /**
   * context-v14: a tenth blind corpus (context-v14.md: 1,283 sentences, 754 lawful look-alikes,
   * every family at least 36 violations; v12's convention), written on 2026-12-04 (sixth
   * session) by an annotator session that saw neither the checker nor any corpus sentence,
   * while model 2026-12-04.5 was chosen on the v7-v13 folds. Scored once with the rules alone,
   * model 2026-12-04.4 and model .5, pack 2026-12-04.5 each time; never tuned on, and the model
   * training refused it until it was scored; in the model's training from model 2026-12-04.7 on.
   * No floor, as for v5.
   */
  @Test
  void blindCorpusV14IsScored() throws IOException {
    scoreBlind("context-v14", 1280, 520, 36, false);
  }

  /**
   * context-v15: an eleventh blind corpus (context-v15.md: 1,216 sentences, 726 lawful
   * look-alikes, every family at least 35 violations; v12's convention), written on 2026-12-04
   * (sixth session) by an annotator session that saw neither the checker nor any corpus
   * sentence, while pack 2026-12-04.6 and model .6 were being made. Scored once with the rules
   * alone (pack .6), pack .5 with model .5, and pack .6 with model .6; never tuned on, and the
   * model training refused it until it was scored; in the model's training from model
   * 2026-12-04.7 on. No floor, as for v5.
   */
  @Test
  void blindCorpusV15IsScored() throws IOException {
    scoreBlind("context-v15", 1210, 480, 35, false);
  }

  /**
   * context-v16: a twelfth blind corpus (context-v16.md: 1,234 sentences, 726 lawful
   * look-alikes, every family at least 36 violations; v12's convention), written on 2026-12-04
   * (seventh session) by an annotator session that saw neither the checker nor any corpus
   * sentence, while model 2026-12-04.7 was trained with v14 and v15. Scored once with the rules
   * alone, model .6 and model .7 (pack 2026-12-04.6 each time); then, in the eighth session,
   * read for what model .7's add thresholds cost on a writer it had not seen (the p of its
   * misses and of its lawful sentences), and in the model's training from model 2026-12-04.8
   * on. No floor, as for v5.
   */
  @Test
  void blindCorpusV16IsScored() throws IOException {
    scoreBlind("context-v16", 1230, 500, 36, false);
  }

  /**
   * context-v17: a thirteenth blind corpus (context-v17.md: 1,216 sentences, 726 lawful
   * look-alikes, every family at least 35 violations), written on 2026-12-05 (seventh session)
   * by an annotator session that saw neither the checker nor any corpus sentence, after model
   * 2026-12-04.7 was chosen. Scored once (eighth session) with the rules alone, model .7 and
   * model .8 (pack 2026-12-04.6 each time; docs/rules.md); never tuned on, and the model
   * training refuses it until a next model takes it in. No floor, as for v5.
   */
  @Test
  void blindCorpusV17IsScored() throws IOException {
    scoreBlind("context-v17", 1210, 480, 35, false);
  }

  /**
   * context-v18: a fourteenth blind corpus (context-v18.md: 1,226 sentences, 726 lawful
   * look-alikes, every family at least 35 violations), written on 2026-12-05 (eighth session)
   * by an annotator session that saw neither the checker nor any corpus sentence, after model
   * 2026-12-04.8 was chosen. Scored once (ninth session) with the rules alone and with the
   * model (packs 2026-12-04.6 and 2026-12-05.1; docs/rules.md); never tuned on before that. Its
   * errors were read in the tenth session, when it joined the model's training (model
   * 2026-12-05.2) and the cross-writer folds with pack 2026-12-05.1. No floor, as for v5.
   */
  @Test
  void blindCorpusV18IsScored() throws IOException {
    scoreBlind("context-v18", 1220, 480, 35, false);
  }

  /**
   * context-v19: a fifteenth blind corpus (context-v19.md: 1,231 sentences, 726 lawful
   * look-alikes, every family at least 36 violations), written on 2026-12-05 (ninth session) by
   * an annotator session that saw neither the checker nor any corpus sentence, while pack
   * 2026-12-05.1 was being made. Its brief named three hard contrasts to include (a cosmetic
   * that admits it has no special-use registration and claims the use anyway; a service promise
   * against a guaranteed outcome; naming no competitor against disparaging one), the first of
   * them the defect pack 2026-12-05.1 fixes: read its cosmetics figures with that in mind.
   * Scored once (tenth session) with packs and models 2026-12-05.1 and .2, with and without the
   * model (docs/rules.md); its errors were then read, and it joined the model's training (model
   * 2026-12-05.3) and the cross-writer folds with pack 2026-12-05.2. No floor, as for v5.
   */
  @Test
  void blindCorpusV19IsScored() throws IOException {
    scoreBlind("context-v19", 1225, 480, 36, false);
  }

  /**
   * context-v20: a sixteenth blind corpus (context-v20.md: 1,263 sentences, 726 lawful
   * look-alikes, every family at least 37 violations), written on 2026-12-05 (tenth session),
   * 08:06-08:21 UTC, by an annotator session that saw neither the checker nor any corpus
   * sentence beyond v19's first row, while pack and model 2026-12-05.2 were being made; its brief
   * named no contrast. Scored once (tenth session) with the rules alone and with models
   * 2026-12-05.2 and .3 (pack 2026-12-05.2; docs/rules.md), tables only. Its errors were then
   * read (eleventh session) for pack 2026-12-05.3, and it joined the model's training (model
   * 2026-12-05.4) and the cross-writer folds with pack 2026-12-05.2. No floor, as for v5.
   */
  @Test
  void blindCorpusV20IsScored() throws IOException {
    scoreBlind("context-v20", 1255, 500, 37, false);
  }

  /**
   * context-v21: a seventeenth blind corpus (context-v21.md: 1,245 sentences, 726 lawful
   * look-alikes, every family at least 36 violations), written on 2026-12-05 (tenth session),
   * 09:01-09:17 UTC, by an annotator session that saw neither the checker nor any corpus
   * sentence beyond v20's first row; its brief named no contrast. Scored once (eleventh session)
   * with packs 2026-12-05.2 and .3, alone and with models 2026-12-05.3 and .4 (docs/rules.md),
   * tables only. Its errors were then read for pack 2026-12-05.4, and it joined the model's
   * training (model 2026-12-05.5) and the cross-writer folds with pack 2026-12-05.3. No floor, as
   * for v5.
   */
  @Test
  void blindCorpusV21IsScored() throws IOException {
    scoreBlind("context-v21", 1240, 500, 36, false);
  }

  /**
   * context-v22: an eighteenth blind corpus (context-v22.md: 1,286 sentences, 737 lawful
   * look-alikes, every family at least 38 violations), written on 2026-12-05 (eleventh session),
   * 10:55-11:11 UTC, by an annotator session that saw neither the checker nor any corpus
   * sentence beyond v21's first row; its brief named no contrast. Scored once (twelfth session)
   * with packs 2026-12-05.3 and .4, alone and with models 2026-12-05.4 and .5 (docs/rules.md),
   * tables only. Its errors were then read for pack 2026-12-05.5, and it joined the model's
   * training (model 2026-12-05.6) and the cross-writer folds with pack 2026-12-05.4. No floor, as
   * for v5.
   */
  @Test
  void blindCorpusV22IsScored() throws IOException {
    scoreBlind("context-v22", 1280, 540, 38, false);
  }

  /**
   * context-v23: a nineteenth blind corpus (context-v23.md: 1,414 sentences, 763 lawful
   * look-alikes, every family at least 45 violations), written on 2026-12-05 (twelfth session),
   * 14:15-14:31 UTC, by an annotator session that saw neither the checker nor any corpus
   * sentence beyond v22's first row, and wrote its own validator; its brief named no contrast
   * and asked it to keep common health and commerce words (血压, 癌, 降价, 最) on both sides.
   * Scored once (twelfth session) with packs 2026-12-05.4 and .5, alone and with models
   * 2026-12-05.5 and .6 (docs/rules.md), tables only. Its errors were then read for pack
   * 2026-12-05.6, and it joined the model's training (model 2026-12-05.7) and the cross-writer
   * folds with pack 2026-12-05.5. No floor, as for v5.
   */
  @Test
  void blindCorpusV23IsScored() throws IOException {
    scoreBlind("context-v23", 1410, 640, 45, false);
  }

  /**
   * context-v24: a twentieth blind corpus (context-v24.md: 1,451 sentences after five removed, 774 lawful
   * look-alikes, every family at least 44 violations), written on 2026-12-05 (twelfth session),
   * 15:12-15:32 UTC, by an annotator session that saw neither the checker nor any corpus
   * sentence beyond v23's first row. Its brief named one contrast, from how lies are told live:
   * most price, scarcity and origin violations say the false claim alone, with no admission (131
   * of 212 in those families and fabricated reviews; the rest are exposed by a second voice, a
   * comment, a note or a caption). Scored once (twelfth session) with packs 2026-12-05.5 and .6,
   * alone and with models 2026-12-05.6 and .7 (docs/rules.md), tables only. Its errors were then
   * read for pack 2026-12-05.7, and it joined the model's training (model 2026-12-05.8) and the
   * cross-writer folds with pack 2026-12-05.6. No floor, as for v5.
   */
  @Test
  void blindCorpusV24IsScored() throws IOException {
    scoreBlind("context-v24", 1450, 670, 44, false);
  }

  /**
   * context-v25: a twenty-first blind corpus (context-v25.md: 1,404 sentences, 763 lawful
   * look-alikes, every family at least 43 violations), written on 2026-12-05 (twelfth session),
   * 15:41-15:54 UTC, by an annotator session that saw neither the checker nor any corpus
   * sentence beyond v24's first row; its brief named no contrast. Scored once (twelfth session)
   * with packs 2026-12-05.6 and .7, alone and with models 2026-12-05.7 and .8 (docs/rules.md),
   * tables only. Its errors were then read (thirteenth session) for pack 2026-12-05.8, and it
   * joined the model's training (model 2026-12-05.9) and the cross-writer folds with pack
   * 2026-12-05.7. No floor, as for v5.
   */
  @Test
  void blindCorpusV25IsScored() throws IOException {
    scoreBlind("context-v25", 1400, 630, 43, false);
  }

  /**
   * context-v26: a twenty-second blind corpus (context-v26.md: 1,337 sentences, 753 lawful
   * look-alikes, every family at least 40 violations), written on 2026-12-05 (thirteenth
   * session), 17:03-17:19 UTC, by an annotator session that saw neither the checker nor any
   * corpus sentence beyond v25's first row, while pack 2026-12-05.8 was being made; its brief
   * asked the writer to choose and record how many outside-fact lies are stated bare (75 of
   * 163). Scored once per system (docs/rules.md) before its errors were read; in the model training
   * since model 2026-12-05.10. No floor, as for v5.
   */
  @Test
  void blindCorpusV26IsScored() throws IOException {
    scoreBlind("context-v26", 1330, 580, 40, false);
  }

  /**
   * context-v27: a twenty-third blind corpus (context-v27.md: 1,341 sentences, 751 lawful
   * look-alikes, every family at least 41 violations), written on 2026-12-05 (thirteenth
   * session), 17:28-17:44 UTC, by an annotator session that saw neither the checker nor any
   * corpus sentence beyond v26's first row. It was committed unscored and scored in the
   * fourteenth session once per system (docs/rules.md): the one shipped before, then the drafts
   * and the shipped pack 2026-12-05.9 and model 2026-12-05.10, all made from v26's errors
   * without reading v27's; in the model training since model 2026-12-05.11. No floor, as for
   * v5.
   */
  @Test
  void blindCorpusV27IsScored() throws IOException {
    scoreBlind("context-v27", 1340, 590, 41, false);
  }

  /**
   * context-v28: a twenty-fourth blind corpus (context-v28.md: 1,383 sentences after one row
   * shared word for word with v25 was removed, 777 lawful look-alikes, every family at least 41
   * violations), written on 2026-12-05 (fourteenth session), 20:09-20:25 UTC, by an annotator
   * session that saw neither the checker nor any corpus sentence beyond v27's first row. It was
   * committed unscored and scored in the fifteenth session once per system (docs/rules.md): the
   * one shipped before, then pack 2026-12-05.10 and model 2026-12-05.11, made from v27's errors
   * without reading v28's; in the model training since model 2026-12-06.1. No floor, as for v5.
   */
  @Test
  void blindCorpusV28IsScored() throws IOException {
    scoreBlind("context-v28", 1380, 600, 41, false);
  }

  /**
   * context-v29: a twenty-fifth blind corpus (context-v29.md: 1,339 sentences after three rows
   * shared word for word with v11, v24 and v28 were removed, 771 lawful look-alikes, every family
   * at least 38 violations), written on 2026-12-05 (fifteenth session), 23:06-23:18 UTC, by an
   * annotator session that saw neither the checker nor any corpus sentence beyond v28's first
   * row. It was committed unscored and scored in the sixteenth session once per system
   * (docs/rules.md): the one shipped before, then pack 2026-12-06.1 and model 2026-12-06.1, made
   * from v28's errors without reading v29's; in the model training since model 2026-12-06.2.
   * No floor, as for v5.
   */
  @Test
  void blindCorpusV29IsScored() throws IOException {
    scoreBlind("context-v29", 1335, 565, 38, false);
  }

  /**
   * context-v30: a twenty-sixth blind corpus (context-v30.md: 1,300 sentences after one row
   * shared word for word with v20 was removed, 760 lawful look-alikes, every family exactly 40
   * violations), written on 2026-12-06 (sixteenth session), 01:40-01:58 UTC, by an annotator
   * session that saw neither the checker nor any corpus sentence beyond v29's first row. It was
   * committed unscored and scored in the seventeenth session once per system (docs/rules.md):
   * the one shipped before, then pack 2026-12-06.2 and model 2026-12-06.2, made from v29's
   * errors without reading v30's; in the model training since model 2026-12-06.3. No floor, as
   * for v5.
   */
  @Test
  void blindCorpusV30IsScored() throws IOException {
    scoreBlind("context-v30", 1295, 535, 40, false);
  }

  /**
   * context-v31: a twenty-seventh blind corpus (context-v31.md: 1,302 sentences after one row
   * shared word for word with v30 was removed, 758 lawful look-alikes, every family exactly 40
   * violations), written on 2026-12-06 (seventeenth session), 04:42-04:57 UTC, by an annotator
   * session that saw neither the checker nor any corpus sentence beyond v30's first row. It was
   * committed unscored and scored in the eighteenth session once per system (docs/rules.md): the
   * one shipped before, then pack 2026-12-06.3 and model 2026-12-06.3, made from v30's errors
   * without reading v31's; in the model training since model 2026-12-06.4. No floor, as for v5.
   */
  @Test
  void blindCorpusV31IsScored() throws IOException {
    scoreBlind("context-v31", 1297, 539, 40, false);
  }

  /**
   * context-v32: a twenty-eighth blind corpus (context-v32.md: 1,301 sentences after one row
   * shared word for word with v31 was removed, 758 lawful look-alikes, every family exactly 40
   * violations), written on 2026-12-06 (seventeenth session), 06:01-06:16 UTC, by an annotator
   * session that saw neither the checker nor any corpus sentence beyond v31's first row. It was
   * committed unscored and scored in the eighteenth session once per system (docs/rules.md): the
   * one shipped before, then pack 2026-12-06.4 and model 2026-12-06.4, made from v31's errors
   * without reading v32's; in the model training since model 2026-12-06.5. No floor, as for v5.
   */
  @Test
  void blindCorpusV32IsScored() throws IOException {
    scoreBlind("context-v32", 1296, 538, 40, false);
  }

  /**
   * context-v33: a twenty-ninth blind corpus (context-v33.md: 1,301 sentences, 759 lawful
   * look-alikes, every family exactly 40 violations), written on 2026-12-06 (eighteenth session),
   * 07:36-07:54 UTC, by an annotator session that saw neither the checker nor any corpus sentence
   * beyond v32's first row. It was committed unscored and scored in the nineteenth session once
   * per system (docs/rules.md): the one shipped before, then pack 2026-12-06.5 and model
   * 2026-12-06.5, made from v32's errors without reading v33's; in the model training since
   * model 2026-12-06.6. No floor, as for v5.
   */
  @Test
  void blindCorpusV33IsScored() throws IOException {
    scoreBlind("context-v33", 1297, 538, 40, false);
  }

  /**
   * context-v34: a thirtieth blind corpus (context-v34.md: 1,301 sentences after one row equal
   * to a row of v32 was removed on import, 758 lawful look-alikes, every family exactly 40
   * violations), written on 2026-12-06 (eighteenth session), 08:07-08:24 UTC, by an annotator
   * session that saw neither the checker nor any corpus sentence beyond v33's first row. It was
   * committed unscored and scored in the twentieth session once per system (docs/rules.md): the
   * one shipped before, then pack 2026-12-06.6 and model 2026-12-06.6, made from v33's errors
   * without reading v34's; in the model training since model 2026-12-06.7. No floor, as for v5.
   */
  @Test
  void blindCorpusV34IsScored() throws IOException {
    scoreBlind("context-v34", 1297, 538, 40, false);
  }

  /**
   * context-v35: a thirty-first blind corpus (context-v35.md: 1,302 sentences after two rows
   * equal to rows of older corpora were removed on import, 757 lawful look-alikes, every family
   * exactly 40 violations), written on 2026-12-06 (nineteenth session), 10:48-11:00 UTC, by an
   * annotator session that saw neither the checker nor any corpus sentence beyond v34's first
   * row. It was committed unscored and scored in the twentieth session once per system
   * (docs/rules.md): the one shipped before, then pack 2026-12-06.7 and model 2026-12-06.7, made
   * from v34's errors without reading v35's; in the model training since model 2026-12-06.8. No
   * floor, as for v5.
   */
  @Test
  void blindCorpusV35IsScored() throws IOException {
    scoreBlind("context-v35", 1298, 538, 40, false);
  }

  /**
   * context-v36: a thirty-second blind corpus (context-v36.md: 1,301 sentences after three lawful
   * rows equal to rows of v28 and v31 were removed on import, 756 lawful look-alikes, every
   * family exactly 40 violations), written on 2026-12-06 (nineteenth session), 11:05-11:20 UTC,
   * by an annotator session that saw neither the checker nor any corpus sentence beyond v35's
   * first row. It was committed unscored and scored in the twenty-first session on the system
   * shipped then, before that session changed anything (docs/rules.md); in the model training
   * since model 2026-12-06.8. No floor, as for v5.
   */
  @Test
  void blindCorpusV36IsScored() throws IOException {
    scoreBlind("context-v36", 1297, 538, 40, false);
  }

  /**
   * context-v37: a thirty-third blind corpus (context-v37.md: 1,302 sentences after two lawful
   * rule quotes equal to rows of v30 were removed on import, 757 lawful look-alikes, every family
   * exactly 40 violations), written on 2026-12-06 (twenty-first session), 16:42-16:57 UTC, by an
   * annotator session that saw neither the checker nor any corpus sentence beyond v36's first
   * row. It was committed unscored and scored in the same session once per system
   * (docs/rules.md): the one shipped before, then pack 2026-12-06.8 and model 2026-12-06.8, made
   * without reading v37. In the model training since model 2026-12-06.9 (twenty-third
   * session). No floor, as for v5.
   */
  @Test
  void blindCorpusV37IsScored() throws IOException {
    scoreBlind("context-v37", 1298, 538, 40, false);
  }

  /**
   * context-v38: a thirty-fourth blind corpus (context-v38.md: 1,304 sentences, 759 lawful
   * look-alikes, every family exactly 40 violations), written on 2026-12-06 (twenty-first
   * session), 17:49-18:06 UTC, by an annotator session that saw neither the checker nor any corpus
   * sentence beyond v37's first row. It was committed unscored and scored in the same session
   * once per system (docs/rules.md): the one shipped before that session, and pack 2026-12-06.8
   * with model 2026-12-06.8, made without reading v38. In the model training since model
   * 2026-12-06.9, as v37. No floor, as for v5.
   */
  @Test
  void blindCorpusV38IsScored() throws IOException {
    scoreBlind("context-v38", 1300, 538, 40, false);
  }

  /**
   * context-v39: a thirty-fifth blind corpus (context-v39.md: 1,303 sentences after one lawful
   * row equal to a row of v21 was removed on import, 758 lawful look-alikes, every family exactly
   * 40 violations), written on 2026-12-06 (twenty-second session), 19:42-19:57 UTC, by an
   * annotator session that saw neither the checker nor any corpus sentence beyond v38's first
   * row. It was committed unscored and scored in the same session once per system
   * (docs/rules.md): pack 2026-12-06.8 with model 2026-12-06.8 (shipped), then, as a diagnosis,
   * with a model fitted with v37 and v38 that failed a lawful probe and was not shipped. Read
   * for pack 2026-12-06.9 (twenty-third session); the model training refuses it until the next
   * fit. No floor, as for v5.
   */
  @Test
  void blindCorpusV39IsScored() throws IOException {
    scoreBlind("context-v39", 1299, 538, 40, false);
  }

  /**
   * context-v40: a thirty-sixth blind corpus (context-v40.md: 1,301 sentences after one lawful
   * row equal to rows of v12 and v18 was removed on import, 758 lawful look-alikes, every family
   * exactly 40 violations), written on 2026-12-06 (twenty-third session), 22:43-22:53 UTC, by an
   * annotator session that saw neither the checker nor any corpus sentence beyond v39's first
   * row. It was committed unscored and scored in the same session once per system
   * (docs/rules.md): the one shipped before that session (pack and model 2026-12-06.8), then
   * pack 2026-12-06.9 with model 2026-12-06.9, made without reading v40. The model training
   * refuses it. No floor, as for v5.
   */
  @Test
  void blindCorpusV40IsScored() throws IOException {
    scoreBlind("context-v40", 1297, 538, 40, false);
  }

  /**
   * context-v41: a thirty-seventh blind corpus (context-v41.md: 1,302 sentences after one lawful
   * row equal to rows of v12 and v13 was removed on import, 758 lawful look-alikes, every family
   * exactly 40 violations), written on 2026-12-07 (twenty-fourth session), 01:41-01:58 UTC, by an
   * annotator session that saw neither the checker nor any corpus sentence beyond v40's first
   * row. It was committed unscored and scored once, on the system shipped (pack and model
   * 2026-12-06.9; docs/rules.md), and once on that pack alone: the refit with v39 and v40 that
   * was to be the second system did not finish in the session; it finished in the next (model
   * 2026-12-07.1, not shipped) and was scored on v41 once. The model training refuses it. No
   * floor, as for v5.
   */
  @Test
  void blindCorpusV41IsScored() throws IOException {
    scoreBlind("context-v41", 1298, 538, 40, false);
  }

  /**
   * context-v42: a thirty-eighth blind corpus (context-v42.md: 1,303 sentences after one lawful
   * row equal to a row of v28 was removed on import, 758 lawful look-alikes, every family exactly
   * 40 violations), written on 2026-12-07 (twenty-fifth session), 05:04-05:25 UTC, by an
   * annotator session that saw neither the checker nor any corpus sentence beyond v41's first
   * row. It was committed unscored and scored once per system (docs/rules.md): the one shipped
   * before that session (pack and model 2026-12-06.9) and its pack alone, then the same pack
   * with model 2026-12-07.1, fitted in that session without reading v42 and not shipped. The
   * model training refuses it. No floor, as for v5.
   */
  @Test
  void blindCorpusV42IsScored() throws IOException {
    scoreBlind("context-v42", 1299, 539, 40, false);
  }

  /**
   * context-v43: a thirty-ninth blind corpus (context-v43.md: 1,302 sentences, 759 lawful
   * look-alikes, every family exactly 40 violations), written on 2026-12-07 (twenty-sixth
   * session), 08:14-08:31 UTC, by an annotator session that saw neither the checker nor any
   * corpus sentence beyond v42's first row. It was committed unscored and scored once per system
   * (docs/rules.md): pack and model 2026-12-06.9, shipped before that session; pack 2026-12-07.1
   * with model .9; and the model fitted in that session without reading v43. The model training
   * refuses it. No floor, as for v5.
   */
  @Test
  void blindCorpusV43IsScored() throws IOException {
    scoreBlind("context-v43", 1300, 555, 40, false);
  }

  /**
   * context-v44: a fortieth blind corpus (context-v44.md: 1,302 sentences, 759 lawful
   * look-alikes, every family exactly 40 violations), written on 2026-12-07 (twenty-sixth
   * session), 08:35-08:55 UTC, by an annotator session that saw neither the checker nor any
   * corpus sentence beyond v43's first row, asked to prefer violations an anchor says live over
   * ones an aside gives away. It was committed unscored and scored once per system
   * (docs/rules.md): pack 2026-12-07.2 with model 2026-12-06.9 and with the model fitted in that
   * session, neither of which had read it. The model training refuses it. No floor, as for v5.
   */
  @Test
  void blindCorpusV44IsScored() throws IOException {
    scoreBlind("context-v44", 1300, 555, 40, false);
  }

  /**
   * context-v45: a forty-first blind corpus (context-v45.md: 1,303 sentences, 759 lawful
   * look-alikes, every family exactly 40 violations), written on 2026-12-07 (twenty-seventh
   * session), 11:21-11:43 UTC, by an annotator session that saw neither the checker nor any
   * corpus sentence beyond v44's first row. It was committed unscored, after packs 2026-12-07.4
   * and .5, and scored once per system (docs/rules.md): pack .3 (shipped before that session),
   * .4 and .5, each with model 2026-12-06.9. The model training refuses it. No floor, as for v5.
   */
  @Test
  void blindCorpusV45IsScored() throws IOException {
    scoreBlind("context-v45", 1300, 555, 40, false);
  }

  /**
   * context-v46: a forty-second blind corpus (context-v46.md: 1,303 sentences after import,
   * 758 lawful look-alikes, every family exactly 40 violations), written on 2026-12-07
   * (twenty-seventh session), 12:33-12:52 UTC, by an annotator session that saw neither the
   * checker nor any corpus sentence beyond v45's first row. It was committed unscored, after
   * pack 2026-12-07.6, and scored once per system (docs/rules.md): pack .3 (shipped before that
   * session) and pack .6, each with model 2026-12-06.9. The model training refuses it. No
   * floor, as for v5.
   */
  @Test
  void blindCorpusV46IsScored() throws IOException {
    scoreBlind("context-v46", 1300, 555, 40, false);
  }

  /**
   * context-v47: a forty-third blind corpus (context-v47.md: 1,302 sentences after import, 758
   * lawful look-alikes, every family exactly 40 violations), written on 2026-12-07
   * (twenty-eighth session) by an annotator session that saw neither the checker nor any corpus
   * sentence beyond v46's first row. It was committed unscored, after pack 2026-12-07.8 (the
   * places registry), and scored once per system (docs/rules.md): pack .6 (shipped before that
   * session), .7 and .8, each with model 2026-12-06.9. The model training refuses it. No floor,
   * as for v5.
   */
  @Test
  void blindCorpusV47IsScored() throws IOException {
    scoreBlind("context-v47", 1300, 540, 40, false);
  }

  /**
   * context-v48: a forty-fourth blind corpus (context-v48.md: 1,301 sentences after import, 757
   * lawful look-alikes, every family exactly 40 violations), written on 2026-12-07
   * (twenty-eighth session), 14:26-14:47 UTC, by an annotator session that saw neither the
   * checker nor any corpus sentence beyond v47's first row. It was committed unscored, after
   * pack 2026-12-07.13, and scored once per system (docs/rules.md): pack .6 (shipped before that
   * session), .9 and .13, each with model 2026-12-06.9. The model training refuses it. No floor,
   * as for v5.
   */
  @Test
  void blindCorpusV48IsScored() throws IOException {
    scoreBlind("context-v48", 1300, 540, 40, false);
  }

  /**
   * context-v49: a forty-fifth blind corpus (context-v49.md: 1,308 sentences, 759 lawful
   * look-alikes, every family exactly 40 violations), written on 2026-12-07 (twenty-eighth
   * session) by an annotator session that saw neither the checker nor any corpus sentence beyond
   * v48's first row. It was committed unscored, after pack 2026-12-07.15, and scored once per
   * system (docs/rules.md): pack .6 (shipped before that session), .13 and .15, each with model
   * 2026-12-06.9. The model training refuses it. No floor, as for v5.
   */
  @Test
  void blindCorpusV49IsScored() throws IOException {
    scoreBlind("context-v49", 1300, 540, 40, false);
  }

  /**
   * context-v50: a forty-sixth blind corpus (context-v50.md: 1,299 sentences after three rows
   * equal to earlier corpora's were removed on import, 741 lawful look-alikes, every family
   * exactly 40 violations), written on 2026-12-07 (twenty-ninth session) by an annotator session
   * that saw neither the checker nor any corpus sentence beyond v49's first row. It was committed
   * unscored, after pack 2026-12-07.16, and scored once per system (docs/rules.md): pack .15
   * (shipped before that session) and .16, each with model 2026-12-06.9. The model training
   * refuses it. No floor, as for v5.
   */
  @Test
  void blindCorpusV50IsScored() throws IOException {
    scoreBlind("context-v50", 1290, 540, 40, false);
  }

  /**
   * context-v51: a forty-seventh blind corpus (context-v51.md: 1,312 sentences, 758 lawful
   * look-alikes, every family exactly 40 violations), written on 2026-12-07 (twenty-ninth
   * session) by an annotator session that saw neither the checker nor any corpus sentence beyond
   * v50's first row. It was committed unscored, after pack 2026-12-07.18, and scored once per
   * system (docs/rules.md): pack .15 (shipped before that session), .16, .17 and .18, each with
   * model 2026-12-06.9. The model
   * training refuses it. No floor, as for v5.
   */
  @Test
  void blindCorpusV51IsScored() throws IOException {
    scoreBlind("context-v51", 1300, 540, 40, false);
  }

  private void scoreBlind(String name, int rows, int labels, int perFamily, boolean tuned)
      throws IOException {
    List<Item> blind = readAll(name);
    assertThat(blind).hasSizeGreaterThanOrEqualTo(rows).allMatch(i -> i.split().equals("test"));
    assertThat(TUNED_WHOLE.contains(name)).as(name + " is a development corpus").isEqualTo(tuned);
    Set<String> texts = new java.util.HashSet<>();
    items.forEach(i -> texts.add(i.text()));
    assertThat(blind).noneMatch(i -> texts.contains(i.text()));
    Map<String, Score> fam = new TreeMap<>();
    Score all = evaluate(blind, "claims-" + name + "-blind.txt", fam);
    assertThat(all.tp + all.fn).as("violating family labels scored").isGreaterThan(labels);
    for (ClaimRule r : ClaimChecker.standard().pack().rules()) {
      assertThat(blind.stream().filter(i -> i.families().contains(r.family())).count())
          .as(name + " violations of family " + r.family()).isGreaterThanOrEqualTo(perFamily);
    }
  }

  static Score evaluate(List<Item> set, String reportFile, Map<String, Score> byFamily)
      throws IOException {
    ClaimChecker checker = ClaimChecker.standard();
    Score overall = new Score();
    Score sentences = new Score();
    List<String> errors = new ArrayList<>();
    for (Item i : set) {
      List<ClaimFinding> found = checker.check(i.text(), i.category());
      Set<String> got = new TreeSet<>();
      found.forEach(f -> got.add(f.family()));
      Set<String> union = new TreeSet<>(i.families());
      union.addAll(got);
      for (String f : union) {
        Score s = byFamily.computeIfAbsent(f, k -> new Score());
        if (i.families().contains(f) && got.contains(f)) {
          s.tp++;
          overall.tp++;
        } else if (got.contains(f)) {
          s.fp++;
          overall.fp++;
          errors.add("FP " + f + " " + i.id() + " [" + i.category() + "] " + i.text() + " -> "
              + found.stream().map(x -> x.ruleId() + ":" + x.matched()).toList());
        } else {
          s.fn++;
          overall.fn++;
          errors.add("FN " + f + " " + i.id() + " [" + i.category() + "] " + i.text());
        }
      }
      if (i.violation() && !got.isEmpty()) {
        sentences.tp++;
      } else if (!got.isEmpty()) {
        sentences.fp++;
      } else if (i.violation()) {
        sentences.fn++;
      }
    }
    StringBuilder r = new StringBuilder();
    r.append(String.format("%s: %d sentences (%d violating); rule pack %s%n", reportFile,
        set.size(), set.stream().filter(Item::violation).count(), checker.pack().version()));
    r.append(String.format("%-26s %5s %5s %5s %9s %7s%n", "family", "tp", "fp", "fn",
        "precision", "recall"));
    byFamily.forEach((f, s) -> r.append(row(f, s)));
    r.append(row("OVERALL (family)", overall));
    r.append(row("sentences", sentences));
    r.append(String.format("%nerrors:%n"));
    errors.forEach(e -> r.append(e).append('\n'));
    ClaimCorpusEvaluationTest.publish(reportFile, r);
    return overall;
  }

  private static String row(String name, Score s) {
    return ClaimCorpusEvaluationTest.row(name, s);
  }
}
