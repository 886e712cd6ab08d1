package org.qinglang.event;

/** The `order_cancel` event. */
public record OrderCancel(long ts, String platform, String order, String room, String user) implements Event {
  @Override
  public EventType type() {
    return EventType.ORDER_CANCEL;
  }
}
