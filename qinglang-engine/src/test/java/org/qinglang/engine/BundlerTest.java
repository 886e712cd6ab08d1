package org.qinglang.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.qinglang.detect.DetectorGroup;
import org.qinglang.detect.Scope;
import org.qinglang.detectors.room.ViewerInflationDetector;
import org.qinglang.event.Event;
import org.qinglang.event.Like;
import org.qinglang.event.ViewerJoin;

/** Bundles must never cross a watermark, a checkpoint or the end of the input. */
class BundlerTest {

  private static OneInputStreamOperatorTestHarness<Event, Bundle> harness() throws Exception {
    DetectorGroup g = new DetectorGroup(Scope.ROOM, List.of(new ViewerInflationDetector()));
    var h = new OneInputStreamOperatorTestHarness<>(new Bundler(g), EventSerializer.INSTANCE);
    h.setup(BundleTypeInfo.Serializer.INSTANCE);
    h.open();
    return h;
  }

  private static ViewerJoin join(long ts, String room, String user) {
    return new ViewerJoin(ts, "douyin", room, user, null, null, null);
  }

  @Test
  void aWatermarkIsForwardedOnlyAfterEveryEventBeforeItPerKeyInArrivalOrder() throws Exception {
    try (var h = harness()) {
      h.processElement(join(1_000, "r1", "a"), 1_000);
      h.processElement(join(900, "r2", "b"), 900);
      h.processElement(join(1_100, "r1", "c"), 1_100);
      h.processElement(new Like(1_200, "douyin", "r1", "d", 1), 1_200); // not wanted
      assertThat(h.getOutput()).isEmpty();
      h.processWatermark(new Watermark(500));
      List<Object> out = new ArrayList<>(h.getOutput());
      assertThat(out).hasSize(3);
      assertThat(out.get(2)).isEqualTo(new Watermark(500));
      List<Bundle> bundles = new ArrayList<>();
      for (Object o : out.subList(0, 2)) {
        bundles.add(((StreamRecord<Bundle>) o).getValue());
      }
      assertThat(bundles).extracting(Bundle::key).containsExactlyInAnyOrder("r1", "r2");
      Bundle r1 = bundles.stream().filter(b -> b.key().equals("r1")).findFirst().orElseThrow();
      assertThat(r1.events()).containsExactly(join(1_000, "r1", "a"), join(1_100, "r1", "c"));
    }
  }

  @Test
  void aCheckpointBarrierAndTheEndOfInputFlushWhatIsBuffered() throws Exception {
    try (var h = harness()) {
      h.processElement(join(1_000, "r1", "a"), 1_000);
      h.prepareSnapshotPreBarrier(1);
      assertThat(h.extractOutputValues()).hasSize(1);
      h.processElement(join(2_000, "r1", "b"), 2_000);
      h.endInput();
      h.getOneInputOperator().finish();
      assertThat(h.extractOutputValues()).hasSize(2);
    }
  }

  @Test
  void aBusyKeyIsSentInBoundedBundles() throws Exception {
    try (var h = harness()) {
      int n = Bundler.MAX_EVENTS * 2 + 5;
      for (int i = 0; i < n; i++) {
        h.processElement(join(i, "r1", "u" + i), i);
      }
      assertThat(h.extractOutputValues()).hasSize(2)
          .allSatisfy(b -> assertThat(b.events()).hasSize(Bundler.MAX_EVENTS));
    }
  }

  @Test
  void bundlesSurviveTheWireUnchanged() throws Exception {
    Bundle b = new Bundle("房间-1", List.of(join(1, "房间-1", "u"), new ViewerJoin(2, "douyin", "房间-1", "u2", "设备😀", null, "share")));
    var out = new org.apache.flink.core.memory.DataOutputSerializer(64);
    BundleTypeInfo.Serializer.INSTANCE.serialize(b, out);
    var in = new org.apache.flink.core.memory.DataInputDeserializer(out.getCopyOfBuffer());
    assertThat(BundleTypeInfo.Serializer.INSTANCE.deserialize(in)).isEqualTo(b);
  }

  @Test
  void anEventWithTwoKeysGoesIntoBothKeysBundles() throws Exception {
    DetectorGroup g = new DetectorGroup(Scope.KEYED, List.of(new KeyedProbeDetector()));
    var probe = new org.qinglang.event.Comment(1_000, "douyin", "r1", "u1",
        KeyedProbeDetector.MARK + " k1 k2", null, null);
    try (var h = new OneInputStreamOperatorTestHarness<>(new Bundler(g),
        EventSerializer.INSTANCE)) {
      h.setup(BundleTypeInfo.Serializer.INSTANCE);
      h.open();
      h.processElement(probe, 1_000);
      h.processWatermark(new Watermark(500));
      assertThat(h.extractOutputValues()).extracting(Bundle::key)
          .containsExactlyInAnyOrder("k1", "k2");
      assertThat(h.extractOutputValues()).allSatisfy(
          b -> assertThat(b.events()).containsExactly(probe));
    }
  }
}
