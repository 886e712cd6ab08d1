package org.qinglang.event;

/** The `account` event. */
public record AccountEvent(long ts, String platform, String user, long created, String idHash, String phoneHash, String device) implements Event {
  @Override
  public EventType type() {
    return EventType.ACCOUNT;
  }
}
