package org.qinglang.detectors.comment;

import org.qinglang.detect.Directory;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qinglang.alert.Subject;
import org.qinglang.detect.AlertBuilder;
import org.qinglang.detect.Context;
import org.qinglang.detect.DetectorSpec;
import org.qinglang.detect.Scope;
import org.qinglang.detect.SpecDetector;
import org.qinglang.event.EventType;
import org.qinglang.event.AccountEvent;
import org.qinglang.event.Comment;
import org.qinglang.event.Event;
import org.qinglang.event.RoomEnd;
import org.qinglang.event.ViewerJoin;
import org.qinglang.event.ViewerLeave;

/**
 * {@code comment_flood}: a team of accounts posting near-identical claims in a burst
 * (职业弹幕人), as in the 2025 Beijing diet-jelly case.
 *
 * <p>Repetition alone means nothing in a live room: most messages of a real broadcast fall in
 * bursts of identical text (chants, 666, lottery passwords). So the detector only looks at
 * <em>substantive</em> comments ({@link ClaimText}: testimonials, claims with a number and a
 * unit, product praise in a real sentence), groups them into near-duplicate clusters
 * ({@link NearDuplicateIndex}), and links accounts that posted into the same cluster: a team
 * rotating several templates becomes one group because each member uses several. A group of
 * at least {@link #MIN_ACCOUNTS} accounts within {@link #GROUP_WINDOW_MS}, at least that many
 * of them starting to post within {@link #BURST_MS} of each other, that arrived at least
 * {@link #MIN_SURGE} times as fast as other accounts had been posting its templates in the
 * {@link #LOOKBACK_MS} before (a drip of paid reviewers keeps a steady pace; a team comes out of
 * silence), is then judged on
 * how its members behave, per account:
 * <ul>
 *   <li>hit and run: joined at most {@link #HIT_RUN_MS} before its first comment and left at
 *       most that long after its last (comments of any kind: teams pad with chatter);
 *   <li>several claims from one account in the group;
 *   <li>shared network: IP, /24 range or device shared with another member;
 *   <li>young account (registered less than {@link #YOUNG_MS} before posting).
 * </ul>
 * Honest viewers who post a claim post it once, at a random point of their stay, from their
 * own address; a team does all of this together. Groups of at least {@link #MIN_PART} that are
 * coordinated on their own and overlap in time are merged into one campaign first (a team may split into template groups
 * with no member in common). The group is flagged when its coordination
 * score reaches {@link #MIN_COORDINATION}, judged {@link #SETTLE_MS} after its posts so that
 * leaves are seen. Named accounts are the members with at least one of the marks.
 */
public final class CommentFloodDetector extends SpecDetector<CommentFloodDetector.State> {
  public static final String KIND = "comment_flood";
  /** A quiet room is forgotten after an hour; a show's groups span minutes. */
  static final DetectorSpec SPEC = DetectorSpec.of(KIND, Scope.ROOM)
      .accepts(EventType.COMMENT, EventType.VIEWER_JOIN, EventType.VIEWER_LEAVE,
          EventType.ROOM_END)
      .reads(Directory.Part.ACCOUNTS)
      .retention(java.time.Duration.ofHours(1));
  /**
   * How much of the smaller text's bigrams a post outside the campaign's clusters must share
   * with a campaign post to be tied in (with hit-and-run or a shared network as well).
   */
  static final double TIE_CONTAINMENT = 0.5;
  static final int NAT_CROWD = 20;
  static final int NAT_RATIO = 4;

  /** What a reviewer re-checks: the campaign's accounts, each with the marks that named it. */
  public record Evidence(int accounts, int flaggedPosts, List<GroupFigures> groups,
      List<Member> members, List<Map<String, Object>> sampleComments,
      Map<String, Integer> sharedIps, String thresholds)
      implements org.qinglang.alert.Evidence {}

  /** The figures of one flagged group (a campaign's burst). */
  public record GroupFigures(int accounts, int posts, long fromTs, long toTs,
      int postsInSharedClusters, int distinctIps, int distinctIpRanges24, int distinctDevices,
      double shareHitAndRun, double shareSeveralClaims, double shareSharedNetwork,
      double shareYoungAccounts, double coordination, double meanContentScore, Onset onset) {}

