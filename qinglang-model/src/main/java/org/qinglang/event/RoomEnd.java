package org.qinglang.event;

/** The `room_end` event. */
public record RoomEnd(long ts, String platform, String room) implements Event {
  @Override
  public EventType type() {
    return EventType.ROOM_END;
  }
}
