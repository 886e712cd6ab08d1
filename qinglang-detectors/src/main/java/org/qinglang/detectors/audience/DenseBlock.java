package org.qinglang.detectors.audience;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Greedy densest-subgraph peeling (the FRAUDAR / M-Zoom loop) over the tie graph of one
 * connected component: repeatedly remove the account with the least tie weight, remember the
 * point where total weight per account peaked, and keep that block. A k-core pass then drops
 * hangers-on tied to fewer than {@code minTies} members: a lockstep group is nearly a clique,
 * a chain of chance coincidences is not.
 *
 * <p>Everything here is on {@link TieGraph}'s account numbers, in one canonical order: every set
 * (a component, the rest still to peel, a block, its k-core) is kept in ascending number, and of
 * two accounts of equal degree the lower number is peeled first. A number is handed out when an
 * account is first tied, in event order (a sweep's freed numbers are handed out again, last
 * freed first), and the numbers and the free list are part of the checkpointed graph, so a run
 * and a run restored from its checkpoint peel the same. Each account's ties are read in its {@link TieGraph.TieMap}'s order,
 * also checkpointed, so degrees are summed to the same bits too. (The peel used to follow the
 * order a {@code HashSet<String>} of the names iterated in, which only a name-keyed set could
 * give.)
 */
final class DenseBlock {
  private DenseBlock() {}

  /** A block found: its accounts, in ascending account number, and its tie weight per account. */
  record Block(Set<String> accounts, double density, int ties) {}

