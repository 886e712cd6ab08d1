package org.qinglang.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qinglang.alert.Alert;
import org.qinglang.detect.DetectorGroup;
import org.qinglang.detect.KeyState;
import org.qinglang.detect.LocalRunner;
import org.qinglang.event.Event;
import org.qinglang.io.JsonlEventReader;
import org.qinglang.sim.Simulator;

/**
 * {@link KeyStateSerializer#copy} copies in memory instead of through the bytes, for speed (the
 * heap backend copies a key's state on nearly every access while a snapshot runs). It must
 * still be what the bytes gave: a state that shares nothing with its original, and that writes
 * the same bytes as the original written and read back, for every shipped detector's state.
 */
class KeyStateCopyTest {
  @TempDir
  Path dir;

  private static byte[] bytes(KeyStateSerializer s, KeyState ks) {
    try {
      DataOutputSerializer o = new DataOutputSerializer(256);
      s.serialize(ks, o);
      return o.getCopyOfBuffer();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyState read(KeyStateSerializer s, byte[] b) {
    try {
      return s.deserialize(new DataInputDeserializer(b));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A state set aside with the bytes it wrote when it was set aside. */
  private record Held(KeyStateSerializer s, KeyState ks, byte[] bytes) {}

  /**
   * Half way through an evening every key's state is copied and the run goes on from the copy,
   * the original set aside; later the run's states are copied again and set aside, the run going
   * on from the originals. Whatever the detectors did to one side afterwards, the states set
   * aside write what they wrote when copied, and the findings are those of a run without
   * copies.
   */
  @Test
  void aCopySharesNothingWithItsOriginalAndIsWhatARoundTripGives() throws Exception {
    Simulator.Result sim = Simulator.run(Simulator.Config.of(dir.resolve("sim"), 4, 15, 11));
    List<Event> events = new ArrayList<>();
    try (JsonlEventReader r = JsonlEventReader.open(sim.events(), (l, why, raw) -> {})) {
      for (Event e; (e = r.next()) != null; ) {
        events.add(e);
      }
    }
    LocalRunner plain = new LocalRunner(QinglangJob.detectors(List.of()));
    plain.acceptAll(events);
    List<String> expected = findings(plain.finish());

    LocalRunner run = new LocalRunner(QinglangJob.detectors(List.of()));
    Map<DetectorGroup, KeyStateSerializer> codecs = new IdentityHashMap<>();
    List<Held> originals = new ArrayList<>();
    List<Held> copies = new ArrayList<>();
    int third = events.size() / 3;
    run.acceptAll(events.subList(0, third));
    run.replaceStates((g, ks) -> {
      KeyStateSerializer s = codecs.computeIfAbsent(g, DetectorGroupFunction::serializer);
      KeyState copy = checkedCopy(s, ks);
      originals.add(new Held(s, ks, bytes(s, ks)));
      return copy; // the run mutates the copy from here on
    });
    run.acceptAll(events.subList(third, 2 * third));
    run.replaceStates((g, ks) -> {
      KeyStateSerializer s = codecs.get(g);
      KeyState copy = checkedCopy(s, ks);
      copies.add(new Held(s, copy, bytes(s, copy)));
      return ks; // the run mutates the original from here on
    });
    run.acceptAll(events.subList(2 * third, events.size()));
    List<String> got = findings(run.finish());

    assertThat(originals).hasSizeGreaterThan(50);
    assertThat(copies).hasSizeGreaterThan(50);
    int stateCount = 0;
    for (Held h : originals) {
      assertThat(bytes(h.s(), h.ks())).as("an original after its copy ran on").isEqualTo(h.bytes());
      stateCount += states(h.ks());
    }
    for (Held h : copies) {
      assertThat(bytes(h.s(), h.ks())).as("a copy after its original ran on").isEqualTo(h.bytes());
    }
    assertThat(stateCount).isGreaterThan(100);
    for (KeyStateSerializer s : codecs.values()) {
      assertThat(s.copiedThroughBytes).as("states Kryo could not copy in memory").isZero();
    }
    assertThat(got).isNotEmpty().isEqualTo(expected);
  }

  /** The copy, checked against what the bytes give: equal bytes, no shared detector state. */
  private static KeyState checkedCopy(KeyStateSerializer s, KeyState ks) {
    KeyState copy = s.copy(ks);
    KeyState back = read(s, bytes(s, ks));
    byte[] viaBytes = bytes(s, back);
    byte[] copied = bytes(s, copy);
    if (!java.util.Arrays.equals(copied, viaBytes)) {
      for (int i = 0; i < back.detectorStates().length; i++) {
        byte[] x = kryoBytes(back.detectorStates()[i]);
        byte[] y = kryoBytes(copy.detectorStates()[i]);
        int at = java.util.Arrays.mismatch(x, y);
        if (at >= 0) {
          throw new AssertionError("slot " + i + " differs at " + at + ": "
              + printable(x, Math.max(0, at - 600), at) + "\n copy: " + printable(y, at, at + 200)
              + "\n read: " + printable(x, at, at + 200));
        }
      }
      int at = java.util.Arrays.mismatch(copied, viaBytes);
      throw new AssertionError("a copy writes other bytes than the original read back, at " + at
          + " of " + viaBytes.length + ", after: "
          + printable(viaBytes, Math.max(0, at - 300), at) + "\n copy: "
          + printable(copied, at, at + 80) + "\n read: " + printable(viaBytes, at, at + 80));
    }
    assertThat(copy.pendingEvents()).isNotSameAs(ks.pendingEvents());
    assertThat(copy.wakeUps()).isNotSameAs(ks.wakeUps());
    if (ks.detectorStates() != null) {
      assertThat(copy.detectorStates()).isNotSameAs(ks.detectorStates());
      assertThat(copy.lastSeen()).isNotSameAs(ks.lastSeen());
      for (int i = 0; i < ks.detectorStates().length; i++) {
        if (ks.detectorStates()[i] != null) {
          assertThat(copy.detectorStates()[i]).isNotSameAs(ks.detectorStates()[i]);
        }
      }
    }
    if (ks.faultCounts() != null) {
      assertThat(copy.faultCounts()).isNotSameAs(ks.faultCounts());
    }
    return copy;
  }

  private static byte[] kryoBytes(Object o) {
    com.esotericsoftware.kryo.Kryo k = KeyStateSerializer.newKryo(KeyStateCopyTest.class.getClassLoader());
    com.esotericsoftware.kryo.io.Output out = new com.esotericsoftware.kryo.io.Output(1024, -1);
    k.writeClassAndObject(out, o);
    return out.toBytes();
  }

  private static String printable(byte[] b, int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < Math.min(to, b.length); i++) {
      sb.append(b[i] >= 32 && b[i] < 127 ? String.valueOf((char) b[i]) : "[" + b[i] + "]");
    }
    return sb.toString();
  }

  private static int states(KeyState ks) {
    int n = 0;
    if (ks.detectorStates() != null) {
      for (Object o : ks.detectorStates()) {
        n += o == null ? 0 : 1;
      }
    }
    return n;
  }

  /** As KeyStateSerializerTest compares: evidence left out (hash-ordered after a restore). */
  private static List<String> findings(List<Alert> alerts) {
    return alerts.stream().sorted(Comparator.comparing(Alert::id))
        .map(a -> a.id() + " " + a.kind() + " " + a.ts() + " " + a.room() + " " + a.score()
            + " " + a.severity() + " "
            + a.subjects().stream().map(Object::toString).sorted().toList())
        .toList();
  }

  /** A detector state's shapes that the shipped ones may not all have. */
  static final class Shapes {
    transient Map<String, Integer> cache = new HashMap<>(Map.of("warm", 1));
    transient int hits = 7;
    Map<String, List<Long>> byUser = new HashMap<>();
    KeyStateSerializerTest.Held frozen;
    List<Object> shared = new ArrayList<>();
    int[] counts = {1, 2, 3};
  }

  @Test
  void nestedAndSharedPartsAreCopiedAndTransientOnesStartAsANewInstanceHasThem() {
    Shapes s = new Shapes();
    s.cache.put("hot", 2);
    s.hits = 99;
    List<Long> times = new ArrayList<>(List.of(1L, 2L));
    s.byUser.put("u", times);
    s.shared.add(times); // the same list twice: the copy keeps it one list, as a read does
    Map<String, Object> inner = new LinkedHashMap<>(Map.of("k", new ArrayList<>(List.of(1))));
    s.frozen = new KeyStateSerializerTest.Held(java.util.Collections.unmodifiableMap(inner),
        java.util.Collections.unmodifiableList(new ArrayList<>(List.of("x"))),
        java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(List.of("p"))));
    KeyStateSerializer ser = new KeyStateSerializer(List.of("shapes"));
    KeyState ks = KeyState.of(List.of(), Map.of(9L, 1L), new Object[] {s}, new long[] {5L}, 7L,
        new byte[] {1}, 1L, null);

    KeyState copy = ser.copy(ks);
    byte[] before = bytes(ser, copy);
    assertThat(before).isEqualTo(bytes(ser, read(ser, bytes(ser, ks))));
    Shapes c = (Shapes) copy.detectorStates()[0];
    assertThat(c.cache).isEqualTo(Map.of("warm", 1));
    assertThat(c.hits).isEqualTo(7);
    assertThat(c.shared.get(0)).isSameAs(c.byUser.get("u")).isNotSameAs(times);
    assertThat(c.frozen).isEqualTo(s.frozen).isNotSameAs(s.frozen);
    assertThatThrownBy(() -> c.frozen.evidence().put("z", 1))
        .isInstanceOf(UnsupportedOperationException.class);

    times.add(3L);
    s.byUser.put("v", new ArrayList<>());
    s.counts[0] = 42;
    ((List<Object>) inner.get("k")).add(2);
    ks.wakeUps().put(10L, 1L);
    ks.faultCounts()[0] = 2;
    ks.lastSeen()[0] = 6L;
    assertThat(bytes(ser, copy)).isEqualTo(before);
  }
}
