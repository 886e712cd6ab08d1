package org.qinglang.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
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

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("evenings")
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
