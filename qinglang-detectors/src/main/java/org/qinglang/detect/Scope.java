package org.qinglang.detect;

import org.qinglang.event.Event;

/**
 * How a detector's state is partitioned. The engine keys its state by this, so a detector
 * sees, in event-time order, every accepted event of one key.
 */
public enum Scope {
  /** One state per room: events that carry a {@code room}. */
  ROOM,
  /** One state per account: events that carry a {@code user}. */
  ACCOUNT,
  /** One state for everything (cross-room graphs); runs on a single task. */
  GLOBAL;

  /** The key of {@code e} in this scope, or null when the event has none. */
  public String keyOf(Event e) {
    return switch (this) {
      case ROOM -> e.room();
      case ACCOUNT -> e.user();
      case GLOBAL -> "*";
    };
  }
}
