package org.qinglang.detectors.order;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.qinglang.alert.Subject;
import org.qinglang.detect.AlertBuilder;
import org.qinglang.detect.Context;
import org.qinglang.detect.DetectorSpec;
import org.qinglang.detect.Directory;
import org.qinglang.detect.Scope;
import org.qinglang.detect.SpecDetector;
import org.qinglang.event.Comment;
import org.qinglang.event.Event;
import org.qinglang.event.EventType;
import org.qinglang.event.Follow;
import org.qinglang.event.Gift;
import org.qinglang.event.Like;
import org.qinglang.event.Order;
import org.qinglang.event.OrderCancel;
import org.qinglang.event.Refund;
import org.qinglang.event.RoomEnd;
import org.qinglang.event.ViewerJoin;

/**
 * {@code post_show_cancellation}: orders of a show cancelled or refunded en masse after
 * {@code room_end}, far above the normal after-sale rate (staged buying that is undone once the
 * sales figure has been shown).
 *
 * <p>Three tests, any suffices, each with at least {@link #MIN_WAVE} orders:
 * <ul>
 *   <li>rate: the share of the show's orders cancelled or refunded after the end, against a
 *       baseline of {@link #BASE_RATE} (platform-typical after-sale rate), with a Chernoff bound
 *       on the binomial tail at most {@link #MAX_P};</li>
 *   <li>wave: the most cancellations/refunds in any window of 10 min to 3 h after the end,
 *       against the {@link #BASE_HOURLY_RATE} share of orders per hour an honest room loses
 *       (Poisson tail at most {@link #MAX_P}). Honest after-sales trickle in over hours and days;
 *       a staged wave comes together, so a small wave in a big room is still seen;</li>
 *   <li>drive-by wave: the same, counting only orders by <em>drive-by</em> buyers (joined at most
 *       {@link #DRIVE_BY_MILLIS} before ordering and never commented, liked, gifted or followed
 *       in the show), against the honest background scaled by the drive-by share of the
 *       room's orders that were kept (not undone after the end). A staged buyer is sent the
 *       link to place an order, not persuaded by the pitch: he comes in, buys and goes. Honest
 *       cancellation does not care whether the buyer chatted, so under the honest hypothesis
 *       the drive-by orders are undone at the room's drive-by share of the background (with
 *       {@link #DRIVE_BY_CANCEL_FACTOR} of margin for impulse buyers regretting more). The
 *       share is measured per room, so a platform where most buyers are silent only weakens
 *       this test instead of making it fire more often.</li>
 * </ul>
 *
 * <p>Only the orders of the wave (the most significant window) are named, and for a drive-by
 * wave only its drive-by orders: an honest cancellation near the wave is not accused with it.
 * When only
 * the rate test holds and no wave stands out (p above {@link #NAME_WAVE_P}: a wave spread over
 * days), every order undone after the end is named.
 *
 * <p>State outlives the room: it is kept for {@link #HORIZON_MILLIS} after the room's last
 * event (the 7-day no-reason return window plus a day), so a refund wave days after the show
 * still finds the orders it undoes; the alert appears when the wave does. Who joined when and
 * who engaged is needed only until {@code room_end}: it is folded into one flag per order then
 * and dropped.
 */
