package org.qinglang.event;

/** The `follow` event. */
public record Follow(long ts, String platform, String room, String user) implements Event {
  @Override
  public EventType type() {
    return EventType.FOLLOW;
  }
}
