package org.qinglang.detect;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.TreeMap;
import org.qinglang.alert.Alert;
import org.qinglang.event.AccountEvent;
import org.qinglang.event.Event;
import org.qinglang.event.Product;
import org.qinglang.event.RoomStart;

/**
 * Everything the engine keeps for one key of one {@link DetectorGroup}: events waiting for the
 * watermark, each detector's state, and pending wake-ups. It is the one place that turns
 * "events arrive up to 10 s late" into "detectors see event-time order", shared by the Flink
 * operator and {@link LocalRunner} so both behave alike.
 *
 * <p>An event at or before the time already processed (later than the lateness bound) is
 * handled at once rather than dropped: counted, if out of order.
 *
 * <p>A detector that throws is quarantined for this key, not for the run: the fault goes to
 * {@link Output#fault} with the event, the detector's state for the key is dropped (it may be
 * half-updated, and a fresh state is the only one known to be consistent), and the other
 * detectors and keys go on. After {@link #MAX_FAULTS} faults on one key the detector is left
 * out for that key, so a detector that fails on every event does not flood the fault report.
 */
public final class KeyState implements Serializable {
  // Sorted by event time, stable. Events arrive almost in order, so an insertion lands at or
  // near the end; a list beats a tree entry per event by a wide margin on the hot path.
  private final ArrayList<Event> pending = new ArrayList<>();
  private final TreeMap<Long, Long> wakes = new TreeMap<>(); // time -> bitmask of detectors
  private Object[] states;
  private long[] lastSeen;
  private long done = Long.MIN_VALUE; // event time processed so far
  private byte[] faults; // per detector, faults on this key so far
  private long quarantined; // bit i: detector i is left out for this key
  // The detector kinds the positions above refer to when this state was read from a checkpoint
  // (the group then may have changed); null: the group's own order.
  private java.util.List<String> layout;
  // The context handed to detectors, reused call after call: one per key instead of one per
  // event and detector. Not part of the state (the serializer writes the parts below).
  private transient Ctx ctx;

  /** Faults of one detector on one key before it is left out for that key. */
  public static final int MAX_FAULTS = 3;

  public void offer(Event e, DetectorGroup group, String key, Directory dir, Output out) {
    if (e.ts() <= done) {
      dispatch(e, group, key, dir, out);
      return;
    }
    long ts = e.ts();
    int n = pending.size();
    if (n == 0 || pending.get(n - 1).ts() <= ts) {
      pending.add(e);
      return;
    }
    // First index whose time is after ts; equal times are put in order when they are processed.
    int lo = 0;
    int hi = n - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (pending.get(mid).ts() <= ts) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    pending.add(lo, e);
  }

  /**
   * Processes every pending event and wake-up at or before {@code watermark}, in time order,
   * and drops the state of detectors quiet for longer than their retention.
   *
   * @return the next event time at which this key needs attention, or Long.MAX_VALUE
   */
  public long advance(long watermark, DetectorGroup group, String key, Directory dir,
      Output out) {
    int n = pending.size();
    int next = 0;
    // Each event's time is read once here: an event is a cold object by the time the
    // watermark passes it, and the loop and the ordering of ties would otherwise read it twice.
    long te = n > 0 ? pending.get(0).ts() : Long.MAX_VALUE;
    int ordered = 0; // pending[0, ordered) is in its final order
    try {
      while (true) {
        long tw = wakes.isEmpty() ? Long.MAX_VALUE : wakes.firstKey();
        if (te <= tw && te <= watermark && next < n) {
          if (next >= ordered) {
            ordered = orderTies(next, te);
          }
          Event e = pending.get(next++);
          done = Math.max(done, te);
          dispatch(e, group, key, dir, out);
          te = next < n ? pending.get(next).ts() : Long.MAX_VALUE;
        } else if (tw < te && tw <= watermark && !wakes.isEmpty()) {
          long mask = wakes.pollFirstEntry().getValue();
          done = Math.max(done, tw);
          wake(tw, mask, group, key, dir, out);
        } else {
          break;
        }
      }
    } finally {
      if (next == n) {
        pending.clear();
      } else if (next > 0) {
        pending.subList(0, next).clear();
      }
    }
    done = Math.max(done, watermark == Long.MAX_VALUE ? done : watermark);
    return expire(watermark, group);
  }

