package org.qinglang.detectors.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class JoinCountsTest {
  static final long T0 = 1_763_636_400_000L;

  @Test
  void countsTheJoinsOfASpanAndEstimatesOnlyWhatTheCountsDoNotCover() {
    JoinCounts c = new JoinCounts();
    for (int i = 0; i < 100; i++) {
      c.add(T0 + 60_000 + i * 100L); // a rush: 100 joins in 10 s
    }
    c.add(T0 + 120_000);
    // the rush, whole buckets
    assertThat(c.between(T0 + 60_000, T0 + 70_000, 1e-3)).isCloseTo(100, within(1e-9));
    // half a bucket of it, pro rata
    assertThat(c.between(T0 + 60_000, T0 + 62_500, 1e-3)).isCloseTo(25, within(1e-9));
    // quiet seconds count nothing, whatever the rate says
    assertThat(c.between(T0 + 80_000, T0 + 110_000, 1.0)).isZero();
    // before the first bucket kept and after the last join's, the rate
    assertThat(c.between(T0, T0 + 10_000, 1e-3)).isCloseTo(10, within(1e-9));
    assertThat(c.between(T0 + 125_000, T0 + 135_000, 1e-3)).isCloseTo(10, within(1e-9));
  }

  @Test
  void aRoomLiveForLongerThanTheBoundKeepsItsLatestDay() {
    JoinCounts c = new JoinCounts();
    long day = JoinCounts.MAX_BUCKETS * JoinCounts.BUCKET;
    for (long t = 0; t < 3 * day; t += 60_000) {
      c.add(T0 + t);
    }
    // the last hour counted: one join a minute
    assertThat(c.between(T0 + 3 * day - 3_600_000, T0 + 3 * day - 60_000, 0))
        .isCloseTo(59, within(1.0));
    // the first day is no longer kept: estimated
    assertThat(c.between(T0, T0 + 3_600_000, 2e-3)).isCloseTo(7_200, within(1e-6));
    // back after a week of quiet
    c.add(T0 + 10 * day);
    assertThat(c.between(T0 + 10 * day - 1_000, T0 + 10 * day + 1_000, 0)).isGreaterThan(0);
  }
}
