package org.qinglang.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qinglang.alert.Alert;
import org.qinglang.alert.Label;
import org.qinglang.detect.LocalRunner;
import org.qinglang.detectors.claim.FalseClaimDetector;
import org.qinglang.eval.Evaluator;

/**
 * Issue 12's gate: on evenings where every honest anchor says compliant look-alikes
 * ({@code Texts.CLAIM_TRAPS}: lawful superlatives, 治愈, stated price bases, rules quoted),
 * {@code false_claim} raises an alert in at most 1 of 100 honest rooms and finds every injected
 * violation. Seed sets were fixed before tuning: 1-3 for tuning the rule pack, 11-15 held out
 * (reported in docs/detectors/false_claim.md, never used to change a rule). Model 2026-12-04.5
 * was decided on failures of 11-15 too, so they are tuning seeds since; 111-115 were fixed
 * before model 2026-12-04.7 was trained and first run on it (docs/rules.md). Model 2026-12-05.4
 * missed one injected claim on seed 115 (its veto cleared 补水面膜10片能降-血-压), and the veto
 * ceiling that fixed it was decided on that failure, so 111-115 are tuning seeds since; 131-135
 * were fixed before that change and first run on it.
 */
class FalseClaimHonestRoomsTest {

  record Tally(int honestRooms, int honestRoomsAlerted, int cases, int found) {}

  /** A seed's evening for the false_claim gates and the detector's alerts on it. */
  record Evening(World world, List<Alert> alerts) {}

  /** 40 rooms × 60 min of the default scenario with ten injected claims (and stock scenes). */
  static Evening evening(long seed) {
    World w = Simulator.build(new Simulator.Config(Path.of("unused"), 40, 60, seed, "default",
        Map.of("false_claim.cases", "10"), null));
    LocalRunner runner = LocalRunner.of(new FalseClaimDetector());
    runner.acceptAll(Simulator.arrivalOrder(w));
    return new Evening(w, runner.finish());
  }

  /** Rooms that no label of any kind names. */
  static Set<String> honestRooms(World w) {
    Set<String> labelled = new HashSet<>();
    for (Label l : w.labels()) {
      labelled.add(l.room());
    }
    Set<String> honest = new HashSet<>();
    for (RoomPlan r : w.rooms()) {
      if (!labelled.contains(r.room)) {
        honest.add(r.room);
      }
    }
    return honest;
  }

  static Tally run(long seed) {
    Evening e = evening(seed);
    World w = e.world();
    List<Alert> alerts = e.alerts();
    Set<String> honest = honestRooms(w);
    Set<String> alerted = new HashSet<>();
    for (Alert a : alerts) {
      if (honest.contains(a.room())) {
        alerted.add(a.room());
        System.out.println("honest room alerted: " + a.room() + " " + a.evidence());
      }
    }
    Evaluator.KindScore k = Evaluator.evaluate(w.labels(), alerts).kind("false_claim");
    Tally t = new Tally(honest.size(), alerted.size(), k.cases(), k.found());
    System.out.println("false_claim seed " + seed + ": " + t);
    return t;
  }

  @ParameterizedTest(name = "tuning seed {0}")
  @ValueSource(longs = {1, 2, 3, 11, 12, 13, 14, 15, 111, 112, 113, 114, 115})
  void tuningSeeds(long seed) {
    check(run(seed));
  }

  @ParameterizedTest(name = "held-out seed {0}")
  @ValueSource(longs = {131, 132, 133, 134, 135})
  void heldOutSeeds(long seed) {
    check(run(seed));
  }

  private static void check(Tally t) {
    assertThat(t.honestRooms()).as("honest rooms to measure on").isGreaterThanOrEqualTo(20);
    assertThat(t.cases()).isGreaterThanOrEqualTo(10);
    assertThat(t.found()).as("injected violations found").isEqualTo(t.cases());
    // At most 1 per 100 honest rooms: with about 25-30 honest rooms per seed, none may fire.
    assertThat(t.honestRoomsAlerted() / (double) t.honestRooms()).as("honest rooms alerted")
        .isLessThanOrEqualTo(0.01);
  }
}
