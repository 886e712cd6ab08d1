package org.qinglang.detect;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.qinglang.event.Event;

/** The detectors that share one {@link Scope}, so that each event is keyed once per scope. */
public final class DetectorGroup implements Serializable {
  private final Scope scope;
  private final List<Detector<?>> detectors;
  // Each detector's declared directory parts, asked once: a detector may build its set anew
  // on every call, and the engine checks it on every lookup.
  private final List<java.util.Set<Directory.Part>> reads;

  public DetectorGroup(Scope scope, List<Detector<?>> detectors) {
    if (detectors.size() > 63) {
      throw new IllegalArgumentException("at most 63 detectors per scope");
    }
    // Two KEYED detectors would name different keys for one event, and a group has one key
    // per state.
    if (scope == Scope.KEYED && detectors.size() != 1) {
      throw new IllegalArgumentException("a KEYED group holds exactly one detector");
    }
    this.scope = scope;
    this.detectors = List.copyOf(detectors);
    List<java.util.Set<Directory.Part>> r = new ArrayList<>();
    for (Detector<?> d : this.detectors) {
      java.util.Set<Directory.Part> parts = java.util.EnumSet.noneOf(Directory.Part.class);
      parts.addAll(d.reads());
      r.add(parts);
    }
    this.reads = List.copyOf(r);
  }

  /** Every detector listed in {@code META-INF/services/org.qinglang.detect.Detector}. */
  @SuppressWarnings("rawtypes")
  public static List<Detector<?>> discover() {
    List<Detector<?>> all = new ArrayList<>();
    for (Detector d : ServiceLoader.load(Detector.class)) {
      all.add(d);
    }
    all.sort(java.util.Comparator.comparing(Detector::kind));
    return all;
  }

  /**
   * Splits detectors into one group per scope that has any, except that every GLOBAL detector
   * gets a group of its own: a global key lives on one task, and sharing it would run all the
   * global detectors one after the other on one thread, the engine's bottleneck. Every KEYED
   * detector gets a group of its own too, because its keys are its own.
   */
  public static List<DetectorGroup> byScope(List<Detector<?>> detectors) {
    List<DetectorGroup> groups = new ArrayList<>();
    for (Scope s : Scope.values()) {
      List<Detector<?>> of = detectors.stream().filter(d -> d.scope() == s).toList();
      if (of.isEmpty()) {
        continue;
      }
      if (s == Scope.GLOBAL || s == Scope.KEYED) {
        for (Detector<?> d : of) {
          groups.add(new DetectorGroup(s, List.of(d)));
        }
      } else {
        groups.add(new DetectorGroup(s, of));
      }
    }
    return groups;
  }

  public Scope scope() {
    return scope;
  }

  public List<Detector<?>> detectors() {
    return detectors;
  }

  public int size() {
    return detectors.size();
  }

  public Detector<?> get(int i) {
    return detectors.get(i);
  }

  /** The directory parts some detector of the group reads. */
  public java.util.Set<Directory.Part> reads() {
    java.util.Set<Directory.Part> all = java.util.EnumSet.noneOf(Directory.Part.class);
    reads.forEach(all::addAll);
    return all;
  }

  /** The directory parts detector {@code i} declares. */
  public java.util.Set<Directory.Part> readsOf(int i) {
    return reads.get(i);
  }

  /** Whether each event goes to one key at most ({@link #keyOf}): every scope but KEYED. */
  public boolean singleKey() {
    return scope != Scope.KEYED;
  }

  /**
   * The one key {@code e} goes to in a group that is {@link #singleKey()}, or null: the same
   * as {@link #keysOf} without a collection per event, for the per-event paths.
   */
  public String keyOf(Event e) {
    return scope.keyOf(e);
  }

  /**
   * The keys whose state {@code e} goes to (each once), or none: the scope's key, or for a
   * KEYED group the keys its detector names. The engine and {@link LocalRunner} both route by
   * this, so they partition alike.
   */
  public java.util.Collection<String> keysOf(Event e) {
    if (scope != Scope.KEYED) {
      String k = scope.keyOf(e);
      return k == null ? List.of() : List.of(k);
    }
    java.util.Collection<String> keys = detectors.get(0).keysOf(e);
    if (keys.isEmpty()) {
      return keys;
    }
    if (keys.size() == 1) {
      return keys.iterator().next() == null ? List.of() : keys;
    }
    // A key named twice would get the event twice; a null key has no state to go to.
    java.util.LinkedHashSet<String> once = new java.util.LinkedHashSet<>();
    for (String k : keys) {
      if (k != null) {
        once.add(k);
      }
    }
    return once;
  }

  /** Whether any detector of the group wants {@code e}. */
  public boolean accepts(Event e) {
    for (Detector<?> d : detectors) {
      if (d.accepts(e)) {
        return true;
      }
    }
    return false;
  }
}
