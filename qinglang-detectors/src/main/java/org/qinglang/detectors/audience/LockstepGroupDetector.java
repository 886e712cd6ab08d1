package org.qinglang.detectors.audience;

import org.qinglang.detect.Directory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.qinglang.detect.AlertBuilder;
import org.qinglang.detect.Context;
import org.qinglang.detect.DetectorSpec;
import org.qinglang.detect.RecencyMap;
import org.qinglang.detect.Scope;
import org.qinglang.detect.SpecDetector;
import org.qinglang.event.EventType;
import org.qinglang.event.RoomStart;
import org.qinglang.event.Comment;
import org.qinglang.event.Event;
import org.qinglang.event.ViewerJoin;

/**
 * {@code lockstep_group}: accounts that keep turning up in the same rooms, across rooms of
 * different anchors and across days, whatever their timing.
 *
 * <p>Two accounts are compared when the second enters a room the first entered less than
 * {@link #WINDOW} before, and both have visited rooms of at least {@code MIN_ROOMS - 1}
 * anchors. Their tie weighs how surprising their shared visits are under a null model of
 * chance overlap: for each shared room, the chance that a random account of the population
 * entered it as close in time as the other did is {@code 2 |dt| x (the room's joins per
 * minute) / (accounts seen)}; the tie sums {@code -ln} of that chance over the anchors they
 * share (each anchor once, its most surprising room). So a busy room (a head show, the rush
 * after 上链接) and a loose arrival earn little, a quiet room and a tight arrival much: timing
 * is evidence, not the gate. Fandom is the null model's other half: rooms of one anchor count
 * once (fans come to every show), and a visit by {@code follow} in a show's first
 * {@link #OPENING} is explained by the notification and does not count at all.
 *
 * <p>A pair that shares {@link #MIN_ROOMS} anchors and {@link #MIN_SURPRISE} nats is tied; one
 * that shares one anchor fewer keeps a weak tie, used only to attach members who skipped
 * rooms to a group already found. Each new or stronger tie re-peels its component
 * ({@link DenseBlock}, weighted greedy peeling); a block of at least {@link #MIN_GROUP}
 * accounts, each tied to at least {@link #MIN_TIES} others, is a group.
 *
 * <p>One alert per group; its id comes from the smallest account id of the group's first
 * detection and is kept as the group grows. State is bounded: see the constants.
 */
public final class LockstepGroupDetector extends SpecDetector<LockstepGroupDetector.State> {
  public static final String KIND = "lockstep_group";
  /**
   * Who is compared with whom: entries to one room this close. Staggered groups (分时段进场)
   * spread their members over minutes; beyond this, arrivals are the room's whole audience.
   */
  static final long WINDOW = 5 * 60_000L;
  /** Closer arrivals than this are not taken as more surprising: clocks and the feed jitter. */
  static final long TIGHT = 10_000L;
  /** A follow-entry this soon after the show starts is a fan answering the notification. */
  static final long OPENING = 10 * 60_000L;
  /** Anchors two accounts must share. */
  static final int MIN_ROOMS = 3;
  /** Nats of chance a tie must beat: about e^-16, one in nine million. */
  static final double MIN_SURPRISE = 16;
  static final int MIN_GROUP = 5;
  static final int MIN_TIES = 4;
  /** Population floor of the null model, so the first minutes of a stream are not surprising. */
  static final int MIN_POPULATION = 2_000;
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

  static final DetectorSpec SPEC = DetectorSpec.of(KIND, Scope.GLOBAL)
      .accepts(EventType.VIEWER_JOIN, EventType.COMMENT)
      .reads(Directory.Part.ROOMS)
      .retention(java.time.Duration.ofMillis(HORIZON));

  /**
   * What a reviewer re-checks: the members, the rooms they entered together (with each
   * member's offset there), how many anchors those rooms belong to, the block's density in
   * nats of surprise per member, and the thresholds. {@code rooms} are the rooms of the alert's
   * platform; for a group on several platforms (absent otherwise) {@code roomsByPlatform} counts
   * its rooms on each and {@code alertsByPlatform} names each platform's alert of it, and
   * {@code roomsTogether} and {@code anchors} are the group's.
   */
  public record Evidence(int accounts, int roomsTogether, int anchors,
      List<Map<String, Object>> rooms, Map<String, Integer> roomsByPlatform,
      Map<String, String> alertsByPlatform, double blockDensity,
      int blockTies, long firstDetectedTs, String threshold, List<Member> members)
      implements org.qinglang.alert.Evidence {}

  /**
   * Why one named account is tied in. {@code joinedBy}: {@code dense_block} (peeled with the
   * group: tied to at least {@link #MIN_TIES} members by {@code strongTies}), {@code in_step}
   * (attached afterwards: tied strongly or weakly to two thirds of the group, and in step with
   * it in 3 of its rooms) or {@code pool} (attached afterwards by its own entries into the
   * group's rooms, passing the pool test). For every
   * member, however it joined: the group's anchors it entered inside the group's entry span and
   * the nats of that under the pool null model ({@link GroupFootprint}), against {@code bar}.
   */
  public record Member(String account, String joinedBy, int strongTies, int anchorsInSpan,
      double poolNats, double bar) implements org.qinglang.alert.Evidence {}

  public LockstepGroupDetector() {
    super(SPEC);
  }

  /** One room's door: its anchor and start, how busy it is, and the recent comparable joins. */
  static final class Door {
    /**
     * The one instance of the room's id (and of its anchor's) that histories keep, so that
     * comparing two histories compares references, not characters.
     */
    final String room;
    final String anchor;
    final long start;
    /** Null in a door restored from a savepoint taken before the window had this form. */
    JoinWindow window = new JoinWindow();
    /**
     * Null in a door restored from a state written before the counts were kept, until its next
     * join; then they cover from that join on, and the pool test prices the part of a span
     * before it by the rate, as before the counts.
     */
    JoinCounts counts = new JoinCounts();
    double load;
    long loadTs;
    long last;
    /** The room's platform, from its joins (null in a door restored from before it was kept). */
    String platform;

    Door(String room, String anchor, long start) {
      this.room = room;
      this.anchor = anchor;
      this.start = start;
    }

    /** Joins per millisecond, decayed over WINDOW, this join included. */
    double arrive(long t) {
      if (t > loadTs) {
        load *= Math.exp(-(t - loadTs) / (double) WINDOW);
        loadTs = t;
      }
      load += 1;
      last = Math.max(last, t);
      counts().add(t);
      return load / WINDOW;
    }

    JoinCounts counts() {
      if (counts == null) {
        counts = JoinCounts.resumed();
      }
      return counts;
    }

    JoinWindow window() {
      if (window == null) {
        window = new JoinWindow();
      }
      return window;
    }
  }

