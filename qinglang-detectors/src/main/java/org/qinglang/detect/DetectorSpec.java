package org.qinglang.detect;

import java.io.Serializable;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.qinglang.event.Event;
import org.qinglang.event.EventType;

/**
 * What a detector is, as data: its alert kind, the scope its state is keyed by, the event
 * types it wants, the directory parts it reads and how long it remembers a quiet key. A
 * detector extends {@link SpecDetector} with one of these instead of repeating five methods.
 *
 * <pre>{@code
 * static final DetectorSpec SPEC = DetectorSpec.of("minor_venue", Scope.ROOM)
 *     .accepts(EventType.ROOM_START, EventType.SPEECH)
 *     .reads(Directory.Part.ROOMS);
 * }</pre>
 *
 * <p>Event types are a bit mask, so the engine's "does anyone want this event" question costs
 * one AND per detector instead of a chain of {@code instanceof}.
 */
public record DetectorSpec(String kind, Scope scope, long acceptsMask, Set<Directory.Part> reads,
    long retentionMillis) implements Serializable {

  /** The retention of {@link Detector#retentionMillis()}'s default: six hours. */
  public static final long DEFAULT_RETENTION = 6 * 3_600_000L;

  public DetectorSpec {
    if (kind == null || kind.isBlank()) {
      throw new IllegalArgumentException("a detector needs its alert kind");
    }
    if (retentionMillis <= 0) {
      throw new IllegalArgumentException(kind + ": retention must be positive");
    }
    reads = Collections.unmodifiableSet(reads.isEmpty()
        ? EnumSet.noneOf(Directory.Part.class) : EnumSet.copyOf(reads));
  }

  /** A detector of {@code kind} keyed by {@code scope} that accepts nothing and reads nothing. */
  public static DetectorSpec of(String kind, Scope scope) {
    return new DetectorSpec(kind, scope, 0, Set.of(), DEFAULT_RETENTION);
  }

  public DetectorSpec accepts(EventType... types) {
    long mask = acceptsMask;
    for (EventType t : types) {
      mask |= 1L << t.ordinal();
    }
    return new DetectorSpec(kind, scope, mask, reads, retentionMillis);
  }

  public DetectorSpec reads(Directory.Part... parts) {
    EnumSet<Directory.Part> r = EnumSet.noneOf(Directory.Part.class);
    r.addAll(reads);
    r.addAll(java.util.List.of(parts));
    return new DetectorSpec(kind, scope, acceptsMask, r, retentionMillis);
  }

  public DetectorSpec retention(java.time.Duration d) {
    return new DetectorSpec(kind, scope, acceptsMask, reads, d.toMillis());
  }

  /** Whether events of type {@code t} are wanted at all. */
  public boolean wants(EventType t) {
    return (acceptsMask & (1L << t.ordinal())) != 0;
  }

  public boolean wants(Event e) {
    return wants(e.type());
  }
}
