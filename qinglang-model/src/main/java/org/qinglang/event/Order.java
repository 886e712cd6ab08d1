package org.qinglang.event;

/** The `order` event. */
public record Order(long ts, String platform, String room, String user, String order, String sku, long qty, long amount, String device, String ip, String address, String payment) implements Event {
  @Override
  public EventType type() {
    return EventType.ORDER;
  }
}
