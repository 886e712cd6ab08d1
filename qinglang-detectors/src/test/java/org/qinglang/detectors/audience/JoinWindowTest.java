package org.qinglang.detectors.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JoinWindowTest {
  private static List<Long> times(JoinWindow w) {
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < w.size(); i++) {
      out.add(w.ts(i));
    }
    return out;
  }

  @Test
  void keepsOrderAcrossWrapAndGrowth() {
    // Against a deque, through many wraps of the ring and its growth from 8 slots.
    JoinWindow w = new JoinWindow();
    ArrayDeque<Long> ref = new ArrayDeque<>();
    Random rnd = new Random(3);
    long t = 0;
    for (int step = 0; step < 5_000; step++) {
      if (rnd.nextInt(3) > 0 || ref.isEmpty()) {
        t += rnd.nextInt(5);
        w.addLast("u" + t, new JoinHistory(), t, t);
        ref.addLast(t);
      } else if (rnd.nextBoolean()) {
        w.pollFirst();
        ref.pollFirst();
      } else {
        long cut = t - rnd.nextInt(40);
        w.dropBefore(cut);
        ref.removeIf(x -> x < cut); // ref is sorted, so this drops a prefix too
      }
      assertThat(w.size()).isEqualTo(ref.size());
    }
    assertThat(times(w)).containsExactlyElementsOf(ref);
    for (int i = 0; i < w.size(); i++) {
      assertThat(w.mask(i)).isEqualTo(w.ts(i));
      assertThat(w.user(i)).isEqualTo("u" + w.ts(i));
    }
  }

  @Test
  void candidatesAreEntriesSharingEnoughBitsExceptSelf() {
    JoinWindow w = new JoinWindow();
    JoinHistory self = new JoinHistory();
    w.addLast("a", new JoinHistory(), 1, 0b0011);
    w.addLast("b", new JoinHistory(), 2, 0b0001);
    w.addLast("self", self, 3, 0b0111);
    w.addLast("c", new JoinHistory(), 4, 0b0110);
    int[] out = new int[w.size()];
    int n = w.candidates(0b0011, self, 2, out);
    assertThat(n).isEqualTo(1);
    assertThat(w.user(out[0])).isEqualTo("a");
    n = w.candidates(-1L, self, 0, out);
    assertThat(n).isEqualTo(3);
    assertThat(List.of(w.user(out[0]), w.user(out[1]), w.user(out[2])))
        .containsExactly("a", "b", "c");
  }

  @Test
  void widenReachesOnlyTheEntryOfThatHistoryAndTime() {
    JoinWindow w = new JoinWindow();
    JoinHistory h = new JoinHistory();
    JoinHistory other = new JoinHistory();
    w.addLast("h", h, 10, 0b1);
    w.addLast("o", other, 10, 0b1);
    w.addLast("h", h, 20, 0b1); // the same account again after its history dropped the room
    w.widen(h, 10, 0b100);
    assertThat(w.mask(0)).isEqualTo(0b101);
    assertThat(w.mask(1)).isEqualTo(0b1);
    assertThat(w.mask(2)).isEqualTo(0b1);
    w.widen(h, 99, -1L); // no entry at that time: nothing changes
    assertThat(List.of(w.mask(0), w.mask(1), w.mask(2))).containsExactly(0b101L, 0b1L, 0b1L);
  }

  @Test
  void clearEmptiesAndTheWindowIsReusable() {
    JoinWindow w = new JoinWindow();
    for (int i = 0; i < 100; i++) {
      w.addLast("u", new JoinHistory(), i, 0);
    }
    w.clear();
    assertThat(w.isEmpty()).isTrue();
    w.addLast("v", new JoinHistory(), 7, 1);
    assertThat(times(w)).containsExactly(7L);
  }
}
