package org.qinglang.detectors.audience;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pool test of a candidate block as a whole: do its members, together, land inside the
 * block's own footprint spans more often than the null model lets a set of that many accounts,
 * chosen out of the whole population, do by chance?
 *
 * <p>Null model (the bipartite configuration model of {@link GroupFootprint}): an account that
 * entered {@code d} rooms lands inside a span that took {@code J} of the {@code V} joins seen with
 * chance {@code d J / V}. For each anchor of the footprint (its room where most members gathered),
 * {@code h} members landed inside the span and {@code mu = sum over the block of d J / V} were
 * expected. The span was drawn around the members' own entries, so one of them per anchor is free:
 * the count is {@code K = sum (h - 1)} against {@code M = sum mu}, and the block earns
 * {@code -ln P(Poisson(M) >= K)} nats.
 *
 * <p>Selection: the block was picked from the tie graph, which was itself drawn from the same
 * entries; so no credit is taken for the graph, and the block is charged as if it were any
 * {@code n} of the {@code N} accounts seen ({@code ln C(N, n)}), and its footprint as any
 * {@code R} of the {@code A} anchors its members entered ({@code ln C(A, R)}). What is left must
 * beat {@link LockstepGroupDetector#BLOCK_MARGIN}.
 *
 * <p>A member is kept only if the block with it scores more, after the charge, than without it
 * by the margin: one more account costs {@code ln((N - n + 1) / n)} of selection, so it must bring
 * at least that and the margin in surprise ({@link #trim}).
 */
final class PoolBlock {
  private PoolBlock() {}

  /** The block's figures: surprise, the selection charged, and what is left. */
  record Score(int accounts, int anchors, int hits, double expected, double nats,
      double selection) {
    double net() {
      return nats - selection;
    }
  }

  static Score score(Map<String, JoinHistory> accounts,
      Map<String, LockstepGroupDetector.Door> doors, Set<String> block, double population,
      double joinsSeen, long window, long slack) {
    int n = block.size();
    int together = Math.max(LockstepGroupDetector.CORE - 1, (int) Math.ceil(0.4 * n));
    GroupFootprint fp = GroupFootprint.of(accounts, doors, block, together, window, slack);
    List<JoinHistory> hs = new ArrayList<>(n);
    Set<String> anchorsEntered = new HashSet<>();
    for (String a : block) {
      JoinHistory h = accounts.get(a);
      if (h != null) {
        hs.add(h);
        for (int i = 0; i < h.size; i++) {
          anchorsEntered.add(h.anchors[i]);
        }
      }
    }
    // Per anchor, its room where most members landed inside the span.
    Map<String, int[]> hitsByAnchor = new HashMap<>();
    Map<String, Double> muByAnchor = new HashMap<>();
    for (GroupFootprint.Span sp : fp.spans()) {
      int h = 0;
      double mu = 0;
      for (JoinHistory hist : hs) {
        mu += Math.min(1, hist.size * sp.joins() / joinsSeen);
        int i = hist.indexOfSame(sp.room());
        if (i >= 0 && hist.ts[i] >= sp.from() && hist.ts[i] <= sp.to()) {
          h++;
        }
      }
      int[] best = hitsByAnchor.get(sp.anchor());
      if (best == null || h > best[0] || h == best[0] && mu < muByAnchor.get(sp.anchor())) {
        hitsByAnchor.put(sp.anchor(), new int[] {h});
        muByAnchor.put(sp.anchor(), mu);
      }
    }
    int k = 0;
    double m = 0;
    for (Map.Entry<String, int[]> e : hitsByAnchor.entrySet()) {
      k += Math.max(0, e.getValue()[0] - 1);
      m += muByAnchor.get(e.getKey());
    }
    int r = hitsByAnchor.size();
    double nats = -lnPoissonTail(m, k);
    double selection = LockstepGroupDetector.lnChoose((int) Math.max(population, n), n)
        + LockstepGroupDetector.lnChoose(Math.max(anchorsEntered.size(), r), r);
    return new Score(n, r, k, m, nats, selection);
  }

  /**
   * Drops, one at a time, the member who adds least to the block's net score, while that is less
   * than {@code keep}: a member stays when the block with it beats the block without it by
   * {@code keep} after paying its own selection ({@code ln((N - n + 1) / n)}). Each round builds
   * the footprint once and prices every member's leaving against it (its landings and its
   * expectation taken out of the count), so a round costs one footprint, not one per member.
   */
  static Set<String> trim(Map<String, JoinHistory> accounts,
      Map<String, LockstepGroupDetector.Door> doors, Set<String> block, double population,
      double joinsSeen, long window, long slack, int minSize, double keep) {
    List<String> b = new ArrayList<>(block);
    while (b.size() > minSize) {
      int n = b.size();
      int together = Math.max(LockstepGroupDetector.CORE - 1, (int) Math.ceil(0.4 * n));
      GroupFootprint fp = GroupFootprint.of(accounts, doors, new LinkedHashSet<>(b), together,
          window, slack);
      // per anchor, its room where most members landed (as score does)
      Map<String, GroupFootprint.Span> chosen = new HashMap<>();
      Map<String, Integer> best = new HashMap<>();
      for (GroupFootprint.Span sp : fp.spans()) {
        int h = 0;
        for (String a : b) {
          if (inSpan(accounts.get(a), sp)) {
            h++;
          }
        }
        Integer was = best.get(sp.anchor());
        if (was == null || h > was) {
          best.put(sp.anchor(), h);
          chosen.put(sp.anchor(), sp);
        }
      }
      int[] hits = new int[n];
      double[] mu = new double[n];
      int k = 0;
      double m = 0;
      for (GroupFootprint.Span sp : chosen.values()) {
        int h = 0;
        for (int i = 0; i < n; i++) {
          JoinHistory hist = accounts.get(b.get(i));
          double e = hist == null ? 0 : Math.min(1, hist.size * sp.joins() / joinsSeen);
          mu[i] += e;
          m += e;
          if (inSpan(hist, sp)) {
            hits[i]++;
            h++;
          }
        }
        k += Math.max(0, h - 1);
      }
      double with = -lnPoissonTail(m, k);
      double selection = LockstepGroupDetector.lnChoose((int) Math.max(population, n), n)
          - LockstepGroupDetector.lnChoose((int) Math.max(population, n - 1), n - 1);
      int worst = -1;
      double least = Double.POSITIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        double without = -lnPoissonTail(Math.max(0, m - mu[i]), Math.max(0, k - hits[i]));
        double adds = with - without - selection;
        if (adds < least) {
          least = adds;
          worst = i;
        }
      }
      if (worst < 0 || least >= keep) {
        break;
      }
      b.remove(worst);
    }
    return new LinkedHashSet<>(b);
  }

  private static boolean inSpan(JoinHistory h, GroupFootprint.Span sp) {
    if (h == null) {
      return false;
    }
    int i = h.indexOfSame(sp.room());
    return i >= 0 && h.ts[i] >= sp.from() && h.ts[i] <= sp.to();
  }

  /** ln P(X >= k) for X ~ Poisson(m). */
  static double lnPoissonTail(double m, int k) {
    if (k <= 0) {
      return 0;
    }
    if (m <= 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (m > k) {
      // the tail is not small: sum the complement
      double term = Math.exp(-m);
      double cdf = 0;
      for (int i = 0; i < k; i++) {
        cdf += term;
        term *= m / (i + 1);
      }
      return Math.log(Math.max(1e-300, 1 - cdf));
    }
    // first term and the ratio series: P = e^-m m^k / k! * sum_j m^j / ((k+1)...(k+j))
    double lnFirst = -m + k * Math.log(m) - lnFactorial(k);
    double sum = 1;
    double term = 1;
    for (int j = 1; j < 200; j++) {
      term *= m / (k + j);
      sum += term;
      if (term < 1e-12 * sum) {
        break;
      }
    }
    return Math.min(0, lnFirst + Math.log(sum));
  }

  static double lnFactorial(int k) {
    double r = 0;
    for (int i = 2; i <= k; i++) {
      r += Math.log(i);
    }
    return r;
  }
}
