package org.qinglang.detectors.claim;

import static org.qinglang.detectors.claim.ClaimProbes.p;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pack 2026-12-07.17: a feeling "cured" (乡愁, 烦恼, 疲惫, a day's 班味) is the figurative sense
 * of a medical word that the issue names as lawful: no disease or body function is named. Most
 * development writers since v12 wrote one, often with the feeling before the verb
 * (乡愁都被治好了), where the pack read a feeling only right before or after the medical word. Anxiety and nerves are not among the
 * feelings: 焦虑 and 紧张 are conditions a product may not claim to treat. A disease in the same
 * breath still counts, and 冠心病 is not 心病. The sentences are our own wording.
 */
class AFeelingCuredIsAFigureTest {

  private final ClaimChecker rules = new ClaimChecker(RulePack.standard());

  private static final List<String[]> A_FEELING = List.of(
      p("food", "这碗酸辣粉一下肚，一肚子的委屈都被治好了", ""),
      p("other", "出差回来抱到自家的猫，一周的疲惫全被治好了", ""),
      p("food", "这盒月饼是治乡愁的特效药", ""));

  private static final List<String[]> A_DISEASE = List.of(
      p("food", "坏心情和胃病都被这碗粥治好了", "medical_efficacy"),
      p("health_food", "这个鱼油吃了半年，冠心病都治好了", "health_food"),
      p("food", "喝了三个月，我妈的焦虑都被治好了", "medical_efficacy"));

  @Test
  void aFeelingCuredIsNoClaim() {
    ClaimProbes.newlyCleared("2026-12-07.16", rules, A_FEELING);
  }

  @Test
  void aDiseaseOrAConditionCuredStillCounts() {
    ClaimProbes.findsEach(rules, A_DISEASE);
  }
}
