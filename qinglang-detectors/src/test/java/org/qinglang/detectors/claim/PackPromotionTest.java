package org.qinglang.detectors.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.qinglang.io.Json;

/** Promoting a shadow rule gives the pack with that rule live and nothing else changed. */
class PackPromotionTest {

  private static String shipped() throws Exception {
    try (InputStream in = RulePack.class.getResourceAsStream(RulePack.RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The shipped pack with one of its rules put on trial, written as the shipped file is. */
  private static String withShadow(String ruleId) throws Exception {
    ObjectNode root = (ObjectNode) Json.MAPPER.readTree(shipped());
    root.get("rules").forEach(r -> {
      if (r.get("id").asText().equals(ruleId)) {
        ((ObjectNode) r).put("shadow", true);
      }
    });
    return PackPromotion.write(root);
  }

  @Test
  void thePackIsWrittenInTheShippedFilesLayout() throws Exception {
    String text = shipped();
    assertThat(PackPromotion.write(Json.MAPPER.readTree(text))).isEqualTo(text);
  }

  @Test
  void promotionMakesTheRuleLiveAndChangesOnlyItsFlagAndTheVersion() throws Exception {
    String trial = withShadow("QL-CLM-033");
    assertThat(RulePack.parse(trial, "trial").shadowRules()).extracting(ClaimRule::id)
        .containsExactly("QL-CLM-033");

    PackPromotion.Result r = PackPromotion.promote(trial, "trial", "QL-CLM-033", null);

    RulePack promoted = RulePack.parse(r.json(), "promoted");
    assertThat(promoted.shadowRules()).isEmpty();
    assertThat(promoted.version()).isEqualTo(r.newVersion()).isNotEqualTo(r.oldVersion());
    // byte for byte the shipped file, the rule having never been on trial, but for
    // the version line
    assertThat(r.json()).isEqualTo(shipped().replace("\"version\": \"" + r.oldVersion() + "\"",
        "\"version\": \"" + r.newVersion() + "\""));
  }

  @Test
  void theVersionIsRaisedUnlessOneIsGiven() throws Exception {
    assertThat(PackPromotion.next("2026-12-04.1")).isEqualTo("2026-12-04.2");
    assertThat(PackPromotion.next("trial")).isEqualTo("trial.1");
    String trial = withShadow("QL-CLM-033");
    assertThat(PackPromotion.promote(trial, "trial", "QL-CLM-033", "2027-01-01.1").newVersion())
        .isEqualTo("2027-01-01.1");
  }

  @Test
  void onlyAShadowRuleOfThePackCanBePromoted() throws Exception {
    String trial = withShadow("QL-CLM-033");
    assertThatThrownBy(() -> PackPromotion.promote(trial, "trial.json", "QL-CLM-999", null))
        .hasMessage("trial.json: no rule QL-CLM-999");
    assertThatThrownBy(() -> PackPromotion.promote(trial, "trial.json", "QL-CLM-001", null))
        .hasMessageContaining("QL-CLM-001 is already live");
  }
}
