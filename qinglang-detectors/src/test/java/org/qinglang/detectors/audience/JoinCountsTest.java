package org.qinglang.detectors.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class JoinCountsTest {
  static final long T0 = 1_763_636_400_000L;

  @Test
  void countsTheJoinsOfASpanAndCoversOnlyWhatWasCounted() {
    JoinCounts c = new JoinCounts();
    for (int i = 0; i < 100; i++) {
      c.add(T0 + 60_000 + i * 100L); // a rush: 100 joins in 10 s
    }
    c.add(T0 + 120_000);
    // the rush, whole buckets
    assertThat(c.counted(T0 + 60_000, T0 + 70_000).joins()).isCloseTo(100, within(1e-9));
    // half a bucket of it, pro rata
    assertThat(c.counted(T0 + 60_000, T0 + 62_500).joins()).isCloseTo(25, within(1e-9));
    // quiet seconds count nothing, and are covered: nothing is left to estimate
    JoinCounts.Part quiet = c.counted(T0 + 80_000, T0 + 110_000);
    assertThat(quiet.joins()).isZero();
    assertThat(quiet.length()).isEqualTo(30_000);
    // before the first bucket kept (four late buckets before the first join) nothing is covered
    JoinCounts.Part before = c.counted(T0, T0 + 60_000);
    assertThat(before.from()).isEqualTo(T0 + 40_000);
    assertThat(before.joins()).isZero();
    assertThat(c.counted(T0, T0 + 10_000).length()).isZero();
    // after the latest join's bucket the span may still be filling: not covered
    assertThat(c.counted(T0 + 125_000, T0 + 135_000).length()).isZero();
    assertThat(c.counted(T0 + 118_000, T0 + 135_000).to()).isEqualTo(T0 + 125_000);
  }

  @Test
  void aRoomLiveForLongerThanTheBoundKeepsItsLatestDay() {
    JoinCounts c = new JoinCounts();
    long day = JoinCounts.MAX_BUCKETS * JoinCounts.BUCKET;
    for (long t = 0; t < 3 * day; t += 60_000) {
      c.add(T0 + t);
    }
    // the last hour counted: one join a minute
    assertThat(c.counted(T0 + 3 * day - 3_600_000, T0 + 3 * day - 60_000).joins())
        .isCloseTo(59, within(1.0));
    // the first day is no longer kept
    assertThat(c.counted(T0, T0 + 3_600_000).length()).isZero();
    // back after a week of quiet
    c.add(T0 + 10 * day);
    assertThat(c.counted(T0 + 10 * day - 1_000, T0 + 10 * day + 1_000).joins()).isGreaterThan(0);
  }
}
