package org.qinglang.event;

/** The `sanction` event. */
public record Sanction(long ts, String platform, String user, String scope, Long until, String reason) implements Event {
  @Override
  public EventType type() {
    return EventType.SANCTION;
  }
}
