package org.qinglang.detectors.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class DenseBlockTest {
  /**
   * Random tie graphs with planted near-cliques, hangers-on, weak ties and few distinct weights
   * (so that degrees tie often and the order of peeling among equals decides blocks), some
   * accounts forgotten so that numbers are reused out of name order: the numbered peeling must
   * find the blocks of the plain one in the canonical order, with the same densities to the bit,
   * over the strong ties and over the strong and weak ties merged; and the same components.
   */
  @Test
  void sameBlocksAsThePlainPeelingInAscendingAccountNumber() {
    Random r = new Random(1414);
    int nonEmpty = 0;
    int merged = 0;
    for (int run = 0; run < 300; run++) {
      TieGraph g = new TieGraph();
      int n = 5 + r.nextInt(run % 3 == 0 ? 400 : 40);
      List<String> names = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        names.add("u-" + r.nextInt(1_000_000));
      }
      float[] weights = {16f, 18.5f, 20f, 33.25f};
      // Accounts made and forgotten first, so that later ones take their numbers.
      int forgotten = r.nextInt(20);
      for (int i = 0; i < forgotten; i++) {
        TieGraph.Node gone = g.node("gone-" + i);
        gone.hasLast = true;
        gone.last = 0;
      }
      g.forgetBefore(1);
      for (String u : names) {
        g.node(u);
      }
      int cliques = 1 + r.nextInt(4);
      for (int c = 0; c < cliques; c++) {
        int size = 4 + r.nextInt(8);
        int base = r.nextInt(n);
        for (int a = 0; a < size; a++) {
          for (int b = a + 1; b < size; b++) {
            int roll = r.nextInt(10);
            if (roll < 8) {
              tie(g, names.get((base + a) % n), names.get((base + b) % n),
                  weights[r.nextInt(weights.length)], roll < 6);
            }
          }
        }
      }
      for (int e = 0; e < n * 2; e++) {
        tie(g, names.get(r.nextInt(n)), names.get(r.nextInt(n)),
            weights[r.nextInt(weights.length)], r.nextBoolean());
      }
      // An account tied outside the set peeled: the peeling must ignore those ties.
      tie(g, names.get(0), "outsider", 40f, true);
      TreeSet<Integer> nodes = new TreeSet<>();
      for (String u : names) {
        nodes.add(g.find(u).num);
      }
      int[] nums = nodes.stream().mapToInt(Integer::intValue).toArray();
      for (boolean weak : new boolean[] {false, true}) {
        Map<Integer, LinkedHashMap<Integer, Float>> adj =
            DenseBlockReference.adjacency(g, nodes, weak);
        for (int[] p : new int[][] {{5, 4}, {4, 3}}) {
          List<DenseBlock.Block> fast = DenseBlock.peel(DenseBlock.graph(g, nums, weak), p[0],
              p[1], 4);
          List<DenseBlockReference.Block> slow = DenseBlockReference.peel(g, adj, nodes, p[0],
              p[1], 4);
          assertThat(fast).hasSameSizeAs(slow);
          for (int i = 0; i < fast.size(); i++) {
            assertThat(new ArrayList<>(fast.get(i).accounts()))
                .containsExactlyElementsOf(slow.get(i).accounts());
            assertThat(fast.get(i).density()).isEqualTo(slow.get(i).density());
            assertThat(fast.get(i).ties()).isEqualTo(slow.get(i).ties());
          }
          nonEmpty += fast.isEmpty() ? 0 : 1;
          merged += weak && !fast.isEmpty() ? 1 : 0;
        }
      }
      int start = g.find(names.get(r.nextInt(n))).num;
      int cap = 3 + r.nextInt(2 * n);
      assertThat(java.util.Arrays.stream(DenseBlock.component(g, start, cap)).boxed().toList())
          .containsExactlyElementsOf(DenseBlockReference.component(g, start, cap));
    }
    assertThat(nonEmpty).isGreaterThan(600);
    assertThat(merged).isGreaterThan(300);
  }

  /**
   * The block of a set of names measured on a merged graph is the block the peel reports for
   * the same accounts: its members in ascending number, its weight per account to the bit.
   */
  @Test
  void aMeasuredSetIsListedAndSummedAsAPeeledBlock() {
    TieGraph g = new TieGraph();
    String[] names = {"u-9", "u-1", "u-5", "u-3", "u-7"};
    for (int a = 0; a < names.length; a++) {
      for (int b = a + 1; b < names.length; b++) {
        tie(g, names[a], names[b], 16f + a + b * 0.25f, (a + b) % 3 != 0);
      }
    }
    int[] nums = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      nums[i] = g.find(names[i]).num;
    }
    DenseBlock.Graph graph = DenseBlock.graph(g, nums, true);
    List<DenseBlock.Block> peeled = DenseBlock.peel(graph, 5, 4, 1);
    assertThat(peeled).hasSize(1);
    DenseBlock.Block measured = DenseBlock.measure(graph, new java.util.HashSet<>(List.of(names)));
    assertThat(new ArrayList<>(measured.accounts())).containsExactly(names);
    assertThat(measured).isEqualTo(peeled.get(0));
  }

  private static void tie(TieGraph g, String u, String v, float w, boolean strong) {
    if (u.equals(v)) {
      return;
    }
    TieGraph.Node nu = g.node(u);
    TieGraph.Node nv = g.node(v);
    if (strong) {
      g.strong(nu).put(nv.num, nv.hash, w);
      g.strong(nv).put(nu.num, nu.hash, w);
    } else {
      g.weak(nu).put(nv.num, nv.hash, w);
      g.weak(nv).put(nu.num, nu.hash, w);
    }
  }
}
