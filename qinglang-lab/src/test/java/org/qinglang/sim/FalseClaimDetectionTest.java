package org.qinglang.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qinglang.alert.Alert;
import org.qinglang.detect.LocalRunner;
import org.qinglang.detectors.claim.FalseClaimDetector;
import org.qinglang.eval.Evaluator;

/**
 * {@code false_claim} on simulated evenings: the injected violations (plain and disguised)
 * found, no false alarm from organic speech or from the compliant look-alike rooms.
 */
class FalseClaimDetectionTest {

  @ParameterizedTest
  @CsvSource({"1, default", "2, default", "3, subtle"})
  void findsInjectedClaimsAndLeavesLookAlikesAlone(long seed, String scenario) {
    World w = Simulator.build(new Simulator.Config(java.nio.file.Path.of("unused"), 30, 60, seed,
        scenario, Map.of("false_claim.cases", "12"), null));
    LocalRunner runner = LocalRunner.of(new FalseClaimDetector());
    runner.acceptAll(Simulator.arrivalOrder(w));
    List<Alert> alerts = runner.finish();
    Evaluator.Report rep = Evaluator.evaluate(w.labels(), alerts);
    System.out.println("seed " + seed + " " + scenario + "\n" + Evaluator.format(rep));
    Evaluator.KindScore k = rep.kind("false_claim");
    assertThat(k.cases()).isGreaterThanOrEqualTo(12); // 12 injected, plus price_fraud's false 全网最低价 claims
    assertThat(k.found()).as("found").isGreaterThanOrEqualTo((int) Math.ceil(0.95 * k.cases()));
    assertThat(k.falseAlarms()).as("false alarms").isZero();
    Set<String> lookalikeRooms = w.traps().stream()
        .filter(t -> "claim_lookalike".equals(t.get("trap")))
        .map(t -> (String) t.get("room")).collect(Collectors.toSet());
    assertThat(lookalikeRooms).isNotEmpty();
    assertThat(alerts).noneMatch(a -> lookalikeRooms.contains(a.room()));
  }
}
