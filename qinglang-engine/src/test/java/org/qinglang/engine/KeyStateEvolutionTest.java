package org.qinglang.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qinglang.alert.Alert;
import org.qinglang.detect.Detector;
import org.qinglang.detect.DetectorGroup;
import org.qinglang.detect.KeyState;
import org.qinglang.detect.Scope;
import org.qinglang.event.Comment;
import org.qinglang.event.Event;

/**
 * A checkpoint of the detector operator taken while a detector's state class had one field,
 * restored by a job whose class gained another, as a detector upgrade does: the count goes on
 * from the checkpoint and the new field holds its initial value. The two versions are compiled
 * here from source under the same class name and loaded by separate class loaders, the way a
 * cluster loads the old job jar and then the new one.
 */
class KeyStateEvolutionTest {
  @TempDir
  static Path dir;
  static ClassLoader v1;
  static ClassLoader v2;

  // "added" sorts before "count": a serializer that writes fields by position in name order,
  // as Kryo's FieldSerializer does, reads the old count into it and then runs out of bytes.
  static final String V1 = "package qlevolve; public class TallyState { public long count; }";
  static final String V2 = "package qlevolve; public class TallyState {"
      + " public long added = 7; public long count; public String note = \"fresh\"; }";

  @BeforeAll
  static void compileBothVersions() throws IOException {
    v1 = loader("v1", V1);
    v2 = loader("v2", V2);
  }

