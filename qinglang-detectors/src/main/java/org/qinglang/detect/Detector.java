package org.qinglang.detect;

import java.io.Serializable;
import java.util.Set;
import org.qinglang.event.Event;

/**
 * One detector: plain Java, no framework. The engine (Flink, or {@link LocalRunner} in tests)
 * keeps one state object per key of the detector's {@link #scope()}, and calls it with that
 * key's events in event-time order (events later than the engine's lateness bound are still
 * delivered, just out of order).
 *
 * <p>To add a detector: write one class implementing this interface in the package of its
 * domain ({@code org.qinglang.detectors.<domain>}), list it in
 * {@code META-INF/services/org.qinglang.detect.Detector}, and write its test. The engine
 * wiring does not change.
 *
 * @param <S> the per-key state; it must be serialisable by Flink (plain fields, collections,
 *     no lambdas) and bounded in size
 */
public interface Detector<S> extends Serializable {

  /** The alert kind this detector raises, as in the contract. */
  String kind();

  Scope scope();

  /**
   * The keys whose state {@code e} goes to, for a {@link Scope#KEYED} detector (asked only
   * after {@link #accepts} took the event). An event about several things goes to each: every
   * key sees it, in its own event-time order. Empty: the event is about nothing this detector
   * keeps. A key must hold everything one finding needs, since keys never see each other's
   * state. The default serves the fixed scopes, so a KEYED detector must override it.
   */
  default java.util.Collection<String> keysOf(Event e) {
    if (scope() == Scope.KEYED) {
      throw new IllegalStateException("detector " + kind()
          + " is KEYED but does not say its keys (override keysOf)");
    }
    String k = scope().keyOf(e);
    return k == null ? java.util.List.of() : java.util.List.of(k);
  }

  /** Cheap filter: does this detector want the event at all? */
  boolean accepts(Event e);

  S newState();

  void onEvent(S state, Event e, Context ctx);

  /** Called at an event time asked for with {@link Context#wakeAt(long)}. */
  default void onWake(S state, long time, Context ctx) {}

  /**
   * Event-time milliseconds after the last event of a key when its state may be dropped. The
   * bound on how long a detector remembers a quiet key; documented per detector.
   */
  default long retentionMillis() {
    return 6 * 3_600_000L;
  }

  /**
   * The parts of the {@link Context#directory()} this detector reads. The engine replicates
   * only the parts some detector of a scope reads; a read outside this set fails. The default
   * is every part: correct, but it costs a broadcast of every account event.
   */
  default Set<Directory.Part> reads() {
    return ALL_PARTS;
  }

  /** Every part of the directory. */
  Set<Directory.Part> ALL_PARTS = java.util.Collections.unmodifiableSet(
      java.util.EnumSet.allOf(Directory.Part.class));

  /** No part of the directory. */
  Set<Directory.Part> NO_PARTS = java.util.Collections.emptySet();
}