  /**
   * Why a group counts as a flood and not as a slice of a drip: how its clusters were being
   * posted into before it. {@code priorAccounts} other accounts posted into the group's
   * clusters in the {@code lookbackMs} before its first post ({@code priorPerMinute}); the group
   * brought {@code burstAccounts} in its densest {@link #BURST_MS} ({@code burstPerMinute}).
   * {@code surge} is the one over the other, the background counted as at least one account per
   * lookback, and a flood needs at least {@link #MIN_SURGE}. {@code clustersFirstSeen} is when
   * the earliest of its {@code clusters} templates was first posted in the room.
   * {@code lookbackMs} is the part of {@link #LOOKBACK_MS} the room was watched before the
   * group, {@code watchedAfterMs} how long after its last post the group was judged (at
   * room_end, counted as enough); together they must reach {@link #MIN_CONTEXT_MS}.
   */
  public record Onset(int clusters, long clustersFirstSeen, long lookbackMs, long watchedAfterMs,
      int priorAccounts, int burstAccounts, double priorPerMinute, double burstPerMinute,
      double surge, Rise rise) {}

  /** How a group rose against its templates' history; only the first two are flagged. */
  public enum Rise {
    /** No other account had posted its templates in the lookback. */
    OUT_OF_SILENCE,
    /** Its templates were being posted, but the group arrived far faster than they had been. */
    ABOVE_STEADY_POSTING,
    /** The group arrived about as fast as its templates were already being posted: a drip. */
    STEADY_DRIP,
    /** Too little of the room watched around the group to tell yet; judged again later. */
    NOT_YET
  }

  /**
   * One named account: its substantive posts in the campaign, its marks, and what tied it in:
   * {@code near_duplicate_cluster} (posted a copy another member posted too) or
   * {@code similar_to:<account>} (a looser copy of that member's post, in the campaign's burst,
   * with hit-and-run or a shared network).
   */
  public record Member(String account, int posts, boolean hitAndRun, boolean severalClaims,
      boolean sharedNetwork, boolean young, String tiedBy) {}
  static final int MIN_ACCOUNTS = 5;
  static final long GROUP_WINDOW_MS = 12 * 60_000L;
  static final long BURST_MS = 6 * 60_000L;
  /**
   * Share of the group that must start within one {@link #BURST_MS}. A flood team is sent in
   * at once, to make the room look swept along; a drip of paid reviewers, each given its own
   * slice of the show, is a fake-testimonial campaign (its own kind and its own alert), even
   * when it is so large that five of them start in any six minutes (crews of up to 200, issue
   * 13). A steady drip puts about half to two thirds of a group's starts (a group spans up to
   * {@link #GROUP_WINDOW_MS}) in its densest {@link #BURST_MS}; a team sent in together, nearly
   * all.
   */
  static final double FLOOD_SHARE = 0.8;
  /**
   * How far back a group's clusters are looked at for steady posting before it. A drip of paid
   * reviewers runs through the show, so twenty to thirty minutes of it precede any stretch of
   * it; a flood team comes out of silence, or (a second wave) after a single earlier burst.
   */
  static final long LOOKBACK_MS = 30 * 60_000L;
  /**
   * How many times faster than its clusters' earlier posting a group must arrive to be a
   * flood: a stretch of a drip arrives about as fast as the drip does (a denser stretch by
   * chance, perhaps twice as fast); a team sent in at once, many times faster.
   */
  static final double MIN_SURGE = 4.0;
  /**
   * Time around a group, before it and after its last post, that must have been watched
   * before it is judged. At the opening of a show there is no history: a drip's first
   * reviewers arrive out of the same silence as a team. What tells them apart is what follows:
   * a drip goes on, and its next reviewers post the same templates, join the group and spread
   * its starts past {@link #FLOOD_SHARE}; a team's group stays as it was.
   */
  static final long MIN_CONTEXT_MS = 12 * 60_000L;
  /** Latest distinct posters remembered per cluster: enough for a lookback of a busy drip. */
  static final int ARRIVALS_KEPT = 64;
  /** Smallest group merged into a campaign: a pair repeating a claim is too common. */
  static final int MIN_PART = 3;
  static final long HIT_RUN_MS = 5 * 60_000L;
  /** A group is judged once every member could have shown its leave. */
  static final long SETTLE_MS = HIT_RUN_MS + 30_000L;
  static final long YOUNG_MS = 30 * 24 * 3_600_000L;
  static final double MIN_COORDINATION = 0.45;
  /** Shares are ratios of small counts: 0.35 + 0.35 * 2/7 must count as 0.45. */
  private static final double EPS = 1e-9;
  static final int MAX_JOINS = 20_000;
  static final int MAX_POSTS = 4_000;
  static final int MAX_NAMED = 1_000;
  /** Named accounts listed with their marks in the evidence; every one is a subject. */
  static final int MAX_LISTED = 300;
  static final int MAX_CLUSTERS = 4_096;

  /** A substantive comment kept for the group window. */
  static final class Post implements Serializable {
    final long ts;
    final String user;
    final long cluster;
    final String text;
    final String norm;
    final double content;

