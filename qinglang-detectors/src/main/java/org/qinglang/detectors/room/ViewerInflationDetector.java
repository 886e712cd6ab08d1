package org.qinglang.detectors.room;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.qinglang.detect.AlertBuilder;
import org.qinglang.detect.Context;
import org.qinglang.detect.Detector;
import org.qinglang.detect.Scope;
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
 * be a glitch; {@link #MIN_RUN} in a row make a finding.
 */
public final class ViewerInflationDetector implements Detector<ViewerInflationDetector.State> {
  public static final String KIND = "viewer_inflation";
  static final double RATIO = 1.3;
  static final long SLACK = 15;
  static final int MIN_RUN = 3;
  private static final int KEEP_SAMPLES = 12;

  /** Per room: who is in, and the run of excessive samples. */
  public static final class State {
    String platform;
    final HashSet<String> present = new HashSet<>();
    final HashSet<String> seen = new HashSet<>();
    int run;
    int excessive;
    int samples;
    double peakRatio;
    double sumRatio;
    boolean raised;
    int raisedAt;
    final ArrayList<Map<String, Object>> worst = new ArrayList<>();
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
    return e instanceof ViewerJoin || e instanceof ViewerLeave || e instanceof ViewerCount
        || e instanceof RoomStart || e instanceof RoomEnd;
  }

  @Override
  public State newState() {
    return new State();
  }

  @Override
  public void onEvent(State s, Event e, Context ctx) {
    s.platform = e.platform();
    if (e instanceof ViewerJoin j) {
      s.present.add(j.user());
      s.seen.add(j.user());
    } else if (e instanceof ViewerLeave l) {
      s.present.remove(l.user());
    } else if (e instanceof ViewerCount c) {
      sample(s, c, ctx);
    } else if (e instanceof RoomEnd && s.raised) {
      emit(s, ctx, e.room(), true);
    }
  }

  private void sample(State s, ViewerCount c, Context ctx) {
    s.samples++;
    long observed = s.present.size();
    if (c.online() <= RATIO * observed + SLACK) {
      s.run = 0;
      return;
    }
    double ratio = c.online() / (double) Math.max(1, observed);
    s.run++;
    s.excessive++;
    s.sumRatio += ratio;
    s.peakRatio = Math.max(s.peakRatio, ratio);
    Map<String, Object> ref = AlertBuilder.ref("viewer_count", c.ts(), "room", c.room(),
        "online", c.online(), "observed", observed, "ratio", round(ratio));
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

  private void emit(State s, Context ctx, String room, boolean finalUpdate) {
    double mean = s.sumRatio / Math.max(1, s.excessive);
    double share = s.excessive / (double) Math.max(1, s.samples);
    double score = Math.min(1, 0.55 + 0.15 * Math.log(mean) / Math.log(2) + 0.2 * share);
    ctx.emit(AlertBuilder.of(KIND, room)
        .at(ctx.now(), s.platform)
        .room(room)
        .score(score)
        .subject(org.qinglang.alert.Subject.room(room))
        .summary(String.format("displayed viewers averaged %.1fx the observed audience in %d of %d"
            + " counts (peak %.1fx)", mean, s.excessive, s.samples, s.peakRatio))
        .evidence("excessive_counts", s.excessive)
        .evidence("counts_seen", s.samples)
        .evidence("mean_ratio", round(mean))
        .evidence("peak_ratio", round(s.peakRatio))
        .evidence("distinct_viewers_observed", s.seen.size())
        .evidence("threshold", "displayed > " + RATIO + " x observed + " + SLACK + ", "
            + MIN_RUN + " counts in a row")
        .evidence("samples", List.copyOf(s.worst))
        .evidence("final", finalUpdate)
        .rule("QL-AUD-001")
        .basis("traffic_fabrication")
        .build());
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
