package org.qinglang.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimerHeapTest {
  private record Timer(long time, int id) {}

  /**
   * The runner's alerts are listed in the order keys fire, so the heap must break ties between
   * equal times exactly as the PriorityQueue it replaced: same adds and polls, same sequence.
   */
  @Test
  void pollsInPriorityQueueOrderTiesIncluded() {
    Random r = new Random(14);
    for (int round = 0; round < 50; round++) {
      TimerHeap<Integer> heap = new TimerHeap<>();
      PriorityQueue<Timer> queue = new PriorityQueue<>((a, b) -> Long.compare(a.time, b.time));
      List<Integer> fromHeap = new ArrayList<>();
      List<Integer> fromQueue = new ArrayList<>();
      int id = 0;
      for (int step = 0; step < 2_000; step++) {
        if (queue.isEmpty() || r.nextInt(3) > 0) {
          long time = r.nextInt(40); // few distinct times: many ties
          heap.add(time, id);
          queue.add(new Timer(time, id));
          id++;
        } else {
          assertEquals(queue.peek().time, heap.firstTime());
          fromQueue.add(queue.poll().id);
          fromHeap.add(heap.poll());
        }
      }
      while (!queue.isEmpty()) {
        assertEquals(queue.peek().time, heap.firstTime());
        fromQueue.add(queue.poll().id);
        fromHeap.add(heap.poll());
      }
      assertTrue(heap.isEmpty());
      assertEquals(fromQueue, fromHeap);
    }
  }
}
