package org.qinglang.detectors.order;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.qinglang.alert.Subject;
import org.qinglang.detect.AlertBuilder;
import org.qinglang.detect.Context;
import org.qinglang.detect.Detector;
import org.qinglang.detect.Scope;
import org.qinglang.event.Event;
import org.qinglang.event.Order;
import org.qinglang.event.OrderCancel;
import org.qinglang.event.Refund;
import org.qinglang.event.RoomEnd;

/**
 * {@code post_show_cancellation}: orders of a show cancelled or refunded en masse after
 * {@code room_end}, far above the normal after-sale rate (staged buying that is undone once the
 * sales figure has been shown).
 *
 * <p>Two tests, either suffices, each with at least {@link #MIN_WAVE} orders:
 * <ul>
 *   <li>rate: the share of the show's orders cancelled or refunded after the end, against a
 *       baseline of {@link #BASE_RATE} (platform-typical after-sale rate), with a Chernoff bound
 *       on the binomial tail at most {@link #MAX_P};</li>
 *   <li>wave: the most cancellations/refunds in any window of 10 min, 30 min, 1 h or 3 h after the
 *       end, against the {@link #BASE_HOURLY_RATE} share of orders per hour an honest room loses
 *       (Poisson tail at most {@link #MAX_P}). Honest after-sales trickle in over hours and days;
 *       a staged wave comes together, so a small wave in a big room is still seen.</li>
 * </ul>
 *
 * <p>Only the orders of the wave (the densest window) are named: an honest cancellation an hour
 * away from the wave is not accused with it. When only the rate test holds (a wave spread over
 * days), every order undone after the end is named.
 *
 * <p>State outlives the room: it is kept for {@link #HORIZON_MILLIS} after the room's last
 * event (the 7-day no-reason return window plus a day), so a refund wave days after the show
 * still finds the orders it undoes; the alert appears when the wave does.
 */