    Post(long ts, String user, long cluster, String text, String norm, double content) {
      this.ts = ts;
      this.user = user;
      this.cluster = cluster;
      this.text = text;
      this.norm = norm;
      this.content = content;
    }
  }

  /** Where and when an account joined the room (the latest join), and its comments since. */
  static final class Join implements Serializable {
    final long ts;
    final String ip;
    final String device;
    final String via;
    long firstComment = Long.MIN_VALUE;
    long lastComment = Long.MIN_VALUE;

    /** {@link #range(String)} of {@link #ip}, made once: every judgement counts the room's. */
    private transient String range;

    Join(long ts, String ip, String device, String via) {
      this.ts = ts;
      this.ip = ip;
      this.device = device;
      this.via = via;
    }

    String range() {
      if (range == null && ip != null) {
        range = CommentFloodDetector.range(ip);
      }
      return range;
    }
  }

  /**
   * A cluster's posting history for as long as the index keeps the cluster: when it was first
   * and last posted into, and the latest distinct accounts to post into it, oldest first
   * overwritten.
   */
  static final class History implements Serializable {
    final long firstSeen;
    long lastSeen;
    final long[] ts = new long[ARRIVALS_KEPT];
    final String[] users = new String[ARRIVALS_KEPT];
    int next;
    int size;

    History(long firstSeen) {
      this.firstSeen = firstSeen;
      this.lastSeen = firstSeen;
    }

    void arrive(String user, long at) {
      lastSeen = Math.max(lastSeen, at);
      for (int i = 0; i < size; i++) {
        if (users[i].equals(user)) {
          return; // an account's later posts into a cluster are not new arrivals
        }
      }
      ts[next] = at;
      users[next] = user;
      next = (next + 1) % ARRIVALS_KEPT;
      size = Math.min(size + 1, ARRIVALS_KEPT);
    }
  }

  /** Per room. */
  public static final class State implements Serializable {
    String platform;
    /** The room's first event seen: how far back its clusters' history can go. */
    long watchedFrom = Long.MIN_VALUE;
    final NearDuplicateIndex index = new NearDuplicateIndex(GROUP_WINDOW_MS, MAX_CLUSTERS);
    final LinkedHashMap<String, Join> joins = new LinkedHashMap<>();
    final HashMap<String, Long> leaves = new HashMap<>(); // posters only
    final HashMap<String, String> commentIp = new HashMap<>(); // posters only
    final HashMap<String, String> commentDevice = new HashMap<>();
    final ArrayDeque<Post> posts = new ArrayDeque<>();
    /** By cluster id; dropped once no post of the window can be in the cluster. */
    final HashMap<Long, History> history = new HashMap<>();
    long historySweep = Long.MIN_VALUE;
    long wakePending = Long.MIN_VALUE;
    final LinkedHashSet<String> named = new LinkedHashSet<>();
    final LinkedHashMap<String, Member> members = new LinkedHashMap<>();
    final ArrayList<GroupFigures> groups = new ArrayList<>();
    final ArrayList<Map<String, Object>> samples = new ArrayList<>();
    final LinkedHashMap<String, Integer> sharedIps = new LinkedHashMap<>();
    int flaggedPosts;
    double bestScore;
    /**
     * Joins per range of the whole room, counted at most once per judgement (null outside one):
     * every group a judgement measures checks its ranges against it, and the joins do not
     * change while it runs.
     */
    transient Map<String, Integer> joinsPerRange;
  }

  public CommentFloodDetector() {
    super(SPEC);
  }

  @Override
  public State newState() {
    return new State();
  }

  @Override
  public void onEvent(State s, Event e, Context ctx) {
    s.platform = e.platform();
    if (s.watchedFrom == Long.MIN_VALUE) {
      s.watchedFrom = e.ts();
    }
    if (e instanceof ViewerJoin j) {
      Join join = new Join(j.ts(), j.ip(), j.device(), j.via());
      // The map stays ordered by last join, so a rejoin is moved to the end; nearly every join
      // is a first one, which takes a single lookup this way instead of a remove and a put.
      if (s.joins.put(j.user(), join) != null) {
        s.joins.remove(j.user());
        s.joins.put(j.user(), join);
      }
      if (s.joins.size() > MAX_JOINS) {
        s.joins.remove(s.joins.keySet().iterator().next());
      }
    } else if (e instanceof ViewerLeave l) {
      if (s.commentIp.containsKey(l.user())) {
        s.leaves.put(l.user(), l.ts());
      }
    } else if (e instanceof Comment c) {
      comment(s, c, ctx);
    } else if (e instanceof RoomEnd) {
      judge(s, ctx, Long.MAX_VALUE);
    }
  }

