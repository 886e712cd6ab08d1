package org.qinglang.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qinglang.alert.Alert;
import org.qinglang.detect.LocalRunner;
import org.qinglang.detectors.audience.BotAudienceDetector;
import org.qinglang.detectors.audience.LockstepGroupDetector;
import org.qinglang.detectors.room.ViewerInflationDetector;
import org.qinglang.eval.Evaluator;

/**
 * Issue 3's targets on simulated evenings: three seeds at the default size, and each subtle
 * audience scenario. Per kind recall and precision >= 0.95, account precision >= 0.98 and
 * account recall >= 0.90, and not one alert in a trap room.
 *
 * <p>Every evening is its own world, runner and report (seeded, in memory), so the evenings of
 * each parameterized test run side by side on JUnit's parallel executor
 * (junit-platform.properties: enabled, everything else same-thread); each is checked exactly as
 * when they ran one after another.
 */
class AudienceDetectionTest {
  static final List<String> KINDS = List.of("bot_audience", "lockstep_group", "viewer_inflation");

  static Stream<Arguments> evenings() {
    return Stream.of(
        Arguments.of("default", 1L), Arguments.of("default", 2L), Arguments.of("default", 3L),
        Arguments.of("subtle", 1L), Arguments.of("bot_aged", 1L), Arguments.of("bot_proxy", 1L),
        Arguments.of("bot_lognormal", 1L), Arguments.of("bot_token", 1L),
        Arguments.of("bot_crowd", 1L), Arguments.of("lockstep_loose", 1L));
  }

  /**
   * Issue 20's vendors who stopped moving in step, on seeds fixed before tuning and never
   * tuned on (tuning used seeds 1-3): the mix of both with honest fan clubs and a campus
   * club, and each slow variant. Seed 35 failed once (a false group of ten regulars of the head
   * rooms, fixed by counting the shared rooms where a pair did not line up); since its evening
   * was looked at, seeds 36-37 were added, fixed before that fix was run on them.
   * lockstep_jitter 32 missed a group until the founding core and pool test (issue 20, branch
   * adversaries); it is a development seed since.
   */
  static Stream<Arguments> heldOut() {
    return Stream.of(
        Arguments.of("adversaries_mix", 31L), Arguments.of("adversaries_mix", 32L),
        Arguments.of("adversaries_mix", 33L), Arguments.of("adversaries_mix", 34L),
        Arguments.of("adversaries_mix", 35L), Arguments.of("adversaries_mix", 36L),
        Arguments.of("adversaries_mix", 37L),
        Arguments.of("bot_drip", 31L), Arguments.of("bot_drip_slow", 31L),
        Arguments.of("lockstep_jitter", 31L), Arguments.of("lockstep_jitter", 32L));
  }