  /**
   * The accounts of the strong component of account {@code start}, at most {@code cap}, in
   * ascending number. Which accounts a component over the cap keeps depends on the walk, which
   * takes each account's ties in its map's order.
   */
  static int[] component(TieGraph g, int start, int cap) {
    g.stamp();
    g.mark(start, 0);
    int[] seen = new int[16];
    int head = 0;
    int tail = 0;
    seen[tail++] = start;
    while (head < tail && tail < cap) {
      TieGraph.TieMap m = g.nodes[seen[head++]].strong;
      int[] t = m == null ? null : m.table;
      for (int b = 0; t != null && b < t.length; b++) {
        for (int e = t[b]; e >= 0; e = m.next[e]) {
          int v = m.key[e];
          if (tail < cap && !g.marked(v)) {
            g.mark(v, 0);
            if (tail == seen.length) {
              seen = Arrays.copyOf(seen, tail * 2);
            }
            seen[tail++] = v;
          }
        }
      }
    }
    int[] out = Arrays.copyOf(seen, tail);
    Arrays.sort(out);
    return out;
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
        adj = Arrays.copyOf(adj, m * 2);
        w = Arrays.copyOf(w, m * 2);
      }
      adj[m] = j;
      w[m] = weight;
      m++;
    }
  }

  /**
   * The ties among a set of accounts, numbered once per peel: node {@code i} is the account of
   * the i-th lowest number, so that the order of the local numbers is the canonical one; its
   * neighbours and weights in arrays, in its tie maps' order.
   */
  static final class Graph {
    private final TieGraph tg;
    /** Account number of each node, ascending. */
    private final int[] nums;
    private final int[] first;
    private final int[] adjacent;
    private final float[] weights;
    /** Scratch of one densest or k-core pass, sized once for the component. */
    private final double[] degree;
    private final int[] count;
    private final boolean[] member;
    private final int[] removedAt;
    private final int[] queue;
    private final PeelHeap heap = new PeelHeap();

    private Graph(TieGraph tg, int[] nums, int[] first, Edges edges) {
      int n = nums.length;
      this.tg = tg;
      this.nums = nums;
      this.first = first;
      adjacent = edges.adj;
      weights = edges.w;
      degree = new double[n];
      count = new int[n];
      member = new boolean[n];
      removedAt = new int[n];
      queue = new int[n];
    }

    int size() {
      return nums.length;
    }

    /** The node of account {@code name}, -1 when it is not one of the graph's. */
    private int local(String name) {
      TieGraph.Node a = tg.find(name);
      int i = a == null ? -1 : Arrays.binarySearch(nums, a.num);
      return i < 0 ? -1 : i;
    }
  }

  /** The strong ties among {@code nums} (ascending account numbers). */
  static Graph graph(TieGraph g, int[] nums) {
    return graph(g, nums, false);
  }

  /**
   * The ties among {@code nums} (ascending account numbers): the strong ones, and with
   * {@code weak} the weak ones too, a pair tied both ways weighing the heavier of its two ties.
   * A merged node lists its strong ties first, then the weak ties of pairs not strongly tied,
   * each in its map's order.
   */
  static Graph graph(TieGraph g, int[] nums, boolean weak) {
    int n = nums.length;
    g.stamp();
    for (int i = 0; i < n; i++) {
      g.mark(nums[i], i);
    }
    int[] first = new int[n + 1];
    Edges edges = new Edges(n);
    // Per node, the edge each neighbour got from the strong map (stamped by node), for the merge.
    int[] edgeOf = weak ? new int[n] : null;
    int[] edgeRow = weak ? new int[n] : null;
    if (weak) {
      Arrays.fill(edgeRow, -1);
    }
    for (int i = 0; i < n; i++) {
      first[i] = edges.m;
      TieGraph.Node a = g.nodes[nums[i]];
      TieGraph.TieMap m = a.strong;
      int[] t = m == null ? null : m.table;
      for (int b = 0; t != null && b < t.length; b++) {
        for (int e = t[b]; e >= 0; e = m.next[e]) {
          int v = m.key[e];
          if (g.marked(v)) {
            int j = g.slot(v);
            if (weak) {
              edgeOf[j] = edges.m;
              edgeRow[j] = i;
            }
            edges.add(j, m.val[e]);
          }
        }
      }
      m = weak ? a.weak : null;
      t = m == null ? null : m.table;
      for (int b = 0; t != null && b < t.length; b++) {
        for (int e = t[b]; e >= 0; e = m.next[e]) {
          int v = m.key[e];
          if (g.marked(v)) {
            int j = g.slot(v);
            if (edgeRow[j] == i) {
              edges.w[edgeOf[j]] = Math.max(edges.w[edgeOf[j]], m.val[e]);
            } else {
              edges.add(j, m.val[e]);
            }
          }
        }
      }
    }
    first[n] = edges.m;
    return new Graph(g, nums, first, edges);
  }

  /** Dense blocks of all of {@code g}'s accounts, densest first, each of {@code minSize} or more. */
  static List<Block> peel(Graph g, int minSize, int minTies, int maxBlocks) {
    List<Block> out = new ArrayList<>();
    int n = g.size();
    int[] rest = new int[n];
    for (int i = 0; i < n; i++) {
      rest[i] = i;
    }
    int restSize = n;
    int[] best = new int[n];
    int[] core = new int[n];
    boolean[] gone = new boolean[n];
    while (out.size() < maxBlocks && restSize >= minSize) {
      int bestSize = densest(g, rest, restSize, minSize, best);
      int coreSize = kCore(g, best, bestSize, minTies, core);
      if (coreSize < minSize) {
        break;
      }
      out.add(block(g, core, coreSize));
      for (int k = 0; k < coreSize; k++) {
        gone[core[k]] = true;
      }
      int left = 0;
      for (int k = 0; k < restSize; k++) {
        if (!gone[rest[k]]) {
          rest[left++] = rest[k];
        }
      }
      restSize = kCore(g, rest, left, minTies, rest);
    }
    return out;
  }

  /**
   * Greedy peeling of the first {@code size} of {@code set} (ascending); the densest prefix of
   * what is left into {@code out}, ascending, and its size.
   */
  private static int densest(Graph g, int[] set, int size, int minSize, int[] out) {
    boolean[] alive = g.member;
    double[] deg = g.degree;
    Arrays.fill(alive, false);
    for (int k = 0; k < size; k++) {
      alive[set[k]] = true;
    }
    double total = 0;
    PeelHeap pq = g.heap;
    pq.clear();
    for (int k = 0; k < size; k++) {
      int u = set[k];
      double d = 0;
      for (int e = g.first[u]; e < g.first[u + 1]; e++) {
        if (alive[g.adjacent[e]]) {
          d += g.weights[e];
        }
      }
      deg[u] = d;
      total += d;
      pq.add(d, u);
    }
    total /= 2;
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
    int kept = 0;
    for (int k = 0; k < size; k++) {
      int u = set[k];
      if (alive[u] || removedAt[u] >= bestRemoved) {
        out[kept++] = u;
      }
    }
    return kept;
  }

  /**
   * The accounts of the first {@code size} of {@code set} left when those tied to fewer than
   * {@code k} of them go, into {@code out} (which may be {@code set}) in {@code set}'s order;
   * their number.
   */
  private static int kCore(Graph g, int[] set, int size, int k, int[] out) {
    boolean[] in = g.member;
    int[] cnt = g.count;
    int[] queue = g.queue;
    Arrays.fill(in, false);
    for (int n = 0; n < size; n++) {
      in[set[n]] = true;
    }
    int tail = 0;
    for (int n = 0; n < size; n++) {
      int i = set[n];
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
    int kept = 0;
    for (int n = 0; n < size; n++) {
      if (in[set[n]]) {
        out[kept++] = set[n];
      }
    }
    return kept;
  }

  /** The block of the first {@code size} nodes of {@code core} (ascending). */
  private static Block block(Graph g, int[] core, int size) {
    boolean[] in = g.member;
    Arrays.fill(in, false);
    for (int k = 0; k < size; k++) {
      in[core[k]] = true;
    }
    return measure(g, in);
  }

  /**
   * The block of {@code accounts}, each one of {@code g}'s: its tie weight per account and its
   * ties over {@code g}'s edges.
   */
  static Block measure(Graph g, Set<String> accounts) {
    boolean[] in = g.member;
    Arrays.fill(in, false);
    for (String a : accounts) {
      in[g.local(a)] = true;
    }
    return measure(g, in);
  }

  /** The block of the nodes marked {@code in}, summed and listed in ascending node. */
  private static Block measure(Graph g, boolean[] in) {
    Set<String> names = new LinkedHashSet<>();
    double w = 0;
    int n = 0;
    for (int i = 0; i < g.size(); i++) {
      if (!in[i]) {
        continue;
      }
      names.add(g.tg.nodes[g.nums[i]].name);
      for (int e = g.first[i]; e < g.first[i + 1]; e++) {
        if (in[g.adjacent[e]]) {
          w += g.weights[e];
          n++;
        }
      }
    }
    return new Block(names, w / 2 / names.size(), n / 2);
  }
}