  @Override
  public void onWake(State s, long time, Context ctx) {
    s.wakePending = Long.MIN_VALUE;
    judge(s, ctx, time);
  }

  private void comment(State s, Comment c, Context ctx) {
    Join j = s.joins.get(c.user());
    if (j != null) {
      if (j.firstComment == Long.MIN_VALUE) {
        j.firstComment = c.ts();
      }
      j.lastComment = Math.max(j.lastComment, c.ts());
    }
    String norm = TextNormalizer.normalize(c.text());
    double content = ClaimText.substantiveScore(norm);
    if (content <= 0) {
      return;
    }
    long cluster = s.index.assign(norm, c.ts());
    s.posts.addLast(new Post(c.ts(), c.user(), cluster, c.text(), norm, content));
    s.history.computeIfAbsent(cluster, k -> new History(c.ts())).arrive(c.user(), c.ts());
    s.commentIp.put(c.user(), c.ip());
    s.commentDevice.put(c.user(), c.device());
    trim(s, c.ts());
    long due = c.ts() + SETTLE_MS;
    if (s.wakePending == Long.MIN_VALUE) {
      s.wakePending = due;
      ctx.wakeAt(due);
    }
  }

  private static void trim(State s, long now) {
    while (!s.posts.isEmpty()
        && (s.posts.peekFirst().ts < now - GROUP_WINDOW_MS - SETTLE_MS
            || s.posts.size() > MAX_POSTS)) {
      s.posts.pollFirst();
    }
    // The index no longer matches a cluster idle for a group window, and the window's posts
    // are at most that plus the settling time old; a history idle for longer is unreachable.
    if (s.historySweep == Long.MIN_VALUE) {
      s.historySweep = now;
    } else if (now - s.historySweep >= BURST_MS || s.history.size() > 2 * MAX_CLUSTERS) {
      s.historySweep = now;
      s.history.values().removeIf(h -> h.lastSeen < now - GROUP_WINDOW_MS - SETTLE_MS);
      if (s.history.size() > 2 * MAX_CLUSTERS) {
        List<Map.Entry<Long, History>> all = new ArrayList<>(s.history.entrySet());
        // Ties by key, not in the map's layout (a restore lays it out afresh).
        all.sort(java.util.Comparator.comparingLong(
            (Map.Entry<Long, History> en) -> en.getValue().lastSeen)
            .thenComparingLong(Map.Entry::getKey));
        for (Map.Entry<Long, History> en : all.subList(0, all.size() - MAX_CLUSTERS)) {
          s.history.remove(en.getKey());
        }
      }
    }
    if (s.commentIp.size() > 4 * MAX_POSTS) {
      Set<String> keep = new HashSet<>();
      s.posts.forEach(p -> keep.add(p.user));
      s.commentIp.keySet().retainAll(keep);
      s.commentDevice.keySet().retainAll(keep);
      s.leaves.keySet().retainAll(keep);
    }
  }

  /** Groups the window's posts by shared clusters and flags coordinated groups. */
  private void judge(State s, Context ctx, long now) {
    if (s.posts.isEmpty()) {
      return;
    }
    s.joinsPerRange = null;
    try {
      judgeWindow(s, ctx, now);
    } finally {
      s.joinsPerRange = null;
    }
  }

  private void judgeWindow(State s, Context ctx, long now) {
    long latest = s.posts.peekLast().ts;
    long horizon = now == Long.MAX_VALUE ? latest : now;
    List<Post> window = new ArrayList<>();
    for (Post p : s.posts) {
      if (p.ts >= horizon - SETTLE_MS - GROUP_WINDOW_MS) {
        window.add(p);
      }
    }
    // Accounts linked through clusters that at least two accounts posted into.
    Map<Long, Set<String>> byCluster = new HashMap<>();
    for (Post p : window) {
      byCluster.computeIfAbsent(p.cluster, k -> new LinkedHashSet<>()).add(p.user);
    }
    UnionFind uf = new UnionFind();
    for (Set<String> users : byCluster.values()) {
      if (users.size() < 2) {
        continue;
      }
      String first = null;
      for (String u : users) {
        if (first == null) {
          first = u;
          uf.add(u);
        } else {
          uf.union(first, u);
        }
      }
    }
    Map<String, List<Post>> groups = new HashMap<>();
    for (Post p : window) {
      if (uf.contains(p.user)) {
        groups.computeIfAbsent(uf.find(p.user), k -> new ArrayList<>()).add(p);
      }
    }
    boolean changed = false;
    for (List<Post> g : campaigns(s, ctx, new ArrayList<>(groups.values()), byCluster)) {
      changed |= judgeGroup(s, ctx, g, byCluster, window, now);
    }
    if (changed) {
      emit(s, ctx);
    }
    // Posts still to settle: look again later.
    if (now != Long.MAX_VALUE && latest + SETTLE_MS > now && s.wakePending == Long.MIN_VALUE) {
      s.wakePending = latest + SETTLE_MS;
      ctx.wakeAt(s.wakePending);
    }
  }

