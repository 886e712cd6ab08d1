package org.qinglang.detectors.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PeelHeapTest {
  /**
   * Few distinct keys, so that most comparisons are ties: those must go by node number, as a
   * priority queue ordered by key, then node, polls them.
   */
  @Test
  void pollsByKeyThenNodeNumberAsAPriorityQueueOrderedSo() {
    Random r = new Random(14);
    for (int run = 0; run < 200; run++) {
      PeelHeap heap = new PeelHeap();
      PriorityQueue<Object[]> pq = new PriorityQueue<>((a, b) -> {
        int c = Double.compare((double) a[0], (double) b[0]);
        return c != 0 ? c : Integer.compare((int) a[1], (int) b[1]);
      });
      for (int step = 0; step < 2_000; step++) {
        if (pq.isEmpty() || r.nextInt(3) > 0) {
          double key = r.nextInt(6) * 0.5 - (r.nextInt(10) == 0 ? 0.0 : 1.0);
          // nodes drawn at random (repeats included), so that filling order is not node order
          int node = r.nextInt(500);
          heap.add(key, node);
          pq.add(new Object[] {key, node});
        } else {
          assertThat(heap.firstKey()).isEqualTo((double) pq.peek()[0]);
          assertThat(heap.poll()).isEqualTo((int) pq.poll()[1]);
        }
        assertThat(heap.isEmpty()).isEqualTo(pq.isEmpty());
      }
      while (!pq.isEmpty()) {
        assertThat(heap.poll()).isEqualTo((int) pq.poll()[1]);
      }
    }
  }
}
