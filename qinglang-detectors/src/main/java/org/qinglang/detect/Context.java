package org.qinglang.detect;

import org.qinglang.alert.Alert;

/** What a detector may do while handling an event or a wake-up. */
public interface Context {

  /** The key (room, account or "*") whose state is being handled. */
  String key();

  /** Event time now: the event's {@code ts}, or the wake-up time. */
  long now();

  /** Read-only profiles of accounts, rooms and products seen so far in the stream. */
  Directory directory();

  /**
   * Raises or updates a finding. Emitting again with the same {@link Alert#id()} replaces the
   * earlier version downstream; it never adds a copy.
   */
  void emit(Alert alert);

  /** Asks for {@link Detector#onWake} at event time {@code time} for this key. */
  void wakeAt(long time);
}
