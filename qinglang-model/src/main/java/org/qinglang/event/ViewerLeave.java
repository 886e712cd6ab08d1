package org.qinglang.event;

/** The `viewer_leave` event. */
public record ViewerLeave(long ts, String platform, String room, String user) implements Event {
  @Override
  public EventType type() {
    return EventType.VIEWER_LEAVE;
  }
}
