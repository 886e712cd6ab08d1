package org.qinglang.event;

/**
 * One event of the Qinglang contract (shared/spec/events.md, v1).
 *
 * <p>Every event is an immutable record. {@link #room()} and {@link #user()} are on the
 * interface because routing (by room, by account) is the hottest path of the engine and a
 * virtual call beats a type switch there: a record with a {@code room} or {@code user}
 * component answers through its accessor, the others through the defaults (null).
 */
public sealed interface Event permits AccountEvent, RoomStart, RoomEnd, ViewerJoin, ViewerLeave,
    ViewerCount, Comment, Like, Gift, Follow, Speech, Product, Order, OrderCancel, Refund,
    Referral, Commission, Sanction {

  EventType type();

  /** Event time, ms since the epoch (UTC). */
  long ts();

  String platform();

  /** The room this event belongs to, or null when the event is not about one room. */
  default String room() {
    return null;
  }

  /** The account that acted, or null when no account acted. */
  default String user() {
    return null;
  }
}
