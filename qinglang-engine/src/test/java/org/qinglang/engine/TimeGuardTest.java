package org.qinglang.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The contract's clock rule, with a fixed processing time. */
class TimeGuardTest {
  static final long NOW = 1_764_800_000_000L; // 2025-12-03
  static final long DAY = 24L * 3600 * 1000;

  @Test
  void beforeTwoThousandIsImplausible() {
    TimeGuard g = new TimeGuard(() -> NOW);
    assertThat(g.check(TimeGuard.EARLIEST - 1)).contains("before 2000-01-01");
    assertThat(g.check(TimeGuard.EARLIEST)).isNull();
    assertThat(g.check(Long.MIN_VALUE)).contains("before 2000-01-01");
  }

  @Test
  void aheadOfBothClocksIsImplausibleAndDoesNotMoveTheStreamTime() {
    TimeGuard g = new TimeGuard(() -> NOW);
    assertThat(g.check(NOW - 3 * DAY)).isNull(); // a replay of an old evening
    assertThat(g.check(NOW + DAY)).isNull(); // within 24 h of the processing time
    assertThat(g.check(NOW + 2 * DAY)).isNull(); // 24 h ahead of the stream's time, not more
    assertThat(g.check(Long.MAX_VALUE)).contains("more than 24 h ahead");
    assertThat(g.check(4_102_444_800_000L)).contains("more than 24 h ahead");
    // The outliers did not raise the stream's time: a day past the last good one is still ok,
    // a day and a bit past it is not.
    assertThat(g.check(NOW + 3 * DAY + 1)).contains("more than 24 h ahead");
    assertThat(g.check(NOW + 3 * DAY)).isNull();
  }

  @Test
  void aStreamDatedInTheFutureIsPlausibleOnceItsFirstEventIs() {
    long[] now = {NOW};
    TimeGuard g = new TimeGuard(() -> now[0]);
    // The first event sets the stream's time only when it is within a day of the clock.
    assertThat(g.check(NOW + 2 * DAY)).contains("more than 24 h ahead");
    assertThat(g.check(NOW + DAY)).isNull();
    assertThat(g.check(NOW + 2 * DAY)).isNull();
  }
}
