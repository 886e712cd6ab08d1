package org.qinglang.detect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qinglang.alert.Alert;
import org.qinglang.event.Event;
import org.qinglang.event.Order;

/**
 * Runs detectors in one thread without Flink, with the same semantics as the engine: a
 * watermark {@link #LATENESS_MILLIS} behind the latest event, per-key event-time order through
 * {@link KeyState}, the {@link OrderLinker}, and a {@link MapDirectory}. For detector tests,
 * the rule checker and quick experiments; {@code qinglang analyze} uses the Flink job.
 */
public final class LocalRunner {

  /** The contract's lateness bound. */
  public static final long LATENESS_MILLIS = 10_000;

  /** No timer armed for the key. */
  private static final long UNARMED = Long.MIN_VALUE;

  /**
   * One key of one group: its state (null while it holds nothing) and its earliest armed time.
   * Kept for as long as the runner lives, so that an event and each firing find both with one
   * hash lookup or none, and an armed time outlives the state it was armed for, as the
   * engine's timers outlive a cleared value.
   */
  private static final class Slot {
    final int group;
    final String key;
    KeyState state;
    // Like the Flink operator, a key needs only its earliest timer, because a firing
    // processes everything up to the watermark and re-arms.
    long armed = UNARMED;

    Slot(int group, String key) {
      this.group = group;
      this.key = key;
    }
  }

  private final List<DetectorGroup> groups;
  private final List<Map<String, Slot>> keys = new ArrayList<>();
  private final TimerHeap<Slot> timers = new TimerHeap<>();
  private final MapDirectory directory = new MapDirectory();
  private final Map<String, OrderLinker.Link> links = new HashMap<>();
  private final Map<String, Alert> alerts = new LinkedHashMap<>();
  private final List<DetectorFault> faults = new ArrayList<>();
  private boolean quarantine;
  private final Output sink;
  private long maxTs = Long.MIN_VALUE;
  private long emitted;

  public LocalRunner(List<Detector<?>> detectors) {
    this.groups = DetectorGroup.byScope(detectors);
    for (int i = 0; i < groups.size(); i++) {
      keys.add(new HashMap<>());
    }
    this.sink = new Output() {
      @Override
      public void alert(Alert a) {
        emitted++;
        alerts.put(a.id(), a);
      }

      @Override
      public void fault(DetectorFault f, Throwable cause) {
        if (!quarantine) {
          throw new IllegalStateException(f.describe(), cause);
        }
        faults.add(f);
      }
    };
  }

  public static LocalRunner of(Detector<?>... detectors) {
    return new LocalRunner(List.of(detectors));
  }

  /**
   * Sets a detector that throws aside for the key it threw on, as the engine does, instead of
   * failing the run (the default here, so a detector's bug fails its unit test loudly).
   */
  public LocalRunner quarantineFaults() {
    this.quarantine = true;
    return this;
  }

  /** Faults set aside under {@link #quarantineFaults()}, in order. */
  public List<DetectorFault> faults() {
    return List.copyOf(faults);
  }

  public void accept(Event e) {
    String order = OrderLinker.orderOf(e);
    if (order != null) {
      if (e instanceof Order o) {
        links.put(order, new OrderLinker.Link(o.room(), o.user()));
      } else {
        e = OrderLinker.complete(e, links.get(order));
      }
    }
    if (MapDirectory.feeds(e)) {
      directory.update(e);
    }
    maxTs = Math.max(maxTs, e.ts());
    long watermark = maxTs - LATENESS_MILLIS;
    for (int g = 0; g < groups.size(); g++) {
      DetectorGroup group = groups.get(g);
      if (!group.accepts(e)) {
        continue;
      }
      if (group.singleKey()) {
        String key = group.keyOf(e);
        if (key != null) {
          offer(g, group, key, e);
        }
      } else {
        for (String key : group.keysOf(e)) {
          offer(g, group, key, e);
        }
      }
    }
    fire(watermark);
  }

  private void offer(int g, DetectorGroup group, String key, Event e) {
    Map<String, Slot> m = keys.get(g);
    Slot slot = m.get(key);
    if (slot == null) {
      slot = new Slot(g, key);
      m.put(key, slot);
    }
    if (slot.state == null) {
      slot.state = new KeyState();
    }
    slot.state.offer(e, group, key, directory, sink);
    arm(slot, e.ts());
  }

  public void acceptAll(Iterable<? extends Event> events) {
    for (Event e : events) {
      accept(e);
    }
  }

  /**
   * Replaces every key's state by {@code f} of it: tests pass the states through a serializer
   * mid-stream to show that what a checkpoint writes is what the detectors go on from.
   */
  public void replaceStates(java.util.function.BiFunction<DetectorGroup, KeyState, KeyState> f) {
    for (int g = 0; g < groups.size(); g++) {
      DetectorGroup group = groups.get(g);
      for (Slot slot : keys.get(g).values()) {
        if (slot.state != null) {
          slot.state = f.apply(group, slot.state);
        }
      }
    }
  }

  /** Ends the stream: the watermark goes to the end of time and every wake-up fires. */
  public List<Alert> finish() {
    fire(Long.MAX_VALUE);
    return alerts();
  }

  /** The latest version of every alert raised so far. */
  public List<Alert> alerts() {
    return new ArrayList<>(alerts.values());
  }

  /**
   * Every key's state held now, of every group: what the engine would hold in keyed state (for
   * measuring its size; do not change them).
   */
  public List<KeyState> keyStates() {
    List<KeyState> all = new ArrayList<>();
    for (Map<String, Slot> m : keys) {
      for (Slot slot : m.values()) {
        if (slot.state != null) {
          all.add(slot.state);
        }
      }
    }
    return all;
  }

  /** Every key's state with the group that holds it: a state is only readable by its group. */
  public void forEachKeyState(java.util.function.BiConsumer<DetectorGroup, KeyState> f) {
    for (int g = 0; g < groups.size(); g++) {
      DetectorGroup group = groups.get(g);
      for (Slot slot : keys.get(g).values()) {
        if (slot.state != null) {
          f.accept(group, slot.state);
        }
      }
    }
  }

  /** How many alert versions were emitted (updates included). */
  public long emitted() {
    return emitted;
  }

  private void arm(Slot slot, long time) {
    if (time == Long.MAX_VALUE) {
      return;
    }
    if (slot.armed != UNARMED && slot.armed <= time) {
      return;
    }
    slot.armed = time;
    timers.add(time, slot);
  }

  private void fire(long watermark) {
    while (!timers.isEmpty() && timers.firstTime() <= watermark) {
      long time = timers.firstTime();
      Slot slot = timers.poll();
      if (slot.armed == time) {
        slot.armed = UNARMED;
      }
      KeyState ks = slot.state;
      if (ks == null) {
        continue;
      }
      long next = ks.advance(watermark, groups.get(slot.group), slot.key, directory, sink);
      if (ks.isEmpty()) {
        slot.state = null;
      } else if (next != Long.MAX_VALUE) {
        arm(slot, Math.max(next, time + 1));
      }
    }
  }
}