  private static ClassLoader loader(String name, String source) throws IOException {
    Path src = dir.resolve(name + "-src/qlevolve/TallyState.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, source, StandardCharsets.UTF_8);
    Path out = dir.resolve(name);
    Files.createDirectories(out);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc = javac.run(null, null, null, "-d", out.toString(), src.toString());
    assertThat(rc).as("javac of " + name).isZero();
    return new URLClassLoader(new URL[] {out.toUri().toURL()},
        KeyStateEvolutionTest.class.getClassLoader());
  }

  private static DetectorGroup group(Detector<?>... ds) {
    return new DetectorGroup(Scope.ROOM, List.of(ds));
  }

  private static KeyedBroadcastOperatorTestHarness<String, Bundle, Event, Alert> harness(
      DetectorGroup g, StateBackend backend) throws Exception {
    var op = new CoBroadcastWithKeyedOperator<>(new DetectorGroupFunction(g),
        List.of(DetectorGroupFunction.ACCOUNTS, DetectorGroupFunction.ROOMS,
            DetectorGroupFunction.PRODUCTS));
    var h = new KeyedBroadcastOperatorTestHarness<>(op, Bundle::key, Types.STRING, 1, 1, 0);
    h.setStateBackend(backend);
    // The job's own alert serializer: the harness would copy alerts with Kryo otherwise, which
    // cannot rebuild their read-only evidence.
    h.setup(AlertTypeInfo.Serializer.INSTANCE);
    return h;
  }

  private static StateBackend backend(String name) {
    return name.equals("rocksdb") ? new EmbeddedRocksDBStateBackend() : new HashMapStateBackend();
  }

  private static Comment tally(long ts, String user) {
    return new Comment(ts, "douyin", "r1", user, TallyDetector.MARK + " " + user, null, null);
  }

  /** Feeds comments of room r1 and moves event time past them; returns the fields reported. */
  private static Map<Object, Object> feed(KeyedBroadcastOperatorTestHarness<String, Bundle, Event, Alert> h,
      long watermark, Comment... cs) throws Exception {
    h.processElement(new Bundle("r1", List.of(cs)), cs[cs.length - 1].ts());
    h.processBroadcastWatermark(watermark);
    h.processWatermark(watermark);
    List<Alert> out = h.extractOutputValues();
    assertThat(h.getSideOutput(DetectorGroupFunction.FAULTS)).as("detector faults").isNull();
    assertThat(out).as("alerts after the watermark").isNotEmpty();
    @SuppressWarnings("unchecked") Map<Object, Object> f = (Map<Object, Object>) out.get(out.size() - 1).evidence().get("fields");
    return f;
  }

  private static <T> T with(ClassLoader cl, Callable<T> body) throws Exception {
    Thread t = Thread.currentThread();
    ClassLoader before = t.getContextClassLoader();
    t.setContextClassLoader(cl);
    try {
      return body.call();
    } finally {
      t.setContextClassLoader(before);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void aCheckpointOfVersionOneRestoresIntoVersionTwoWithTheNewFieldAtItsDefault(String be)
      throws Exception {
    OperatorSubtaskState checkpoint = with(v1, () -> {
      var h = harness(group(new TallyDetector()), backend(be));
      h.open();
      Map<Object, Object> f = feed(h, 5_000, tally(1_000, "u1"), tally(2_000, "u2"), tally(3_000, "u3"));
      assertThat(f.get("count")).isEqualTo("3");
      assertThat(f).doesNotContainKey("added");
      OperatorSubtaskState s = h.snapshot(1, 6_000);
      h.close();
      return s;
    });

    // Version 2 also puts another detector of the scope ahead of the tally: states are kept
    // by position, so restoring by position would hand the tally's state to the probe.
    Map<Object, Object> after = with(v2, () -> {
      var h = harness(group(new ProbeDetector(), new TallyDetector()), backend(be));
      h.initializeState(checkpoint);
      h.open();
      Map<Object, Object> f = feed(h, 12_000, tally(10_000, "u4"));
      h.close();
      return f;
    });
    assertThat(after.get("count")).as("the count went on from the checkpoint").isEqualTo("4");
    assertThat(after.get("added")).as("the new field holds its initialiser").isEqualTo("7");
    assertThat(after.get("note")).isEqualTo("fresh");
    assertThat((String) after.get("class")).contains(v2.toString());
  }

  /** The state of one tally key after three comments, with the class of version 1. */
  private static KeyState threeTallies() throws Exception {
    return with(v1, () -> {
      List<Alert> sink = new ArrayList<>();
      KeyState ks = new KeyState();
      DetectorGroup g = group(new TallyDetector());
      org.qinglang.detect.Output out = new org.qinglang.detect.Output() {
        @Override
        public void alert(Alert a) {
          sink.add(a);
        }

        @Override
        public void fault(org.qinglang.detect.DetectorFault f, Throwable cause) {
          throw new AssertionError(f.describe(), cause);
        }
      };
      for (Comment c : List.of(tally(1_000, "a"), tally(2_000, "b"), tally(3_000, "c"))) {
        ks.offer(c, g, "r1", null, out);
      }
      ks.advance(10_000, g, "r1", null, out);
      assertThat(sink).hasSize(3);
      return ks;
    });
  }

  private static byte[] write(TypeSerializer<KeyState> s, KeyState ks) throws Exception {
    DataOutputSerializer o = new DataOutputSerializer(64);
    s.serialize(ks, o);
    return o.getCopyOfBuffer();
  }

  /**
   * The control that shows the test above can fail: Flink's generic Kryo serialisation, which
   * detector state used before, cannot read version 1's bytes with version 2's class.
   */
  @Test
  void flinksGenericKryoSerializerDoesNotSurviveTheAddedField() throws Exception {
    KeyState ks = threeTallies();
    byte[] bytes = with(v1, () -> write(
        new KryoSerializer<>(KeyState.class, new SerializerConfigImpl()), ks));
    assertThatThrownBy(() -> with(v2, () -> {
      KeyState back = new KryoSerializer<>(KeyState.class, new SerializerConfigImpl())
          .deserialize(new DataInputDeserializer(bytes));
      Object s = back.detectorStates()[0];
      // Should it read at all, the values are not the ones written.
      if (s.getClass().getField("count").getLong(s) != 3) {
        throw new IllegalStateException("misread: count " + s.getClass().getField("count").getLong(s));
      }
      return back;
    })).isInstanceOf(Exception.class);
  }

  @Test
  void stateOfADetectorNoLongerInTheGroupIsDroppedUnread() throws Exception {
    KeyState ks = threeTallies();
    byte[] bytes = with(v1, () -> write(new KeyStateSerializer(List.of(TallyDetector.KIND)), ks));
    // No class loader that knows the tally's state class: it must not be needed.
    KeyState back = new KeyStateSerializer(List.of(ProbeDetector.KIND))
        .deserialize(new DataInputDeserializer(bytes));
    assertThat(back.detectorStates()).containsExactly((Object) null);
    assertThat(KeyStateSerializer.fit(back, List.of(ProbeDetector.KIND)).detectorStates())
        .containsExactly((Object) null);
    assertThat(back.processedUntil()).isEqualTo(ks.processedUntil());
  }
}
