package org.qinglang.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qinglang.alert.Alert;
import org.qinglang.detect.Detector;
import org.qinglang.detect.LocalRunner;
import org.qinglang.detectors.audience.LockstepGroupDetector;
import org.qinglang.detectors.social.PyramidSchemeDetector;
import org.qinglang.event.Event;
import org.qinglang.io.AlertJson;
import org.qinglang.io.JsonlEventReader;
import org.qinglang.sim.Simulator;

/**
 * One detector at a time, its state through the job's serializer every 5,000 events, on an
 * evening where a restore once changed what it found: the resumed run must write the
 * uninterrupted run's alert lines, evidence included. {@link KeyStateSerializerTest} does this
 * for every detector at once on many evenings; each case here names the detector and the fault.
 */
class ResumedAsUninterruptedTest {
  @TempDir
  static Path dir;

  static Stream<Arguments> cases() {
    return Stream.of(
        // The whole-block test's queue (components passed over, small ones waiting) was not
        // written: a resumed run re-tested them only when their ties next changed.
        Arguments.of("lockstep_group", "lockstep_jitter",
            (Supplier<Detector<?>>) LockstepGroupDetector::new),
        // Trees due for a survey were woken one wake-up per entry in the hash map's order, so
        // a restored map (laid out afresh) left another trail of surveys and updates.
        Arguments.of("pyramid_scheme", "brushing_stealth",
            (Supplier<Detector<?>>) PyramidSchemeDetector::new));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("cases")
  void aResumedRunWritesWhatTheUninterruptedRunWrites(String kind, String scenario,
      Supplier<Detector<?>> detector) throws Exception {
    Simulator.Result sim = Simulator.run(new Simulator.Config(dir.resolve(kind), 6, 20, 11,
        scenario, null, null));
    List<Event> evening = new ArrayList<>();
    try (JsonlEventReader r = JsonlEventReader.open(sim.events(), (l, why, raw) -> {})) {
      for (Event e = r.next(); e != null; e = r.next()) {
        evening.add(e);
      }
    }
    List<String> plain = run(evening, detector.get(), false);
    List<String> resumed = run(evening, detector.get(), true);
    assertThat(plain).as("alerts of %s on the evening", kind).isNotEmpty();
    assertThat(resumed).as(() -> KeyStateSerializerTest.firstDifference(resumed, plain))
        .isEqualTo(plain);
  }

  private static List<String> run(List<Event> evening, Detector<?> d, boolean restore) {
    LocalRunner runner = LocalRunner.of(d);
    StateSize codec = new StateSize();
    for (int i = 0; i < evening.size(); i++) {
      if (restore && i > 0 && i % 5_000 == 0) {
        runner.replaceStates((g, ks) -> {
          try {
            return codec.roundTrip(g, ks);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
      runner.accept(evening.get(i));
    }
    List<String> lines = new ArrayList<>();
    for (Alert a : runner.finish()) {
      lines.add(AlertJson.toLine(a));
    }
    return lines;
  }
}