public final class PostShowCancellationDetector
    implements Detector<PostShowCancellationDetector.State> {
  public static final String KIND = "post_show_cancellation";
  static final double BASE_RATE = 0.05;
  /** Honest rooms lose about 3% of orders in the 6 h after ordering: 0.5%/h, 0.75% allowed. */
  static final double BASE_HOURLY_RATE = 0.0075;
  /** Floor of the expected honest count per hour, so a tiny room is not over-trusted. */
  static final double MIN_LAMBDA_PER_HOUR = 0.5;
  static final long[] WINDOWS = {10 * 60_000L, 30 * 60_000L, 3_600_000L, 3 * 3_600_000L};
  static final int MIN_WAVE = 5;
  static final double EDGE_GAP_FACTOR = 4.0;
  static final double MAX_P = 1e-4;
  static final double MIN_RATE_FACTOR = 3.0;
  static final long HORIZON_MILLIS = 8 * 24 * 3_600_000L;
  static final int MAX_ORDERS = 20_000;
  static final int MAX_REFS = 40;

  /** What is kept of one order: enough to name it and its buyer. */
  record Placed(String user, long ts, long amount) implements java.io.Serializable {}

  /** One cancellation or refund after the end. */
  record Undone(String order, String type, long ts) implements java.io.Serializable {}

  /** Per room. */
  public static final class State implements java.io.Serializable {
    String platform;
    long end = Long.MIN_VALUE;
    int orders;
    int inShowUndone;
    final LinkedHashMap<String, Placed> placed = new LinkedHashMap<>();
    final LinkedHashSet<String> undoneIds = new LinkedHashSet<>();
    final ArrayList<Undone> after = new ArrayList<>();
    int reported;
    boolean overflow;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Scope scope() {
    return Scope.ROOM;
  }

  @Override
  public boolean accepts(Event e) {
    return e instanceof Order || e instanceof OrderCancel || e instanceof Refund
        || e instanceof RoomEnd;
  }

  @Override
  public State newState() {
    return new State();
  }

  @Override
  public long retentionMillis() {
    return HORIZON_MILLIS;
  }

  @Override
  public void onEvent(State s, Event e, Context ctx) {
    if (s.platform == null) {
      s.platform = e.platform();
    }
    if (e instanceof Order o) {
      if (!s.placed.containsKey(o.order())) {
        if (s.placed.size() < MAX_ORDERS) {
          s.placed.put(o.order(), new Placed(o.user(), o.ts(), o.amount()));
        } else {
          s.overflow = true;
        }
        s.orders++;
      }
    } else if (e instanceof RoomEnd) {
      s.end = e.ts();
    } else if (e instanceof OrderCancel c) {
      undone(s, c.order(), "order_cancel", c.ts(), ctx);
    } else if (e instanceof Refund r) {
      undone(s, r.order(), "refund", r.ts(), ctx);
    }
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
    double pRate = rate >= MIN_RATE_FACTOR * BASE_RATE ? Tails.binomialUpper(k, n, BASE_RATE) : 1;
    long[] ts = s.after.stream().mapToLong(Undone::ts).sorted().toArray();
    double pWave = 1;
    int chosen = -1;
    int[][] best = new int[WINDOWS.length][];
    double[] lambdas = new double[WINDOWS.length];
    for (int i = 0; i < WINDOWS.length; i++) {
      best[i] = densest(ts, WINDOWS[i]);
      lambdas[i] = Math.max(MIN_LAMBDA_PER_HOUR, n * BASE_HOURLY_RATE) * WINDOWS[i] / 3.6e6;
      double p = best[i][0] >= MIN_WAVE ? Tails.poissonUpper(best[i][0], lambdas[i]) : 1;
      if (p < pWave) {
        pWave = p;
        chosen = i;
      }
    }
    int waveCount = chosen < 0 ? 0 : best[chosen][0];
    int lo = chosen < 0 ? 0 : best[chosen][1];
    int hi = lo + waveCount - 1;
    if (chosen >= 0 && waveCount >= 2) {
      // A fixed-width window may cut a wave short or catch an honest straggler at its edge:
      // the wave is the run of events spaced like its core (no gap above EDGE_GAP_FACTOR x the
      // core's mean gap: for evenly random timing that splits a real wave 2% of the time),
      // grown outwards from the window and trimmed at the window's edges.
      long mean = (ts[hi] - ts[lo]) / (waveCount - 1);
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
    }
    long waveFrom = chosen < 0 ? 0 : ts[lo];
    long waveTo = chosen < 0 ? -1 : ts[hi];
    double waveLambda = chosen < 0 ? 0 : lambdas[chosen];
    long waveWindow = chosen < 0 ? 0 : WINDOWS[chosen];
    if (pRate > MAX_P && pWave > MAX_P) {
      return;
    }
    s.reported = k;
    boolean byWave = pWave <= MAX_P;
    String room = ctx.key();
    List<Map<String, Object>> refs = new ArrayList<>();
    LinkedHashSet<String> accounts = new LinkedHashSet<>();
    AlertBuilder ab = AlertBuilder.of(KIND, room).at(ctx.now(), s.platform).room(room)
        .subject(Subject.room(room));
    int cancels = 0;
    int named = 0;
    for (Undone u : s.after) {
      if (byWave && (u.ts() < waveFrom || u.ts() > waveTo)) {
        continue;
      }
      Placed p = s.placed.get(u.order());
      accounts.add(p.user());
      ab.subject(Subject.order(u.order()));
      named++;
      if (u.type().equals("order_cancel")) {
        cancels++;
      }
      refs.add(AlertBuilder.ref(u.type(), u.ts(), "room", room, "order", u.order(), "user",
          p.user(), "ordered_ts", p.ts(), "amount", p.amount()));
    }
    ab.subjects("account", accounts);
    double p = Math.min(pRate, pWave);
    double score = Math.min(1, 0.55 + 0.05 * Math.min(6, -Math.log10(Math.max(p, 1e-30)) - 4)
        + 0.15 * Math.min(1, rate / 0.5));
    Map<String, Object> wave = new LinkedHashMap<>();
    wave.put("count", waveCount);
    wave.put("named", hi - lo + 1);
    wave.put("window_minutes", waveWindow / 60_000);
    wave.put("expected_honest", Tails.round(waveLambda, 2));
    wave.put("poisson_p", pWave);
    wave.put("from_ts", waveFrom);
    wave.put("to_ts", waveTo);
    wave.put("hours_after_end", Tails.round((waveFrom - s.end) / 3.6e6, 1));
    ctx.emit(ab.score(score)
        .summary(String.format("%d of %d orders (%.0f%%, baseline %.0f%%) undone after the show"
            + " ended; %d of them within %d min", k, n, 100 * rate, 100 * BASE_RATE, waveCount,
            waveWindow / 60_000))
        .evidence("orders_in_show", n)
        .evidence("undone_after_end", k)
        .evidence("undone_during_show", s.inShowUndone)
        .evidence("rate", Tails.round(rate, 3))
        .evidence("baseline_rate", BASE_RATE)
        .evidence("rate_p_upper_bound", pRate)
        .evidence("wave", wave)
        .evidence("named_orders", named)
        .evidence("named_cancellations", cancels)
        .evidence("named_refunds", named - cancels)
        .evidence("room_end_ts", s.end)
        .evidence("undone", AlertBuilder.sample(refs, MAX_REFS))
        .evidence("threshold", ">= " + MIN_WAVE + " undone after the end and (rate >= "
            + MIN_RATE_FACTOR + "x baseline with binomial bound <= " + MAX_P + ", or a wave of"
            + " 10 min/30 min/1 h/3 h with Poisson tail <= " + MAX_P + " against " + BASE_HOURLY_RATE
            + " of orders per hour)")
        .evidence("state_truncated", s.overflow)
        .rule("QL-ORD-002")
        .basis("traffic_fabrication")
        .build());
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
