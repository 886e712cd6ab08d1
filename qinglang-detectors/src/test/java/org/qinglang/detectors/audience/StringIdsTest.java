package org.qinglang.detectors.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StringIdsTest {
  @Test
  void equalStringsShareAnIdAndIdsAreDenseInFirstSeenOrder() {
    StringIds ids = new StringIds();
    assertThat(ids.id(null)).isZero();
    assertThat(ids.id("dev-a")).isEqualTo(1);
    assertThat(ids.id("dev-b")).isEqualTo(2);
    // a distinct String object with the same characters, as the parser makes for each event
    assertThat(ids.id(new String("dev-a".toCharArray()))).isEqualTo(1);
    assertThat(ids.size()).isEqualTo(2);
  }

  @Test
  void agreesWithAHashMapThroughGrowthAndCollidingHashes() {
    StringIds ids = new StringIds();
    Map<String, Integer> expected = new HashMap<>();
    Random r = new Random(14);
    for (int i = 0; i < 50_000; i++) {
      // "Aa" and "BB" have the same hashCode: strings built from them collide in whole
      String s = r.nextInt(4) == 0
          ? (r.nextBoolean() ? "Aa" : "BB") + (r.nextBoolean() ? "Aa" : "BB") + r.nextInt(50)
          : "dev-" + r.nextInt(20_000);
      Integer want = expected.computeIfAbsent(s, k -> expected.size() + 1);
      assertThat(ids.id(s)).as(s).isEqualTo(want);
    }
    assertThat(ids.size()).isEqualTo(expected.size());
  }
}
