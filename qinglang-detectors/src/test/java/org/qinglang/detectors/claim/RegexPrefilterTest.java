package org.qinglang.detectors.claim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qinglang.io.Json;

/**
 * What the checker may skip for a pack regex: the chars its matches begin and end with, and
 * the literals every match contains, read from the regex's text. A skip is only allowed where
 * the regex provably cannot match, so what the reading does not understand it leaves alone.
 */
class RegexPrefilterTest {

  private static RegexPrefilter read(String regex) {
    return RegexPrefilter.of(Pattern.compile(regex));
  }

  @Test
  void aHeadAlternationBeginsEveryMatchAndTheTailIsStillRequired() {
    RegexPrefilter f = read("(原价|划线|[二三]折)[^\\n]{0,40}?(?<!不是|没有)(其实|从没(有)?)");
    // Only the head's first chars: 其 begins the tail, which never begins a match.
    assertThat(f.sparse()).isTrue();
    for (char c : "原划二三".toCharArray()) {
      assertThat(f.mayStartWith(c)).as("%s", c).isTrue();
    }
    for (char c : "价其从不".toCharArray()) {
      assertThat(f.mayStartWith(c)).as("%s", c).isFalse();
    }
    // A text with a price word but no retraction holds no match, whatever the triggers say.
    assertThat(f.required()).contains(Set.of("原价", "划线", "二折", "三折"),
        Set.of("其实", "从没"));
    assertThat(f.mayEndWith('实')).isTrue();
    assertThat(f.mayEndWith('有')).isTrue();
    assertThat(f.mayEndWith('价')).isFalse();
  }

  @Test
  void aLookBehindConsumesNothingSoTheMatchBeginsAfterIt() {
    RegexPrefilter f = read("(?<=(价格|售价)[^\\n]{0,5})最(低|便宜)");
    assertThat(f.mayStartWith('最')).isTrue();
    assertThat(f.mayStartWith('价')).isFalse();
    assertThat(f.mayStartWith('售')).isFalse();
    assertThat(f.required()).contains(Set.of("最低", "最便宜"));
  }

  @Test
  void anOptionalPieceLetsTheNextOneBeginTheMatch() {
    RegexPrefilter f = read("(没)?(有)?签[^，。\\n]{0,2}授权");
    assertThat(f.mayStartWith('没')).isTrue();
    assertThat(f.mayStartWith('有')).isTrue();
    assertThat(f.mayStartWith('签')).isTrue();
    assertThat(f.mayStartWith('授')).isFalse();
    // 有签 and 没有签 contain 签: the shorter literal is the one to look for.
    assertThat(f.required()).contains(Set.of("签"), Set.of("授权"));
  }

  @Test
  void aNegatedClassMayBeginWithAnyCharItDoesNotList() {
    RegexPrefilter f = read("[^\\n最]{1,3}价");
    assertThat(f.mayStartWith('原')).isTrue();
    assertThat(f.mayStartWith('\uD83D')).isTrue(); // half of an emoji is one code point's start
    assertThat(f.mayStartWith('\n')).isFalse();
    assertThat(f.mayStartWith('最')).isFalse();
    // So many chars that trying each position costs more than find() walking the text.
    assertThat(f.sparse()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "(?i)原价|mall",            // flags change what a literal matches
      "\\p{IsHan}{2}价",           // a property class this reading does not enumerate
      "[a-z&&[^aeiou]]价",         // an intersection
      "\\Q原价\\E[0-9]+",          // a quoted span
  })
  void whatTheReadingDoesNotUnderstandRunsAsItAlwaysDid(String regex) {
    RegexPrefilter f = read(regex);
    assertThat(f.knowsStarts()).isFalse();
    assertThat(f.knowsEnds()).isFalse();
    assertThat(f.required()).isEmpty();
  }

  @Test
  void aBackReferenceMayRepeatAnythingSoOnlyWhatComesBeforeItIsKnown() {
    RegexPrefilter f = read("(?<x>好|妙)[^\\n]{0,4}\\k<x>");
    assertThat(f.mayStartWith('好')).isTrue();
    assertThat(f.mayStartWith('妙')).isTrue();
    assertThat(f.mayStartWith('很')).isFalse();
    assertThat(f.knowsEnds()).isFalse();
    assertThat(f.required()).contains(Set.of("好", "妙"));
  }

  /** The pack's lists of place names run to hundreds; each list is still one required set. */
  @Test
  void aLongListOfNamesIsStillRequired() {
    List<String> names = new ArrayList<>();
    for (char a = '甲'; names.size() < 600; a++) {
      names.add(a + "州");
    }
    RegexPrefilter f = read("产地[^\\n]{0,6}(" + String.join("|", names) + ")");
    assertThat(f.required()).contains(Set.of("产地"), Set.copyOf(names));
  }

  @Test
  void aRegexThatCanMatchNothingMayMatchAnywhere() {
    RegexPrefilter f = read("(原价)?(划线价)*");
    assertThat(f.knowsStarts()).isFalse();
    assertThat(f.sparse()).isFalse();
    assertThat(f.required()).isEmpty();
  }

  /**
   * The facts hold for the shipped pack: no match of any rule regex on any sentence of a
   * corpus begins or ends with a char the reading ruled out, and each sentence with a match
   * contains a literal of each required set.
   */
  @Test
  void everyMatchOfTheShippedPackKeepsToItsFacts() throws IOException {
    RulePack pack = RulePack.standard();
    List<String> texts = new ArrayList<>();
    try (InputStream in = RegexPrefilterTest.class.getResourceAsStream(
        "/claims/context-v16.jsonl")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          JsonNode n = Json.MAPPER.readTree(line);
          texts.add(pack.normalizer.normalize(n.path("text").asText()).text());
        }
      }
    }
    RegexPrefilter.Reader reader = new RegexPrefilter.Reader();
    int matches = 0;
    int known = 0;
    for (ClaimRule r : pack.rules) {
      for (ClaimRule.RegexPattern x : r.regexes) {
        RegexPrefilter f = reader.read(x.pattern());
        known += f.knowsStarts() ? 1 : 0;
        for (String t : texts) {
          Matcher m = x.pattern().matcher(t);
          while (m.find()) {
            if (m.end() == m.start()) {
              continue;
            }
            matches++;
            String at = r.id + " /" + x.pattern() + "/ on " + t;
            assertThat(f.mayStartWith(t.charAt(m.start()))).as(at).isTrue();
            assertThat(f.mayEndWith(t.charAt(m.end() - 1))).as(at).isTrue();
            for (Set<String> s : f.required()) {
              assertThat(s.stream().anyMatch(t::contains)).as(at + " needs one of " + s)
                  .isTrue();
            }
          }
        }
      }
    }
    // Not vacuous: the corpus has hundreds of matches, and most regexes are read.
    assertThat(matches).isGreaterThan(300);
    assertThat(known).isGreaterThan(pack.rules.stream().mapToInt(r -> r.regexes.size()).sum()
        * 9 / 10);
  }
}