  /**
   * Evenings once held out (reserved on 2026-12-04) that fell short and were fixed on: a sparse
   * group of 12 whose eight strongly tied members form no block of five (lockstep_jitter 52),
   * and five regulars of busy rooms raised as a group by pairwise ties alone (adversaries_mix
   * 54). Development evenings since; kept so that neither comes back. Then sparse pools of 12-17
   * that the strong ties could not found and the test of the block as a whole did (lockstep_jitter
   * 61, 63, 68, adversaries_mix 62, 67, 75; missed until branch lock3). Then five honest regulars
   * of busy rooms who met in a 上链接 crowd, founded as a group because the span of the crowd was
   * priced by a five-minute rate (adversaries_mix 95, held out until branch lock95). Then a pool
   * of 22 whose ties were all made in the stream's first half hour, judged then and never again
   * (lockstep_jitter 111, held out until branch lock111). Then a pool of 19 over only four rooms
   * whose strong ties were pairs, under a founding core, so never tested as a block
   * (lockstep_jitter 137, held out until the twenty-second session).
   */
  static Stream<Arguments> fixedOnDevelopment() {
    return Stream.of(Arguments.of("lockstep_jitter", 52L), Arguments.of("adversaries_mix", 54L),
        Arguments.of("lockstep_jitter", 61L), Arguments.of("lockstep_jitter", 63L),
        Arguments.of("lockstep_jitter", 68L), Arguments.of("adversaries_mix", 62L),
        Arguments.of("adversaries_mix", 67L), Arguments.of("adversaries_mix", 75L),
        Arguments.of("adversaries_mix", 95L), Arguments.of("lockstep_jitter", 111L),
        Arguments.of("lockstep_jitter", 137L));
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource({"heldOut", "fixedOnDevelopment"})
  @Execution(ExecutionMode.CONCURRENT)
  void findsAdversariesThatStoppedMovingInStep(String scenario, long seed) {
    World w = Simulator.build(new Simulator.Config(Path.of("unused"), 30, 60, seed, scenario,
        Map.of(), null));
    LocalRunner runner = LocalRunner.of(new BotAudienceDetector(), new LockstepGroupDetector());
    runner.acceptAll(Simulator.arrivalOrder(w));
    List<Alert> alerts = runner.finish();
    // with the evening's rooms, so the report gives false alarms per 100 honest rooms
    Evaluator.Report rep = Evaluator.evaluate(w.labels(), alerts,
        w.rooms().stream().map(r -> r.room).toList());
    System.out.println("held out " + scenario + " seed " + seed + "\n" + Evaluator.format(rep));
    for (String kind : List.of("bot_audience", "lockstep_group")) {
      Evaluator.KindScore k = rep.kind(kind);
      assertThat(k.cases()).as(kind + " cases").isPositive();
      assertThat(k.f1()).as(kind + " F1")
          .isGreaterThanOrEqualTo(KnownGaps.bar(scenario, seed, kind, "f1", 0.95));
      assertThat(k.accounts().precision()).as(kind + " account precision")
          .isGreaterThanOrEqualTo(0.95);
    }
    Set<String> trapRooms = new HashSet<>();
    w.rooms().stream().filter(r -> !r.traps.isEmpty()).forEach(r -> trapRooms.add(r.room));
    if (new Knobs(scenario, Map.of()).i("lockstep_group.fan_clubs", 0) > 0) {
      assertThat(w.traps()).as("fan and campus clubs in the evening")
          .anyMatch(t -> t.get("trap").equals("fan_club"))
          .anyMatch(t -> t.get("trap").equals("campus_club"));
    }
    // The clubs' members keep turning up together but are nobody's label: naming one fails.
    Set<String> clubbed = new HashSet<>();
    w.rooms().stream().filter(r -> r.traps.contains("fan_club") || r.traps.contains("campus_club"))
        .forEach(r -> r.visits.stream().filter(v -> "follow".equals(v.via())
            || "share".equals(v.via())).forEach(v -> clubbed.add(v.account().user)));
    Set<String> labelled = new HashSet<>();
    w.labels().forEach(l -> l.subjects().forEach(x -> labelled.add(x.id())));
    clubbed.removeAll(labelled);
    for (Alert a : alerts) {
      assertThat(a.room()).as(a.kind() + " alert " + a.summary()).isNotIn(trapRooms);
      if (a.kind().equals("lockstep_group") && !clubbed.isEmpty()) {
        assertThat(a.accounts()).as("club members named").doesNotContainAnyElementsOf(clubbed);
      }
    }
  }

  /**
   * A measurement, not a gate: {@code -Dqinglang.audience=lockstep_jitter:33,34;adversaries_mix:38}
   * prints both audience kinds' scores, with false alarms per 100 honest rooms, on evenings of
   * 30 rooms x 60 min, so that reserved evenings can be scored once without becoming a gate
   * that later tuning would bend to.
   */
  @org.junit.jupiter.api.Test
  @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "qinglang.audience",
      matches = ".+")
  void scoreReservedEvenings() {
    for (String part : System.getProperty("qinglang.audience").split(";")) {
      String[] sp = part.split(":");
      for (String seed : sp[1].split(",")) {
        World w = Simulator.build(new Simulator.Config(Path.of("unused"), 30, 60,
            Long.parseLong(seed.trim()), sp[0], Map.of(), null));
        LocalRunner runner = LocalRunner.of(new BotAudienceDetector(), new LockstepGroupDetector());
        runner.acceptAll(Simulator.arrivalOrder(w));
        Evaluator.Report rep = Evaluator.evaluate(w.labels(), runner.finish(),
            w.rooms().stream().map(r -> r.room).toList());
        System.out.println("RESERVED " + sp[0] + " seed " + seed.trim() + "\n"
            + Evaluator.format(rep));
      }
    }
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("evenings")
  @Execution(ExecutionMode.CONCURRENT)
  void meetsTheIssueTargets(String scenario, long seed) {
    World w = Simulator.build(new Simulator.Config(Path.of("unused"), 30, 60, seed, scenario,
        Map.of(), null));
    LocalRunner runner = LocalRunner.of(new BotAudienceDetector(), new LockstepGroupDetector(),
        new ViewerInflationDetector());
    runner.acceptAll(Simulator.arrivalOrder(w));
    List<Alert> alerts = runner.finish();
    Evaluator.Report rep = Evaluator.evaluate(w.labels(), alerts);
    System.out.println(scenario + " seed " + seed + "\n" + Evaluator.format(rep));
    for (String kind : KINDS) {
      Evaluator.KindScore k = rep.kind(kind);
      assertThat(k).as(kind).isNotNull();
      assertThat(k.cases()).as(kind + " cases").isPositive();
      assertThat(k.recall()).as(kind + " recall").isGreaterThanOrEqualTo(0.95);
      assertThat(k.precision()).as(kind + " precision").isGreaterThanOrEqualTo(0.95);
      if (!kind.equals("viewer_inflation")) {
        assertThat(k.accounts().precision()).as(kind + " account precision")
            .isGreaterThanOrEqualTo(0.98);
        assertThat(k.accounts().recall()).as(kind + " account recall")
            .isGreaterThanOrEqualTo(0.90);
      }
    }
    Set<String> trapRooms = new HashSet<>();
    w.rooms().stream().filter(r -> !r.traps.isEmpty()).forEach(r -> trapRooms.add(r.room));
    assertThat(trapRooms).as("trap rooms exist").isNotEmpty();
    for (Alert a : alerts) {
      assertThat(a.room()).as(a.kind() + " alert " + a.summary()).isNotIn(trapRooms);
    }
  }
}
