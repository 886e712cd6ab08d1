package org.qinglang.event;

import java.util.HashMap;
import java.util.Map;

/** The event types of the contract, with their wire names. */
public enum EventType {
  ACCOUNT("account"),
  ROOM_START("room_start"),
  ROOM_END("room_end"),
  VIEWER_JOIN("viewer_join"),
  VIEWER_LEAVE("viewer_leave"),
  VIEWER_COUNT("viewer_count"),
  COMMENT("comment"),
  LIKE("like"),
  GIFT("gift"),
  FOLLOW("follow"),
  SPEECH("speech"),
  PRODUCT("product"),
  ORDER("order"),
  ORDER_CANCEL("order_cancel"),
  REFUND("refund"),
  REFERRAL("referral"),
  COMMISSION("commission"),
  SANCTION("sanction");

  private static final Map<String, EventType> BY_WIRE = new HashMap<>();

  static {
    for (EventType t : values()) {
      BY_WIRE.put(t.wire, t);
    }
  }

  private final String wire;

  EventType(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** The type for a wire name, or null when the name is not in the contract. */
  public static EventType ofWire(String wire) {
    return BY_WIRE.get(wire);
  }
}
