package org.qinglang.event;

/** The `speech` event. */
public record Speech(long ts, String platform, String room, String text, Long endTs) implements Event {
  @Override
  public EventType type() {
    return EventType.SPEECH;
  }
}
