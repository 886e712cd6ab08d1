package org.qinglang.detectors.claim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A pack regex runs without its unnamed groups capturing, and matches exactly what it matched
 * with them; where that could be in doubt it is kept as written.
 */
class UncapturedRegexTest {

  private static List<String> matches(Pattern p, String text) {
    List<String> out = new ArrayList<>();
    Matcher m = p.matcher(text);
    while (m.find()) {
      out.add(m.start() + "-" + m.end());
    }
    return out;
  }

  @Test
  void unnamedGroupsStopCapturingAndNamedOnesStay() {
    Pattern p = Pattern.compile("(最|顶)(好|棒)(?<x>[省市])[^(]*\\(\\k<x>\\)(?=(吗|呢))");
    Pattern q = RulePack.uncaptured(p);
    assertThat(p.matcher("").groupCount()).isEqualTo(4);
    assertThat(q.matcher("").groupCount()).isEqualTo(1);
    for (String t : List.of("最好省的(省)吗", "顶棒市(市)呢，最好省(市)吗", "最好省(省)", "((最棒市(市)呢))")) {
      assertThat(matches(q, t)).as(t).isEqualTo(matches(p, t));
    }
    Matcher m = q.matcher("顶棒市(市)呢");
    assertThat(m.find()).isTrue();
    assertThat(m.group("x")).isEqualTo("市");
  }

  @Test
  void parenthesesInsideAClassOrEscapedAreNotGroups() {
    Pattern p = Pattern.compile("[(（][^)]*[)）](价)\\((原价)\\)[a[(]]");
    Pattern q = RulePack.uncaptured(p);
    assertThat(q.matcher("").groupCount()).isZero();
    for (String t : List.of("(十)价(原价)(", "（十）价(原价)a", "(十)价(原价)?", "(十)价(原价):")) {
      assertThat(matches(q, t)).as(t).isEqualTo(matches(p, t));
    }
  }

  @Test
  void aNumberedBackReferenceKeepsTheRegexAsWritten() {
    Pattern p = Pattern.compile("(好)\\1");
    assertThat(RulePack.uncaptured(p)).isSameAs(p);
    Pattern quoted = Pattern.compile("\\Q(\\E(好)");
    assertThat(RulePack.uncaptured(quoted)).isSameAs(quoted);
  }

  @Test
  void everyRegexOfTheShippedPackCapturesOnlyItsNamedGroups() {
    RulePack pack = RulePack.standard();
    List<Pattern> all = new ArrayList<>();
    for (ClaimRule r : pack.rules) {
      r.regexes.forEach(x -> all.add(x.pattern()));
      for (ClaimRule.Condition c : r.exemptIf) {
        addConditions(all, c);
      }
      for (ClaimRule.Condition c : r.require) {
        addConditions(all, c);
      }
    }
    pack.globalExemptIf.forEach(c -> addConditions(all, c));
    pack.markerRegexes.forEach(x -> all.add(x.pattern()));
    assertThat(all).hasSizeGreaterThan(300);
    Pattern namedGroup = Pattern.compile("\\(\\?<[A-Za-z]");
    for (Pattern p : all) {
      assertThat(p.matcher("").groupCount()).as(p.pattern())
          .isEqualTo((int) namedGroup.matcher(p.pattern()).results().count());
    }
  }

  private static void addConditions(List<Pattern> all, ClaimRule.Condition c) {
    for (Pattern p : new Pattern[] {c.followedBy(), c.precededBy(), c.answeredBy()}) {
      if (p != null) {
        all.add(p);
      }
    }
  }
}
