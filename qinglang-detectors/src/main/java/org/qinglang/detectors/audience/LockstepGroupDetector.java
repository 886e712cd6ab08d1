package org.qinglang.detectors.audience;

import org.qinglang.detect.Directory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.qinglang.detect.AlertBuilder;
import org.qinglang.detect.Context;
import org.qinglang.detect.Detector;
import org.qinglang.detect.Scope;
import org.qinglang.event.Comment;
import org.qinglang.event.Event;
import org.qinglang.event.ViewerJoin;

/**
 * {@code lockstep_group}: accounts that enter the same rooms within seconds of each other,
 * room after room (CopyCatch / SynchroTrap over account x (room, moment)).
 *
 * <p>A <em>column</em> is a room at a moment: the joins within {@link #DELTA} of each other.
 * Two accounts are <em>tied</em> when they share a column in at least {@link #MIN_ROOMS}
 * different rooms; a tie's weight sums, per shared room, 1/ln({@link #C} + the column's
 * degree), FRAUDAR's down-weighting, so that sharing the rush after a 上链接 or the opening
 * minute of a big show counts for less than sharing a quiet moment. Without the time dimension
 * every heavy viewer would be tied to every other; without the down-weighting the densest
 * blocks would be crowds at head rooms. Each new or stronger tie re-peels its component
 * ({@link DenseBlock}); a block of at least {@link #MIN_GROUP} accounts, each tied to at least
 * {@link #MIN_TIES} others, is a group. Pairs that shared only {@code MIN_ROOMS - 1} rooms
 * keep a weak tie, used only to attach a member who skipped rooms to a group already found.
 *
 * <p>One alert per group; its id comes from the smallest account id of the group's first
 * detection and is kept as the group grows. State is bounded: see the constants.
 */
public final class LockstepGroupDetector implements Detector<LockstepGroupDetector.State> {
  public static final String KIND = "lockstep_group";
  /** Joins this close in one room share a column. */
  static final long DELTA = 10_000;
  static final int MIN_ROOMS = 3;
  static final int MIN_GROUP = 5;
  static final int MIN_TIES = 4;
  static final double C = 5;
  /**
   * History and ties older than this are forgotten: a week, because hired groups work their
   * clients' shows on successive evenings, not only within one.
   */
  static final long HORIZON = 7 * 24 * 3_600_000L;
  public static final long HORIZON_MILLIS = HORIZON;
  static final long SWEEP_EVERY = 3_600_000L;
  static final int MAX_ACCOUNTS = 300_000;
  static final int MAX_WINDOW = 400;
  static final int MAX_TIED = 100_000;
  static final int MAX_COMPONENT = 5_000;
  static final int MAX_GROUPS = 10_000;
  private static final int OFFSETS_PER_ROOM = 20;

  /** The single global state. */
  public static final class State {
    String platform;
    /** Recent joins per room, within DELTA of the latest. */
    final HashMap<String, ArrayDeque<Object[]>> windows = new HashMap<>();
    final HashMap<String, Long> windowLast = new HashMap<>();
    /** Per account, access-ordered so the least recently active is evicted first. */
    final LinkedHashMap<String, JoinHistory> accounts = new LinkedHashMap<>(1024, 0.75f, true);
    /** Tie graph: account -> tied account -> weight. */
    final HashMap<String, Map<String, Float>> ties = new HashMap<>();
    final HashMap<String, Long> tieLast = new HashMap<>();
    /** Pairs that shared a column in MIN_ROOMS - 1 rooms: not enough to found a group, enough
     * to join one that the strong ties already found. */
    final HashMap<String, Map<String, Float>> weak = new HashMap<>();
    final LinkedHashMap<String, Group> groups = new LinkedHashMap<>();
    final HashMap<String, String> groupOf = new HashMap<>();
    long nextSweep = Long.MIN_VALUE;
    long joinsSeen;
    long tiesMade;
  }

  /** A group found: stable id, everyone named so far. */
  static final class Group {
    final String id;
    final long firstSeen;
    final LinkedHashSet<String> members = new LinkedHashSet<>();
    int emittedMembers;
    int emittedRooms;
    double density;

    Group(String id, long firstSeen) {
      this.id = id;
      this.firstSeen = firstSeen;
    }
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Scope scope() {
    return Scope.GLOBAL;
  }