  /**
   * Events of one time reach a key in an order the engine does not fix: two Kafka readers, or
   * parallel order-link tasks, interleave as the scheduler lets them, and a replay after a
   * crash interleaves them again differently. Detectors that keep insertion order (a member
   * list, the first account of a tie) would then write different evidence for the same input.
   * Sorting each run of equal times by content before it is processed makes what the detectors
   * see, and so every alert, a function of the events alone. A run is sorted when the
   * watermark has passed it, just before its first event is processed: no event of its time
   * can still arrive.
   *
   * @return the end of the run of time {@code t} that starts at {@code from}
   */
  private int orderTies(int from, long t) {
    int n = pending.size();
    int j = from + 1;
    while (j < n && pending.get(j).ts() == t) {
      j++;
    }
    if (j - from > 1) {
      pending.subList(from, j).sort(SAME_TIME);
    }
    return j;
  }

  /** The order of events of one time: by type, room, account, then everything they say. */
  static final java.util.Comparator<Event> SAME_TIME = java.util.Comparator
      .comparingInt((Event e) -> e.type().ordinal())
      .thenComparing(Event::room, java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()))
      .thenComparing(Event::user, java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()))
      .thenComparing(Object::toString);

  private long expire(long watermark, DetectorGroup group) {
    long next = Long.MAX_VALUE;
    if (!pending.isEmpty()) {
      next = pending.get(0).ts();
    }
    if (!wakes.isEmpty()) {
      next = Math.min(next, wakes.firstKey());
    }
    if (states != null && watermark != Long.MAX_VALUE) {
      for (int i = 0; i < states.length; i++) {
        if (states[i] == null) {
          continue;
        }
        long until = satAdd(lastSeen[i], group.get(i).retentionMillis());
        if (until < watermark && !hasWake(i)) {
          states[i] = null;
        } else {
          next = Math.min(next, until);
        }
      }
    }
    return next;
  }

  private boolean hasWake(int i) {
    long bit = 1L << i;
    for (long mask : wakes.values()) {
      if ((mask & bit) != 0) {
        return true;
      }
    }
    return false;
  }

  /** True when nothing is kept: the engine may delete this key. */
  public boolean isEmpty() {
    // a key with faults is kept, small as it is, so its fault count and quarantine hold
    if (!pending.isEmpty() || !wakes.isEmpty() || faults != null) {
      return false;
    }
    if (states != null) {
      for (Object s : states) {
        if (s != null) {
          return false;
        }
      }
    }
    return true;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void dispatch(Event e, DetectorGroup group, String key, Directory dir,
      Output out) {
    ensure(group);
    for (int i = 0; i < group.size(); i++) {
      Detector d = group.get(i);
      if ((quarantined & (1L << i)) != 0 || !d.accepts(e)) {
        continue;
      }
      try {
        if (states[i] == null) {
          states[i] = d.newState();
        }
        lastSeen[i] = Math.max(lastSeen[i], e.ts());
        d.onEvent(states[i], e, ctx(group, i, key, e.ts(), dir, out));
      } catch (RuntimeException | StackOverflowError t) {
        fault(i, d, key, e, e.ts(), t, out);
      }
    }
  }

  private void fault(int i, Detector<?> d, String key, Event e, long t, Throwable error,
      Output out) {
    states[i] = null;
    if (faults == null) {
      faults = new byte[states.length];
    }
    if (++faults[i] >= MAX_FAULTS) {
      quarantined |= 1L << i;
    }
    out.fault(DetectorFault.of(d, key, e, t, error), error);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void wake(long t, long mask, DetectorGroup group, String key, Directory dir,
      Output out) {
    ensure(group);
    for (int i = 0; i < group.size(); i++) {
      if ((mask & (1L << i)) != 0 && states[i] != null) {
        Detector d = group.get(i);
        try {
          d.onWake(states[i], t, ctx(group, i, key, t, dir, out));
        } catch (RuntimeException | StackOverflowError err) {
          fault(i, d, key, null, t, err, out);
        }
      }
    }
  }

  private Ctx ctx(DetectorGroup group, int index, String key, long now, Directory dir,
      Output out) {
    if (ctx == null) {
      ctx = new Ctx();
    }
    ctx.set(group, index, key, now, dir, out);
    return ctx;
  }

  private void ensure(DetectorGroup group) {
    if (states == null) {
      states = new Object[group.size()];
      lastSeen = new long[group.size()];
      java.util.Arrays.fill(lastSeen, Long.MIN_VALUE);
    }
  }

  // The parts below exist for the engine's versioned serializer (KeyStateSerializer), which
  // writes each part itself so that a savepoint survives a detector that gains a field or a
  // group that gains a detector; Java or Kryo field serialisation of this class would not.

  /** Events waiting for the watermark, in time order (live view, not a copy). */
  public java.util.List<Event> pendingEvents() {
    return pending;
  }

  /** Wake-up time to bitmask of detector positions (live view). */
  public java.util.NavigableMap<Long, Long> wakeUps() {
    return wakes;
  }

  /** Each detector's state by its position in the group, or null before the first event. */
  public Object[] detectorStates() {
    return states;
  }

  /** Each detector's latest event time by position, or null before the first event. */
  public long[] lastSeen() {
    return lastSeen;
  }

  /** The event time processed so far. */
  public long processedUntil() {
    return done;
  }

  /** Faults per detector position, or null when none ever happened on this key. */
  public byte[] faultCounts() {
    return faults;
  }

  /** Bit i: the detector at position i is left out for this key. */
  public long quarantinedMask() {
    return quarantined;
  }

  /** The detector kinds that positions refer to, or null for the group's own order. */
  public java.util.List<String> layout() {
    return layout;
  }

  /**
   * A state rebuilt from its parts, as the accessors above return them; {@code states} and
   * {@code lastSeen} are both null or both of the layout's size; {@code layout} names the
   * detector at each position (null: the group's order).
   */
  public static KeyState of(java.util.List<Event> pending, java.util.Map<Long, Long> wakes,
      Object[] states, long[] lastSeen, long done, byte[] faults, long quarantined,
      java.util.List<String> layout) {
    if ((states == null) != (lastSeen == null)
        || (states != null && states.length != lastSeen.length)) {
      throw new IllegalArgumentException("states and lastSeen must match");
    }
    KeyState ks = new KeyState();
    ks.pending.addAll(pending);
    ks.wakes.putAll(wakes);
    ks.states = states;
    ks.lastSeen = lastSeen;
    ks.done = done;
    ks.faults = faults;
    ks.quarantined = quarantined;
    ks.layout = layout;
    return ks;
  }

  private static long satAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }

  /**
   * A detector's context, and its view of the directory: reading a part it did not declare
   * fails loudly, in tests and in the engine alike, instead of quietly finding nothing because
   * the engine did not replicate that part.
   */
  private final class Ctx implements Context, Directory {
    private DetectorGroup group;
    private int index;
    private String key;
    private long now;
    private Directory dir;
    private Output out;

    void set(DetectorGroup group, int index, String key, long now, Directory dir,
        Output out) {
      this.group = group;
      this.index = index;
      this.key = key;
      this.now = now;
      this.dir = dir;
      this.out = out;
    }

    @Override
    public String key() {
      return key;
    }

    @Override
    public long now() {
      return now;
    }

    @Override
    public Directory directory() {
      return this;
    }

    @Override
    public AccountEvent account(String user) {
      check(Part.ACCOUNTS);
      return dir.account(user);
    }

    @Override
    public RoomStart room(String room) {
      check(Part.ROOMS);
      return dir.room(room);
    }

    @Override
    public Product product(String sku) {
      check(Part.PRODUCTS);
      return dir.product(sku);
    }

    private void check(Part p) {
      if (!group.readsOf(index).contains(p)) {
        throw new IllegalStateException("detector " + group.get(index).kind() + " reads " + p
            + " from the directory but does not declare it in reads()");
      }
    }

    @Override
    public void emit(Alert alert) {
      out.alert(alert);
    }

    @Override
    public void wakeAt(long time) {
      // A wake-up past the retention horizon would keep a quiet key alive for ever.
      if (time > satAdd(Math.max(lastSeen[index], now), group.get(index).retentionMillis())) {
        return;
      }
      wakes.merge(Math.max(time, now), 1L << index, (a, b) -> a | b);
    }
  }
}
