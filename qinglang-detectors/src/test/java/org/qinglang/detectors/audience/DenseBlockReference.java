package org.qinglang.detectors.audience;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeSet;

/**
 * The peeling written plainly, with sets and maps of account numbers, in the canonical order
 * {@link DenseBlock} promises: the oracle {@code DenseBlockTest} holds the numbered one to, block
 * for block, bit for bit and in the same order. Sets are {@code TreeSet}s (ascending number),
 * each account's ties are read in its tie map's order, and of two accounts of equal degree the
 * lower number goes first. Slow (a boxed degree and a queue entry per step), and obvious.
 *
 * <p>Greedy densest-subgraph peeling (the FRAUDAR / M-Zoom loop): repeatedly remove the account
 * with the least tie weight, remember the point where total weight per account peaked, and keep
 * that block; a k-core pass then drops hangers-on tied to fewer than {@code minTies} members.
 */
final class DenseBlockReference {
  private DenseBlockReference() {}

  /** A block found: its accounts in ascending number, and its tie weight per account. */
  record Block(List<String> accounts, double density, int ties) {}

  /** The strong component of {@code start}, at most {@code cap} accounts, walked breadth first. */
  static TreeSet<Integer> component(TieGraph g, int start, int cap) {
    List<Integer> seen = new ArrayList<>(List.of(start));
    ArrayDeque<Integer> todo = new ArrayDeque<>(List.of(start));
    while (!todo.isEmpty() && seen.size() < cap) {
      for (int v : ties(g, g.nodes[todo.poll()].strong).keySet()) {
        if (seen.size() < cap && !seen.contains(v)) {
          seen.add(v);
          todo.add(v);
        }
      }
    }
    return new TreeSet<>(seen);
  }

  /**
   * Each of {@code nodes}' ties to the others: the strong ones in map order, then (with
   * {@code weak}) the weak ones, a pair tied both ways keeping the heavier weight where the first
   * of its ties stands.
   */
  static Map<Integer, LinkedHashMap<Integer, Float>> adjacency(TieGraph g, TreeSet<Integer> nodes,
      boolean weak) {
    Map<Integer, LinkedHashMap<Integer, Float>> adj = new HashMap<>();
    for (int u : nodes) {
      LinkedHashMap<Integer, Float> nb = new LinkedHashMap<>();
      ties(g, g.nodes[u].strong).forEach((v, w) -> {
        if (nodes.contains(v)) {
          nb.put(v, w);
        }
      });
      if (weak) {
        ties(g, g.nodes[u].weak).forEach((v, w) -> {
          if (nodes.contains(v)) {
            nb.merge(v, w, Math::max);
          }
        });
      }
      adj.put(u, nb);
    }
    return adj;
  }

  /** A tie map's entries, in its order. */
  private static LinkedHashMap<Integer, Float> ties(TieGraph g, TieGraph.TieMap m) {
    LinkedHashMap<Integer, Float> out = new LinkedHashMap<>();
    for (int b = 0; m != null && m.table != null && b < m.table.length; b++) {
      for (int e = m.table[b]; e >= 0; e = m.next[e]) {
        out.put(m.key[e], m.val[e]);
      }
    }
    return out;
  }

  /** Dense blocks of {@code nodes}, densest first, each of at least {@code minSize} accounts. */
  static List<Block> peel(TieGraph g, Map<Integer, LinkedHashMap<Integer, Float>> adj,
      TreeSet<Integer> nodes, int minSize, int minTies, int maxBlocks) {
    List<Block> out = new ArrayList<>();
    TreeSet<Integer> rest = new TreeSet<>(nodes);
    while (out.size() < maxBlocks && rest.size() >= minSize) {
      TreeSet<Integer> best = densest(adj, rest, minSize);
      TreeSet<Integer> core = kCore(adj, best, minTies);
      if (core.size() < minSize) {
        break;
      }
      out.add(measure(g, adj, core));
      rest.removeAll(core);
      rest = kCore(adj, rest, minTies);
    }
    return out;
  }

  private static TreeSet<Integer> densest(Map<Integer, LinkedHashMap<Integer, Float>> adj,
      TreeSet<Integer> nodes, int minSize) {
    Map<Integer, Double> deg = new HashMap<>();
    double total = 0;
    for (int u : nodes) {
      double d = 0;
      for (Map.Entry<Integer, Float> e : adj.get(u).entrySet()) {
        if (nodes.contains(e.getKey())) {
          d += e.getValue();
        }
      }
      deg.put(u, d);
      total += d;
    }
    total /= 2;
    PriorityQueue<Object[]> pq = new PriorityQueue<>((a, b) -> {
      int c = Double.compare((double) a[1], (double) b[1]);
      return c != 0 ? c : Integer.compare((int) a[0], (int) b[0]);
    });
    deg.forEach((u, d) -> pq.add(new Object[] {u, d}));
    TreeSet<Integer> alive = new TreeSet<>(nodes);
    List<Integer> removed = new ArrayList<>();
    double bestDensity = total / Math.max(1, alive.size());
    int bestRemoved = 0;
    while (alive.size() > minSize && !pq.isEmpty()) {
      Object[] top = pq.poll();
      int u = (int) top[0];
      if (!alive.contains(u) || (double) top[1] != deg.get(u)) {
        continue; // stale entry
      }
      alive.remove(u);
      removed.add(u);
      total -= deg.get(u);
      for (Map.Entry<Integer, Float> e : adj.get(u).entrySet()) {
        int v = e.getKey();
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
    TreeSet<Integer> best = new TreeSet<>(nodes);
    removed.subList(0, bestRemoved).forEach(best::remove);
    return best;
  }

  static TreeSet<Integer> kCore(Map<Integer, LinkedHashMap<Integer, Float>> adj,
      TreeSet<Integer> nodes, int k) {
    TreeSet<Integer> core = new TreeSet<>(nodes);
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int u : new ArrayList<>(core)) {
        if (adj.get(u).keySet().stream().filter(core::contains).count() < k) {
          core.remove(u);
          changed = true;
        }
      }
    }
    return core;
  }

  private static Block measure(TieGraph g, Map<Integer, LinkedHashMap<Integer, Float>> adj,
      TreeSet<Integer> core) {
    double w = 0;
    int n = 0;
    List<String> names = new ArrayList<>();
    for (int u : core) {
      names.add(g.nodes[u].name);
      for (Map.Entry<Integer, Float> e : adj.get(u).entrySet()) {
        if (core.contains(e.getKey())) {
          w += e.getValue();
          n++;
        }
      }
    }
    return new Block(names, w / 2 / core.size(), n / 2);
  }
}
