package org.qinglang.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qinglang.alert.Alert;
import org.qinglang.detect.DetectorGroup;
import org.qinglang.detect.KeyState;
import org.qinglang.detect.LocalRunner;
import org.qinglang.event.Event;
import org.qinglang.io.AlertJson;
import org.qinglang.io.JsonlEventReader;
import org.qinglang.sim.Knobs;
import org.qinglang.sim.Simulator;

/**
 * Every shipped detector's state goes through {@link KeyStateSerializer} and the detectors go
 * on from what it read: the findings are the same as without it. This is what a checkpoint and
 * a restore do to the state, many times over, with the state classes of this build.
 */
class KeyStateSerializerTest {
  @TempDir
  Path dir;

  private static List<Alert> run(Path events, boolean roundTrip, AtomicLong bytes)
      throws Exception {
    LocalRunner local = new LocalRunner(QinglangJob.detectors(List.of()));
    long n = 0;
    // About every 5,000 events of the evening's 200,000, at irregular gaps (fixed seed) so the
    // round trips fall at every phase of the detectors' periodic work (sweeps, judgements every
    // few minutes) rather than always at the same one; every 1,000 took over three minutes.
    java.util.SplittableRandom gaps = new java.util.SplittableRandom(7);
    long next = 500 + gaps.nextInt(9_000);
    try (JsonlEventReader r = JsonlEventReader.open(events, (l, why, raw) -> {})) {
      Event e;
      while ((e = r.next()) != null) {
        local.accept(e);
        if (roundTrip && ++n == next) {
          next += 500 + gaps.nextInt(9_000);
          // Per checkpoint a fresh writer and a fresh reader per group, as a restore in another
          // process has; one per key made the test spend minutes building Kryo instances.
          java.util.Map<DetectorGroup, KeyStateSerializer[]> codecs = new java.util.HashMap<>();
          local.replaceStates((g, ks) -> through(codecs.computeIfAbsent(g,
              x -> new KeyStateSerializer[] {DetectorGroupFunction.serializer(x),
                  DetectorGroupFunction.serializer(x)}), ks, bytes));
        }
      }
    }
    List<Alert> alerts = local.finish();
    alerts.sort(Comparator.comparing(Alert::id));
    return alerts;
  }

