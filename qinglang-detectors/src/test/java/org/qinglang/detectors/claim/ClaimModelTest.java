package org.qinglang.detectors.claim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qinglang.detectors.claim.ClaimModelTraining.Example;
import org.qinglang.io.Json;

/**
 * The shipped model is what its recorded training produces, from development material only,
 * and what it adds to a finding is as explainable as a rule's finding.
 */
class ClaimModelTest {

  @Test
  void theShippedModelIsReproducedFromItsRecordedTrainingMaterial() throws IOException {
    RulePack pack = RulePack.standard();
    JsonNode shipped;
    try (InputStream in = getClass().getResourceAsStream(ClaimModel.RESOURCE)) {
      shipped = Json.MAPPER.readTree(in);
    }
    assertThat(shipped.path("trained_with_pack").asText()).isEqualTo(pack.version());
    List<Example> set = ClaimCrossWriterTest.shippedTrainingSet(pack);
    java.util.Set<String> development = new java.util.HashSet<>(ClaimModelTraining.CONTEXT);
    development.addAll(ClaimModelTraining.WHOLE);
    development.addAll(ClaimModelTraining.OLDER);
    development.add(ClaimModelTraining.PROBES);
    assertThat(set).allMatch(e -> development.contains(e.source()));
    assertThat(ClaimModelTraining.sources(set)).contains("context-v10");
    for (String f : ClaimModelTraining.CONTEXT) {
      assertThat(ClaimModelTraining.tuneHalf(f)).isNotEmpty();
    }
    ClaimModelTraining.Fit fit = ClaimModelTraining.fit(set, pack);
    JsonNode by = shipped.path("training").path("by_source");
    fit.bySource().forEach((src, n) -> assertThat(by.path(src).asInt()).as(src).isEqualTo(n));
    assertThat(by.size()).isEqualTo(fit.bySource().size());
    JsonNode grams = shipped.path("grams");
    assertThat(grams.size()).isEqualTo(fit.grams().size());
    for (Map.Entry<Long, float[]> e : fit.grams().entrySet()) {
      if (e.getKey() >>> 48 == 0xFFFFL) {
        continue;
      }
      JsonNode row = grams.path(ClaimModel.gramText(e.getKey()));
      for (int f = 0; f < e.getValue().length; f++) {
        assertThat((float) row.path(f).asDouble()).as(ClaimModel.gramText(e.getKey()))
            .isEqualTo(e.getValue()[f]);
      }
    }
  }

  @Test
  void trainingRefusesTestHalvesAndTheBlindCorpus() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> ClaimModelTraining.tuneHalf("context-v5"))
        .isInstanceOf(IllegalArgumentException.class);
    for (String blind : List.of(
        "context-v39", "context-v40", "context-v41", "context-v42", "context-v43", "context-v44",
        "context-v45", "context-v46", "context-v47", "context-v48", "context-v49", "context-v50",
        "context-v51")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClaimModelTraining.whole(blind))
          .as(blind).isInstanceOf(IllegalArgumentException.class);
    }
  }

  /**
   * A learned finding carries what a rule's does: family, the words it read, the exemptions
   * weighed, the basis for the category and a rewrite.
   */
  @Test
  void aLearnedFindingIsExplained() {
    ClaimChecker c = ClaimChecker.standard();
    assertThat(c.model()).isNotNull();
    List<ClaimFinding> learned = new ArrayList<>();
    for (String s : List.of("这是法国进口的红酒，原瓶原装", "那家店的蜂蜜都是糖浆兑的，大家别买",
        "吃了这个枸杞，眼睛看东西都清楚多了")) {
      for (ClaimFinding f : c.check(s, "food")) {
        if (f.learned() != null) {
          learned.add(f);
        }
      }
    }
    assertThat(learned).as("learned findings among the examples").isNotEmpty();
    for (ClaimFinding f : learned) {
      assertThat(f.ruleId()).endsWith("-M");
      assertThat(f.basisKey()).isNotEmpty();
      assertThat(f.rewrite()).isNotEmpty();
      assertThat(f.considered()).extracting(Exemption::id).contains("negation", "rule_quote");
      assertThat(f.learned().cues()).isNotEmpty();
      assertThat(f.matched()).isNotEmpty();
      assertThat(f.asMap()).containsKeys("learned", "legal_basis", "exemptions_considered");
    }
  }

  /** The model never raises a family whose rule matched and was exempted. */
  @Test
  void anExemptionTheRulesAppliedIsNotOverridden() {
    ClaimChecker c = ClaimChecker.standard();
    for (String s : List.of("这是我们店里最轻的一款", "广告法规定不能说最好，所以我们不说",
        "这首歌太治愈了")) {
      assertThat(c.check(s, "other")).as(s).isEmpty();
    }
  }
}
