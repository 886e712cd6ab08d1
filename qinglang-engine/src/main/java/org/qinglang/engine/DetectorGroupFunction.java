package org.qinglang.engine;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.qinglang.alert.Alert;
import org.qinglang.detect.DetectorGroup;
import org.qinglang.detect.Directory;
import org.qinglang.detect.KeyState;
import org.qinglang.event.AccountEvent;
import org.qinglang.event.Event;
import org.qinglang.event.Product;
import org.qinglang.event.RoomStart;

/**
 * Runs one {@link DetectorGroup} on a keyed stream, with the directory as broadcast state.
 * All the detection semantics live in {@link KeyState}; this class only maps them onto Flink
 * keyed state and event-time timers. Timers are rounded up to the next second so a busy key
 * holds at most one timer per second.
 */
public final class DetectorGroupFunction
    extends KeyedBroadcastProcessFunction<String, Event, Event, Alert> {

  static final MapStateDescriptor<String, AccountEvent> ACCOUNTS = new MapStateDescriptor<>(
      "directory-accounts", Types.STRING, TypeInformation.of(AccountEvent.class));
  static final MapStateDescriptor<String, RoomStart> ROOMS = new MapStateDescriptor<>(
      "directory-rooms", Types.STRING, TypeInformation.of(RoomStart.class));
  static final MapStateDescriptor<String, Product> PRODUCTS = new MapStateDescriptor<>(
      "directory-products", Types.STRING, TypeInformation.of(Product.class));

  private final DetectorGroup group;
  private transient ValueState<KeyState> state;

  public DetectorGroupFunction(DetectorGroup group) {
    this.group = group;
  }

  @Override
  public void open(OpenContext ctx) {
    state = getRuntimeContext().getState(
        new ValueStateDescriptor<>("key-state", TypeInformation.of(KeyState.class)));
  }

  @Override
  public void processElement(Event e, ReadOnlyContext ctx, Collector<Alert> out)
      throws Exception {
    KeyState ks = state.value();
    if (ks == null) {
      ks = new KeyState();
    }
    Directory dir = directory(ctx);
    String key = ctx.getCurrentKey();
    ks.offer(e, group, key, dir, out::collect);
    long next = ks.advance(ctx.timerService().currentWatermark(), group, key, dir, out::collect);
    store(ks, next, ctx.timerService());
  }

  @Override
  public void onTimer(long time, OnTimerContext ctx, Collector<Alert> out) throws Exception {
    KeyState ks = state.value();
    if (ks == null) {
      return;
    }
    long next = ks.advance(ctx.timerService().currentWatermark(), group, ctx.getCurrentKey(),
        directory(ctx), out::collect);
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
      BroadcastState<String, Product> products = ctx.getBroadcastState(PRODUCTS);
      products.put(p.sku(), p);
    }
  }

  private static Directory directory(ReadOnlyContext ctx) {
    ReadOnlyBroadcastState<String, AccountEvent> accounts = ctx.getBroadcastState(ACCOUNTS);
    ReadOnlyBroadcastState<String, RoomStart> rooms = ctx.getBroadcastState(ROOMS);
    ReadOnlyBroadcastState<String, Product> products = ctx.getBroadcastState(PRODUCTS);
    return new Directory() {
      @Override
      public AccountEvent account(String user) {
        return get(accounts, user);
      }

      @Override
      public RoomStart room(String room) {
        return get(rooms, room);
      }

      @Override
      public Product product(String sku) {
        return get(products, sku);
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