  /** The single global state. */
  public static final class State {
    String platform;
    final HashMap<String, Door> doors = new HashMap<>();
    /** One instance per anchor id, shared by its rooms' doors. */
    final HashMap<String, String> anchors = new HashMap<>();
    /** Per account, access-ordered so the least recently active is evicted first. */
    final LinkedHashMap<String, JoinHistory> accounts = new RecencyMap<>(1024);
    /**
     * The tie graphs by account number: strong ties (account -> tied account -> nats of
     * surprise), weak ones (pairs that shared MIN_ROOMS - 1 anchors: not enough to found a
     * group, enough to join one that the strong ties already found) and each account's last tie.
     */
    TieGraph graph = new TieGraph();
    /**
     * The same three as a state written before {@link TieGraph} (up to 37fddba) holds them: read
     * by Kryo by name, moved into {@link #graph} at the first event or wake ({@link #graph(State)})
     * and nulled. Never written by this version.
     */
    HashMap<String, Map<String, Float>> ties;
    HashMap<String, Long> tieLast;
    HashMap<String, Map<String, Float>> weak;
    /** Read-only views of {@link #graph} by name, for the attach rules and the evidence. */
    transient Map<String, Map<String, Float>> strongView;
    transient Map<String, Map<String, Float>> weakView;
    final LinkedHashMap<String, Group> groups = new LinkedHashMap<>();
    final HashMap<String, String> groupOf = new HashMap<>();
    long nextSweep = Long.MIN_VALUE;
    /** Accounts whose strong ties changed since the last peel. */
    final LinkedHashSet<String> dirty = new LinkedHashSet<>();
    long joinsSeen;
    long compared;
    long tiesMade;
    /**
     * Latest join time handled. The mask copies in the windows are kept current for entries
     * that a join at or after it can still see; a join older than it (handled late) compares
     * its whole window.
     */
    long latestJoin = Long.MIN_VALUE;
    /** Scratch of {@link #tie}, reused so that a comparison allocates nothing. */
    transient String[] tieAnchors;
    transient double[] tieLeast;
    transient boolean[] tieAligned;
    /** Scratch of the window scan: positions of the entries worth comparing. */
    transient int[] candidates;
    /**
     * Scratch signatures: the joining account's (see onEvent) and a history's own, of its rooms
     * and of its rooms at their times.
     */
    transient long[] querySig;
    transient long[] ownSig;
    transient long[] queryTimed;
    transient long[] ownTimed;
    /**
     * Accounts whose component peeled to no block since the last pass of the whole-block test,
     * and when that pass may run next ({@link #POOL_EVERY}). Written with the rest (they were
     * transient up to 8b5447c): a state restored without them tested its components only when
     * their ties next changed, so a resumed job found another set of groups, at other times,
     * than the job it resumed (KeyStateSerializerTest, lockstep_jitter seed 11).
     */
    LinkedHashSet<String> poolDirty;
    /**
     * Components the whole-block test passed over, by one account of each, with the joins seen
     * when last tested ({@link #RETRY_GROWTH}), and the joins seen at which the first of them is
     * due again. Written, as poolDirty is.
     */
    LinkedHashMap<String, Double> poolRetry;
    double poolRetryDue;
    /**
     * Accounts of poolRetry that stand for a component smaller than a core not yet tested: their
     * value is when they were first seen (see smallChanged).
     */
    HashSet<String> smallWaiting;
    /** Small components tested, by one account of each, with when (see smallActive). */
    LinkedHashMap<String, Long> smallTested;
    long poolNext;
    /** Scratch of poolBlocks: accounts of the block's neighbourhood marked by number. */
    transient int[] nearMark;
    transient int nearStamp;
    /** Scratch of onWake: accounts of the components already peeled or tested, by number. */
    transient int[] doneMark;
    transient int doneStamp;
  }

  /** A group found: stable id, everyone named so far. */
  static final class Group {
    final String id;
    final long firstSeen;
    final LinkedHashSet<String> members = new LinkedHashSet<>();
    /** How members attached after peeling joined: in_step or pool (null: none yet). */
    Map<String, String> joinedBy;
    int emittedMembers;
    int emittedRooms;
    double density;

    Group(String id, long firstSeen) {
      this.id = id;
      this.firstSeen = firstSeen;
    }
  }

  @Override
  public State newState() {
    return new State();
  }

  @Override
  public void onEvent(State s, Event e, Context ctx) {
    graph(s);
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
    if (s.poolRetry != null && !s.poolRetry.isEmpty() && joinsSeen(s) >= s.poolRetryDue) {
      s.poolRetryDue = Double.POSITIVE_INFINITY; // armed once: the wake recomputes it
      ctx.wakeAt(Math.max(ctx.now(), s.poolNext));
    }
    String u = j.user();
    long t = j.ts();
    Door door = s.doors.get(j.room());
    if (door == null) {
      RoomStart rs = ctx.directory().room(j.room());
      // Without its room_start a room is its own anchor: fandom cannot be told, so it is not
      // assumed.
      String anchor = rs == null || rs.anchor() == null ? j.room() : rs.anchor();
      door = new Door(j.room(), s.anchors.computeIfAbsent(anchor, a -> a),
          rs == null ? Long.MIN_VALUE : rs.ts());
      s.doors.put(j.room(), door);
    }
    if (door.platform == null) {
      door.platform = j.platform();
    }
    double rate = door.arrive(t);
    JoinWindow win = door.window();
    win.dropBefore(t - WINDOW);
    JoinHistory hu = s.accounts.get(u);
    if (hu == null) {
      hu = new JoinHistory();
      s.accounts.put(u, hu);
      if (s.accounts.size() > MAX_ACCOUNTS) {
        Iterator<JoinHistory> it = s.accounts.values().iterator();
        it.next().clear();
        it.remove();
      }
    }
    boolean fan = "follow".equals(j.via()) && door.start != Long.MIN_VALUE
        && t - door.start <= OPENING;
    boolean full = hu.size == JoinHistory.CAPACITY;
    String dropped = full ? hu.rooms[0] : null;
    long droppedTs = full ? hu.ts[0] : 0;
    if (!hu.add(door.room, door.anchor, t, rate, fan)) {
      return; // back in a room already counted
    }
    widenWindows(s, hu, t, dropped, droppedTs);
    boolean inOrder = t >= s.latestJoin;
    s.latestJoin = Math.max(s.latestJoin, t);
    if (fan || hu.unexplainedAnchors() < MIN_ROOMS - 1) {
      return; // cannot share enough anchors with anyone yet
    }
    boolean changed = false;
    boolean idle = s.dirty.isEmpty();
    double population = Math.max(MIN_POPULATION, s.accounts.size());
    if (s.candidates == null || s.candidates.length < win.size()) {
      s.candidates = new int[Math.max(MAX_WINDOW, win.size())];
    }
    int[] cand = s.candidates;
    // The same bit test tie() starts with, on the window's copies of the masks; a late join
    // cannot trust the copies (see latestJoin) and lets every entry through to tie().
    // A tie needs two anchors aligned, so at least one shared room of another anchor than this
    // room's, entered by both less than WINDOW apart: entries whose signature has none of those
    // rooms, or whose timed signature none of them at a time near ours, cannot tie and are
    // skipped. The time test passed over 1.0 M of the bench file's 1.8 M comparisons (none of
    // which made a tie) and left every alert as it was.
    if (s.querySig == null) {
      s.querySig = new long[JoinHistory.SIGNATURE_LONGS];
      s.queryTimed = new long[JoinHistory.SIGNATURE_LONGS];
    }
    hu.signature(door.anchor, s.querySig);
    hu.timedSignature(door.anchor, WINDOW, 1, s.queryTimed);
    int n = inOrder
        ? win.candidates(hu.mask, s.querySig, s.queryTimed, hu, MIN_ROOMS - 1, cand)
        : win.candidates(-1L, null, null, hu, 0, cand);
    for (int i = 0; i < n; i++) {
      changed |= tie(s, u, hu, win.user(cand[i]), win.history(cand[i]), t, population);
    }
    if (win.size() >= MAX_WINDOW) {
      win.pollFirst(); // a rush keeps its latest entries: a drip-fed group is among them
    }
    long[] own = ownSig(s);
    hu.signature(null, own);
    hu.timedSignature(null, WINDOW, 0, s.ownTimed);
    win.addLast(u, hu, t, hu.mask, own, s.ownTimed);
    if (changed) {
      if (idle) {
        ctx.wakeAt(ctx.now() + PEEL_EVERY);
      }
      TieGraph.Node nu = node(s, u, hu, false);
      if (nu != null && nu.strong != null) {
        s.dirty.add(u);
      }
    }
  }

