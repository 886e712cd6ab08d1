package org.qinglang.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qinglang.alert.Alert;
import org.qinglang.detect.LocalRunner;
import org.qinglang.detectors.comment.CommentFloodDetector;
import org.qinglang.detectors.comment.FakeTestimonialDetector;
import org.qinglang.eval.Evaluator;

/**
 * The comment detectors on simulated evenings: three seeds of the default scenario and of the
 * subtle ones (aged accounts, residential addresses, as few as 8 posters, heavily varied
 * templates), scored against the labels with the targets.
 */
class CommentDetectionTest {

  @ParameterizedTest(name = "{0} seed {1}")
  @CsvSource({"default,1", "default,2", "default,3", "subtle,1", "subtle,2", "subtle,3",
      "comment_subtle,1", "comment_subtle,2", "comment_subtle,3"})
  void meetsTargets(String scenario, long seed) {
    CrewScores crews = CrewScores.of(scenario, seed, 30, 60);
    System.out.println(scenario + " seed " + seed + "\n" + Evaluator.format(crews.report()));
    for (String kind : List.of("comment_flood", "fake_testimonial")) {
      // One alert per campaign: a room's crew is one finding that grows, not one per account.
      assertThat(crews.excessAlerts(kind)).as(kind + " alerts beyond one per room and campaign")
          .isZero();
      assertThat(crews.report().kind(kind).accounts().recall()).as(kind + " account recall")
          .isGreaterThanOrEqualTo(KnownGaps.bar(scenario, seed, kind, "account_recall", 0.95));
    }
    Evaluator.Report rep = crews.report();
    for (String kind : List.of("comment_flood", "fake_testimonial")) {
      Evaluator.KindScore k = rep.kind(kind);
      assertThat(k).as(kind + " scored").isNotNull();
      assertThat(k.cases()).as(kind + " cases").isPositive();
      assertThat(k.recall()).as(kind + " recall")
          .isGreaterThanOrEqualTo(KnownGaps.bar(scenario, seed, kind, "recall", 0.95));
      assertThat(k.precision()).as(kind + " precision").isGreaterThanOrEqualTo(0.95);
      assertThat(k.accounts().precision()).as(kind + " account precision")
          .isGreaterThanOrEqualTo(0.98);
    }
  }

  static Evaluator.Report run(String scenario, long seed) {
    World w = Simulator.build(new Simulator.Config(Path.of("unused"), 30, 60, seed, scenario,
        Map.of(), null));
    LocalRunner runner = LocalRunner.of(new CommentFloodDetector(), new FakeTestimonialDetector());
    runner.acceptAll(Simulator.arrivalOrder(w));
    List<Alert> alerts = runner.finish();
    Evaluator.Report rep = Evaluator.evaluate(w.labels(), alerts);
    System.out.println(scenario + " seed " + seed + "\n" + Evaluator.format(rep));
    return rep;
  }
}