  /** What one group of linked accounts looks like. */
  private static final class Group {
    final List<Post> posts = new ArrayList<>();
    final Map<String, long[]> span = new LinkedHashMap<>(); // user -> first, last, count
    final Map<String, Integer> ipUse = new HashMap<>();
    final Map<String, Integer> rangeUse = new HashMap<>();
    final Map<String, Integer> deviceUse = new HashMap<>();
    final List<String> marked = new ArrayList<>();
    final Map<String, boolean[]> marks = new HashMap<>(); // hit-run, several, shared, young
    int hitRun;
    int multi;
    int shared;
    int young;
    int repeated;
    double content;
    double coordination;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;

    int accounts() {
      return span.size();
    }
  }

  private static Group measure(State s, Context ctx, List<Post> posts,
      Map<Long, Set<String>> byCluster) {
    Group g = new Group();
    g.posts.addAll(posts);
    for (Post p : posts) {
      long[] x = g.span.computeIfAbsent(p.user, k -> new long[] {p.ts, p.ts, 0});
      x[0] = Math.min(x[0], p.ts);
      x[1] = Math.max(x[1], p.ts);
      x[2]++;
      g.content += p.content;
      g.first = Math.min(g.first, p.ts);
      g.last = Math.max(g.last, p.ts);
      if (byCluster.get(p.cluster).size() >= 2) {
        g.repeated++;
      }
    }
    for (String u : g.span.keySet()) {
      String ip = ipOf(s, u);
      if (ip != null) {
        g.ipUse.merge(ip, 1, Integer::sum);
        g.rangeUse.merge(range(ip), 1, Integer::sum);
      }
      String dev = deviceOf(s, u);
      if (dev != null) {
        g.deviceUse.merge(dev, 1, Integer::sum);
      }
    }
    Set<String> crowdNats = crowdNats(s, g.rangeUse);
    for (Map.Entry<String, long[]> en : g.span.entrySet()) {
      String u = en.getKey();
      long[] x = en.getValue();
      boolean hr = hitAndRun(s, u, x[0], x[1]);
      boolean mu = x[2] >= 2;
      String ip = ipOf(s, u);
      String dev = deviceOf(s, u);
      boolean sh = (ip != null && !crowdNats.contains(range(ip))
          && (g.ipUse.get(ip) >= 2 || g.rangeUse.get(range(ip)) >= 2))
          || (dev != null && g.deviceUse.get(dev) >= 2);
      AccountEvent acc = ctx.directory().account(u);
      boolean yo = acc != null && x[0] - acc.created() < YOUNG_MS;
      g.hitRun += hr ? 1 : 0;
      g.multi += mu ? 1 : 0;
      g.shared += sh ? 1 : 0;
      g.young += yo ? 1 : 0;
      if (hr || mu || sh || yo) {
        g.marked.add(u);
        g.marks.put(u, new boolean[] {hr, mu, sh, yo});
      }
    }
    int n = g.accounts();
    g.coordination = 0.35 * g.hitRun / n + 0.35 * g.multi / n
        + 0.3 * Math.max(g.shared, g.young) / (double) n;
    return g;
  }

  /**
   * Ranges the room's audience shares: a campus or carrier NAT puts most of a room behind a
   * few addresses, so posters sharing one say nothing. A range is such a crowd when at least
   * {@link #NAT_CROWD} of the room's viewers joined from it and they outnumber the group's
   * members there {@link #NAT_RATIO} to one; a farm's range holds its own accounts.
   */
  private static Set<String> crowdNats(State s, Map<String, Integer> rangeUse) {
    if (s.joinsPerRange == null) {
      s.joinsPerRange = new HashMap<>();
      for (Join j : s.joins.values()) {
        String r = j.range();
        if (r != null) {
          s.joinsPerRange.merge(r, 1, Integer::sum);
        }
      }
    }
    Set<String> out = new HashSet<>();
    for (Map.Entry<String, Integer> en : rangeUse.entrySet()) {
      Integer viewers = s.joinsPerRange.get(en.getKey());
      if (viewers != null && viewers >= NAT_CROWD && viewers >= NAT_RATIO * en.getValue()) {
        out.add(en.getKey());
      }
    }
    return out;
  }

