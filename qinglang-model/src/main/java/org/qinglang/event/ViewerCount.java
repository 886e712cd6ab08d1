package org.qinglang.event;

/** The `viewer_count` event. */
public record ViewerCount(long ts, String platform, String room, long online, Long total) implements Event {
  @Override
  public EventType type() {
    return EventType.VIEWER_COUNT;
  }
}
