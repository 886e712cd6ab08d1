package org.qinglang.event;

/** The `viewer_join` event. */
public record ViewerJoin(long ts, String platform, String room, String user, String device, String ip, String via) implements Event {
  @Override
  public EventType type() {
    return EventType.VIEWER_JOIN;
  }
}