  /**
   * Hit and run over the whole visit: from the join to the first comment of any kind, from
   * the last comment of any kind to the leave.
   */
  private static boolean hitAndRun(State s, String u, long first, long last) {
    Join j = s.joins.get(u);
    Long left = s.leaves.get(u);
    // A follower notified of the show comes and goes at will; dispatch is what this mark
    // describes, and a dispatched team comes by a shared link, the feed or search.
    return j != null && !"follow".equals(j.via) && j.ts <= first && j.firstComment != Long.MIN_VALUE
        && j.firstComment - j.ts <= HIT_RUN_MS && left != null && left >= last
        && left - Math.max(last, j.lastComment) <= HIT_RUN_MS;
  }

  /**
   * Coordinated groups whose posts overlap in time are one campaign: a team that rotates
   * templates with no member in common between two of them still acts as one. Each part must
   * be coordinated on its own, so honest pairs who happen to repeat a claim do not join.
   */
  private static List<List<Post>> campaigns(State s, Context ctx, List<List<Post>> groups,
      Map<Long, Set<String>> byCluster) {
    List<List<Post>> out = new ArrayList<>();
    List<Group> coordinated = new ArrayList<>();
    for (List<Post> g : groups) {
      Group m = measure(s, ctx, g, byCluster);
      if (m.accounts() >= MIN_PART && m.coordination >= MIN_COORDINATION - EPS) {
        coordinated.add(m);
      } else {
        out.add(g);
      }
    }
    coordinated.sort((a, b) -> Long.compare(a.first, b.first));
    List<Post> current = null;
    long currentLast = Long.MIN_VALUE;
    for (Group m : coordinated) {
      if (current != null && m.first <= currentLast + BURST_MS) {
        current.addAll(m.posts);
        currentLast = Math.max(currentLast, m.last);
      } else {
        current = new ArrayList<>(m.posts);
        currentLast = m.last;
        out.add(current);
      }
    }
    return out;
  }

  private boolean judgeGroup(State s, Context ctx, List<Post> posts,
      Map<Long, Set<String>> byCluster, List<Post> window, long now) {
    Group g = measure(s, ctx, posts, byCluster);
    int n = g.accounts();
    int together = densestStart(g.span);
    if (n < MIN_ACCOUNTS || together < MIN_ACCOUNTS || together < FLOOD_SHARE * n
        || g.coordination < MIN_COORDINATION - EPS || g.marked.size() < MIN_ACCOUNTS) {
      return false;
    }
    Onset onset = onset(s, g, together, now);
    if (onset.rise() == Rise.NOT_YET) {
      ctx.wakeAt(g.last + MIN_CONTEXT_MS - onset.lookbackMs());
    }
    if (onset.rise() == Rise.STEADY_DRIP || onset.rise() == Rise.NOT_YET) {
      return false;
    }
    int before = s.named.size();
    for (String u : g.marked) {
      if (s.named.size() < MAX_NAMED && s.named.add(u)) {
        boolean[] m = g.marks.get(u);
        s.members.put(u, new Member(u, (int) g.span.get(u)[2], m[0], m[1], m[2], m[3],
            "near_duplicate_cluster"));
      }
    }
    tieIn(s, ctx, g, window);
    for (Map.Entry<String, Integer> ip : g.ipUse.entrySet()) {
      if (ip.getValue() >= 3) {
        s.sharedIps.merge(ip.getKey(), ip.getValue(), Math::max);
      }
    }
    if (s.named.size() == before) {
      return false;
    }
    double contentMean = g.content / posts.size();
    double score = Math.min(1, 0.4 + 0.4 * g.coordination + 0.2 * contentMean
        + 0.02 * Math.min(10, n - MIN_ACCOUNTS));
    s.bestScore = Math.max(s.bestScore, score);
    s.flaggedPosts += posts.size();
    GroupFigures fig = new GroupFigures(n, posts.size(), g.first, g.last, g.repeated,
        g.ipUse.size(), g.rangeUse.size(), g.deviceUse.size(), round(g.hitRun / (double) n),
        round(g.multi / (double) n), round(g.shared / (double) n), round(g.young / (double) n),
        round(g.coordination), round(contentMean), onset);
    if (s.groups.size() < 8) {
      s.groups.add(fig);
    }
    for (Post p : posts) {
      if (s.samples.size() >= 20) {
        break;
      }
      s.samples.add(AlertBuilder.ref("comment", p.ts, "room", ctx.key(), "user", p.user,
          "text", p.text, "normalised", p.norm));
    }
    return true;
  }

