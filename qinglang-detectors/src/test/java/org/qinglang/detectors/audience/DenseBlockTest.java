package org.qinglang.detectors.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DenseBlockTest {
  /**
   * Random tie graphs with planted near-cliques, hangers-on and few distinct weights (so that
   * degrees tie often and the order of peeling among equals decides blocks): the numbered
   * peeling must find the same blocks as the map-based one, with the same densities and
   * iteration order, because the detector names members in that order.
   */
  @Test
  void sameBlocksAsThePeelingOverTheMaps() {
    Random r = new Random(1414);
    int nonEmpty = 0;
    for (int run = 0; run < 300; run++) {
      Map<String, Map<String, Float>> ties = new HashMap<>();
      int n = 5 + r.nextInt(run % 3 == 0 ? 400 : 40);
      List<String> names = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        names.add("u-" + r.nextInt(1_000_000));
      }
      float[] weights = {16f, 18.5f, 20f, 33.25f};
      int cliques = 1 + r.nextInt(4);
      for (int c = 0; c < cliques; c++) {
        int size = 4 + r.nextInt(8);
        int base = r.nextInt(n);
        for (int a = 0; a < size; a++) {
          for (int b = a + 1; b < size; b++) {
            if (r.nextInt(10) < 8) {
              tie(ties, names.get((base + a) % n), names.get((base + b) % n),
                  weights[r.nextInt(weights.length)]);
            }
          }
        }
      }
      for (int e = 0; e < n * 2; e++) {
        tie(ties, names.get(r.nextInt(n)), names.get(r.nextInt(n)),
            weights[r.nextInt(weights.length)]);
      }
      // Accounts tied outside the component: the peeling must ignore those ties.
      tie(ties, names.get(0), "outsider", 40f);
      Set<String> nodes = new LinkedHashSet<>(names);
      for (int[] p : new int[][] {{5, 4}, {4, 3}}) {
        List<DenseBlock.Block> fast = DenseBlock.peel(ties, nodes, p[0], p[1], 4);
        List<DenseBlockReference.Block> slow = DenseBlockReference.peel(ties, nodes, p[0], p[1],
            4);
        assertThat(fast).hasSameSizeAs(slow);
        for (int i = 0; i < fast.size(); i++) {
          assertThat(new ArrayList<>(fast.get(i).accounts()))
              .containsExactlyElementsOf(new ArrayList<>(slow.get(i).accounts()));
          assertThat(fast.get(i).density()).isEqualTo(slow.get(i).density());
          assertThat(fast.get(i).ties()).isEqualTo(slow.get(i).ties());
        }
        nonEmpty += fast.isEmpty() ? 0 : 1;
      }
    }
    assertThat(nonEmpty).isGreaterThan(300);
  }

  private static void tie(Map<String, Map<String, Float>> ties, String u, String v, float w) {
    ties.computeIfAbsent(u, k -> new HashMap<>()).put(v, w);
    ties.computeIfAbsent(v, k -> new HashMap<>()).put(u, w);
  }
}
