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
  GLOBAL,
  /**
   * One state per key the detector itself names ({@link Detector#keysOf}): for a detector
   * whose findings each need every event about one thing other than a room or an account (a
   * brand, say) and never two such things. It runs at the job's parallelism, where a GLOBAL
   * detector would hold everything on one task.
   */
  KEYED;

  /**
   * The key of {@code e} in this scope, or null when the event has none. A KEYED scope has no
   * key of its own (its detector names the keys): ask {@link DetectorGroup#keysOf} instead.
   */
  public String keyOf(Event e) {
    return switch (this) {
      case ROOM -> e.room();
      case ACCOUNT -> e.user();
      case GLOBAL -> "*";
      case KEYED -> throw new UnsupportedOperationException(
          "a KEYED scope's keys come from its detector: DetectorGroup.keysOf");
    };
  }
}