  @Override
  public Set<Directory.Part> reads() {
    return NO_PARTS;
  }

  @Override
  public boolean accepts(Event e) {
    return e instanceof ViewerJoin || e instanceof Comment;
  }

  /** The one global state must outlive the quiet day between two evenings. */
  @Override
  public long retentionMillis() {
    return HORIZON;
  }

  @Override
  public State newState() {
    return new State();
  }

  @Override
  public void onEvent(State s, Event e, Context ctx) {
    s.platform = e.platform();
    if (e.ts() >= s.nextSweep) {
      sweep(s, e.ts());
      s.nextSweep = e.ts() + SWEEP_EVERY;
    }
    if (e instanceof Comment c) {
      JoinHistory h = s.accounts.get(c.user());
      if (h != null) {
        h.comment(c.room(), c.ts());
      }
      return;
    }
    ViewerJoin j = (ViewerJoin) e;
    s.joinsSeen++;
    String u = j.user();
    long t = j.ts();
    ArrayDeque<Object[]> win = s.windows.computeIfAbsent(j.room(), k -> new ArrayDeque<>());
    s.windowLast.put(j.room(), t);
    while (!win.isEmpty() && (long) win.peekFirst()[1] < t - DELTA) {
      win.pollFirst();
    }
    JoinHistory hu = s.accounts.get(u);
    if (hu == null) {
      hu = new JoinHistory();
      s.accounts.put(u, hu);
      if (s.accounts.size() > MAX_ACCOUNTS) {
        Iterator<String> it = s.accounts.keySet().iterator();
        it.next();
        it.remove();
      }
    }
    double w = 1 / Math.log(C + win.size() + 1);
    if (!hu.add(j.room(), t, w)) {
      return; // back in a room already counted: no new column
    }
    boolean changed = false;
    if (hu.size >= MIN_ROOMS - 1) {
      for (Object[] other : win) {
        String v = (String) other[0];
        if (!v.equals(u)) {
          changed |= tie(s, u, hu, v, t);
        }
      }
    }
    if (win.size() < MAX_WINDOW) {
      win.addLast(new Object[] {u, t});
    }
    if (changed) {
      findGroups(s, u, ctx);
    }
  }

  /** Ties u and v when they shared a column in MIN_ROOMS rooms; true when the tie is new or stronger. */
  private boolean tie(State s, String u, JoinHistory hu, String v, long now) {
    JoinHistory hv = s.accounts.get(v);
    if (hv == null || hv.size < MIN_ROOMS - 1) {
      return false;
    }
    int rooms = 0;
    double weight = 0;
    for (int i = 0; i < hu.size; i++) {
      int k = hv.indexOf(hu.rooms[i]);
      if (k >= 0 && Math.abs(hu.ts[i] - hv.ts[k]) <= DELTA) {
        rooms++;
        weight += Math.min(hu.weight[i], hv.weight[k]);
      }
    }
    if (rooms < MIN_ROOMS - 1) {
      return false;
    }
    if (rooms < MIN_ROOMS) {
      if (s.weak.size() < MAX_TIED || s.weak.containsKey(u)) {
        s.weak.computeIfAbsent(u, k -> new HashMap<>()).put(v, (float) weight);
        s.weak.computeIfAbsent(v, k -> new HashMap<>()).put(u, (float) weight);
        s.tieLast.put(u, now);
        s.tieLast.put(v, now);
      }
      return false;
    }
    Map<String, Float> nu = s.ties.computeIfAbsent(u, k -> new HashMap<>());
    Float old = nu.get(v);
    if (old != null && old >= (float) weight) {
      return false;
    }
    if (old == null && s.ties.size() >= MAX_TIED) {
      return false; // the tie graph is full until the next sweep frees it
    }
    nu.put(v, (float) weight);
    s.ties.computeIfAbsent(v, k -> new HashMap<>()).put(u, (float) weight);
    s.tieLast.put(u, now);
    s.tieLast.put(v, now);
    s.tiesMade++;
    return true;
  }