  /**
   * The state's tie graph, after moving into it the maps of a state written before it existed.
   * The maps are read into a graph laid out as the old version's maps were after the same
   * restore, so the run goes on as it would have.
   */
  static TieGraph graph(State s) {
    if (s.ties != null || s.weak != null || s.tieLast != null) {
      s.graph = TieGraph.of(s.ties, s.weak, s.tieLast);
      s.ties = null;
      s.weak = null;
      s.tieLast = null;
      s.strongView = null;
      s.weakView = null;
    }
    s.graph.rehash();
    return s.graph;
  }

  /** The strong ties by name (read-only). */
  static Map<String, Map<String, Float>> ties(State s) {
    if (s.strongView == null) {
      s.strongView = graph(s).view(true);
    }
    return s.strongView;
  }

  /** The weak ties by name (read-only). */
  static Map<String, Map<String, Float>> weak(State s) {
    if (s.weakView == null) {
      s.weakView = graph(s).view(false);
    }
    return s.weakView;
  }

  /**
   * The tie-graph node of {@code name}, whose history is {@code h}: the one the history holds,
   * else looked up once; made when {@code create} and there is none.
   */
  private static TieGraph.Node node(State s, String name, JoinHistory h, boolean create) {
    TieGraph g = s.graph;
    TieGraph.Node n = h.node;
    if (!h.bound || (n != null && !g.live(n))) {
      n = g.find(name);
      h.node = n;
      h.bound = true;
    }
    if (n == null && create) {
      n = g.node(name);
      h.node = n;
    }
    return n;
  }

  private static void touch(TieGraph.Node n, long now) {
    n.last = now;
    n.hasLast = true;
  }

  /**
   * The scratch for a history's own signature, and beside it (ownTimed) its timed one: a join
   * must not allocate either.
   */
  private static long[] ownSig(State s) {
    if (s.ownSig == null) {
      s.ownSig = new long[JoinHistory.SIGNATURE_LONGS];
      s.ownTimed = new long[JoinHistory.SIGNATURE_LONGS];
    }
    return s.ownSig;
  }

  /**
   * After {@code h} entered a room at {@code t}, brings its mask into the copies held by the
   * windows it entered in the last WINDOW (only those can still be compared with a join at or
   * after {@code t}). A room that fell out of the full history no longer follows the mask, so
   * its copy becomes all bits: always compared, the exact test decides.
   */
  private static void widenWindows(State s, JoinHistory h, long t, String dropped,
      long droppedTs) {
    long since = t - WINDOW;
    long[] sig = null;
    for (int i = 0; i < h.size - 1; i++) {
      if (h.ts[i] >= since) {
        Door d = s.doors.get(h.rooms[i]);
        if (d != null && d.window != null) {
          if (sig == null) {
            sig = ownSig(s);
            h.signature(null, sig);
            h.timedSignature(null, WINDOW, 0, s.ownTimed);
          }
          d.window.widen(h, h.ts[i], h.mask, sig, s.ownTimed);
        }
      }
    }
    if (dropped != null && droppedTs >= since) {
      Door d = s.doors.get(dropped);
      if (d != null && d.window != null) {
        d.window.widen(h, droppedTs, -1L, null, null);
      }
    }
  }

  /**
   * Components are re-peeled once a minute of event time, not at every tie: in a busy
   * evening a component gains ties many times a second, and peeling it each time was most of
   * the detector's cost; a group is named a minute later at worst.
   */
  static final long PEEL_EVERY = 60_000L;

  /**
   * How often the test of a block as a whole runs over the components that peeled to nothing.
   * It peels a component together with its weak neighbours and trims the block member by member,
   * and an honest component (regulars of busy rooms) gains a tie most minutes of a busy evening:
   * run at every peel it doubled the detector's cost on the bench (3.7 to 7-8 µs per event). A
   * sparse pool is found up to ten minutes of event time later instead; it is a finding about a
   * whole evening of rooms, not a moment.
   */
  static final long POOL_EVERY = 10 * 60_000L;

  @Override
  public void onWake(State s, long time, Context ctx) {
    TieGraph g = graph(s);
    int done = newDone(s);
    for (String u : new ArrayList<>(s.dirty)) {
      // Forgotten since it was marked dirty: it has no ties left, so no component to peel.
      TieGraph.Node n = g.find(u);
      if (n != null && s.doneMark[n.num] != done) {
        markDone(s, findGroups(s, n.num, u, ctx));
      }
    }
    s.dirty.clear();
    double joins = joinsSeen(s);
    List<String> todo = new ArrayList<>();
    if (s.poolDirty != null) {
      todo.addAll(s.poolDirty);
    }
    if (s.poolRetry != null) {
      s.poolRetry.forEach((u, tested) -> {
        if (joins >= RETRY_GROWTH * tested) {
          todo.add(u);
        }
      });
      if (time >= s.poolNext) {
        smallActive(s, g, todo);
      }
    }
    if (todo.isEmpty()) {
      return;
    }
    if (time < s.poolNext) {
      ctx.wakeAt(s.poolNext);
      return;
    }
    if (s.poolRetry == null) {
      s.poolRetry = new LinkedHashMap<>();
      s.smallWaiting = new HashSet<>();
      s.smallTested = new LinkedHashMap<>();
    }
    done = newDone(s);
    for (String u : todo) {
      TieGraph.Node n = g.find(u);
      if (n == null || s.doneMark[n.num] == done) {
        s.poolRetry.remove(u); // forgotten, or tested this pass under another of its accounts
        s.smallWaiting.remove(u);
        s.smallTested.remove(u);
        continue;
      }
      int[] comp = DenseBlock.component(g, n.num, MAX_COMPONENT);
      boolean small = comp.length < CORE;
      if (small) {
        Double since = s.poolRetry.get(u);
        if (s.smallWaiting.contains(u) && joins < RETRY_GROWTH * since
            || since == null && !s.smallTested.containsKey(u)) {
          smallChanged(s, u); // still waiting, or shrunk below a core since it was marked
          continue;
        }
        s.smallWaiting.remove(u);
      }
      markDone(s, comp);
      boolean placed = false;
      for (DenseBlock.Block b : poolBlocks(s, comp)) {
        placed |= place(s, b, true, ctx);
      }
      if (placed) {
        s.poolRetry.remove(u);
        s.smallTested.remove(u);
      } else {
        s.poolRetry.put(u, joins);
        if (small) {
          s.smallTested.put(u, time);
        }
      }
    }
    if (s.poolDirty != null) {
      s.poolDirty.clear();
    }
    s.poolNext = time + POOL_EVERY;
    double due = Double.POSITIVE_INFINITY;
    for (double tested : s.poolRetry.values()) {
      due = Math.min(due, RETRY_GROWTH * tested);
    }
    s.poolRetryDue = due;
  }

