package org.qinglang.event;

/** The `gift` event. */
public record Gift(long ts, String platform, String room, String user, long value) implements Event {
  @Override
  public EventType type() {
    return EventType.GIFT;
  }
}
