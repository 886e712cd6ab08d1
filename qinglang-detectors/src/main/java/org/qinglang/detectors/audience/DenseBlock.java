package org.qinglang.detectors.audience;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Greedy densest-subgraph peeling (the FRAUDAR / M-Zoom loop) over the tie graph of one
 * connected component: repeatedly remove the account with the least tie weight, remember the
 * point where total weight per account peaked, and keep that block. A k-core pass then drops
 * hangers-on tied to fewer than {@code minTies} members: a lockstep group is nearly a clique,
 * a chain of chance coincidences is not.
 */
final class DenseBlock {
  private DenseBlock() {}

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

  /**
   * As {@link #component(Map, String, int)} over {@code g}'s strong ties, walking account
   * numbers instead of names: the same accounts, added to the set in the same order (each
   * account's neighbours in its tie map's order), so the set iterates as that one does.
   */
  static Set<String> component(TieGraph g, String start, int cap) {
    Set<String> seen = new HashSet<>();
    seen.add(start);
    TieGraph.Node first = g.find(start);
    if (first == null) {
      return seen;
    }
    g.stamp();
    g.mark(first.num, 0);
    int[] todo = new int[16];
    int head = 0;
    int tail = 0;
    todo[tail++] = first.num;
    while (head < tail && seen.size() < cap) {
      TieGraph.TieMap m = g.nodes[todo[head++]].strong;
      int[] t = m == null ? null : m.table;
      for (int b = 0; t != null && b < t.length; b++) {
        for (int e = t[b]; e >= 0; e = m.next[e]) {
          int v = m.key[e];
          if (seen.size() < cap && !g.marked(v)) {
            g.mark(v, 0);
            seen.add(g.nodes[v].name);
            if (tail == todo.length) {
              todo = java.util.Arrays.copyOf(todo, tail * 2);
            }
            todo[tail++] = v;
          }
        }
      }
    }
    return seen;
  }

  /** Neighbour numbers and weights in the order they are added, grown by doubling. */
  private static final class Edges {
    int[] adj;
    float[] w;
    int m;

    Edges(int nodes) {
      adj = new int[Math.max(16, nodes * 4)];
      w = new float[adj.length];
    }

    void add(int j, float weight) {
      if (m == adj.length) {
        adj = java.util.Arrays.copyOf(adj, m * 2);
        w = java.util.Arrays.copyOf(w, m * 2);
      }
      adj[m] = j;
      w[m] = weight;
      m++;
    }
  }

  /**
   * The ties among one component's accounts, numbered once per peel: neighbours as numbers and
   * weights in arrays, in the order of each account's tie map (so that degrees are summed in
   * the same order, to the same bits, as over the maps). Peeling read the maps through three
   * or four hash lookups and a boxed degree per tie at every step; here it reads arrays.
   */
  static final class Graph {
    private final String[] names;
    private final HashMap<String, Integer> index;
    private final int[] first;
    private final int[] adjacent;
    private final float[] weights;
    /** Scratch of one densest or k-core pass, sized once for the component. */
    private final double[] degree;
    private final int[] count;
    private final boolean[] member;
    private final int[] removedAt;
    private final int[] queue;
    private final int[] listed;
    private final PeelHeap heap = new PeelHeap();

    /** Takes the numbering and the edges; the scratch is sized once for the component. */
    private Graph(String[] names, HashMap<String, Integer> index, int[] first, Edges edges) {
      int n = names.length;
      this.names = names;
      this.index = index;
      this.first = first;
      adjacent = edges.adj;
      weights = edges.w;
      degree = new double[n];
      count = new int[n];
      member = new boolean[n];
      removedAt = new int[n];
      queue = new int[n];
      listed = new int[n];
    }

