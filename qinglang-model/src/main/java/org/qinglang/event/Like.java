package org.qinglang.event;

/** The `like` event. */
public record Like(long ts, String platform, String room, String user, long count) implements Event {
  @Override
  public EventType type() {
    return EventType.LIKE;
  }
}
