package org.qinglang.detectors.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link TieGraph}'s maps iterate as the {@code HashMap<String, Float>}s they replace: the peel
 * sums in that order, so any other would change a block's density in its last bits.
 */
class TieGraphTest {
  @Test
  void neighboursIterateAsTheHashMapTheyReplace() {
    Random r = new Random(7);
    for (int round = 0; round < 400; round++) {
      TieGraph g = new TieGraph();
      HashMap<String, Map<String, Float>> old = new HashMap<>();
      int accounts = 2 + r.nextInt(round % 3 == 0 ? 400 : 40);
      List<String> names = new ArrayList<>();
      for (int i = 0; i < accounts; i++) {
        names.add(r.nextBoolean() ? "u-" + r.nextInt(200_000) : "acct" + i + "x" + r.nextInt(99));
      }
      int ops = r.nextInt(3_000);
      for (int k = 0; k < ops; k++) {
        String u = names.get(r.nextInt(names.size()));
        String v = names.get(r.nextInt(names.size()));
        if (u.equals(v)) {
          continue;
        }
        TieGraph.Node nu = g.node(u);
        TieGraph.Node nv = g.node(v);
        if (r.nextInt(5) == 0) {
          Map<String, Float> m = old.get(u);
          if (m != null) {
            m.remove(v);
          }
          if (nu.strong != null) {
            nu.strong.remove(nv.num, nv.hash);
          }
        } else {
          float w = r.nextInt(20);
          Float was = old.computeIfAbsent(u, x -> new HashMap<>()).put(v, w);
          float got = g.strong(nu).put(nv.num, nv.hash, w);
          assertThat(Float.isNaN(got) ? null : got).isEqualTo(was);
        }
      }
      Map<String, Map<String, Float>> view = g.view(true);
      assertThat(view).hasSize(old.size());
      for (Map.Entry<String, Map<String, Float>> e : old.entrySet()) {
        assertThat(new ArrayList<>(view.get(e.getKey()).entrySet()))
            .as("order of %s's neighbours", e.getKey())
            .containsExactlyElementsOf(new ArrayList<>(e.getValue().entrySet()));
      }
      // A restore: Kryo reads a map of n entries into new HashMap(n + 1 or n / 0.75 + 1).
      for (Map.Entry<String, Map<String, Float>> e : old.entrySet()) {
        int n = e.getValue().size();
        HashMap<String, Float> read = new HashMap<>(n < 3 ? n + 1 : (int) (n / 0.75f + 1));
        read.putAll(new LinkedHashMap<>(e.getValue()));
        TieGraph.TieMap m = new TieGraph.TieMap();
        m.presize(n);
        TieGraph h = new TieGraph();
        for (Map.Entry<String, Float> x : e.getValue().entrySet()) {
          TieGraph.Node o = h.node(x.getKey());
          m.put(o.num, o.hash, x.getValue());
        }
        List<String> order = new ArrayList<>();
        for (int b = 0; m.table != null && b < m.table.length; b++) {
          for (int i = m.table[b]; i >= 0; i = m.next[i]) {
            order.add(h.nodes[m.key[i]].name);
          }
        }
        assertThat(order).containsExactlyElementsOf(new ArrayList<>(read.keySet()));
      }
    }
  }

  @Test
  void forgettingAnAccountUnlinksItAndFreesItsNumber() {
    TieGraph g = new TieGraph();
    TieGraph.Node a = g.node("a");
    TieGraph.Node b = g.node("b");
    g.strong(a).put(b.num, b.hash, 20f);
    g.strong(b).put(a.num, a.hash, 20f);
    g.weak(a).put(b.num, b.hash, 12f);
    g.weak(b).put(a.num, a.hash, 12f);
    a.last = 10;
    a.hasLast = true;
    b.last = 100;
    b.hasLast = true;
    g.forgetBefore(50);
    assertThat(g.live(a)).isFalse();
    assertThat(g.find("a")).isNull();
    assertThat(g.view(true).get("b")).isEmpty();
    assertThat(g.view(true)).hasSize(1);
    assertThat(g.view(false)).hasSize(1);
    assertThat(g.node("c").num).isEqualTo(a.num);
  }
}
