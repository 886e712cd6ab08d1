package org.qinglang.engine;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.qinglang.detect.OrderLinker;
import org.qinglang.event.Event;
import org.qinglang.event.Order;

/** Keyed by order id: remembers each order's room and buyer, completes cancels and refunds. */
public final class OrderLinkFunction extends KeyedProcessFunction<String, Event, Event> {
  private transient ValueState<OrderLinker.Link> link;

  @Override
  public void open(OpenContext ctx) {
    ValueStateDescriptor<OrderLinker.Link> d = new ValueStateDescriptor<>("order-link",
        TypeInformation.of(OrderLinker.Link.class));
    // The horizon is in processing time here (Flink TTL); long enough for after-sale events.
    d.enableTimeToLive(StateTtlConfig.newBuilder(
        java.time.Duration.ofMillis(OrderLinker.HORIZON_MILLIS)).build());
    link = getRuntimeContext().getState(d);
  }

  @Override
  public void processElement(Event e, Context ctx, Collector<Event> out) throws Exception {
    if (e instanceof Order o) {
      link.update(new OrderLinker.Link(o.room(), o.user()));
      out.collect(e);
    } else {
      out.collect(OrderLinker.complete(e, link.value()));
    }
  }
}
