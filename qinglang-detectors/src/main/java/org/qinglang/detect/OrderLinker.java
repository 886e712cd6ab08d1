package org.qinglang.detect;

import java.io.Serializable;
import org.qinglang.event.Event;
import org.qinglang.event.Order;
import org.qinglang.event.OrderCancel;
import org.qinglang.event.Refund;

/**
 * Fills in the room (and the buyer) of {@code order_cancel} and {@code refund} events that
 * leave them out, which the contract allows: room-keyed detectors could not see those events
 * otherwise. Keyed by order id; the engine keeps one {@link Link} per order for
 * {@link #HORIZON_MILLIS} of event time after the order, the documented horizon for
 * after-sale events.
 */
public final class OrderLinker implements Serializable {

  /** How long an order's room is remembered: 30 days, past the usual refund window. */
  public static final long HORIZON_MILLIS = 30L * 24 * 3_600_000L;

  /** What is remembered of an order. */
  public record Link(String room, String user) implements Serializable {}

  private OrderLinker() {}

  /** The order id of an order-linked event, or null for any other event. */
  public static String orderOf(Event e) {
    if (e instanceof Order o) {
      return o.order();
    }
    if (e instanceof OrderCancel c) {
      return c.order();
    }
    if (e instanceof Refund r) {
      return r.order();
    }
    return null;
  }

  /** The event with missing room/user filled in from {@code link} (or itself). */
  public static Event complete(Event e, Link link) {
    if (link == null) {
      return e;
    }
    if (e instanceof OrderCancel c && (c.room() == null || c.user() == null)) {
      return new OrderCancel(c.ts(), c.platform(), c.order(),
          c.room() != null ? c.room() : link.room(), c.user() != null ? c.user() : link.user());
    }
    if (e instanceof Refund r && r.room() == null) {
      return new Refund(r.ts(), r.platform(), r.order(), r.amount(), link.room(), r.reason());
    }
    return e;
  }
}
