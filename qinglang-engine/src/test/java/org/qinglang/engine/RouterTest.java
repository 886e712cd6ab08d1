package org.qinglang.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;
import org.qinglang.detect.DetectorGroup;
import org.qinglang.detect.Scope;
import org.qinglang.detectors.room.ViewerInflationDetector;
import org.qinglang.detectors.identity.IdentityEvasionDetector;
import org.qinglang.event.AccountEvent;
import org.qinglang.event.Event;
import org.qinglang.event.Like;
import org.qinglang.event.Order;
import org.qinglang.event.OrderCancel;
import org.qinglang.event.ViewerJoin;

/**
 * The router sends each event to every group that wants it, and its bundles never cross a
 * watermark, a checkpoint or the end of the input.
 */
class RouterTest {

  private static final Router.Route ROOM = Router.Route.of(
      new DetectorGroup(Scope.ROOM, List.of(new ViewerInflationDetector())), "room");

  private static OneInputStreamOperatorTestHarness<Event, Event> harness(boolean ordersOut,
      Router.Route... routes) throws Exception {
    var h = new OneInputStreamOperatorTestHarness<>(new Router(List.of(routes), ordersOut),
        EventSerializer.INSTANCE);
    h.setup(EventSerializer.INSTANCE);
    h.open();
    return h;
  }

  private static OneInputStreamOperatorTestHarness<Event, Event> harness() throws Exception {
    return harness(true, ROOM);
  }

  private static List<Bundle> bundles(OneInputStreamOperatorTestHarness<Event, Event> h,
      Router.Route route) {
    return side(h, route.bundles());
  }

  private static List<Event> directory(OneInputStreamOperatorTestHarness<Event, Event> h,
      Router.Route route) {
    return side(h, route.directory());
  }

  private static <T> List<T> side(OneInputStreamOperatorTestHarness<Event, Event> h,
      OutputTag<T> tag) {
    List<T> out = new ArrayList<>();
    var queue = h.getSideOutput(tag);
    if (queue != null) {
      queue.forEach(r -> out.add(r.getValue()));
    }
    return out;
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
      assertThat(bundles(h, ROOM)).isEmpty();
      h.processWatermark(new Watermark(500));
      assertThat(new ArrayList<>(h.getOutput())).containsExactly(new Watermark(500));
      List<Bundle> bundles = bundles(h, ROOM);
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
      assertThat(bundles(h, ROOM)).hasSize(1);
      h.processElement(join(2_000, "r1", "b"), 2_000);
      h.endInput();
      h.getOneInputOperator().finish();
      assertThat(bundles(h, ROOM)).hasSize(2);
    }
  }

  @Test
  void aBusyKeyIsSentInBoundedBundles() throws Exception {
    try (var h = harness()) {
      int n = Router.MAX_EVENTS * 2 + 5;
      for (int i = 0; i < n; i++) {
        h.processElement(join(i, "r1", "u" + i), i);
      }
      assertThat(bundles(h, ROOM)).hasSize(2)
          .allSatisfy(b -> assertThat(b.events()).hasSize(Router.MAX_EVENTS));
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
    var keyed = Router.Route.of(
        new DetectorGroup(Scope.KEYED, List.of(new KeyedProbeDetector())), "keyed-probe");
    var probe = new org.qinglang.event.Comment(1_000, "douyin", "r1", "u1",
        KeyedProbeDetector.MARK + " k1 k2", null, null);
    try (var h = harness(true, keyed)) {
      h.processElement(probe, 1_000);
      h.processWatermark(new Watermark(500));
      assertThat(bundles(h, keyed)).extracting(Bundle::key)
          .containsExactlyInAnyOrder("k1", "k2");
      assertThat(bundles(h, keyed)).allSatisfy(
          b -> assertThat(b.events()).containsExactly(probe));
    }
  }
  @Test
  void eachGroupGetsWhatItsDetectorsAcceptAndTheDirectoryPartsTheyRead() throws Exception {
    var identity = Router.Route.of(
        new DetectorGroup(Scope.GLOBAL, List.of(new IdentityEvasionDetector())),
        "global-identity_evasion");
    var account = new AccountEvent(800, "douyin", "u1", 100, "id#1", "ph#1", "dev#1");
    var like = new Like(850, "douyin", "r1", "u1", 1);
    // identity_evasion takes joins with a device, viewer_inflation every join.
    var join = new ViewerJoin(900, "douyin", "r1", "u1", "dev#1", null, null);
    try (var h = harness(true, ROOM, identity)) {
      h.processElement(account, 800);
      h.processElement(like, 850); // neither group wants a like
      h.processElement(join, 900);
      // The account is a directory event only for the group that reads accounts, at once.
      assertThat(directory(h, identity)).containsExactly(account);
      assertThat(directory(h, ROOM)).isEmpty();
      h.processWatermark(new Watermark(500));
      assertThat(bundles(h, ROOM)).singleElement().satisfies(b -> {
        assertThat(b.key()).isEqualTo("r1");
        assertThat(b.events()).containsExactly(join);
      });
      assertThat(bundles(h, identity)).singleElement().satisfies(b -> {
        assertThat(b.key()).isEqualTo("*");
        assertThat(b.events()).containsExactly(account, join);
      });
      assertThat(new ArrayList<>(h.getOutput())).containsExactly(new Watermark(500));
    }
  }

  @Test
  void ordersGoToTheOrderLinkAloneBeforeItAndAreBundledAfterIt() throws Exception {
    var identity = Router.Route.of(
        new DetectorGroup(Scope.GLOBAL, List.of(new IdentityEvasionDetector())),
        "global-identity_evasion");
    var order = new Order(1_000, "douyin", "r1", "u1", "o1", "sku1", 1, 100, "dev#1", null,
        null, null);
    var cancel = new OrderCancel(1_100, "douyin", "o1", null, "u1");
    try (var h = harness(true, identity)) {
      h.processElement(order, 1_000);
      h.processElement(cancel, 1_100);
      h.processWatermark(new Watermark(500));
      assertThat(h.extractOutputValues()).containsExactly(order, cancel);
      assertThat(bundles(h, identity)).isEmpty();
    }
    try (var h = harness(false, identity)) {
      h.processElement(order, 1_000);
      h.processWatermark(new Watermark(500));
      assertThat(h.extractOutputValues()).isEmpty();
      assertThat(bundles(h, identity)).singleElement()
          .satisfies(b -> assertThat(b.events()).containsExactly(order));
    }
  }
}
