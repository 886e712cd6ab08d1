package org.qinglang.event;

/** The `refund` event. */
public record Refund(long ts, String platform, String order, long amount, String room, String reason) implements Event {
  @Override
  public EventType type() {
    return EventType.REFUND;
  }
}