    private static Graph of(Map<String, Map<String, Float>> ties, Set<String> nodes) {
      int n = nodes.size();
      String[] names = new String[n];
      HashMap<String, Integer> index = new HashMap<>(Math.max(16, n * 2));
      int i = 0;
      for (String u : nodes) {
        names[i] = u;
        index.put(u, i++);
      }
      int[] first = new int[n + 1];
      Edges edges = new Edges(n);
      for (i = 0; i < n; i++) {
        first[i] = edges.m;
        Map<String, Float> nb = ties.get(names[i]);
        if (nb == null) {
          continue;
        }
        for (Map.Entry<String, Float> e : nb.entrySet()) {
          Integer j = index.get(e.getKey());
          if (j != null) {
            edges.add(j, e.getValue());
          }
        }
      }
      first[n] = edges.m;
      return new Graph(names, index, first, edges);
    }

    /** As {@link #of(Map, Set)}, reading {@code g}'s strong ties by account number. */
    private static Graph of(TieGraph g, Set<String> nodes) {
      int n = nodes.size();
      String[] names = new String[n];
      HashMap<String, Integer> index = new HashMap<>(Math.max(16, n * 2));
      TieGraph.Node[] at = new TieGraph.Node[n];
      g.stamp();
      int i = 0;
      for (String u : nodes) {
        names[i] = u;
        index.put(u, i);
        at[i] = g.find(u);
        if (at[i] != null) {
          g.mark(at[i].num, i);
        }
        i++;
      }
      int[] first = new int[n + 1];
      Edges edges = new Edges(n);
      for (i = 0; i < n; i++) {
        first[i] = edges.m;
        TieGraph.TieMap nb = at[i] == null ? null : at[i].strong;
        int[] t = nb == null ? null : nb.table;
        for (int b = 0; t != null && b < t.length; b++) {
          for (int e = t[b]; e >= 0; e = nb.next[e]) {
            int v = nb.key[e];
            if (g.marked(v)) {
              edges.add(g.slot(v), nb.val[e]);
            }
          }
        }
      }
      first[n] = edges.m;
      return new Graph(names, index, first, edges);
    }

    private int number(Object account) {
      Integer i = index.get(account);
      return i == null ? -1 : i;
    }
  }

  /** As {@link #graph(Map, Set)} over {@code g}'s strong ties. */
  static Graph graph(TieGraph g, Set<String> nodes) {
    return Graph.of(g, nodes);
  }

  /** The ties among {@code nodes}, for {@link #peel(Graph, Set, int, int, int)} on its subsets. */
  static Graph graph(Map<String, Map<String, Float>> ties, Set<String> nodes) {
    return Graph.of(ties, nodes);
  }

  /** Dense blocks of {@code nodes}, densest first, each of at least {@code minSize} accounts. */
  static List<Block> peel(Map<String, Map<String, Float>> ties, Set<String> nodes, int minSize,
      int minTies, int maxBlocks) {
    return peel(graph(ties, nodes), ties, nodes, minSize, minTies, maxBlocks);
  }

  /** As {@link #peel(Map, Set, int, int, int)}, on a graph of {@code nodes} or of a superset. */
  static List<Block> peel(Graph g, Map<String, Map<String, Float>> ties, Set<String> nodes,
      int minSize, int minTies, int maxBlocks) {
    List<Block> out = new ArrayList<>();
    Set<String> rest = new HashSet<>(nodes);
    while (out.size() < maxBlocks && rest.size() >= minSize) {
      Set<String> best = densest(g, rest, minSize);
      Set<String> core = kCore(g, best, minTies);
      if (core.size() < minSize) {
        break;
      }
      out.add(measure(ties, core));
      rest.removeAll(core);
      rest = kCore(g, rest, minTies);
    }
    return out;
  }