public final class PostShowCancellationDetector
    extends SpecDetector<PostShowCancellationDetector.State> {
  public static final String KIND = "post_show_cancellation";
  static final double BASE_RATE = 0.05;
  /**
   * Normal after-sale shares by category where they are far above {@link #BASE_RATE}: apparel
   * is returned for size and fit (20-30% in live commerce is ordinary, industry reports put
   * some shops far higher), so a room selling it is compared against its own kind.
   */
  static final Map<String, Double> CATEGORY_RATE = Map.of("apparel", 0.30);
  /** The no-reason return window over which honest after-sales of a category spread. */
  static final double RETURN_WINDOW_HOURS = 7 * 24;
  /** Honest rooms lose about 3% of orders in the 6 h after ordering: 0.5%/h, 0.75% allowed. */
  static final double BASE_HOURLY_RATE = 0.0075;
  /** Floor of the expected honest count per hour, so a tiny room is not over-trusted. */
  static final double MIN_LAMBDA_PER_HOUR = 0.5;
  static final long[] WINDOWS = {10 * 60_000L, 30 * 60_000L, 3_600_000L, 90 * 60_000L,
      2 * 3_600_000L, 3 * 3_600_000L};
  static final int MIN_WAVE = 5;
  static final double EDGE_GAP_FACTOR = 4.0;
  static final double MAX_P = 1e-4;
  static final double MIN_RATE_FACTOR = 3.0;
  /** Tails below this are not compared with each other (double precision ends near 1e-16). */
  static final double P_FLOOR = 1e-12;
  /** A wave this unlikely is named alone even when the rate test is what raised the finding. */
  static final double NAME_WAVE_P = 0.01;
  /** A buyer who joined this shortly before ordering came to buy, not to watch. */
  static final long DRIVE_BY_MILLIS = 3 * 60_000L;
  /** Margin on the drive-by share: impulse buyers may regret more often than watchers. */
  static final double DRIVE_BY_CANCEL_FACTOR = 1.5;
  static final long HORIZON_MILLIS = 8 * 24 * 3_600_000L;
  static final DetectorSpec SPEC = DetectorSpec.of(KIND, Scope.ROOM)
      .accepts(EventType.ORDER, EventType.ORDER_CANCEL, EventType.REFUND, EventType.ROOM_END,
          EventType.VIEWER_JOIN, EventType.COMMENT, EventType.LIKE, EventType.GIFT,
          EventType.FOLLOW)
      .reads(Directory.Part.PRODUCTS)
      .retention(Duration.ofMillis(HORIZON_MILLIS));
  static final int MAX_ORDERS = 20_000;
  static final int MAX_VIEWERS = 50_000;
  static final int MAX_REFS = 40;

  /**
   * What a reviewer re-checks: the share undone after the end against the baseline it was
   * compared with and its tail, the tightest wave and the drive-by figures, the orders named
   * and the undoing events.
   */
  public record Evidence(String waveKind, double roomBaselineRate, String baselineSource,
      double ratePExactBinomial, int ordersInShow, int undoneAfterEnd, int undoneDuringShow,
      double rate, double baselineRate, List<BaselineUse> baselines, WaveFigures wave,
      DriveBy driveBy, int namedOrders, int namedDriveBy, int namedCancellations,
      int namedRefunds, long roomEndTs, List<Map<String, Object>> undone, String threshold,
      boolean stateTruncated) implements org.qinglang.alert.Evidence {}

  /** One baseline the room's orders were held against, and how many of them. */
  public record BaselineUse(String basis, double share, int orders) {}

  /** The most significant window of undoing: its count against the honest expectation. */
  public record WaveFigures(String orders, int count, int named, long windowMinutes,
      double expectedHonest, double poissonP, long fromTs, long toTs, double hoursAfterEnd) {}

  /** Drive-by buyers (came to buy, never engaged) and their own wave test. */
  public record DriveBy(int ordersInShow, double shareOfOrders, int undoneAfterEnd,
      double shareOfKeptOrdersWithMargin, int waveCount, double wavePoissonP,
      String definition) {}

  /** What is kept of one order: enough to name it and its buyer. */
  static final class Placed implements java.io.Serializable {
    final String user;
    final long ts;
    final long amount;
    /** The normal after-sale share of the order's category. */
    double baseRate = BASE_RATE;
    /** Milliseconds from the buyer's last join to the order; -1 when no join was seen. */
    final long joinedBefore;
    /** Set at room_end: joined just before ordering and never engaged in the show. */
    boolean driveBy;

    Placed(String user, long ts, long amount, long joinedBefore) {
      this.user = user;
      this.ts = ts;
      this.amount = amount;
      this.joinedBefore = joinedBefore;
    }
  }

  /** One cancellation or refund after the end. */
  record Undone(String order, String type, long ts) implements java.io.Serializable {}

  /** The most undone orders close together in time, and how unlikely that is for honest ones. */
  record Wave(boolean driveBy, int count, long window, double lambda, double p, long from,
      long to, int named) {
    static final Wave NONE = new Wave(false, 0, 0, 0, 1, 0, -1, 0);
  }

  /** Per room. */
  public static final class State implements java.io.Serializable {
    String platform;
    long end = Long.MIN_VALUE;
    int orders;
    int driveByOrders;
    int inShowUndone;
    final LinkedHashMap<String, Placed> placed = new LinkedHashMap<>();
    final LinkedHashSet<String> undoneIds = new LinkedHashSet<>();
    final ArrayList<Undone> after = new ArrayList<>();
    /** Until room_end: each viewer's last join. */
    HashMap<String, Long> lastJoin = new HashMap<>();
    /** Until room_end: viewers who commented, liked, gifted or followed. */
    HashSet<String> engaged = new HashSet<>();
    /** Per baseline the orders were held against (its text): {share, orders}. */
    final LinkedHashMap<String, double[]> bases = new LinkedHashMap<>();
    int reported;
    boolean overflow;
    boolean viewersOverflow;
  }

  private final AfterSalesBaselines baselines;

  /** With the learned baselines named by {@value AfterSalesBaselines#PROPERTY}, if any. */
  public PostShowCancellationDetector() {
    this(AfterSalesBaselines.fromProperty());
  }

  public PostShowCancellationDetector(AfterSalesBaselines baselines) {
    super(SPEC);
    this.baselines = baselines;
  }

  @Override
  public State newState() {
    return new State();
  }

  @Override
  public void onEvent(State s, Event e, Context ctx) {
    if (s.platform == null) {
      s.platform = e.platform();
    }
    if (e instanceof ViewerJoin j) {
      if (s.lastJoin != null && (s.lastJoin.size() < MAX_VIEWERS
          || s.lastJoin.containsKey(j.user()))) {
        s.lastJoin.put(j.user(), j.ts());
      } else if (s.lastJoin != null) {
        s.viewersOverflow = true;
      }
    } else if (e instanceof Comment || e instanceof Like || e instanceof Gift
        || e instanceof Follow) {
      if (s.engaged != null
          && (s.engaged.size() < MAX_VIEWERS || s.engaged.contains(e.user()))) {
        s.engaged.add(e.user());
      } else if (s.engaged != null) {
        s.viewersOverflow = true; // an engaged viewer past the cap would count as silent
      }
    } else if (e instanceof Order o) {
      if (!s.placed.containsKey(o.order())) {
        if (s.placed.size() < MAX_ORDERS) {
          Long joined = s.lastJoin == null ? null : s.lastJoin.get(o.user());
          Placed placed = new Placed(o.user(), o.ts(), o.amount(),
              joined == null || joined > o.ts() ? -1 : o.ts() - joined);
          var product = ctx.directory() == null ? null : ctx.directory().product(o.sku());
          String basis = "default " + BASE_RATE + " (platform-typical)";
          if (product != null && product.category() != null) {
            AfterSalesBaselines.Baseline learned = baselines.lookup(o.platform(),
                product.merchant(), product.category());
            if (learned != null) {
              placed.baseRate = learned.share();
              basis = learned.basis();
            } else if (CATEGORY_RATE.containsKey(product.category())) {
              placed.baseRate = CATEGORY_RATE.get(product.category());
              basis = "default for " + product.category();
            }
          }
          s.bases.computeIfAbsent(basis, b -> new double[] {placed.baseRate, 0})[1]++;
          s.placed.put(o.order(), placed);
        } else {
          s.overflow = true;
        }
        s.orders++;
      }
    } else if (e instanceof RoomEnd) {
      s.end = e.ts();
      closeShow(s);
    } else if (e instanceof OrderCancel c) {
      undone(s, c.order(), "order_cancel", c.ts(), ctx);
    } else if (e instanceof Refund r) {
      undone(s, r.order(), "refund", r.ts(), ctx);
    }
  }

  /** Folds who engaged into one flag per order, then forgets the audience. */
  private static void closeShow(State s) {
    if (s.lastJoin == null) {
      return; // a second room_end
    }
    s.driveByOrders = 0;
    for (Placed p : s.placed.values()) {
      p.driveBy = p.joinedBefore >= 0 && p.joinedBefore <= DRIVE_BY_MILLIS
          && !s.engaged.contains(p.user);
      if (p.driveBy) {
        s.driveByOrders++;
      }
    }
    s.lastJoin = null;
    s.engaged = null;
  }

  private void undone(State s, String order, String type, long ts, Context ctx) {
    if (!s.placed.containsKey(order) || !s.undoneIds.add(order)) {
      return; // an order of another room, one we never saw, or a refund after a cancel
    }
    if (s.end == Long.MIN_VALUE || ts <= s.end) {
      s.inShowUndone++;
      return;
    }
    s.after.add(new Undone(order, type, ts));
    evaluate(s, ctx);
  }

  private void evaluate(State s, Context ctx) {
    int k = s.after.size();
    // Each undone order is a new subject: re-emit on every one while the finding is small, then
    // in 10% steps, so a growing wave is one alert updated a bounded number of times.
    if (k < MIN_WAVE || (s.reported > 0 && k < s.reported + Math.max(1, s.reported / 10))) {
      return;
    }
    int n = s.orders;
    double rate = k / (double) n;
    // The room's baseline is the mean normal share of what it sold; the test is the exact
    // binomial tail, which stays honest with a few dozen orders where a normal bound does not.
    double base = 0;
    for (Placed p : s.placed.values()) {
      base += p.baseRate;
    }
    base = s.placed.isEmpty() ? BASE_RATE : base / s.placed.size();
    double pRate = rate >= MIN_RATE_FACTOR * base ? Tails.binomialExactUpper(k, n, base) : 1;
    // Honest returns above the base rate come one by one over the return window.
    double perHour = Math.max(MIN_LAMBDA_PER_HOUR, n * (BASE_HOURLY_RATE
        + Math.max(0, base - BASE_RATE) / RETURN_WINDOW_HOURS));
    Wave all = wave(times(s, false), perHour, false);
    // The room's drive-by share among the orders that were kept (the undone ones are what is
    // under test: counting them would let a staged wave raise its own background), with one
    // extra drive-by order so a room with few orders is not credited with a tiny share.
    int undoneDriveBy = (int) s.after.stream().filter(u -> s.placed.get(u.order()).driveBy)
        .count();
    double driveShare = Math.min(1, DRIVE_BY_CANCEL_FACTOR * (s.driveByOrders - undoneDriveBy + 1)
        / (n - k + 1.0));
    Wave drive = wave(times(s, true), perHour * driveShare, true);
    Wave w = drive.p() < all.p() ? drive : all;
    if (pRate > MAX_P && w.p() > MAX_P) {
      return;
    }
    s.reported = k;
    // When the rate decides but a wave still stands out, the wave is what was staged: the
    // stray honest cancellations of the other hours are left out.
    boolean byWave = w.p() <= NAME_WAVE_P;
    String room = ctx.key();
    List<Map<String, Object>> refs = new ArrayList<>();
    LinkedHashSet<String> accounts = new LinkedHashSet<>();
    AlertBuilder ab = AlertBuilder.of(KIND, room).at(ctx.now(), s.platform).room(room)
        .subject(Subject.room(room));
    int cancels = 0;
    int named = 0;
    int namedDriveBy = 0;
    for (Undone u : s.after) {
      Placed p = s.placed.get(u.order());
      if (byWave && (u.ts() < w.from() || u.ts() > w.to() || (w.driveBy() && !p.driveBy))) {
        continue;
      }
      accounts.add(p.user);
      ab.subject(Subject.order(u.order()));
      named++;
      if (p.driveBy) {
        namedDriveBy++;
      }
      if (u.type().equals("order_cancel")) {
        cancels++;
      }
      refs.add(AlertBuilder.ref(u.type(), u.ts(), "room", room, "order", u.order(), "user",
          p.user, "ordered_ts", p.ts, "amount", p.amount, "joined_before_order_s",
          p.joinedBefore < 0 ? null : p.joinedBefore / 1000, "drive_by", p.driveBy));
    }
    ab.subjects("account", accounts);
    double p = Math.min(pRate, w.p());
    double score = Math.min(1, 0.55 + 0.05 * Math.min(6, -Math.log10(Math.max(p, 1e-30)) - 4)
        + 0.15 * Math.min(1, rate / 0.5));
    WaveFigures wave = new WaveFigures(w.driveBy() ? "drive-by buyers only" : "all",
        w.count(), w.named(), w.window() / 60_000, Tails.round(w.lambda(), 3), w.p(), w.from(),
        w.to(), Tails.round((w.from() - s.end) / 3.6e6, 1));
    DriveBy driveBy = new DriveBy(s.driveByOrders,
        Tails.round(s.driveByOrders / (double) Math.max(1, n), 3), undoneDriveBy,
        Tails.round(driveShare, 3), drive.count(), drive.p(), "joined <= "
            + DRIVE_BY_MILLIS / 60_000 + " min before ordering, no comment, like, gift or follow"
            + " in the show");
    String waveKind = (cancels == named ? "cancellation wave (before shipping)"
        : cancels == 0 ? "refund wave (after payment)" : "mixed cancellation and refund wave")
        + (w.driveBy() || namedDriveBy >= 0.8 * named
            ? " of drive-by buyers: staged (brushed) orders undone once the show's figure was shown"
            : "");
    ctx.emit(ab.score(score)
        .summary(String.format("%d of %d orders (%.0f%%, baseline %.0f%% for what the room sold)"
            + " undone after the show ended; %d of them within %d min (chance for honest"
            + " after-sales %.1e): %s", k, n, 100 * rate, 100 * base, w.count(),
            w.window() / 60_000, p, waveKind))
        .evidence(new Evidence(waveKind, Tails.round(base, 4), baselines.isEmpty()
            ? "per category: " + CATEGORY_RATE + ", otherwise " + BASE_RATE
                + " (platform-typical); mean over the room's orders"
            : "learned after-sales baselines where the table has the order's category,"
                + " otherwise per category: " + CATEGORY_RATE + ", otherwise " + BASE_RATE
                + "; mean over the room's orders", pRate, n, k, s.inShowUndone,
            Tails.round(rate, 3), BASE_RATE, uses(s), wave, driveBy, named, namedDriveBy, cancels,
            named - cancels, s.end, AlertBuilder.sample(refs, MAX_REFS), ">= " + MIN_WAVE
                + " undone after the end and (rate >= " + MIN_RATE_FACTOR + "x baseline with"
                + " binomial bound <= " + MAX_P + ", or a wave of 10 min/30 min/1 h/90 min/2 h/3"
                + " h with Poisson tail <= " + MAX_P + " against " + BASE_HOURLY_RATE
                + " of orders per hour, or such a wave of drive-by orders against that"
                + " background x " + DRIVE_BY_CANCEL_FACTOR + " x the drive-by share of the"
                + " orders kept)", s.overflow || s.viewersOverflow))
        .rule("QL-ORD-002")
        .basis("traffic_fabrication")
        .build());
  }

  private static List<BaselineUse> uses(State s) {
    List<BaselineUse> out = new ArrayList<>();
    s.bases.forEach((basis, c) -> out.add(new BaselineUse(basis, c[0], (int) c[1])));
    return out;
  }

  /** Sorted times of the orders undone after the end (only drive-by ones if asked). */
  private static long[] times(State s, boolean driveByOnly) {
    return s.after.stream().filter(u -> !driveByOnly || s.placed.get(u.order()).driveBy)
        .mapToLong(Undone::ts).sorted().toArray();
  }

  /** The most significant window of {@code ts} against {@code perHour} honest events. */
  private static Wave wave(long[] ts, double perHour, boolean driveBy) {
    double best = 1;
    int chosen = -1;
    int[] at = null;
    for (int i = 0; i < WINDOWS.length; i++) {
      int[] d = densest(ts, WINDOWS[i]);
      double p = d[0] >= MIN_WAVE ? Tails.poissonUpper(d[0], perHour * WINDOWS[i] / 3.6e6) : 1;
      // Beyond P_FLOOR the tails are all "never by chance" (and round to 0), so they cannot
      // choose: a wider window is then taken when what it adds over the narrower one is itself
      // unlikely for honest after-sales (more of the wave, not background swept in).
      boolean beyond = p <= P_FLOOR && best <= P_FLOOR;
      if (!beyond && p < best || beyond && d[0] > at[0] && Tails.poissonUpper(d[0] - at[0],
          perHour * (WINDOWS[i] - WINDOWS[chosen]) / 3.6e6) <= NAME_WAVE_P) {
        best = p;
        chosen = i;
        at = d;
      }
    }
    if (chosen < 0) {
      return Wave.NONE;
    }
    int count = at[0];
    int lo = at[1];
    int hi = lo + count - 1;
    // A fixed-width window may cut a wave short or catch an honest straggler at its edge:
    // the wave is the run of events spaced like its core (no gap above EDGE_GAP_FACTOR x the
    // core's mean gap: for evenly random timing that splits a real wave 2% of the time),
    // grown outwards from the window and trimmed at the window's edges.
    long mean = (ts[hi] - ts[lo]) / (count - 1);
    long limit = (long) (EDGE_GAP_FACTOR * Math.max(60_000, mean));
    while (lo > 0 && ts[lo] - ts[lo - 1] <= limit) {
      lo--;
    }
    while (hi < ts.length - 1 && ts[hi + 1] - ts[hi] <= limit) {
      hi++;
    }
    while (hi - lo + 1 > MIN_WAVE && ts[lo + 1] - ts[lo] > limit) {
      lo++;
    }
    while (hi - lo + 1 > MIN_WAVE && ts[hi] - ts[hi - 1] > limit) {
      hi--;
    }
    return new Wave(driveBy, count, WINDOWS[chosen], perHour * WINDOWS[chosen] / 3.6e6, best,
        ts[lo], ts[hi], hi - lo + 1);
  }

  /** The most times within {@code window} of each other: {count, index of the first}. */
  private static int[] densest(long[] ts, long window) {
    int best = 0;
    int at = 0;
    int j = 0;
    for (int i = 0; i < ts.length; i++) {
      while (ts[i] - ts[j] > window) {
        j++;
      }
      if (i - j + 1 > best) {
        best = i - j + 1;
        at = j;
      }
    }
    return new int[] {best, at};
  }
}
