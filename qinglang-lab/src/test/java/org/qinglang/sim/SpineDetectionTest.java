package org.qinglang.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qinglang.alert.Alert;
import org.qinglang.detect.LocalRunner;
import org.qinglang.detectors.room.MinorVenueDetector;
import org.qinglang.detectors.room.ViewerInflationDetector;
import org.qinglang.eval.Evaluator;

/**
 * The spine's detectors on simulated evenings of three seeds: every injected case found, no
 * false alarm, in arrival order with the simulator's lateness.
 */
class SpineDetectionTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void findsEveryCaseWithoutFalseAlarm(long seed) {
    World w = Simulator.build(Simulator.Config.of(java.nio.file.Path.of("unused"), 30, 60, seed));
    LocalRunner runner = LocalRunner.of(new ViewerInflationDetector(), new MinorVenueDetector());
    runner.acceptAll(Simulator.arrivalOrder(w));
    List<Alert> alerts = runner.finish();
    Evaluator.Report rep = Evaluator.evaluate(w.labels(), alerts);
    System.out.println("seed " + seed + "\n" + Evaluator.format(rep));
    for (String kind : List.of("viewer_inflation", "minor_venue")) {
      Evaluator.KindScore k = rep.kind(kind);
      assertThat(k.cases()).as(kind + " cases").isPositive();
      assertThat(k.found()).as(kind + " found").isEqualTo(k.cases());
      assertThat(k.falseAlarms()).as(kind + " false alarms").isZero();
    }
  }
}
