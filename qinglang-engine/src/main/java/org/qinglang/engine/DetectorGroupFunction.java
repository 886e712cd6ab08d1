package org.qinglang.engine;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.qinglang.alert.Alert;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.OutputTag;
import org.qinglang.detect.DetectorFault;
import org.qinglang.detect.DetectorGroup;
import org.qinglang.detect.Output;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.qinglang.detect.Directory;
import org.qinglang.detect.KeyState;
import org.qinglang.event.AccountEvent;
import org.qinglang.event.Event;
import org.qinglang.event.Product;
import org.qinglang.event.RoomStart;

/**
 * Runs one {@link DetectorGroup} on a keyed stream of {@link Bundle}s, with the directory as
 * broadcast state.
 * All the detection semantics live in {@link KeyState}; this class only maps them onto Flink
 * keyed state and event-time timers. Timers are rounded up to the next second so a busy key
 * holds at most one timer per second.
 */
public final class DetectorGroupFunction
    extends KeyedBroadcastProcessFunction<String, Bundle, Event, Alert> {

  // Values are typed Event so they use EventSerializer: with a generic (Kryo) type Flink
  // copied the Kryo instance on every getBroadcastState call.
  static final MapStateDescriptor<String, Event> ACCOUNTS = new MapStateDescriptor<>(
      "directory-accounts", Types.STRING, EventTypeInfo.INSTANCE);
  static final MapStateDescriptor<String, Event> ROOMS = new MapStateDescriptor<>(
      "directory-rooms", Types.STRING, EventTypeInfo.INSTANCE);
  static final MapStateDescriptor<String, Event> PRODUCTS = new MapStateDescriptor<>(
      "directory-products", Types.STRING, EventTypeInfo.INSTANCE);

  /**
   * Detector faults, as JSON lines ({@link DetectorFault#toLine()}): a detector that throws on
   * one key is set aside for that key and the run goes on (see {@link KeyState}).
   */
  public static final OutputTag<String> FAULTS = new OutputTag<>("detector-faults", Types.STRING);
  private static final Logger LOG = LoggerFactory.getLogger(DetectorGroupFunction.class);

  private final DetectorGroup group;
  private transient ValueState<KeyState> state;
  private transient java.util.List<String> kinds;
  private transient Counter faults;

  public DetectorGroupFunction(DetectorGroup group) {
    this.group = group;
  }

  @Override
  public void open(OpenContext ctx) {
    KeyStateSerializer serializer = serializer(group);
    kinds = serializer.kinds();
    state = getRuntimeContext().getState(new ValueStateDescriptor<>("key-state", serializer));
    faults = getRuntimeContext().getMetricGroup().counter("detectorFaults");
  }

  /** The versioned serializer of this group's keyed state (see {@link KeyStateSerializer}). */
  static KeyStateSerializer serializer(DetectorGroup group) {
    return new KeyStateSerializer(group.detectors().stream().map(d -> d.kind()).toList());
  }

  /** Alerts to the main output, faults to the side output, logged and counted. */
  private Output output(Collector<Alert> out, ReadOnlyContext ctx) {
    return new Output() {
      @Override
      public void alert(Alert a) {
        out.collect(a);
      }

      @Override
      public void fault(DetectorFault f, Throwable cause) {
        faults.inc();
        LOG.warn("{}; the detector's state for this key was set aside", f.describe(), cause);
        ctx.output(FAULTS, f.toLine());
      }
    };
  }

  @Override
  public void processElement(Bundle b, ReadOnlyContext ctx, Collector<Alert> out)
      throws Exception {
    KeyState ks = state.value();
    if (ks == null) {
      ks = new KeyState();
    } else {
      ks = KeyStateSerializer.fit(ks, kinds); // restored from a job with other detectors
    }
    Directory dir = directory(ctx);
    String key = ctx.getCurrentKey();
    Output o = output(out, ctx);
    for (Event e : b.events()) {
      ks.offer(e, group, key, dir, o);
    }
    long next = ks.advance(ctx.timerService().currentWatermark(), group, key, dir, o);
    store(ks, next, ctx.timerService());
  }

  @Override
  public void onTimer(long time, OnTimerContext ctx, Collector<Alert> out) throws Exception {
    KeyState ks = state.value();
    if (ks == null) {
      return;
    }
    ks = KeyStateSerializer.fit(ks, kinds);
    long next = ks.advance(ctx.timerService().currentWatermark(), group, ctx.getCurrentKey(),
        directory(ctx), output(out, ctx));
    store(ks, next, ctx.timerService());
  }

  private void store(KeyState ks, long next,
      org.apache.flink.streaming.api.TimerService timers) throws Exception {
    if (ks.isEmpty()) {
      state.clear();
      return;
    }
    state.update(ks);
    if (next != Long.MAX_VALUE) {
      long t = next >= Long.MAX_VALUE - 1000 ? next : (next / 1000 + 1) * 1000;
      timers.registerEventTimeTimer(t);
    }
  }

  @Override
  public void processBroadcastElement(Event e, Context ctx, Collector<Alert> out)
      throws Exception {
    if (e instanceof AccountEvent a) {
      ctx.getBroadcastState(ACCOUNTS).put(a.user(), a);
    } else if (e instanceof RoomStart r) {
      ctx.getBroadcastState(ROOMS).put(r.room(), r);
    } else if (e instanceof Product p) {
      ctx.getBroadcastState(PRODUCTS).put(p.sku(), p);
    }
  }

  /** A directory that reads broadcast state only when a detector asks. */
  private static Directory directory(ReadOnlyContext ctx) {
    return new Directory() {
      @Override
      public AccountEvent account(String user) {
        return (AccountEvent) get(ctx.getBroadcastState(ACCOUNTS), user);
      }

      @Override
      public RoomStart room(String room) {
        return (RoomStart) get(ctx.getBroadcastState(ROOMS), room);
      }

      @Override
      public Product product(String sku) {
        return (Product) get(ctx.getBroadcastState(PRODUCTS), sku);
      }
    };
  }

  private static <V> V get(ReadOnlyBroadcastState<String, V> s, String k) {
    try {
      return k == null ? null : s.get(k);
    } catch (Exception ex) {
      throw new IllegalStateException("directory lookup failed", ex);
    }
  }
}
