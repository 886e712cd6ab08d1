package org.qinglang.detectors.room;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.qinglang.detect.AlertBuilder;
import org.qinglang.detect.Context;
import org.qinglang.detect.DetectorSpec;
import org.qinglang.detect.Scope;
import org.qinglang.detect.SpecDetector;
import org.qinglang.event.EventType;
import org.qinglang.event.Event;
import org.qinglang.event.RoomEnd;
import org.qinglang.event.RoomStart;
import org.qinglang.event.ViewerCount;
import org.qinglang.event.ViewerJoin;
import org.qinglang.event.ViewerLeave;

/**
 * {@code viewer_inflation}: the displayed concurrent count runs far above the audience the
 * joins and leaves explain.
 *
 * <p>Each displayed {@code viewer_count} is compared with the observed concurrent audience at
 * the same event time (events arrive in event-time order, so late joins are already counted).
 * A sample is excessive when displayed &gt; {@link #RATIO} x observed + {@link #SLACK}: honest
 * platforms run a few percent high (caching, viewers whose leave is not yet logged), so a 30%
 * margin plus a small absolute slack for tiny rooms keeps them quiet. One excessive sample can
 * be a glitch; {@link #MIN_RUN} in a row make a finding. Small rooms get a second, summed
 * check over {@link #WINDOW} samples (see {@link #sustained}).
 *
 * <p>The observed audience is everyone who joined and has not left, bots included: a room
 * padded with bought accounts displays an honest count of a dishonest audience, which is
 * {@code bot_audience}'s finding, not this one. This detector judges the counter, not the
 * people: the display running away from the joins. Two further checks of the counter:
 * a displayed {@code online} above every join the room has ever had is impossible, not just
 * excessive (counted and shown apart in the evidence); and a displayed cumulative
 * {@code total} above {@link #RATIO} x the joins + {@link #SLACK}, {@link #MIN_RUN} times in a
 * row, is inflation of the view count even when {@code online} looks plausible.
 *
 * <p>An account may hold two open visits at once (a second device, a re-entry whose leave of
 * the first stay comes later): presence is counted per open visit, as the platform counts
 * sessions, so the first leave does not hide the second stay.
 *
 * <p>State per room: open visits per account present now (bounded by the concurrent audience),
 * counters, and at most {@link #KEEP_SAMPLES} sample references.
 */
public final class ViewerInflationDetector extends SpecDetector<ViewerInflationDetector.State> {
  public static final String KIND = "viewer_inflation";
  static final DetectorSpec SPEC = DetectorSpec.of(KIND, Scope.ROOM).accepts(EventType.VIEWER_JOIN,
      EventType.VIEWER_LEAVE, EventType.VIEWER_COUNT, EventType.ROOM_START, EventType.ROOM_END);

  /**
   * The figures a reviewer re-checks against the room's viewer counts and joins.
   *
   * @param excessiveCounts displayed online counts above the threshold
   * @param countsSeen every displayed count of the room so far
   * @param impossibleCounts displayed counts above every account that ever joined
   * @param samples the worst displayed/observed pairs, as event references
   * @param finalUpdate whether the room has ended (the figures no longer grow)
   */
  public record Evidence(int excessiveCounts, int countsSeen, double meanRatio, double peakRatio,
      int impossibleCounts, int totalExcessiveCounts, double peakTotalRatio, long joinsObserved,
      String observedIncludes, String threshold, List<Map<String, Object>> samples,
      @com.fasterxml.jackson.annotation.JsonProperty("final") boolean finalUpdate)
      implements org.qinglang.alert.Evidence {}

  public ViewerInflationDetector() {
    super(SPEC);
  }
  static final double RATIO = 1.3;
  static final long SLACK = 15;
  static final int MIN_RUN = 3;
  private static final int KEEP_SAMPLES = 12;
  /** Samples summed by the small-room check: 10 counts, five minutes at the usual rate. */
  static final int WINDOW = 10;

  /** Per room: who is in, and the run of excessive samples. */
  public static final class State {
    String platform;
    final HashMap<String, Integer> present = new HashMap<>();
    long open;
    long joins;
    final long[] ringDisplayed = new long[WINDOW];
    final long[] ringObserved = new long[WINDOW];
    int ringPos;
    int ringN;
    int run;
    int totalRun;
    int totalExcessive;
    int impossible;
    double peakTotalRatio;
    int excessive;
    int samples;
    double peakRatio;
    double sumRatio;
    boolean raised;
    int raisedAt;
    final ArrayList<Map<String, Object>> worst = new ArrayList<>();
  }

  @Override
  public State newState() {
    return new State();
  }

  @Override
  public void onEvent(State s, Event e, Context ctx) {
    s.platform = e.platform();
    if (e instanceof ViewerJoin j) {
      s.present.merge(j.user(), 1, Integer::sum);
      s.open++;
      s.joins++;
    } else if (e instanceof ViewerLeave l) {
      Integer n = s.present.get(l.user());
      if (n != null) { // a leave without a join is not counted
        s.open--;
        if (n == 1) {
          s.present.remove(l.user());
        } else {
          s.present.put(l.user(), n - 1);
        }
      }
    } else if (e instanceof ViewerCount c) {
      sample(s, c, ctx);
    } else if (e instanceof RoomEnd && s.raised) {
      emit(s, ctx, e.room(), true);
    }
  }