  /**
   * Writes with {@code codec[0]} and reads with {@code codec[1]}: a restore has its own
   * serializer, so nothing may live in the writer's instance. Flink reuses one serializer for
   * every key of a task, and so does this.
   */
  private static KeyState through(KeyStateSerializer[] codec, KeyState ks, AtomicLong bytes) {
    try {
      DataOutputSerializer o = new DataOutputSerializer(256);
      codec[0].serialize(ks, o);
      bytes.addAndGet(o.length());
      return codec[1].deserialize(new DataInputDeserializer(o.getSharedBuffer(), 0, o.length()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Whole alert lines, evidence included: a job resumed from a checkpoint must write what the
   * uninterrupted job writes, so no list in an alert may follow a hash map's layout, which a
   * restore rebuilds at another capacity (order_brushing's shared devices, found by
   * KafkaCrashResumeTest on 2026-12-07, were the first), and nothing a detector decides by may
   * be left out of what is written (lockstep_group's and pyramid_scheme's, found here the same
   * day). The build runs the evening of every adversary at once (6 rooms x 20 min, seed 11);
   * {@code -Dqinglang.resume=all} (or a list of scenarios) sweeps more, about a minute each, and
   * {@code qinglang.resume.rooms}, {@code .minutes} and {@code .seed} choose other evenings.
   */
  static Stream<String> scenarios() {
    String chosen = System.getProperty("qinglang.resume", "adversaries_mix");
    return chosen.equals("all") ? Knobs.scenarios().stream()
        : Stream.of(chosen.split(",")).map(String::trim);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void detectorsGoOnFromWhatTheSerializerWroteWithTheSameAlerts(String scenario)
      throws Exception {
    Simulator.Result sim = Simulator.run(new Simulator.Config(dir.resolve("sim-" + scenario),
        Integer.getInteger("qinglang.resume.rooms", 6),
        Integer.getInteger("qinglang.resume.minutes", 20),
        Long.getLong("qinglang.resume.seed", 11), scenario, null, null));
    AtomicLong bytes = new AtomicLong();
    // The two runs share nothing (a runner, reader and codecs each; the plain one never touches
    // the byte count), so the plain one runs on a thread of its own beside the other.
    java.util.concurrent.ExecutorService beside =
        java.util.concurrent.Executors.newSingleThreadExecutor();
    List<Alert> plain;
    List<Alert> through;
    try {
      java.util.concurrent.Future<List<Alert>> plainRun =
          beside.submit(() -> run(sim.events(), false, bytes));
      through = run(sim.events(), true, bytes);
      plain = plainRun.get();
    } finally {
      beside.shutdownNow();
    }
    assertThat(plain).isNotEmpty();
    assertThat(bytes.get()).isPositive();
    List<String> resumed = through.stream().map(AlertJson::toLine).toList();
    List<String> uninterrupted = plain.stream().map(AlertJson::toLine).toList();
    assertThat(resumed).as(() -> firstDifference(resumed, uninterrupted))
        .isEqualTo(uninterrupted);
  }

  /**
   * Where two alert files part, short enough to read in a failure (the lines run to 10 kB):
   * {@code a} is the run under test (resumed, or the Flink job), {@code b} the reference.
   */
  static String firstDifference(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      String x = a.get(i);
      String y = b.get(i);
      if (!x.equals(y)) {
        int at = 0;
        while (at < Math.min(x.length(), y.length()) && x.charAt(at) == y.charAt(at)) {
          at++;
        }
        int from = Math.max(0, at - 160);
        return "line " + i + " (" + x.substring(0, Math.min(60, x.length())) + "...) parts at "
            + at + ":\n  under test: ..." + x.substring(from, Math.min(x.length(), at + 120))
            + "\n  reference:  ..." + y.substring(from, Math.min(y.length(), at + 120));
      }
    }
    return a.size() + " alerts under test, " + b.size() + " in the reference";
  }

  /** What frozen evidence holds (price_fraud keeps found alerts' evidence in its state). */
  record Held(java.util.Map<String, Object> evidence, java.util.List<Object> items,
      java.util.Set<String> names) {}

  @Test
  void unmodifiableCollectionsInADetectorsStateComeBackAndStayUnmodifiable() throws Exception {
    java.util.Map<String, Object> inner = new java.util.LinkedHashMap<>();
    inner.put("b", 2L);
    inner.put("a", java.util.Collections.unmodifiableList(new java.util.ArrayList<>(List.of(1, 2))));
    Held held = new Held(java.util.Collections.unmodifiableMap(inner),
        java.util.Collections.unmodifiableList(new java.util.ArrayList<>(List.of("x", inner))),
        java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(List.of("p", "q"))));
    KeyStateSerializer ser = new KeyStateSerializer(List.of("price_fraud"));
    KeyState ks = KeyState.of(List.of(), java.util.Map.of(), new Object[] {held}, new long[] {5L},
        7L, null, 0L, null);
    org.apache.flink.core.memory.DataOutputSerializer out =
        new org.apache.flink.core.memory.DataOutputSerializer(256);
    ser.serialize(ks, out);
    KeyState back = ser.deserialize(
        new org.apache.flink.core.memory.DataInputDeserializer(out.getCopyOfBuffer()));
    Held h = (Held) KeyStateSerializer.fit(back, List.of("price_fraud")).detectorStates()[0];
    assertThat(h).isEqualTo(held);
    assertThat(List.copyOf(h.evidence().keySet())).containsExactly("b", "a"); // order kept
    assertThatThrownBy(() -> h.evidence().put("c", 1))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> h.names().add("r")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void copyIsDeepAndEqualInContent() throws Exception {
    Simulator.Result sim = Simulator.run(Simulator.Config.of(dir.resolve("sim2"), 4, 20, 3));
    LocalRunner local = new LocalRunner(QinglangJob.detectors(List.of()));
    try (JsonlEventReader r = JsonlEventReader.open(sim.events(), (l, why, raw) -> {})) {
      Event e;
      int n = 0;
      while ((e = r.next()) != null && n++ < 3_000) {
        local.accept(e);
      }
    }
    AtomicLong checked = new AtomicLong();
    local.replaceStates((g, ks) -> {
      KeyStateSerializer s = DetectorGroupFunction.serializer(g);
      KeyState copy = s.copy(ks);
      assertThat(copy).isNotSameAs(ks);
      Object[] a = ks.detectorStates();
      Object[] b = copy.detectorStates();
      if (a != null) {
        for (int i = 0; i < a.length; i++) {
          if (a[i] != null) {
            assertThat(b[i]).isNotSameAs(a[i]).hasSameClassAs(a[i]);
            checked.incrementAndGet();
          }
        }
      }
      return ks;
    });
    assertThat(checked.get()).isPositive();
  }
}