  /**
   * How much the joins seen must grow before a component the whole-block test passed over is
   * tested again, its ties unchanged. The test's null model prices a landing by the share of all
   * joins seen that its span took, so the same landings grow rarer as the stream goes on: a
   * member landing in k anchors gains k ln 2 nats per doubling, the bar (ln accounts seen) at
   * most ln 2. A pool that works its rooms early and then stops making ties was otherwise judged
   * once, on the first minutes' counts, and never again (lockstep_jitter seed 111: a pool of 22
   * whose last tie came 26 minutes into the stream failed then and passed from about 50
   * minutes). Doubling bounds the re-tests of an honest component by log2 of the stream's growth.
   */
  static final double RETRY_GROWTH = 2;

  /**
   * A strong component smaller than a founding core ({@code u} one of its accounts) whose ties
   * changed. The whole-block test is the only way to a sparse pool over few rooms, which holds
   * only pairs and triples of strong ties (lockstep_jitter seed 137: 19 members over 4 rooms,
   * seven with one or two strong ties inside it). But tested as soon as they appear, such blocks
   * founded groups a core would have founded later and grown otherwise (account precision 0.97
   * on two evenings, recall down on four). So the first test waits until the joins seen have
   * grown {@link #RETRY_GROWTH}-fold, as a retry does, which gives a group's core its chance
   * first (see also smallActive).
   */
  private static void smallChanged(State s, String u) {
    if (s.poolRetry == null) {
      s.poolRetry = new LinkedHashMap<>();
      s.smallWaiting = new HashSet<>();
      s.smallTested = new LinkedHashMap<>();
    }
    if (!s.poolRetry.containsKey(u) && !s.smallTested.containsKey(u)) {
      double joins = joinsSeen(s);
      // The first due of a new map is this one (a fresh or restored state reads 0 there).
      s.poolRetryDue = s.poolRetry.isEmpty() ? RETRY_GROWTH * joins
          : Math.min(s.poolRetryDue, RETRY_GROWTH * joins);
      s.poolRetry.put(u, joins);
      s.smallWaiting.add(u);
    }
  }

  /**
   * Small components tested before whose neighbourhood made a tie since: a pool of few rooms
   * passes only once it has worked its next room, and then most of the new ties are weak ones
   * among its other members (seed 137: a block of 5 at net -2.2 just before its fourth room, of
   * 8 at 28.3 just after it, the pair's own ties unchanged). Waiting for the joins to double
   * again would have passed the end of that stream.
   */
  private static void smallActive(State s, TieGraph g, List<String> todo) {
    for (Iterator<Map.Entry<String, Long>> it = s.smallTested.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<String, Long> e = it.next();
      TieGraph.Node n = g.find(e.getKey());
      int[] comp = n == null ? null : DenseBlock.component(g, n.num, CORE);
      if (comp == null || comp.length >= CORE) {
        it.remove(); // forgotten, or grown to a core, whose changes are peeled as they come
        continue;
      }
      if (lastTie(g, comp) > e.getValue()) {
        todo.add(e.getKey());
      }
    }
  }

  /** The latest tie, strong or weak, of the accounts numbered {@code comp} or their neighbours. */
  private static long lastTie(TieGraph g, int[] comp) {
    long last = Long.MIN_VALUE;
    for (int a : comp) {
      TieGraph.Node na = g.nodes[a];
      last = Math.max(last, na.last);
      TieGraph.TieMap m = na.weak;
      int[] t = m == null ? null : m.table;
      for (int b = 0; t != null && b < t.length; b++) {
        for (int x = t[b]; x >= 0; x = m.next[x]) {
          last = Math.max(last, g.nodes[m.key[x]].last);
        }
      }
    }
    return last;
  }

  /** Starts a pass of onWake with no account marked done; returns its stamp. */
  private static int newDone(State s) {
    int top = s.graph.top;
    if (s.doneMark == null || s.doneMark.length < top) {
      s.doneMark = new int[Math.max(1024, top * 2)];
    }
    return ++s.doneStamp;
  }

  private static void markDone(State s, int[] comp) {
    for (int v : comp) {
      s.doneMark[v] = s.doneStamp;
    }
  }

  /** Nats of surprise of one shared room: -ln(chance a random account entered that close). */
  static double surprise(long dt, double rate, double population) {
    return nats(expected(dt, rate), population);
  }

  /** Accounts of the population expected to enter that close by chance, times the population. */
  static double expected(long dt, double rate) {
    return 2 * Math.max(TIGHT, Math.abs(dt)) * rate;
  }

  /**
   * Surprise of an expectation. It never rises with {@code expected} ({@code Math.log} is
   * semi-monotonic), so the most surprising of several rooms is the one expected least.
   */
  static double nats(double expected, double population) {
    return Math.max(0, -Math.log(Math.min(1, expected / population)));
  }

  static double lnChoose(int n, int k) {
    double r = 0;
    for (int i = 0; i < k; i++) {
      r += Math.log((double) (n - i) / (i + 1));
    }
    return r;
  }