  /**
   * Names the members a flagged group's clusters missed: a heavily varied copy can fall out of
   * every cluster, and two members may share a template no one else used. What they cannot
   * hide is the burst and the visit: a post in the group's span (plus {@link #BURST_MS} either
   * side) sharing at least {@link #TIE_CONTAINMENT} of its bigrams with a group post, by an
   * account that came in for the post and left (hit and run) or posts from a member's IP,
   * /24 or device. An honest viewer's claim is its own sentence, not a copy of the team's.
   */
  private static void tieIn(State s, Context ctx, Group g, List<Post> window) {
    Map<String, int[]> groupGrams = new HashMap<>();
    for (Post p : g.posts) {
      groupGrams.computeIfAbsent(p.user + "\u0000" + p.norm, k -> MinHash.bigrams(p.norm));
    }
    Map<String, long[]> outside = new LinkedHashMap<>();
    Map<String, String> similarTo = new HashMap<>();
    for (Post p : window) {
      if (g.span.containsKey(p.user) || s.named.contains(p.user)
          || p.ts < g.first - BURST_MS || p.ts > g.last + BURST_MS) {
        continue;
      }
      long[] x = outside.computeIfAbsent(p.user, k -> new long[] {p.ts, p.ts, 0});
      x[0] = Math.min(x[0], p.ts);
      x[1] = Math.max(x[1], p.ts);
      x[2]++;
      if (similarTo.containsKey(p.user)) {
        continue;
      }
      int[] grams = MinHash.bigrams(p.norm);
      for (Map.Entry<String, int[]> en : groupGrams.entrySet()) {
        int common = MinHash.common(grams, en.getValue());
        if (common >= TIE_CONTAINMENT * Math.max(1, Math.min(grams.length,
            en.getValue().length))) {
          similarTo.put(p.user, en.getKey().substring(0, en.getKey().indexOf('\u0000')));
          break;
        }
      }
    }
    for (Map.Entry<String, String> en : similarTo.entrySet()) {
      String u = en.getKey();
      long[] x = outside.get(u);
      boolean hr = hitAndRun(s, u, x[0], x[1]);
      String ip = ipOf(s, u);
      String dev = deviceOf(s, u);
      boolean sh = (ip != null && (g.ipUse.containsKey(ip) || g.rangeUse.containsKey(range(ip))))
          || (dev != null && g.deviceUse.containsKey(dev));
      if ((hr || sh) && s.named.size() < MAX_NAMED && s.named.add(u)) {
        AccountEvent acc = ctx.directory().account(u);
        boolean yo = acc != null && x[0] - acc.created() < YOUNG_MS;
        s.members.put(u, new Member(u, (int) x[2], hr, x[2] >= 2, sh, yo,
            "similar_to:" + en.getValue()));
      }
    }
  }

  /**
   * How the group rose against its clusters' history. The group's own arrival rate is taken
   * over its densest {@link #BURST_MS}, the background's over the {@link #LOOKBACK_MS} before
   * its first post, counting only accounts outside the group: a drip seen through a group
   * window arrives at about the drip's own rate, which it had been keeping up before.
   */
  private static Onset onset(State s, Group g, int together, long now) {
    Set<Long> clusters = new HashSet<>();
    for (Post p : g.posts) {
      clusters.add(p.cluster);
    }
    long from = Math.max(g.first - LOOKBACK_MS, s.watchedFrom);
    long firstSeen = Long.MAX_VALUE;
    Set<String> prior = new HashSet<>();
    for (long id : clusters) {
      History h = s.history.get(id);
      if (h == null) {
        continue;
      }
      firstSeen = Math.min(firstSeen, h.firstSeen);
      for (int i = 0; i < h.size; i++) {
        if (h.ts[i] >= from && h.ts[i] < g.first && !g.span.containsKey(h.users[i])) {
          prior.add(h.users[i]);
        }
      }
    }
    long before = g.first - from;
    // At room_end nothing more can come: the group is as it will stay.
    long after = now == Long.MAX_VALUE ? MIN_CONTEXT_MS : Math.max(0, now - g.last);
    double priorRate = prior.size() / (Math.max(before, BURST_MS) / 60_000.0);
    double burstRate = together / (BURST_MS / 60_000.0);
    // An empty lookback is read as one account in a whole one, so that a short one is not
    // taken for proof of silence.
    double surge = burstRate / Math.max(priorRate, 60_000.0 / LOOKBACK_MS);
    Rise rise = before + after < MIN_CONTEXT_MS ? Rise.NOT_YET
        : prior.isEmpty() ? Rise.OUT_OF_SILENCE
        : surge >= MIN_SURGE - EPS ? Rise.ABOVE_STEADY_POSTING : Rise.STEADY_DRIP;
    return new Onset(clusters.size(), firstSeen == Long.MAX_VALUE ? g.first : firstSeen,
        before, after, prior.size(), together, round(priorRate), round(burstRate), round(surge),
        rise);
  }