  private void sample(State s, ViewerCount c, Context ctx) {
    s.samples++;
    boolean totalRunaway = checkTotal(s, c);
    long observed = s.open;
    boolean sustained = sustained(s, c.online(), observed);
    if (c.online() <= RATIO * observed + SLACK && !sustained) {
      s.run = 0;
      if (totalRunaway && s.totalRun >= MIN_RUN && (!s.raised
          || s.totalExcessive + s.excessive >= 2 * s.raisedAt)) {
        s.raised = true;
        s.raisedAt = s.totalExcessive + s.excessive;
        emit(s, ctx, c.room(), false);
      }
      return;
    }
    if (c.online() > s.joins + SLACK) {
      s.impossible++;
    }
    double ratio = c.online() / (double) Math.max(1, observed);
    s.run++;
    s.excessive++;
    s.sumRatio += ratio;
    s.peakRatio = Math.max(s.peakRatio, ratio);
    Map<String, Object> ref = AlertBuilder.ref("viewer_count", c.ts(), "room", c.room(),
        "online", c.online(), "total", c.total(), "observed", observed, "joins", s.joins,
        "ratio", round(ratio));
    s.worst.add(ref);
    if (s.worst.size() > KEEP_SAMPLES) {
      s.worst.remove(KEEP_SAMPLES / 2); // keep the first few and the latest few
    }
    if (s.run >= MIN_RUN && (!s.raised || s.excessive >= 2 * s.raisedAt)) {
      s.raised = true;
      s.raisedAt = s.excessive;
      emit(s, ctx, c.room(), false);
    }
  }

  /**
   * The small-room check: the slack that keeps one noisy sample of a 20-viewer room quiet also
   * hides a 1.6x padding there. Summed over the last {@link #WINDOW} samples, the noise
   * averages out while a padding adds up: excessive when the displayed sum exceeds
   * {@link #RATIO} x the observed sum + {@link #SLACK} and no sample in the window showed
   * fewer viewers than were observed.
   */
  private static boolean sustained(State s, long online, long observed) {
    s.ringDisplayed[s.ringPos] = online;
    s.ringObserved[s.ringPos] = observed;
    s.ringPos = (s.ringPos + 1) % WINDOW;
    s.ringN = Math.min(WINDOW, s.ringN + 1);
    if (s.ringN < WINDOW) {
      return false;
    }
    long d = 0;
    long o = 0;
    for (int i = 0; i < WINDOW; i++) {
      if (s.ringDisplayed[i] <= s.ringObserved[i]) {
        return false;
      }
      d += s.ringDisplayed[i];
      o += s.ringObserved[i];
    }
    return d > RATIO * o + SLACK;
  }

  /** Cumulative views displayed against the joins seen: true when this sample runs away. */
  private static boolean checkTotal(State s, ViewerCount c) {
    if (c.total() == null || c.total() <= RATIO * s.joins + SLACK) {
      s.totalRun = 0;
      return false;
    }
    s.totalRun++;
    s.totalExcessive++;
    s.peakTotalRatio = Math.max(s.peakTotalRatio, c.total() / (double) Math.max(1, s.joins));
    return true;
  }

  private void emit(State s, Context ctx, String room, boolean finalUpdate) {
    double mean = s.excessive == 0 ? s.peakTotalRatio : s.sumRatio / s.excessive;
    double share = Math.max(s.excessive, s.totalExcessive) / (double) Math.max(1, s.samples);
    double score = Math.min(1, 0.55 + 0.15 * Math.log(mean) / Math.log(2) + 0.2 * share);
    ctx.emit(AlertBuilder.of(KIND, room)
        .at(ctx.now(), s.platform)
        .room(room)
        .score(score)
        .subject(org.qinglang.alert.Subject.room(room))
        .summary(s.excessive > 0
            ? String.format("displayed viewers averaged %.1fx the observed audience in %d of %d"
                + " counts (peak %.1fx)", mean, s.excessive, s.samples, s.peakRatio)
            : String.format("displayed cumulative views ran up to %.1fx the joins in %d of %d"
                + " counts", s.peakTotalRatio, s.totalExcessive, s.samples))
        .evidence(new Evidence(s.excessive, s.samples, round(mean), round(s.peakRatio),
            s.impossible, s.totalExcessive, round(s.peakTotalRatio), s.joins,
            "every joined account not yet left, bots included",
            "displayed > " + RATIO + " x observed + " + SLACK + ", " + MIN_RUN
                + " counts in a row (or displayed total > " + RATIO + " x joins + " + SLACK
                + ", " + MIN_RUN + " in a row)", s.worst, finalUpdate))
        .rule("QL-AUD-001")
        .basis("traffic_fabrication")
        .build());
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
