package org.qinglang.detectors.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qinglang.detectors.claim.ClaimProbes.p;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pack 2026-12-07.5. In the health_food category, 163 of the 240 health_food violations the
 * development corpora missed got no finding at all, though they claimed cures in so many words:
 * the rule for ordinary goods (QL-CLM-011) stands aside for health food, health food's own rule
 * (QL-CLM-081) had kept a shorter list since 2026-12-04, and the learned model, whose
 * health_food findings were filed under the ordinary-food rule, could add none there. Now
 * QL-CLM-083 reads health food with QL-CLM-011's matching and adds health food's own lawful
 * wording (approved functions, "不能代替药物…"), and a learned finding is filed under the first
 * rule of its family that applies to the category. The sentences are our own wording.
 */
class WhatHealthFoodMayNotCureTest {

  private final ClaimChecker rules = new ClaimChecker(RulePack.standard());

  private static final List<String[]> CURES = List.of(
      p("health_food", "这款鱼油软胶囊能把颈动脉斑块溶掉", "health_food"),
      p("health_food", "水飞蓟胶囊，脂肪肝吃三个月就能逆转", "health_food"),
      p("health_food", "维生素E软胶囊能治不孕，备孕的吃它", "health_food"));

  /** Health food's own lawful sentences, which the ordinary-goods matching alone would read. */
  private static final List<String[]> LAWFUL = List.of(
      p("health_food", "保健食品不能代替药物治疗眼病，眼睛不舒服请去医院", ""),
      p("health_food", "这款鱼油是保健食品，批准的保健功能是有助于降低血脂", ""),
      p("health_food", "这瓶钙片每片含钙三百毫克，成人每天一片", ""));

  @Test
  void aCureClaimedForHealthFoodIsReadAsForOrdinaryGoods() {
    ClaimProbes.newlyReadAs("2026-12-07.4", rules, CURES);
  }

  @Test
  void healthFoodsApprovedWordingAndItsWarningStayLawful() {
    ClaimProbes.clears(ClaimChecker.standard(), LAWFUL);
  }

  /**
   * The model reads a cure where no rule does; before, its health_food finding was filed under
   * the ordinary-food rule and so never raised for health food.
   */
  @Test
  void theModelsFindingIsFiledUnderARuleOfTheCategory() {
    String text = "海豹油软胶囊吃了两个月，心脏支架的人胸口再也不闷了";
    assertThat(rules.check(text, "health_food")).as("rules alone").isEmpty();
    assertThat(ClaimChecker.standard().check(text, "health_food"))
        .extracting(ClaimFinding::ruleId).containsExactly("QL-CLM-081-M");
    assertThat(ClaimChecker.standard().check(text, "food"))
        .extracting(ClaimFinding::ruleId).contains("QL-CLM-012-M");
  }
}