  private void findGroups(State s, String u, Context ctx) {
    Set<String> comp = DenseBlock.component(s.ties, u, MAX_COMPONENT);
    if (comp.size() < MIN_GROUP) {
      return;
    }
    for (DenseBlock.Block b : DenseBlock.peel(s.ties, comp, MIN_GROUP, MIN_TIES, 4)) {
      Group g = existing(s, b.accounts());
      if (g == null) {
        g = new Group(Collections.min(b.accounts()), ctx.now());
        s.groups.put(g.id, g);
        if (s.groups.size() > MAX_GROUPS) {
          Iterator<String> it = s.groups.keySet().iterator();
          it.next();
          it.remove();
        }
      }
      for (String a : new java.util.TreeSet<>(b.accounts())) {
        g.members.add(a);
        s.groupOf.put(a, g.id);
      }
      attach(s, g);
      g.density = Math.max(g.density, b.density());
      List<Map<String, Object>> rooms = GroupEvidence.rooms(s, g.members);
      boolean grew = g.members.size() > g.emittedMembers || rooms.size() > g.emittedRooms;
      if (grew && rooms.size() >= MIN_ROOMS) { // the last room's joins may still be arriving
        g.emittedMembers = g.members.size();
        g.emittedRooms = rooms.size();
        ctx.emit(alert(s, g, b, rooms, ctx));
      }
    }
  }

  /**
   * The group a block belongs to: one it overlaps, or one it is tied to about as strongly as a
   * member is (peeling can cut a loosely attended group into two blocks).
   */
  private static Group existing(State s, Set<String> block) {
    Map<String, Integer> tiesTo = new HashMap<>();
    for (String a : block) {
      String gid = s.groupOf.get(a);
      if (gid != null && s.groups.containsKey(gid)) {
        return s.groups.get(gid);
      }
      for (Map<String, Map<String, Float>> graph : List.of(s.ties, s.weak)) {
        for (String v : graph.getOrDefault(a, Map.of()).keySet()) {
          String gv = s.groupOf.get(v);
          if (gv != null && s.groups.containsKey(gv)) {
            tiesTo.merge(gv, 1, Integer::sum);
          }
        }
      }
    }
    for (Map.Entry<String, Integer> e : tiesTo.entrySet()) {
      if (e.getValue() >= block.size()) {
        return s.groups.get(e.getKey());
      }
    }
    return null;
  }

  /**
   * Adds accounts tied (strongly or weakly) to at least ATTACH_SHARE of the group, and at least
   * MIN_TIES members: a member who skipped some of the group's rooms still shared two of them.
   * A heavy viewer who happened to enter two of the group's rooms at its moment is kept out
   * by asking for the group's step in at least 3 of every 4 of its rooms the account entered.
   */
  /**
   * Share of the group an account must be tied to before it is attached. Half let one heavy
   * viewer in on some evenings (account precision 0.97-0.98); two thirds keeps them out.
   */
  static final double ATTACH_SHARE = 2.0 / 3;

  private static void attach(State s, Group g) {
    int need = Math.max(MIN_TIES, (int) Math.ceil(ATTACH_SHARE * g.members.size()));
    boolean grew = true;
    while (grew) {
      grew = false;
      Map<String, long[]> steps = groupSteps(s, g.members);
      Map<String, Integer> count = new HashMap<>();
      for (String m : g.members) {
        Set<String> seen = new java.util.HashSet<>();
        for (Map<String, Map<String, Float>> graph : List.of(s.ties, s.weak)) {
          for (String v : graph.getOrDefault(m, Map.of()).keySet()) {
            if (!g.members.contains(v) && seen.add(v)) {
              count.merge(v, 1, Integer::sum);
            }
          }
        }
      }
      for (Map.Entry<String, Integer> e : new TreeMap<>(count).entrySet()) {
        if (e.getValue() >= need && inStep(s.accounts.get(e.getKey()), steps)) {
          g.members.add(e.getKey());
          s.groupOf.put(e.getKey(), g.id);
          grew = true;
        }
      }
    }
  }

  /** Per room the group entered, its members' join times, sorted. */
  private static Map<String, long[]> groupSteps(State s, Set<String> members) {
    Map<String, List<Long>> byRoom = new HashMap<>();
    for (String m : members) {
      JoinHistory h = s.accounts.get(m);
      for (int i = 0; h != null && i < h.size; i++) {
        byRoom.computeIfAbsent(h.rooms[i], k -> new ArrayList<>()).add(h.ts[i]);
      }
    }
    Map<String, long[]> out = new HashMap<>();
    byRoom.forEach((room, ts) -> {
      if (ts.size() >= MIN_TIES) {
        out.put(room, ts.stream().mapToLong(Long::longValue).sorted().toArray());
      }
    });
    return out;
  }

