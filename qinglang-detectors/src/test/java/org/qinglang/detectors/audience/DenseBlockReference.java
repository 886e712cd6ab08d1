package org.qinglang.detectors.audience;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The peeling as it was written over the tie maps before {@link DenseBlock} numbered the
 * accounts: the oracle {@code DenseBlockTest} holds the faster one to, block for block and in
 * the same iteration order.
 *
 * <p>Greedy densest-subgraph peeling (the FRAUDAR / M-Zoom loop) over the tie graph of one
 * connected component: repeatedly remove the account with the least tie weight, remember the
 * point where total weight per account peaked, and keep that block. A k-core pass then drops
 * hangers-on tied to fewer than {@code minTies} members: a lockstep group is nearly a clique,
 * a chain of chance coincidences is not.
 */
final class DenseBlockReference {
  private DenseBlockReference() {}

  /** A block found: its accounts and its density (tie weight per account). */
  record Block(Set<String> accounts, double density, int ties) {}

  /** The connected component of {@code start}, at most {@code cap} accounts. */
  static Set<String> component(Map<String, Map<String, Float>> ties, String start, int cap) {
    Set<String> seen = new HashSet<>();
    ArrayDeque<String> todo = new ArrayDeque<>();
    todo.add(start);
    seen.add(start);
    while (!todo.isEmpty() && seen.size() < cap) {
      Map<String, Float> nb = ties.get(todo.poll());
      if (nb == null) {
        continue;
      }
      for (String v : nb.keySet()) {
        if (seen.size() < cap && seen.add(v)) {
          todo.add(v);
        }
      }
    }
    return seen;
  }

  /** Dense blocks of {@code nodes}, densest first, each of at least {@code minSize} accounts. */
  static List<Block> peel(Map<String, Map<String, Float>> ties, Set<String> nodes, int minSize,
      int minTies, int maxBlocks) {
    List<Block> out = new ArrayList<>();
    Set<String> rest = new HashSet<>(nodes);
    while (out.size() < maxBlocks && rest.size() >= minSize) {
      Set<String> best = densest(ties, rest, minSize);
      Set<String> core = kCore(ties, best, minTies);
      if (core.size() < minSize) {
        break;
      }
      out.add(measure(ties, core));
      rest.removeAll(core);
      rest = kCore(ties, rest, minTies);
    }
    return out;
  }

  private static Set<String> densest(Map<String, Map<String, Float>> ties, Set<String> nodes,
      int minSize) {
    Map<String, Double> deg = new HashMap<>();
    double total = 0;
    for (String u : nodes) {
      double d = 0;
      for (Map.Entry<String, Float> e : ties.getOrDefault(u, Map.of()).entrySet()) {
        if (nodes.contains(e.getKey())) {
          d += e.getValue();
        }
      }
      deg.put(u, d);
      total += d;
    }
    total /= 2;
    PriorityQueue<Object[]> pq = new PriorityQueue<>((a, b) -> Double.compare((double) a[1],
        (double) b[1]));
    deg.forEach((u, d) -> pq.add(new Object[] {u, d}));
    Set<String> alive = new HashSet<>(nodes);
    List<String> removed = new ArrayList<>();
    double bestDensity = total / Math.max(1, alive.size());
    int bestRemoved = 0;
    while (alive.size() > minSize && !pq.isEmpty()) {
      Object[] top = pq.poll();
      String u = (String) top[0];
      if (!alive.contains(u) || (double) top[1] != deg.get(u)) {
        continue; // stale entry
      }
      alive.remove(u);
      removed.add(u);
      total -= deg.get(u);
      for (Map.Entry<String, Float> e : ties.getOrDefault(u, Map.of()).entrySet()) {
        String v = e.getKey();
        if (alive.contains(v)) {
          double nd = deg.get(v) - e.getValue();
          deg.put(v, nd);
          pq.add(new Object[] {v, nd});
        }
      }
      double density = total / alive.size();
      if (density > bestDensity) {
        bestDensity = density;
        bestRemoved = removed.size();
      }
    }
    Set<String> best = new HashSet<>(nodes);
    best.removeAll(removed.subList(0, bestRemoved));
    return best;
  }

  static Set<String> kCore(Map<String, Map<String, Float>> ties, Set<String> nodes, int k) {
    Set<String> core = new HashSet<>(nodes);
    boolean changed = true;
    while (changed) {
      changed = false;
      for (String u : new ArrayList<>(core)) {
        int n = 0;
        for (String v : ties.getOrDefault(u, Map.of()).keySet()) {
          if (core.contains(v)) {
            n++;
          }
        }
        if (n < k) {
          core.remove(u);
          changed = true;
        }
      }
    }
    return core;
  }

  private static Block measure(Map<String, Map<String, Float>> ties, Set<String> core) {
    double w = 0;
    int n = 0;
    for (String u : core) {
      for (Map.Entry<String, Float> e : ties.getOrDefault(u, Map.of()).entrySet()) {
        if (core.contains(e.getKey())) {
          w += e.getValue();
          n++;
        }
      }
    }
    return new Block(core, w / 2 / core.size(), n / 2);
  }
}
