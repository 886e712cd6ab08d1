package org.qinglang.detectors.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JoinWindowTest {
  private static final long[] SIG = {1, 0, 0, 0};
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
        w.addLast("u" + t, new JoinHistory(), t, t, new long[] {t, 0, 0, -t}, new long[] {0, -t, t, 0});
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
      assertThat(w.signature(i, 0)).isEqualTo(w.ts(i));
      assertThat(w.signature(i, 3)).isEqualTo(-w.ts(i));
      assertThat(w.timed(i, 1)).isEqualTo(-w.ts(i));
      assertThat(w.timed(i, 2)).isEqualTo(w.ts(i));
    }
  }

  @Test
  void candidatesAreEntriesSharingEnoughBitsExceptSelf() {
    JoinWindow w = new JoinWindow();
    JoinHistory self = new JoinHistory();
    w.addLast("a", new JoinHistory(), 1, 0b0011, SIG, SIG);
    w.addLast("b", new JoinHistory(), 2, 0b0001, SIG, SIG);
    w.addLast("self", self, 3, 0b0111, SIG, SIG);
    w.addLast("c", new JoinHistory(), 4, 0b0110, SIG, SIG);
    int[] out = new int[w.size()];
    int n = w.candidates(0b0011, null, null, self, 2, out);
    assertThat(n).isEqualTo(1);
    assertThat(w.user(out[0])).isEqualTo("a");
    assertThat(w.candidates(0b0011, new long[] {1, 0, 0, 0}, new long[] {1, 0, 0, 0}, self, 2,
        out)).isEqualTo(1);
    // The signature must share a bit as well: here none does, so nobody is a candidate.
    assertThat(w.candidates(0b0011, new long[] {2, 0, 0, 0}, new long[] {1, 0, 0, 0}, self, 2,
        out)).isZero();
    // And so must the timed signature: the rooms are shared, but at no time near each other.
    assertThat(w.candidates(0b0011, new long[] {1, 0, 0, 0}, new long[] {0, 0, 0, 8}, self, 2,
        out)).isZero();
    n = w.candidates(-1L, null, null, self, 0, out);
    assertThat(n).isEqualTo(3);
    assertThat(List.of(w.user(out[0]), w.user(out[1]), w.user(out[2])))
        .containsExactly("a", "b", "c");
  }

  @Test
  void widenReachesOnlyTheEntryOfThatHistoryAndTime() {
    JoinWindow w = new JoinWindow();
    JoinHistory h = new JoinHistory();
    JoinHistory other = new JoinHistory();
    w.addLast("h", h, 10, 0b1, SIG, SIG);
    w.addLast("o", other, 10, 0b1, SIG, SIG);
    w.addLast("h", h, 20, 0b1, SIG, SIG); // the same account again after its history dropped the room
    w.widen(h, 10, 0b100, new long[] {0, 0, 4, 0}, new long[] {0, 0, 0, 16});
    assertThat(w.mask(0)).isEqualTo(0b101);
    assertThat(w.signature(0, 2)).isEqualTo(4);
    assertThat(w.timed(0, 3)).isEqualTo(16);
    assertThat(w.signature(1, 2)).isZero();
    assertThat(w.timed(1, 3)).isZero();
    assertThat(w.mask(1)).isEqualTo(0b1);
    assertThat(w.mask(2)).isEqualTo(0b1);
    w.widen(h, 99, -1L, null, null); // no entry at that time: nothing changes
    assertThat(List.of(w.mask(0), w.mask(1), w.mask(2))).containsExactly(0b101L, 0b1L, 0b1L);
    w.widen(h, 20, 0, null, null); // null: every bit, for a room the history no longer follows
    assertThat(w.signature(2, 1)).isEqualTo(-1L);
    assertThat(w.timed(2, 0)).isEqualTo(-1L);
  }

  @Test
  void clearEmptiesAndTheWindowIsReusable() {
    JoinWindow w = new JoinWindow();
    for (int i = 0; i < 100; i++) {
      w.addLast("u", new JoinHistory(), i, 0, SIG, SIG);
    }
    w.clear();
    assertThat(w.isEmpty()).isTrue();
    w.addLast("v", new JoinHistory(), 7, 1, SIG, SIG);
    assertThat(times(w)).containsExactly(7L);
  }

  /**
   * A window written before the timed signatures were kept comes back without them: its entries
   * then pass the time test whatever the query, as every entry passed before.
   */
  @Test
  void aWindowRestoredWithoutTimedSignaturesComparesItsEntriesAsBefore() throws Exception {
    JoinWindow w = new JoinWindow();
    JoinHistory self = new JoinHistory();
    w.addLast("a", new JoinHistory(), 1, 0b0011, SIG, new long[] {0, 0, 0, 8});
    java.lang.reflect.Field f = JoinWindow.class.getDeclaredField("timed");
    f.setAccessible(true);
    f.set(w, null);
    int[] out = new int[2];
    assertThat(w.candidates(0b0011, SIG, new long[] {1, 0, 0, 0}, self, 2, out)).isEqualTo(1);
    w.addLast("b", new JoinHistory(), 2, 0b0011, SIG, new long[] {0, 0, 0, 8});
    assertThat(w.candidates(0b0011, SIG, new long[] {1, 0, 0, 0}, self, 2, out))
        .as("the entry added after the restore keeps its own timed signature").isEqualTo(1);
    assertThat(w.user(out[0])).isEqualTo("a");
  }
}