  private static boolean inStep(JoinHistory h, Map<String, long[]> steps) {
    if (h == null) {
      return false;
    }
    int visited = 0;
    int inStep = 0;
    for (int i = 0; i < h.size; i++) {
      long[] ts = steps.get(h.rooms[i]);
      if (ts == null) {
        continue;
      }
      visited++;
      int lo = java.util.Arrays.binarySearch(ts, h.ts[i] - DELTA);
      int hi = java.util.Arrays.binarySearch(ts, h.ts[i] + DELTA);
      lo = lo < 0 ? -lo - 1 : lo;
      hi = hi < 0 ? -hi - 1 : hi + 1;
      if (hi - lo >= MIN_TIES) {
        inStep++;
      }
    }
    return inStep >= MIN_ROOMS - 1 && inStep * 4 >= visited * 3;
  }

  private org.qinglang.alert.Alert alert(State s, Group g, DenseBlock.Block b,
      List<Map<String, Object>> rooms, Context ctx) {
    double spread = 0;
    for (Map<String, Object> r : rooms) {
      spread = Math.max(spread, ((Number) r.get("spread_s")).doubleValue());
    }
    double score = Math.min(1, 0.5 + 0.05 * rooms.size() + 0.01 * g.members.size());
    return AlertBuilder.of(KIND, g.id)
        .at(ctx.now(), s.platform)
        .score(score)
        .subjects("account", g.members)
        .summary(String.format("%d accounts entered the same %d rooms together, each time within"
            + " %.0f s of each other", g.members.size(), rooms.size(), Math.ceil(spread)))
        .evidence("accounts", g.members.size())
        .evidence("rooms_together", rooms.size())
        .evidence("rooms", rooms)
        .evidence("block_density", Math.round(g.density * 100) / 100.0)
        .evidence("block_ties", b.ties())
        .evidence("first_detected_ts", g.firstSeen)
        .evidence("threshold", "tied = joined within " + DELTA / 1000 + " s of each other in >= "
            + MIN_ROOMS + " rooms; column weight 1/ln(" + (int) C + " + joins in the column);"
            + " group = densest peeled block of >= " + MIN_GROUP + " accounts, each tied to >= "
            + MIN_TIES + " members")
        .rule("QL-AUD-003")
        .basis("traffic_fabrication")
        .build();
  }

  /** Forgets what is older than the horizon, so state follows the stream, not its history. */
  private static void sweep(State s, long now) {
    long cutoff = now - HORIZON;
    s.windows.keySet().removeIf(r -> s.windowLast.getOrDefault(r, Long.MIN_VALUE) < now - DELTA);
    s.windowLast.keySet().retainAll(s.windows.keySet());
    Iterator<Map.Entry<String, JoinHistory>> it = s.accounts.entrySet().iterator();
    while (it.hasNext()) {
      JoinHistory h = it.next().getValue();
      h.forgetBefore(cutoff);
      if (h.size == 0) {
        it.remove();
      }
    }
    List<String> stale = new ArrayList<>();
    s.tieLast.forEach((a, t) -> {
      if (t < cutoff) {
        stale.add(a);
      }
    });
    for (String a : stale) {
      s.tieLast.remove(a);
      for (Map<String, Map<String, Float>> graph : List.of(s.ties, s.weak)) {
        Map<String, Float> nb = graph.remove(a);
        if (nb != null) {
          for (String v : nb.keySet()) {
            Map<String, Float> back = graph.get(v);
            if (back != null) {
              back.remove(a);
            }
          }
        }
      }
    }
    s.groupOf.values().retainAll(s.groups.keySet());
  }

  /** Figures for the evidence, also read by tests. */
  static Map<String, Object> stats(State s) {
    Map<String, Object> m = new TreeMap<>();
    m.put("accounts", s.accounts.size());
    m.put("tied_accounts", s.ties.size());
    m.put("groups", s.groups.size());
    m.put("joins", s.joinsSeen);
    return m;
  }

  static int offsetsPerRoom() {
    return OFFSETS_PER_ROOM;
  }
}
