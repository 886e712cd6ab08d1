package org.qinglang.detectors.claim;

import static org.qinglang.detectors.claim.ClaimProbes.p;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pack 2026-12-07.15 (QL-CLM-128): someone of an institution (a hospital, a society, a testing
 * institute, a team) vouching for goods whose advertising may not use them: food (食品安全法
 * 第七十三条), health food (广告法第十八条), drugs and devices (第十六条), cosmetics, seeds and
 * breeding stock (第二十七条). A denial, or advice to see a doctor, is not. The sentences are our
 * own wording.
 */
class AProfessionalOfAnInstitutionVouchesTest {

  private final ClaimChecker rules = new ClaimChecker(RulePack.standard());

  private static final List<String[]> VOUCHED = List.of(
      p("food", "省粮油协会的秘书长会长都说这桶菜籽油放心，推荐大家囤", "endorsement"),
      p("drug", "体校游泳队的队医一直在用这款跌打喷雾", "endorsement"),
      p("food", "市乳品协会的副会长说这款酸奶放心，她家天天喝", "endorsement"));

  private static final List<String[]> NOT_VOUCHED = List.of(
      p("drug", "跌打喷雾怎么用，先去医院拍个片，听医生的", ""),
      p("food", "连线的这位是医院的护士，她今天只聊夜班，不带货", ""),
      // Electronics: no law bars a professional's honest word there.
      p("electronics", "省体育队的教练也在用这款运动手表", ""));

  @Test
  void anInstitutionsProfessionalVouchesForRestrictedGoods() {
    ClaimProbes.newlyReadAs("2026-12-07.14", rules, VOUCHED);
  }

  @Test
  void aDenialAdviceToSeeADoctorOrUnrestrictedGoods() {
    ClaimProbes.clears(rules, NOT_VOUCHED);
  }
}