  /**
   * Ties u and v by their shared anchors; true when a strong tie is new or stronger, or a new
   * weak tie made a strongly tied account dirty.
   */
  private boolean tie(State s, String u, JoinHistory hu, String v, JoinHistory hv, long now,
      double population) {
    if (Long.bitCount(hu.mask & hv.mask) < MIN_ROOMS - 1) {
      return false;
    }
    s.compared++;
    if (s.tieAnchors == null) {
      s.tieAnchors = new String[JoinHistory.CAPACITY];
      s.tieLeast = new double[JoinHistory.CAPACITY];
      s.tieAligned = new boolean[JoinHistory.CAPACITY];
    }
    String[] anchors = s.tieAnchors;
    double[] least = s.tieLeast;
    boolean[] aligned = s.tieAligned;
    int shared = 0;
    for (int i = 0; i < hu.size; i++) {
      if (hu.explained[i] || (JoinHistory.bit(hu.rooms[i]) & hv.mask) == 0) {
        continue;
      }
      int k = hv.indexOfSame(hu.rooms[i]);
      if (k < 0 || hv.explained[k]) {
        continue;
      }
      int a = 0;
      while (a < shared && anchors[a] != hu.anchors[i]) {
        a++;
      }
      if (a == shared) { // a new anchor: its scratch slot is cleared here, not all of them per call
        anchors[shared++] = hu.anchors[i];
        aligned[a] = false;
      }
      if (Math.abs(hu.ts[i] - hv.ts[k]) > WINDOW) {
        continue;
      }
      // The least expected room, not its nats: the logarithm is taken only for pairs aligned
      // in enough anchors to matter, and gives the anchor's most surprising room all the same.
      double e = expected(hu.ts[i] - hv.ts[k], Math.max(hu.weight[i], hv.weight[k]));
      if (!aligned[a] || e < least[a]) {
        least[a] = e;
      }
      aligned[a] = true;
    }
    int n = 0;
    for (int a = 0; a < shared; a++) {
      if (aligned[a]) {
        n++;
      }
    }
    if (n < MIN_ROOMS - 1) {
      return false;
    }
    double weight = 0;
    for (int a = 0; a < shared; a++) {
      if (aligned[a]) {
        weight += nats(least[a], population);
      }
    }
    // Two heavy viewers who both entered many of the evening's rooms had that many chances to
    // line up by luck; lining up in n of them is C(shared, n) times likelier than in n given
    // rooms (held-out adversaries_mix seed 35 before the simulator merge: ten regulars of the
    // head rooms, each pair aligned in 3-4 of 6-9 shared anchors, made a false group). A hired
    // group lines up in every room both members attended and loses nothing.
    weight -= lnChoose(shared, n);
    TieGraph g = s.graph;
    if (n < MIN_ROOMS || weight < MIN_SURPRISE) {
      if (weight < MIN_SURPRISE * (MIN_ROOMS - 1) / MIN_ROOMS) {
        return false;
      }
      TieGraph.Node nu = node(s, u, hu, false);
      if (g.weakCount < MAX_TIED || (nu != null && nu.weak != null)) {
        nu = node(s, u, hu, true);
        TieGraph.Node nv = node(s, v, hv, true);
        float w = (float) weight;
        float was = g.weak(nu).put(nv.num, nv.hash, w);
        g.weak(nv).put(nu.num, nu.hash, w);
        touch(nu, now);
        touch(nv, now);
        // A member who skipped rooms is often only weakly tied, and its weak ties can come after
        // the group's last strong one (held-out lockstep_jitter seed 32): the strongly tied end
        // is re-peeled, so that the pool test sees the newcomer. Only an end that can be in a
        // core or a group (CORE - 1 strong ties): most tied accounts have one or two, and
        // re-peeling them at every weak tie measured 3.98 against 3.12 µs/event on the bench.
        if (Float.isNaN(was) || was < w) {
          return coreDirty(s, nv, v) | coreDirty(s, nu, u);
        }
      }
      return false;
    }
    // u's map is made even when no tie is (as computeIfAbsent did before): it counts as tied.
    TieGraph.Node nu = node(s, u, hu, true);
    TieGraph.TieMap mu = g.strong(nu);
    TieGraph.Node nv = node(s, v, hv, false);
    float old = nv == null ? Float.NaN : mu.get(nv.num, nv.hash);
    if (!Float.isNaN(old) && old >= (float) weight) {
      return false;
    }
    if (Float.isNaN(old) && g.strongCount >= MAX_TIED) {
      return false; // the tie graph is full until the next sweep frees it
    }
    if (nv == null) {
      nv = node(s, v, hv, true);
    }
    mu.put(nv.num, nv.hash, (float) weight);
    g.strong(nv).put(nu.num, nu.hash, (float) weight);
    touch(nu, now);
    touch(nv, now);
    s.tiesMade++;
    return true;
  }

  private static boolean coreDirty(State s, TieGraph.Node n, String a) {
    return n.strong != null && n.strong.size >= CORE - 1 && s.dirty.add(a);
  }

  /**
   * Peels the component of {@code u} (account number {@code num}); returns the component's
   * numbers, so that its other dirty members are skipped.
   */
  private int[] findGroups(State s, int num, String u, Context ctx) {
    int[] comp = DenseBlock.component(s.graph, num, MAX_COMPONENT);
    // Fewer strongly tied accounts than a founding core: nothing to anchor a block. Most
    // components are pairs and triples, and peeling their weak neighbourhoods at every change
    // cost 2-6 times the detector's time on the bench: the test of the block as a whole looks
    // at them, later and throttled (smallChanged).
    if (comp.length < CORE) {
      smallChanged(s, u);
      return comp;
    }
    DenseBlock.Graph graph = DenseBlock.graph(s.graph, comp);
    List<DenseBlock.Block> blocks = DenseBlock.peel(graph, MIN_GROUP, MIN_TIES, 4);
    if (blocks.isEmpty()) {
      blocks = cores(s, graph);
    }
    boolean placed = false;
    for (DenseBlock.Block b : blocks) {
      placed |= place(s, b, false, ctx);
    }
    if (!placed) {
      // A sparse pool (few of its pairs attend three rooms together) holds only a handful of
      // strong ties, too few for a block or a founding core; with its weak ties it is a block,
      // which the test of the block as a whole decides (poolBlocks, every POOL_EVERY).
      if (s.poolDirty == null) {
        s.poolDirty = new LinkedHashSet<>();
      }
      s.poolDirty.add(u);
    }
    return comp;
  }

