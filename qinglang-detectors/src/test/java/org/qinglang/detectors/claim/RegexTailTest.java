package org.qinglang.detectors.claim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.qinglang.io.Json;

/**
 * A regex that ends with a fragment of its own ("claimed, then taken back") is skipped where
 * that fragment is nowhere in the text; only a fragment every match must end with counts.
 */
class RegexTailTest {

  private static ClaimRule.RegexPattern regex(RulePack pack, String rule, int i) {
    return pack.rules.stream().filter(r -> r.id.equals(rule)).findFirst().orElseThrow()
        .regexes.get(i);
  }

  @Test
  void aClaimTakenBackEndsWithItsTail() {
    ClaimRule.RegexPattern x = regex(RulePack.standard(), "QL-CLM-112", 0);
    assertThat(x.tail()).isNotNull();
    assertThat(x.pattern().pattern()).endsWith(x.tail().pattern());
    List<String> withTail = new ArrayList<>();
    for (ClaimRule r : RulePack.standard().rules) {
      for (int i = 0; i < r.regexes.size(); i++) {
        Pattern t = r.regexes.get(i).tail();
        if (t != null) {
          assertThat(r.regexes.get(i).pattern().pattern()).endsWith(t.pattern());
          withTail.add(r.id + "#" + i);
        }
      }
    }
    assertThat(withTail).contains("QL-CLM-066#0", "QL-CLM-122#0");
  }

  @Test
  void aFragmentAfterATopLevelBarIsNoTail() throws Exception {
    JsonNode pack;
    try (InputStream in = RulePack.class.getResourceAsStream(RulePack.RESOURCE)) {
      pack = Json.MAPPER.readTree(in);
    }
    for (JsonNode r : pack.path("rules")) {
      if (r.path("id").asText().equals("QL-CLM-112")) {
        ObjectNode x = (ObjectNode) r.path("regex").get(0);
        x.put("pattern", "绝对正宗|" + x.path("pattern").asText());
      }
    }
    RulePack edited = RulePack.parse(Json.MAPPER.writeValueAsString(pack), "edited");
    assertThat(regex(edited, "QL-CLM-112", 0).tail()).isNull();
    // The first alternative matches with no taking back in the text, and is found.
    ClaimChecker c = new ClaimChecker(edited);
    assertThat(c.check("这是绝对正宗的东北大米", "food"))
        .anyMatch(f -> f.ruleId().equals("QL-CLM-112"));
  }

  /** Over a development corpus: wherever a regex with a tail matches, its tail matches too. */
  @Test
  void aRegexMatchesOnlyWhereItsTailDoes() throws Exception {
    RulePack pack = RulePack.standard();
    List<String> texts = new ArrayList<>();
    for (String name : List.of("context-v16", "context-v39", "context-v40")) {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(
          RegexTailTest.class.getResourceAsStream("/claims/" + name + ".jsonl"),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          texts.add(pack.normalizer.normalize(Json.MAPPER.readTree(line).path("text").asText())
              .text());
        }
      }
    }
    int matched = 0;
    for (ClaimRule r : pack.rules) {
      for (ClaimRule.RegexPattern x : r.regexes) {
        if (x.tail() == null) {
          continue;
        }
        for (String t : texts) {
          if (x.pattern().matcher(t).find()) {
            matched++;
            assertThat(x.tail().matcher(t).find()).as(r.id + ": " + t).isTrue();
          }
        }
      }
    }
    assertThat(matched).as("matches of regexes with a tail").isPositive();
  }
}