  /**
   * Greedy peeling of {@code nodes}. Which of two accounts of equal degree goes first decides
   * the block in a tie, so the heap is filled in the order a {@code HashMap} of the accounts,
   * filled in {@code nodes}' order, iterates (the order the peeling has always used).
   */
  private static Set<String> densest(Graph g, Set<String> nodes, int minSize) {
    boolean[] alive = g.member;
    double[] deg = g.degree;
    int[] seq = g.queue;
    java.util.Arrays.fill(alive, false);
    HashMap<String, Integer> order = new HashMap<>();
    int size = 0;
    for (String u : nodes) {
      int i = g.number(u);
      alive[i] = true;
      seq[size++] = i;
      order.put(u, i);
    }
    double total = 0;
    for (int k = 0; k < size; k++) {
      int u = seq[k];
      double d = 0;
      for (int e = g.first[u]; e < g.first[u + 1]; e++) {
        if (alive[g.adjacent[e]]) {
          d += g.weights[e];
        }
      }
      deg[u] = d;
      total += d;
    }
    total /= 2;
    PeelHeap pq = g.heap;
    pq.clear();
    order.forEach((u, i) -> pq.add(deg[i], i));
    int[] removedAt = g.removedAt;
    int removed = 0;
    double bestDensity = total / Math.max(1, size);
    int bestRemoved = 0;
    int left = size;
    while (left > minSize && !pq.isEmpty()) {
      double key = pq.firstKey();
      int u = pq.poll();
      if (!alive[u] || key != deg[u]) {
        continue; // stale entry
      }
      alive[u] = false;
      left--;
      removedAt[u] = removed++;
      total -= deg[u];
      for (int e = g.first[u]; e < g.first[u + 1]; e++) {
        int v = g.adjacent[e];
        if (alive[v]) {
          double nd = deg[v] - g.weights[e];
          deg[v] = nd;
          pq.add(nd, v);
        }
      }
      double density = total / left;
      if (density > bestDensity) {
        bestDensity = density;
        bestRemoved = removed;
      }
    }
    Set<String> best = sameTable(size);
    for (int k = 0; k < size; k++) {
      int u = seq[k];
      if (alive[u] || removedAt[u] >= bestRemoved) {
        best.add(g.names[u]);
      }
    }
    return best;
  }

  /**
   * An empty set with the table {@code new HashSet<>(nodes)} gets for {@code size} nodes. Filled
   * with the nodes kept, in {@code nodes}' order, it iterates as that copy does once the others
   * are removed from it (the block's order reaches the alert), without hashing the others twice.
   */
  private static Set<String> sameTable(int size) {
    return new HashSet<>(Math.max((int) (size / .75f) + 1, 16));
  }

  /** Accounts of {@code nodes} left when those tied to fewer than {@code k} of them go. */
  static Set<String> kCore(Graph g, Set<String> nodes, int k) {
    boolean[] in = g.member;
    int[] cnt = g.count;
    int[] queue = g.queue;
    int[] listed = g.listed;
    java.util.Arrays.fill(in, false);
    int size = 0;
    for (String u : nodes) {
      int i = g.number(u);
      in[i] = true;
      listed[size++] = i;
    }
    int tail = 0;
    for (int n = 0; n < size; n++) {
      int i = listed[n];
      int c = 0;
      for (int e = g.first[i]; e < g.first[i + 1]; e++) {
        if (in[g.adjacent[e]]) {
          c++;
        }
      }
      cnt[i] = c;
      if (c < k) {
        queue[tail++] = i;
      }
    }
    // The k-core is unique, so removing in queue order instead of by repeated passes leaves
    // the same accounts.
    for (int head = 0; head < tail; head++) {
      int u = queue[head];
      in[u] = false;
      for (int e = g.first[u]; e < g.first[u + 1]; e++) {
        int v = g.adjacent[e];
        if (in[v] && --cnt[v] == k - 1) {
          queue[tail++] = v;
        }
      }
    }
    Set<String> core = sameTable(size);
    for (int n = 0; n < size; n++) {
      if (in[listed[n]]) {
        core.add(g.names[listed[n]]);
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
