package org.qinglang.engine;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.qinglang.detect.OrderLinker;
import org.qinglang.event.Event;
import org.qinglang.event.Order;
import org.qinglang.event.OrderCancel;
import org.qinglang.event.Refund;

/**
 * Keyed by order id: remembers each order's room and buyer, completes cancels and refunds.
 *
 * <p>A cancel or refund that lacks its room (or buyer) and comes before its order waits until the
 * watermark reaches its own time: by then its order, which is earlier, has arrived if it is
 * in the stream. In a file that is rare, but from Kafka the after-sale event may sit in
 * another partition than its order (it has no room to be keyed by) and that partition may be
 * read ahead. Downstream nothing is delayed: detectors see events only once the watermark
 * passes them anyway.
 */
public final class OrderLinkFunction extends KeyedProcessFunction<String, Event, Event> {
  private transient ValueState<OrderLinker.Link> link;
  private transient ListState<Event> waiting;

  @Override
  public void open(OpenContext ctx) {
    ValueStateDescriptor<OrderLinker.Link> d = new ValueStateDescriptor<>("order-link",
        TypeInformation.of(OrderLinker.Link.class));
    // The horizon is in processing time here (Flink TTL); long enough for after-sale events.
    d.enableTimeToLive(StateTtlConfig.newBuilder(
        java.time.Duration.ofMillis(OrderLinker.HORIZON_MILLIS)).build());
    link = getRuntimeContext().getState(d);
    waiting = getRuntimeContext().getListState(
        new ListStateDescriptor<>("before-order", EventTypeInfo.INSTANCE));
  }

  @Override
  public void processElement(Event e, Context ctx, Collector<Event> out) throws Exception {
    if (e instanceof Order o) {
      OrderLinker.Link l = new OrderLinker.Link(o.room(), o.user());
      link.update(l);
      out.collect(e);
      for (Event w : waiting.get()) {
        out.collect(OrderLinker.complete(w, l));
      }
      waiting.clear();
      return;
    }
    OrderLinker.Link l = link.value();
    if (l == null && incomplete(e) && e.ts() > ctx.timerService().currentWatermark()) {
      waiting.add(e);
      ctx.timerService().registerEventTimeTimer(e.ts());
    } else {
      out.collect(OrderLinker.complete(e, l));
    }
  }

  @Override
  public void onTimer(long time, OnTimerContext ctx, Collector<Event> out) throws Exception {
    // The order never came (it predates the stream, or is later than the lateness bound).
    OrderLinker.Link l = link.value();
    List<Event> still = new ArrayList<>();
    for (Event w : waiting.get()) {
      if (w.ts() <= time) {
        out.collect(OrderLinker.complete(w, l));
      } else {
        still.add(w);
      }
    }
    waiting.update(still);
  }

  /** What {@link OrderLinker#complete} would fill in. */
  private static boolean incomplete(Event e) {
    return (e instanceof OrderCancel c && (c.room() == null || c.user() == null))
        || (e instanceof Refund r && r.room() == null);
  }
}
