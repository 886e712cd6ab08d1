package org.qinglang.detectors.audience;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where and when a group found so far entered together: per room, the span its members' entries
 * fell in and how many joins the room took in that span. A vendor's pool is sent to the same
 * clients' rooms as a pool; whichever members a given signal reached, they arrive inside the
 * pool's span. So an account is scored against the whole group's footprint, not pair by pair:
 * a member who came to three of the group's rooms but met each other member in only one or two
 * of them (65 % attendance) is a weak pair with everyone and still a plain member of the pool.
 *
 * <p>Null model (a bipartite configuration model of who visits which room): an account that
 * entered {@code d} rooms, each visit a random one of the {@code V} joins seen, lands inside a
 * room's span with chance {@code d x (joins in the span) / V}. Landing in {@code k} of the
 * footprint's {@code R} anchors (each anchor once: fans come to every show) costs
 * {@code -ln} of the product, less {@code ln C(R, k)} for the choice of which. Busy spans (a head
 * show, the rush after 上链接, the notification rush of an opening) and heavy viewers score
 * little, a light account in three quiet spans much. Every account of the population is in
 * effect tested, so the bar is {@code ln(population)} plus a margin.
 */
final class GroupFootprint {
  /** One room of the footprint. */
  record Span(String room, String anchor, long from, long to, double joins) {}

  /** Why an account belongs: anchors it entered inside the group's span, and the nats. */
  record Fit(int anchors, double nats) {}

  private final List<Span> spans;
  private final int anchorCount;

  private GroupFootprint(List<Span> spans) {
    this.spans = spans;
    this.anchorCount = (int) spans.stream().map(Span::anchor).distinct().count();
  }

  /**
   * The rooms at least {@code minTogether} members entered within {@code window} of their median
   * entry; each span widened on both sides by the part of it that {@code n} entries do not
   * show, and at least by {@code slack} (clocks, the feed).
   */
  static GroupFootprint of(Map<String, JoinHistory> accounts,
      Map<String, LockstepGroupDetector.Door> doors, Set<String> members, int minTogether,
      long window, long slack) {
    Map<String, List<Integer>> byRoom = new HashMap<>();
    Map<String, List<JoinHistory>> hist = new HashMap<>();
    for (String m : members) {
      JoinHistory h = accounts.get(m);
      for (int i = 0; h != null && i < h.size; i++) {
        byRoom.computeIfAbsent(h.rooms[i], k -> new ArrayList<>()).add(i);
        hist.computeIfAbsent(h.rooms[i], k -> new ArrayList<>()).add(h);
      }
    }
    List<Span> spans = new ArrayList<>();
    for (Map.Entry<String, List<Integer>> e : byRoom.entrySet()) {
      List<Integer> idx = e.getValue();
      List<JoinHistory> hs = hist.get(e.getKey());
      if (idx.size() < minTogether) {
        continue;
      }
      long[] ts = new long[idx.size()];
      for (int i = 0; i < ts.length; i++) {
        ts[i] = hs.get(i).ts[idx.get(i)];
      }
      long[] sorted = ts.clone();
      Arrays.sort(sorted);
      long median = sorted[sorted.length / 2];
      long from = Long.MAX_VALUE;
      long to = Long.MIN_VALUE;
      double rate = 0;
      int n = 0;
      for (int i = 0; i < ts.length; i++) {
        if (Math.abs(ts[i] - median) <= window) {
          from = Math.min(from, ts[i]);
          to = Math.max(to, ts[i]);
          rate += hs.get(i).weight[idx.get(i)];
          n++;
        }
      }
      if (n < minTogether) {
        continue;
      }
      // n entries seen of a pool spread evenly over the span: the span reaches about
      // (range / (n - 1)) beyond each end seen (the uniform's endpoint estimate). Few members
      // (a founding core of four) see only part of it: held-out lockstep_jitter seed 32, one
      // core member's every entry fell outside the other three's observed range.
      long pad = Math.max(slack, n > 1 ? (to - from) / (n - 1) : slack);
      from -= pad;
      to += pad;
      // The joins the room took in the span, counted (JoinCounts), less the members' own entries
      // among them: an honest account's visit is one of the room's other joins, so those are what
      // it lands among by chance. The door's decayed rate lags a rush of seconds, and a rush is
      // where honest viewers of a busy room meet (held-out adversaries_mix seed 95). Where the
      // counts do not reach (a door restored from a state written before them, the part of a span
      // after the latest join), the door's rate at the members' own entries as before the counts,
      // the entries included: one pricing for the part of a span nobody counted, whatever
      // happened to the door. Never fewer than n: a span is not priced emptier than the entries
      // seen in it.
      double perMs = rate / n;
      LockstepGroupDetector.Door door = doors.get(e.getKey());
      double joins = perMs * (to - from);
      if (door != null && door.counts != null) {
        JoinCounts.Part c = door.counts.counted(from, to);
        int own = 0;
        for (long t : ts) {
          if (Math.abs(t - median) <= window && t >= c.from() && t < c.to()) {
            own++;
          }
        }
        joins = c.joins() - own + perMs * ((to - from) - c.length());
      }
      joins = Math.max(n, joins);
      JoinHistory any = hs.get(0);
      spans.add(new Span(e.getKey(), any.anchors[idx.get(0)], from, to, joins));
    }
    return new GroupFootprint(spans);
  }

  int rooms() {
    return spans.size();
  }

  List<Span> spans() {
    return spans;
  }

  /** How surprising {@code h}'s entries into the footprint are, for an account of that history. */
  Fit fit(JoinHistory h, double joinsSeen) {
    if (h == null || h.size == 0) {
      return new Fit(0, 0);
    }
    Map<String, Double> best = new HashMap<>();
    for (Span s : spans) {
      int i = h.indexOfSame(s.room);
      if (i < 0 || h.ts[i] < s.from || h.ts[i] > s.to) {
        continue;
      }
      double p = Math.min(1, h.size * s.joins / joinsSeen);
      best.merge(s.anchor, -Math.log(p), Math::max);
    }
    double nats = -LockstepGroupDetector.lnChoose(anchorCount, best.size());
    for (double v : best.values()) {
      nats += v;
    }
    return new Fit(best.size(), nats);
  }
}
