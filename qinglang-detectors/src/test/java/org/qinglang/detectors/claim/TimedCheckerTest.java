package org.qinglang.detectors.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A timed checker finds what the plain one finds and counts each pack regex it runs. */
class TimedCheckerTest {

  private static final String CLAIM = "原价九百九十九，今天只要九十九，其实这个原价是我们自己定的";

  @Test
  void findsTheSameAndCountsEachRegexRun() {
    ClaimChecker plain = ClaimChecker.standard();
    ClaimChecker timed = ClaimChecker.timed(plain.pack(), plain.model());
    assertThat(timed.check(CLAIM, "food").toString())
        .isEqualTo(plain.check(CLAIM, "food").toString());
    List<ClaimChecker.RegexCost> once = timed.regexCost();
    long ran = once.stream().filter(c -> c.runs() > 0).count();
    assertThat(ran).isPositive();
    assertThat(once).allMatch(c -> c.runs() <= 1 && (c.runs() > 0 || c.nanos() == 0));

    timed.check(CLAIM, "food");
    List<ClaimChecker.RegexCost> twice = timed.regexCost();
    for (int i = 0; i < once.size(); i++) {
      assertThat(twice.get(i).runs()).as(twice.get(i).rule() + "#" + twice.get(i).index())
          .isEqualTo(2 * once.get(i).runs());
    }
  }

  @Test
  void aTextWithoutTriggerWordsRunsNoRegex() {
    ClaimChecker timed = ClaimChecker.timed(RulePack.standard(), null);
    timed.check("嗯嗯", "food");
    assertThat(timed.regexCost()).allMatch(c -> c.runs() == 0);
  }

  @Test
  void aPlainCheckerKeepsNoTimes() {
    assertThatThrownBy(() -> ClaimChecker.standard().regexCost())
        .isInstanceOf(IllegalStateException.class);
  }
}
