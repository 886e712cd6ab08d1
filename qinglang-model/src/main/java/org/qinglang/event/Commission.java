package org.qinglang.event;

/** The `commission` event. */
public record Commission(long ts, String platform, String user, String source, long amount) implements Event {
  @Override
  public EventType type() {
    return EventType.COMMISSION;
  }
}
