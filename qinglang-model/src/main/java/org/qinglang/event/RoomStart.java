package org.qinglang.event;

/** The `room_start` event. */
public record RoomStart(long ts, String platform, String room, String anchor, String title, String merchant, String mcn, Boolean virtualAnchor, String venue) implements Event {
  @Override
  public EventType type() {
    return EventType.ROOM_START;
  }
}
