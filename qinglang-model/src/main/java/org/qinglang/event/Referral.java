package org.qinglang.event;

/** The `referral` event. */
public record Referral(long ts, String platform, String user, String referrer, Long fee) implements Event {
  @Override
  public EventType type() {
    return EventType.REFERRAL;
  }
}
