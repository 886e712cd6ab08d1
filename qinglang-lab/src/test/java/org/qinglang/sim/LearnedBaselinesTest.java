package org.qinglang.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qinglang.alert.Alert;
import org.qinglang.detect.LocalRunner;
import org.qinglang.detectors.order.AfterSalesBaselines;
import org.qinglang.detectors.order.PostShowCancellationDetector;
import org.qinglang.eval.Evaluator;
import org.qinglang.event.Event;

/**
 * Issue 13's cancellation baselines learned from history. On evenings where cosmetics and
 * electronics come back at 18% and 12% (no fixed table knows that), the detector is given the
 * table learned from an earlier evening of the same platforms (seed 1) and judged on
 * evenings it was not learned from, fixed before the first run: high_returns 41-45, and
 * cancel_small_waves 41-42 (waves of 5-9 orders, which a higher baseline must not hide).
 */
class LearnedBaselinesTest {
  static final String KIND = PostShowCancellationDetector.KIND;
  static AfterSalesBaselines learned;

  /**
   * The history: one earlier evening of 90 shows (seed 1). Evenings of other seeds cannot be
   * pooled with it: the simulator numbers rooms and orders from 1 in each, and a refund of one
   * evening's order o-5 would be counted against another's.
   */
  @BeforeAll
  static void learnFromAnEarlierEvening() {
    AfterSalesBaselines.Learner l = new AfterSalesBaselines.Learner();
    World w = Simulator.build(new Simulator.Config(Path.of("unused"), 90, 60, 1, "high_returns",
        Map.of(), null));
    Simulator.arrivalOrder(w).forEach(l::accept);
    learned = l.result("high_returns seed 1, 90 rooms");
    learned.rows().forEach(r -> System.out.println("learned: " + r));
    // what the simulator was told (high_returns.properties; 5% for food) is what was learned
    assertThat(learned.lookup("any", null, "cosmetics").share()).isCloseTo(0.18, within(0.05));
    assertThat(learned.lookup("any", null, "food").share()).isCloseTo(0.05, within(0.02));
  }

  static Stream<Arguments> heldOut() {
    return Stream.of(
        Arguments.of("high_returns", 41L), Arguments.of("high_returns", 42L),
        Arguments.of("high_returns", 43L), Arguments.of("high_returns", 44L),
        Arguments.of("high_returns", 45L),
        Arguments.of("cancel_small_waves", 41L), Arguments.of("cancel_small_waves", 42L));
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("heldOut")
  void theLearnedBaselineKeepsHighReturnCategoriesQuietAndWavesFound(String scenario,
      long seed) {
    World w = Simulator.build(new Simulator.Config(Path.of("unused"), 30, 60, seed, scenario,
        Map.of(), null));
    List<Event> events = Simulator.arrivalOrder(w);
    List<String> rooms = w.rooms().stream().map(r -> r.room).toList();
    Evaluator.Report fixed = run(events, w, rooms, AfterSalesBaselines.empty());
    Evaluator.Report withHistory = run(events, w, rooms, learned);
    System.out.println(scenario + " " + seed + " fixed table:\n" + Evaluator.format(fixed)
        + "learned:\n" + Evaluator.format(withHistory));
    Evaluator.KindScore k = withHistory.kind(KIND);
    assertThat(k.cases()).isPositive();
    assertThat(k.f1()).as("F1").isGreaterThanOrEqualTo(0.95);
    assertThat(k.falseAlarmsPer100HonestRooms()).as("false alarms / 100 honest rooms")
        .isLessThanOrEqualTo(1.0);
  }

  private static Evaluator.Report run(List<Event> events, World w, List<String> rooms,
      AfterSalesBaselines table) {
    LocalRunner r = LocalRunner.of(new PostShowCancellationDetector(table));
    r.acceptAll(events);
    List<Alert> alerts = r.finish();
    return Evaluator.evaluate(w.labels(), alerts, rooms);
  }
}