  /**
   * Makes a group of {@code b} (a new one, or the known group it belongs to) and emits it when it
   * grew; false when the block founds nothing. A block of the whole-block test ({@code pooled})
   * has passed its founding test already and only founds: it never joins a known group (its weak
   * ties reach wider than a block of strong ties, and a known group grows by attach).
   */
  private boolean place(State s, DenseBlock.Block b, boolean pooled, Context ctx) {
    Group g = existing(s, b.accounts());
    if (pooled && g != null) {
      return false;
    }
    // Pairwise ties alone let five regulars of busy rooms found a group: each pair met in
    // three rooms by chance at 16-20 nats, while their meetings fell in spans crowded enough
    // that none of the five passes the pool test against the other four (adversaries_mix
    // seed 54: 10.6-13.3 nats against a bar of 15.2). A hired pool's members clear it
    // (17-32 nats on the same evenings), so a new group needs half of its block to (founds).
    if (g == null && !pooled && !founds(s, b.accounts())) {
      return false;
    }
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
      if (g.members.add(a) && pooled) {
        if (g.joinedBy == null) {
          g.joinedBy = new HashMap<>();
        }
        g.joinedBy.put(a, "pool_block");
      }
      s.groupOf.put(a, g.id);
    }
    attach(s, g);
    g.density = Math.max(g.density, b.density());
    // A group founded by the test of its block as a whole counts, in its evidence, the rooms its
    // footprint counted (40 % of its members, at least CORE - 1): a sparse pool of a dozen at
    // 65 % attendance rarely has five members in three rooms, so it was founded and never shown.
    List<Map<String, Object>> rooms = GroupEvidence.rooms(s, g.members,
        foundedAsPool(g) ? CORE - 1 : MIN_GROUP);
    boolean grew = g.members.size() > g.emittedMembers || rooms.size() > g.emittedRooms;
    if (grew && rooms.size() >= MIN_ROOMS) { // the last room's joins may still be arriving
      g.emittedMembers = g.members.size();
      g.emittedRooms = rooms.size();
      for (org.qinglang.alert.Alert a : alerts(s, g, b, rooms, ctx)) {
        ctx.emit(a);
      }
    }
    return true;
  }

  /** Whether the group was founded by the test of its block as a whole (see poolBlocks). */
  static boolean foundedAsPool(Group g) {
    return g.joinedBy != null && g.joinedBy.containsValue("pool_block");
  }

  /**
   * Largest block of strong and weak ties the whole-block test is run on (its cost is cubic), and
   * largest weak neighbourhood of a component smaller than a core it looks at. A pool whose
   * strong ties are pairs and triples is a block its members' weak ties keep to (lockstep_jitter
   * seed 137: a dozen accounts), while the pairs of heavy viewers of busy rooms are tied weakly to
   * 70 at the median on the bench file: tested, they cost 4,512 whole-block tests there against
   * 606 for the cores, and raised the detector's cost from 2.0 to 3.0 µs per event.
   */
  static final int MAX_POOL_BLOCK = 32;

  /**
   * Blocks of strong and weak ties around {@code comp} that pass the test of the block as a whole
   * ({@link PoolBlock}): {@code comp} and its weakly tied neighbours, peeled as the strong graph
   * is, each block trimmed to the members who each add {@link #POOL_MARGIN} to it after paying
   * their own selection, and kept when what is left is {@link #MIN_GROUP} or more and beats
   * {@link #BLOCK_MARGIN}. Only blocks none of whose accounts is in a known group.
   */
  private static List<DenseBlock.Block> poolBlocks(State s, int[] comp) {
    // The neighbourhood is marked on the numbers, so a heavy viewer's many weak ties outside
    // it are passed over without reading their names.
    TieGraph tg = s.graph;
    int stamp = ++s.nearStamp;
    if (s.nearMark == null || s.nearMark.length < tg.top) {
      s.nearMark = new int[Math.max(tg.top, 1024)];
    }
    int[] mark = s.nearMark;
    int[] near = java.util.Arrays.copyOf(comp, Math.max(16, comp.length * 2));
    int n = comp.length;
    for (int v : comp) {
      mark[v] = stamp;
    }
    for (int a : comp) {
      TieGraph.TieMap m = tg.nodes[a].weak;
      int[] t = m == null ? null : m.table;
      for (int b = 0; t != null && b < t.length; b++) {
        for (int e = t[b]; e >= 0; e = m.next[e]) {
          int v = m.key[e];
          if (mark[v] != stamp) {
            mark[v] = stamp;
            if (n == near.length) {
              near = java.util.Arrays.copyOf(near, n * 2);
            }
            near[n++] = v;
          }
        }
      }
      if (n > (comp.length < CORE ? MAX_POOL_BLOCK : MAX_COMPONENT)) {
        return List.of();
      }
    }
    if (n < MIN_GROUP) {
      return List.of();
    }
    near = java.util.Arrays.copyOf(near, n);
    java.util.Arrays.sort(near);
    DenseBlock.Graph graph = DenseBlock.graph(tg, near, true);
    double population = Math.max(MIN_POPULATION, s.accounts.size());
    double joins = joinsSeen(s);
    List<DenseBlock.Block> out = new ArrayList<>();
    for (DenseBlock.Block b : DenseBlock.peel(graph, MIN_GROUP, MIN_TIES, 4)) {
      if (b.accounts().size() > MAX_POOL_BLOCK
          || b.accounts().stream().anyMatch(s.groupOf::containsKey)) {
        continue;
      }
      Set<String> kept = PoolBlock.trim(s.accounts, s.doors, b.accounts(), population, joins,
          WINDOW, TIGHT, MIN_GROUP, POOL_MARGIN);
      if (kept.size() < MIN_GROUP) {
        continue;
      }
      PoolBlock.Score sc = PoolBlock.score(s.accounts, s.doors, kept, population, joins, WINDOW,
          TIGHT);
      // Only a block whose footprint holds MIN_ROOMS anchors, as a tie needs: at BLOCK_MARGIN a
      // pool's first two rooms can pass, and a group founded there is not shown (its evidence
      // wants MIN_ROOMS rooms) while its accounts are kept out of every later block, so it never
      // grows into one that is (LockstepGroupDetectorTest's sparse pool of 12: founded on two
      // rooms at net 2.0 and never raised).
      if (sc.net() < BLOCK_MARGIN || sc.anchors() < MIN_ROOMS) {
        continue;
      }
      out.add(DenseBlock.measure(graph, kept));
    }
    return out;
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
      for (Map<String, Map<String, Float>> graph : List.of(ties(s), weak(s))) {
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
    // Peeling cuts a pool into two blocks when its halves were sent to different rooms; the
    // second half still entered the first's rooms inside its spans.
    for (String gid : new java.util.TreeSet<>(tiesTo.keySet())) {
      Group g = s.groups.get(gid);
      GroupFootprint fp = footprint(s, g.members);
      double bar = poolBar(s);
      int fits = 0;
      for (String a : block) {
        if (fp.fit(s.accounts.get(a), joinsSeen(s)).nats() >= bar) {
          fits++;
        }
      }
      if (2 * fits > block.size()) {
        return g;
      }
    }
    return null;
  }

  /**
   * Founding cores smaller than a group: {@link #CORE} accounts all strongly tied to each other
   * (the fan rule can leave a staggered pool only a handful of members with enough unexplained
   * anchors: held-out lockstep_jitter seed 32, four members, six ties of 23-34 nats). A core is
   * kept only when its members, each scored against the footprint of the others, pass the pool
   * test (so regulars of the evening's head rooms, whose meetings are in busy spans, do not), and
   * the pool test then brings it to {@link #MIN_GROUP} with accounts outside it.
   */
  private static List<DenseBlock.Block> cores(State s, DenseBlock.Graph graph) {
    List<DenseBlock.Block> out = new ArrayList<>();
    double bar = poolBar(s);
    for (DenseBlock.Block b : DenseBlock.peel(graph, CORE, CORE - 1, 4)) {
      // For a core of four, founds() asks all but one: three entries show little of a spread
      // of minutes, and one member can fall outside all three ranges however it is padded (seed
      // 32: u-20621, tied to each of the three by 3 aligned anchors, lands inside their spans in
      // only 2). A block of more than CORE is a sparse core the group peel refused (no five each
      // tied to four others): a pool whose members skipped rooms meets pairwise too seldom for
      // the peel (lockstep_jitter seed 52: eight members, 16 ties of 3-7 each, a group of 12
      // missed).
      if (!founds(s, b.accounts())) {
        continue;
      }
      Set<String> grown = new LinkedHashSet<>(b.accounts());
      poolAttach(s, grown, bar, null);
      if (grown.size() >= MIN_GROUP) {
        out.add(b);
      }
    }
    return out;
  }

  /**
   * Whether {@code block} may found a group: half of it, and at least {@code CORE - 1}, pass the
   * pool test against the footprint of the others. Half, not all: a pool's members who skipped
   * rooms meet the others' spans in too few anchors (lockstep_jitter seed 52: 4 of the 8 pass,
   * the other four lie just under the bar), while the crowd of busy rooms passes hardly ever
   * (adversaries_mix seed 54: 0 of 5).
   */
  private static boolean founds(State s, Set<String> block) {
    int pass = pooled(s, block);
    return pass * 2 >= block.size() && pass >= CORE - 1;
  }

  /**
   * How many of {@code block} pass the pool test against the footprint of the others: whether
   * the block's meetings are a pool's or the crowd's of busy rooms.
   */
  private static int pooled(State s, Set<String> block) {
    double bar = poolBar(s);
    int pass = 0;
    for (String a : block) {
      Set<String> others = new LinkedHashSet<>(block);
      others.remove(a);
      int together = Math.max(2, (int) Math.ceil(0.4 * others.size()));
      GroupFootprint fp = GroupFootprint.of(s.accounts, s.doors, others, together, WINDOW, TIGHT);
      if (fp.fit(s.accounts.get(a), joinsSeen(s)).nats() >= bar) {
        pass++;
      }
    }
    return pass;
  }

  /**
   * Share of the group an account must be tied to before it is attached in step. Half let one
   * heavy viewer in on some evenings (account precision 0.97-0.98); two thirds keeps them out.
   */
  static final double ATTACH_SHARE = 2.0 / 3;
  /** Smallest all-tied core that may found a group once the pool test grows it. */
  static final int CORE = MIN_TIES;
  /**
   * Nats beyond ln(population) the pool test asks for: every account of the population is in
   * effect tested against each group, so ln(population) only pays for that; e^-5 leaves about
   * one honest account in 150 groups.
   */
  static final double POOL_MARGIN = 5;
  /**
   * What a trimmed block's net score must reach to found a group by the whole-block test. Not
   * POOL_MARGIN: that margin separated pools from crowds while spans were priced by the door's
   * five-minute rate, which lags a show's ramp-up and its 上链接 crowds and so priced spans low
   * in general. With the spans counted, the best all-honest block over the 118 development
   * evenings fell from -5.04 to -9.54 nats (while three sparse pools founded at 5.8-11.2 fell
   * to 4.2-4.9); this margin keeps the honest best as far below it as main kept it below 5
   * (10.04 nats), by a rule set before the counts' honest figures were seen
   * (docs/detectors/lockstep_group.md, 'The counts with a margin re-derived'). On the model's
   * own terms it is no longer a significance level: the selection charged (any n of all the
   * accounts seen) is far more than a block drawn from the tie graph costs, and the measured
   * honest side is what bounds it.
   */
  static final double BLOCK_MARGIN = 0.5;
  /** At most this many rounds of attaching (each round widens the spans a little). */
  private static final int ATTACH_ROUNDS = 3;

  static double poolBar(State s) {
    return Math.log(Math.max(MIN_POPULATION, s.accounts.size())) + POOL_MARGIN;
  }

  private static double joinsSeen(State s) {
    return Math.max(s.joinsSeen, Math.max(MIN_POPULATION, s.accounts.size()));
  }

  /** The rooms a set of members entered together: 40 % of them (at least 3) within WINDOW. */
  static GroupFootprint footprint(State s, Set<String> members) {
    int together = Math.max(CORE - 1, (int) Math.ceil(0.4 * members.size()));
    return GroupFootprint.of(s.accounts, s.doors, members, together, WINDOW, TIGHT);
  }

  private static void attach(State s, Group g) {
    Set<String> before = new LinkedHashSet<>(g.members);
    poolAttach(s, g.members, poolBar(s), g);
    for (String a : g.members) {
      if (!before.contains(a)) {
        s.groupOf.put(a, g.id);
      }
    }
  }

  /**
   * Adds to {@code members} the accounts compared with a member (tied strongly or weakly: the
   * accounts that entered one of its rooms near it) that either are tied to {@link
   * #ATTACH_SHARE} of the group and entered 3 of its rooms in step ({@code in_step}, the rule
   * before the pool test, kept for a group found: it names members the pool test prices just
   * under its bar), or whose own entries into the group's rooms pass the pool test ({@code
   * pool}). Pairwise ties do not decide the latter: with 65 % attendance a member meets each
   * other member in only a few rooms, but its rooms are the pool's rooms, inside the pool's
   * spans, which is what a vendor's pool does and an honest viewer does by chance only. A
   * founding core ({@code g} null) grows by the pool test alone: the tie-share rule let a core
   * of four head-room regulars grow into a false group of 12 (seed 32, issue 20).
   */
  private static void poolAttach(State s, Set<String> members, double bar, Group g) {
    for (int round = 0; round < ATTACH_ROUNDS; round++) {
      GroupFootprint fp = footprint(s, members);
      // The in-step rule counts ties to the members it would have had without the pool test:
      // members the pool test added raise its two-thirds bar (and move its steps) for accounts
      // it named before (lockstep_jitter seed 33 lost two that way).
      Set<String> stepped = new LinkedHashSet<>(members);
      if (g != null && g.joinedBy != null) {
        g.joinedBy.forEach((a, how) -> {
          if (how.equals("pool")) {
            stepped.remove(a);
          }
        });
      }
      Map<String, long[]> steps = g == null ? null : groupSteps(s, stepped);
      int need = Math.max(MIN_TIES, (int) Math.ceil(ATTACH_SHARE * stepped.size()));
      Map<String, Integer> count = new TreeMap<>();
      Map<String, Integer> steppedCount = new HashMap<>();
      for (String m : members) {
        boolean inStepped = stepped.contains(m);
        Set<String> seen = new java.util.HashSet<>();
        for (Map<String, Map<String, Float>> graph : List.of(ties(s), weak(s))) {
          for (String v : graph.getOrDefault(m, Map.of()).keySet()) {
            if (!members.contains(v) && seen.add(v)) {
              count.merge(v, 1, Integer::sum);
              if (inStepped) {
                steppedCount.merge(v, 1, Integer::sum);
              }
            }
          }
        }
      }
      boolean grew = false;
      for (Map.Entry<String, Integer> e : count.entrySet()) {
        String v = e.getKey();
        JoinHistory h = s.accounts.get(v);
        String how = null;
        if (steps != null && steppedCount.getOrDefault(v, 0) >= need && inStep(h, steps)) {
          how = "in_step";
        } else {
          GroupFootprint.Fit f = fp.fit(h, joinsSeen(s));
          if (f.anchors() >= MIN_ROOMS - 1 && f.nats() >= bar) {
            how = "pool";
          }
        }
        if (how != null) {
          members.add(v);
          if (g != null) {
            if (g.joinedBy == null) {
              g.joinedBy = new HashMap<>();
            }
            g.joinedBy.put(v, how);
          }
          grew = true;
        }
      }
      if (!grew) {
        return;
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
      int lo = java.util.Arrays.binarySearch(ts, h.ts[i] - WINDOW);
      int hi = java.util.Arrays.binarySearch(ts, h.ts[i] + WINDOW);
      lo = lo < 0 ? -lo - 1 : lo;
      hi = hi < 0 ? -hi - 1 : hi + 1;
      // Inside the group's own entry span too: a group that enters within seconds leaves no
      // minutes-wide gap for a heavy viewer to fall into (default seed 1: one named).
      boolean inSpan = h.ts[i] >= ts[0] - TIGHT && h.ts[i] <= ts[ts.length - 1] + TIGHT;
      if (hi - lo >= MIN_TIES && inSpan) {
        inStep++;
      }
    }
    // Three rooms, not two: with minutes of spread, a viewer of two busy rooms lands inside the
    // group's entry window in both often enough to be named (tuning seeds: 8 of 43 named).
    return inStep >= MIN_ROOMS && inStep * 4 >= visited * 3;
  }

  /**
   * The platform a group's alert is filed under: that of most of its rooms (ties to the first in
   * name order). The state is one for every platform, so the platform of the event that happened
   * to come last named a group of one platform's rooms after another (the bench file: a pool of
   * kuaishou rooms filed under douyin), and the tenants' scoping would have shown one platform's
   * finding, and its accounts, to another. State written before the doors kept their platform
   * falls back to that last event's.
   */
  static String platform(State s, List<Map<String, Object>> rooms) {
    Map<String, Integer> count = new TreeMap<>();
    for (Map<String, Object> r : rooms) {
      String p = doorPlatform(s, r);
      if (p != null) {
        count.merge(p, 1, Integer::sum);
      }
    }
    String best = s.platform;
    int most = 0;
    for (Map.Entry<String, Integer> e : count.entrySet()) {
      if (e.getValue() > most) {
        best = e.getKey();
        most = e.getValue();
      }
    }
    return best;
  }

  /** The platform a room of the evidence was joined on, null when its door did not keep it. */
  private static String doorPlatform(State s, Map<String, Object> room) {
    Door d = s.doors.get((String) room.get("room"));
    return d == null ? null : d.platform;
  }

  /** The platform a room of the evidence is filed under: its door's, else the state's last. */
  private static String platformOf(State s, Map<String, Object> room) {
    String p = doorPlatform(s, room);
    return p != null ? p : s.platform;
  }

  /**
   * The group's alerts: one, or one per platform when its rooms are on several. Platforms read
   * and act on alerts filed under them (the server scopes analysts by the alert's platform), so
   * one alert filed under the platform of most rooms showed the other platforms' rooms, anchors
   * and join times to its analysts, and none of the finding to theirs. Each platform's alert lists
   * its own rooms and the group's totals as counts; the platform of most rooms keeps the group's
   * id, so a group on one platform raises exactly the alert it did before. Accounts are one
   * namespace by the contract (labels name them by id alone), so each alert names every member.
   */
  private List<org.qinglang.alert.Alert> alerts(State s, Group g, DenseBlock.Block b,
      List<Map<String, Object>> rooms, Context ctx) {
    Map<String, List<Map<String, Object>>> byPlatform = new TreeMap<>();
    for (Map<String, Object> r : rooms) {
      byPlatform.computeIfAbsent(platformOf(s, r), k -> new ArrayList<>()).add(r);
    }
    String main = platform(s, rooms);
    if (byPlatform.size() <= 1) {
      return List.of(alert(s, g, b, rooms, rooms, main, null, g.id, ctx));
    }
    Map<String, Integer> counts = new TreeMap<>();
    Map<String, String> ids = new TreeMap<>();
    byPlatform.forEach((p, part) -> {
      counts.put(p, part.size());
      ids.put(p, org.qinglang.alert.Alert.idFor(KIND, key(g, p, main)));
    });
    List<org.qinglang.alert.Alert> out = new ArrayList<>();
    byPlatform.forEach((p, part) -> out.add(alert(s, g, b, rooms, part, p,
        new PlatformParts(counts, ids), key(g, p, main), ctx)));
    return out;
  }

  /** A cross-platform group's counts of rooms and ids of alerts, per platform. */
  private record PlatformParts(Map<String, Integer> rooms, Map<String, String> alerts) {}

  private static String key(Group g, String platform, String main) {
    return platform.equals(main) ? g.id : g.id + "@" + platform;
  }

  private org.qinglang.alert.Alert alert(State s, Group g, DenseBlock.Block b,
      List<Map<String, Object>> rooms, List<Map<String, Object>> shown, String platform,
      PlatformParts parts, String key, Context ctx) {
    double spread = 0;
    for (Map<String, Object> r : rooms) {
      spread = Math.max(spread, ((Number) r.get("spread_s")).doubleValue());
    }
    double score = Math.min(1, 0.5 + 0.05 * rooms.size() + 0.01 * g.members.size());
    String summary = String.format("%d accounts entered the same %d rooms of %d anchors together,"
        + " each time within %.0f s of each other", g.members.size(), rooms.size(),
        GroupEvidence.anchors(rooms), Math.ceil(spread));
    if (parts != null) {
      summary += String.format("; %d of those rooms are on %s, %d on other platforms",
          shown.size(), platform, rooms.size() - shown.size());
    }
    return AlertBuilder.of(KIND, key)
        .at(ctx.now(), platform)
        .score(score)
        .subjects("account", g.members)
        .summary(summary)
        .evidence(new Evidence(g.members.size(), rooms.size(), GroupEvidence.anchors(rooms),
            shown, parts == null ? null : parts.rooms(), parts == null ? null : parts.alerts(),
            Math.round(g.density * 100) / 100.0, b.ties(), g.firstSeen,
            "tied = entered the same rooms within " + WINDOW / 60_000 + " min of each other,"
            + " rooms of >= " + MIN_ROOMS + " anchors, >= " + (int) MIN_SURPRISE + " nats of"
            + " surprise (sum over anchors of -ln(2|dt| x room joins per ms / accounts seen));"
            + " follow-entries in a show's first " + OPENING / 60_000 + " min do not count;"
            + " group = densest peeled block of >= " + MIN_GROUP + " accounts, each tied to >= "
            + MIN_TIES + " members (or an all-tied core of " + CORE + " grown to " + MIN_GROUP
            + " by the pool test); pool test = sum over the group's anchors entered inside its"
            + " entry span of -ln(rooms entered x joins in the span / joins seen) - ln C(anchors,"
            + " entered) >= ln(accounts seen) + " + (int) POOL_MARGIN,
            members(s, g)))
        .rule("QL-AUD-003")
        .basis("traffic_fabrication")
        .build();
  }

  private static List<Member> members(State s, Group g) {
    GroupFootprint fp = footprint(s, g.members);
    double bar = Math.round(poolBar(s) * 10) / 10.0;
    List<Member> out = new ArrayList<>();
    for (String m : g.members) {
      GroupFootprint.Fit f = fp.fit(s.accounts.get(m), joinsSeen(s));
      int strong = 0;
      for (String v : ties(s).getOrDefault(m, Map.of()).keySet()) {
        if (g.members.contains(v)) {
          strong++;
        }
      }
      String how = g.joinedBy == null ? null : g.joinedBy.get(m);
      out.add(new Member(m, how == null ? "dense_block" : how, strong, f.anchors(),
          Math.round(f.nats() * 10) / 10.0, bar));
    }
    return out;
  }

  /** Forgets what is older than the horizon, so state follows the stream, not its history. */
  private static void sweep(State s, long now) {
    long cutoff = now - HORIZON;
    s.doors.values().removeIf(d -> d.last < cutoff);
    s.anchors.keySet().retainAll(new java.util.HashSet<>(s.doors.values().stream().map(d -> d.anchor).toList()));
    s.doors.values().forEach(d -> {
      if (d.last < now - WINDOW) {
        d.window().clear();
      }
    });
    Iterator<Map.Entry<String, JoinHistory>> it = s.accounts.entrySet().iterator();
    while (it.hasNext()) {
      JoinHistory h = it.next().getValue();
      // Only a history with something to forget (or not recounted since made or restored): the
      // others would be copied onto themselves and recounted to the same mask and anchors.
      if (h.needsForget(cutoff)) {
        h.forgetBefore(cutoff); // an emptied history stays empty for any window still holding it
      }
      if (h.size == 0) {
        it.remove();
      }
    }
    s.graph.forgetBefore(cutoff);
    s.groupOf.values().retainAll(s.groups.keySet());
  }

  /** Figures for the evidence, also read by tests. */
  static Map<String, Object> stats(State s) {
    Map<String, Object> m = new TreeMap<>();
    m.put("accounts", s.accounts.size());
    m.put("tied_accounts", graph(s).strongCount);
    m.put("groups", s.groups.size());
    m.put("joins", s.joinsSeen);
    m.put("compared", s.compared);
    m.put("ties_made", s.tiesMade);
    return m;
  }

  static int offsetsPerRoom() {
    return OFFSETS_PER_ROOM;
  }
}
