package org.qinglang.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qinglang.alert.Alert;
import org.qinglang.alert.AlertContract;
import org.qinglang.detect.LocalRunner;
import org.qinglang.event.Event;
import org.qinglang.io.AlertJson;
import org.qinglang.io.JsonlEventReader;
import org.qinglang.sim.Knobs;
import org.qinglang.sim.Simulator;

/**
 * Many short evenings, every scenario, several seeds and sizes: checked only for "completes,
 * and every alert keeps the contract and survives the engine's serializer and the alert file".
 * Not a quality gate (those are the simulation tests): a net for shapes of input and evidence
 * that no gate thought of, like the subList view that once crashed a whole analysis.
 *
 * <p>The evenings are independent (each its own simulation, directory, runner and codec, all
 * seeded), so they run side by side on JUnit's parallel executor (junit-platform.properties:
 * enabled, everything else same-thread); each is checked exactly as when they ran one after
 * another.
 */
class RobustnessSweepTest {
  @TempDir
  static Path dir;

  static Stream<Arguments> evenings() {
    List<Arguments> all = new ArrayList<>();
    // small on purpose: shapes, not statistics; every scenario at two seeds and sizes
    long[] seeds = {101, 202};
    int[][] sizes = {{3, 10}, {6, 12}};
    for (String scenario : Knobs.scenarios()) {
      for (int i = 0; i < seeds.length; i++) {
        all.add(Arguments.of(scenario, seeds[i], sizes[i][0], sizes[i][1]));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} seed {1}: {2} rooms x {3} min")
  @MethodSource("evenings")
  @Execution(ExecutionMode.CONCURRENT)
  void everyAlertKeepsTheContractAndSurvivesTheEngine(String scenario, long seed, int rooms,
      int minutes) throws Exception {
    Path out = dir.resolve(scenario + "-" + seed);
    Simulator.Result sim = Simulator.run(new Simulator.Config(out, rooms, minutes, seed, scenario,
        null, null));
    // fail-fast: a detector that throws fails the sweep here, naming itself and the event
    LocalRunner runner = new LocalRunner(QinglangJob.detectors(List.of()));
    try (JsonlEventReader r = JsonlEventReader.open(sim.events(), (l, why, raw) -> {
      throw new AssertionError("the simulator wrote a bad line " + l + ": " + why);
    })) {
      Event e;
      long n = 0;
      while ((e = r.next()) != null) {
        runner.accept(e);
        if (++n % 20_000 == 0) {
          checkpointAndRestore(runner);
        }
      }
    }
    checkpointAndRestore(runner);
    List<Alert> alerts = runner.finish();
    for (Alert a : alerts) {
      assertThat(AlertContract.problems(a)).as("%s %s", a.kind(), a.id()).isEmpty();
      assertThat(roundTrip(a)).as("engine serializer, %s", a.kind()).isEqualTo(a);
      Alert back = AlertJson.parseAlert(AlertJson.toLine(a));
      assertThat(AlertJson.toLine(back)).as("alert file, %s", a.kind())
          .isEqualTo(AlertJson.toLine(a));
    }
  }

  /**
   * Every key's detector state goes through a checkpoint and a restore, twice, with the
   * serializer the engine gives its keyed state (KeyStateSerializer, by group): whatever a
   * detector keeps must come back. Not byte for byte: Kryo numbers
   * shared references in the order it meets them, and a restored hash map may iterate in
   * another order, so the bytes of an equal state can differ.
   */
  private static void checkpointAndRestore(LocalRunner runner) throws java.io.IOException {
    StateSize codec = new StateSize();
    java.util.List<java.io.IOException> failed = new java.util.ArrayList<>();
    runner.forEachKeyState((group, ks) -> {
      try {
        org.qinglang.detect.KeyState back = codec.roundTrip(group, ks);
        assertThat(back.isEmpty()).as("key state after a restore").isEqualTo(ks.isEmpty());
        assertThat(codec.roundTrip(group, back).isEmpty())
            .isEqualTo(ks.isEmpty());
      } catch (java.io.IOException e) {
        failed.add(e);
      }
    });
    if (!failed.isEmpty()) {
      throw failed.get(0);
    }
  }

  static Alert roundTrip(Alert a) throws java.io.IOException {
    DataOutputSerializer o = new DataOutputSerializer(256);
    AlertTypeInfo.Serializer.INSTANCE.serialize(a, o);
    DataInputDeserializer i = new DataInputDeserializer(o.getCopyOfBuffer());
    Alert b = AlertTypeInfo.Serializer.INSTANCE.deserialize(i);
    assertThat(i.available()).as("bytes left after the alert").isZero();
    return b;
  }
}
