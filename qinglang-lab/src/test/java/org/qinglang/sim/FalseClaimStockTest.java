package org.qinglang.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qinglang.alert.Alert;
import org.qinglang.detectors.claim.FalseClaimDetector;

/**
 * Stock claims on simulated evenings: every room whose anchor repeats 只剩最后N件 while the sku
 * sells far past N gets a {@code false_claim} alert whose evidence shows the count contradicted
 * by the orders, and no room with a true count, an announced restock, a count about another sku
 * or a capped offer gets any {@code false_claim} alert. Seeds fixed before the first run:
 * 1-3 to tune on, 31-35 held out; 31-35 were looked at after their first run (a missed lie, a
 * false alarm: docs/detectors/false_claim.md) and are tuning seeds since, with 41-45 held out.
 * Model 2026-12-04.5 was decided on failures that included 41-45, so they are tuning seeds
 * since; 116-120 were fixed before model 2026-12-04.7 was trained and first run on it.
 */
class FalseClaimStockTest {
  static final Set<String> HONEST_SCENES =
      Set.of("stock_true_count", "stock_restock", "stock_other_sku", "stock_cap");

  record Tally(int lies, int liesFound, int honestScenes, int honestScenesAlerted,
      int honestRooms, int honestRoomsAlerted) {}

  static Tally run(long seed) {
    FalseClaimHonestRoomsTest.Evening e = FalseClaimHonestRoomsTest.evening(seed);
    World w = e.world();
    List<Alert> alerts = e.alerts();
    // Stock lies are the only false_claim cases put in rooms that already hold a trap.
    Set<String> lies = new HashSet<>();
    Set<String> honest = new HashSet<>();
    for (RoomPlan r : w.rooms()) {
      if (r.cases.contains("false_claim") && !r.traps.isEmpty()) {
        lies.add(r.room);
      }
      if (r.traps.stream().anyMatch(HONEST_SCENES::contains)) {
        honest.add(r.room);
      }
    }
    Set<String> honestRooms = FalseClaimHonestRoomsTest.honestRooms(w);
    Set<String> honestRoomsAlerted = new HashSet<>();
    Set<String> found = new HashSet<>();
    Set<String> alerted = new HashSet<>();
    for (Alert a : alerts) {
      FalseClaimDetector.Evidence ev = a.evidenceAs(FalseClaimDetector.Evidence.class);
      if (lies.contains(a.room()) && ev.stock() != null && !ev.stock().contradicted().isEmpty()) {
        found.add(a.room());
      }
      if (honestRooms.contains(a.room())) {
        honestRoomsAlerted.add(a.room());
      }
      if (honest.contains(a.room())) {
        alerted.add(a.room());
        System.out.println("honest stock scene alerted: " + a.room() + " " + a.evidence());
      }
    }
    for (String room : lies) {
      if (!found.contains(room)) {
        System.out.println("stock lie missed: " + room);
      }
    }
    Tally t = new Tally(lies.size(), found.size(), honest.size(), alerted.size(),
        honestRooms.size(), honestRoomsAlerted.size());
    System.out.println("false_claim stock seed " + seed + ": " + t);
    return t;
  }

  @ParameterizedTest(name = "tuning seed {0}")
  @ValueSource(longs = {1, 2, 3, 31, 32, 33, 34, 35, 41, 42, 43, 44, 45})
  void tuningSeeds(long seed) {
    check(run(seed));
  }

  @ParameterizedTest(name = "held-out seed {0}")
  @ValueSource(longs = {116, 117, 118, 119, 120})
  void heldOutSeeds(long seed) {
    check(run(seed));
  }

  private static void check(Tally t) {
    assertThat(t.lies()).as("stock lies injected").isEqualTo(2);
    assertThat(t.honestScenes()).as("honest stock scenes").isEqualTo(4);
    assertThat(t.liesFound()).as("stock lies found by the orders").isEqualTo(t.lies());
    assertThat(t.honestScenesAlerted()).as("honest stock scenes alerted").isZero();
    // an honest room is one with no label of any kind, as in FalseClaimHonestRoomsTest
    assertThat(t.honestRoomsAlerted() / (double) t.honestRooms()).as("honest rooms alerted")
        .isLessThanOrEqualTo(0.01);
  }
}