  /**
   * The most accounts whose first post in the group falls within one {@link #BURST_MS}: a
   * team is sent in at once; paid reviewers trickling in one by one are the fake-testimonial
   * detector's business, not a flood.
   */
  private static int densestStart(Map<String, long[]> span) {
    long[] firsts = span.values().stream().mapToLong(x -> x[0]).sorted().toArray();
    int best = 0;
    int from = 0;
    for (int i = 0; i < firsts.length; i++) {
      while (firsts[i] - firsts[from] > BURST_MS) {
        from++;
      }
      best = Math.max(best, i - from + 1);
    }
    return best;
  }

  private void emit(State s, Context ctx) {
    String room = ctx.key();
    AlertBuilder b = AlertBuilder.of(KIND, room)
        .at(ctx.now() == Long.MAX_VALUE ? 0 : ctx.now(), s.platform)
        .room(room)
        .score(s.bestScore)
        .subject(Subject.room(room))
        .subjects("account", s.named);
    List<String> ips = new ArrayList<>(s.sharedIps.keySet());
    b.subjects("ip", ips.subList(0, Math.min(10, ips.size())));
    GroupFigures g0 = s.groups.get(0);
    List<Member> members = List.copyOf(s.members.values());
    ctx.emit(b.summary(String.format("%d accounts posted %d near-identical claims in coordinated"
            + " groups (first group: %d accounts, %d IPs, %d /24 ranges, %.2f hit-and-run,"
            + " %d arriving in %d min after %d others in %d min before)",
            s.named.size(), s.flaggedPosts, g0.accounts(), g0.distinctIps(),
            g0.distinctIpRanges24(), g0.shareHitAndRun(), g0.onset().burstAccounts(),
            BURST_MS / 60_000, g0.onset().priorAccounts(), g0.onset().lookbackMs() / 60_000))
        .evidence(new Evidence(s.named.size(), s.flaggedPosts, List.copyOf(s.groups),
            List.copyOf(members.subList(0, Math.min(MAX_LISTED, members.size()))),
            List.copyOf(s.samples), new LinkedHashMap<>(s.sharedIps), "substantive claims; >= " + MIN_ACCOUNTS + " accounts linked"
            + " by near-duplicates (bigram Jaccard >= " + NearDuplicateIndex.MIN_JACCARD
            + ", or >= " + NearDuplicateIndex.MIN_JACCARD_CONTAINED + " with "
            + NearDuplicateIndex.MIN_CONTAINMENT + " containment) within "
            + GROUP_WINDOW_MS / 60_000 + " min, >= " + FLOOD_SHARE + " of them starting within "
            + BURST_MS / 60_000 + " min, arriving >= " + MIN_SURGE + "x as fast as others had"
            + " posted the same clusters in the " + LOOKBACK_MS / 60_000 + " min before (judged"
            + " once >= " + MIN_CONTEXT_MS / 60_000 + " min around the group were watched);"
            + " coordination >= " + MIN_COORDINATION
            + "; others tied in by >= " + TIE_CONTAINMENT + " containment in the burst with"
            + " hit-and-run or a shared network"))
        .rule("QL-CMT-001")
        .basis("false_publicity")
        .build());
  }

  private static String ipOf(State s, String u) {
    String ip = s.commentIp.get(u);
    if (ip == null) {
      Join j = s.joins.get(u);
      ip = j == null ? null : j.ip;
    }
    return ip;
  }

  private static String deviceOf(State s, String u) {
    String d = s.commentDevice.get(u);
    if (d == null) {
      Join j = s.joins.get(u);
      d = j == null ? null : j.device;
    }
    return d;
  }

  /** The /24 of an IPv4 address, the /48 of an IPv6 one: what one operator hands out. */
  static String range(String ip) {
    if (ip.indexOf(':') >= 0) {
      String[] p = ip.split(":");
      return p.length >= 3 ? p[0] + ":" + p[1] + ":" + p[2] : ip;
    }
    int dot = ip.lastIndexOf('.');
    return dot > 0 ? ip.substring(0, dot) : ip;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  /** Union-find over account ids, for one judgement. */
  private static final class UnionFind {
    private final Map<String, String> parent = new HashMap<>();

    void add(String x) {
      parent.putIfAbsent(x, x);
    }

    boolean contains(String x) {
      return parent.containsKey(x);
    }

    String find(String x) {
      String p = parent.get(x);
      while (!p.equals(x)) {
        String gp = parent.get(p);
        parent.put(x, gp);
        x = p;
        p = gp;
      }
      return x;
    }

    void union(String a, String b) {
      add(a);
      add(b);
      String ra = find(a);
      String rb = find(b);
      if (!ra.equals(rb)) {
        parent.put(ra, rb);
      }
    }
  }
}
