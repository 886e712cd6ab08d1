package org.qinglang.event;

/** The `comment` event. */
public record Comment(long ts, String platform, String room, String user, String text, String device, String ip) implements Event {
  @Override
  public EventType type() {
    return EventType.COMMENT;
  }
}
