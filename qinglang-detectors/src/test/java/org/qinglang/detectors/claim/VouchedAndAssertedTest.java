package org.qinglang.detectors.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qinglang.detectors.claim.ClaimProbes.expect;
import static org.qinglang.detectors.claim.ClaimProbes.p;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pack 2026-12-05.8, read from the blind writer v25's misses. Three ways a claim is made that the
 * earlier packs did not read, each beside the lawful sentence that shares its words:
 * <ul>
 *   <li>a professional vouching in the way people retell it (主任说, 亲口说, 说是他见过最好的,
 *       给我们推荐的, 都让家长买): 广告法第十六条, 第十七条, 第十八条;</li>
 *   <li>a drug or device asserted to give a definite result for a disease (以后不会再犯, 当天就好,
 *       能逆转, 不用开刀), or said to treat more than its use (不光……也能治): 第十六条第一款第（一）项;
 *       before, only cure words (断根, 治好) were read for drugs (QL-CLM-026);</li>
 *   <li>a school's own media and rooms used to reach pupils (the school's official account, the
 *       clinic door, a class meeting): 第三十九条.</li>
 * </ul>
 * The sentences are our own wording, not the corpus's.
 */
class VouchedAndAssertedTest {

  @Test
  void professionalsVouchingAsPeopleRetellIt() {
    expect(List.of(
        p("drug", "消化科主任说，我们这款胃药吃两盒胃就不疼了", "endorsement"),
        p("health_food", "心内科的专家亲口说，这款辅酶Q10他自己也天天吃", "endorsement"),
        p("health_food", "护眼软糖是眼科医生给我们推荐的", "endorsement"),
        p("health_food", "妇产科的医生都让孕妈们买这个叶酸", "endorsement")));
  }

  @Test
  void adviceAndFactsAboutProfessionalsStayLawful() {
    expect(List.of(
        p("drug", "胃疼反复的，先去消化科让主任看看，别自己乱吃药", ""),
        p("health_food", "孕期要不要补叶酸，请按产检医生的建议来", ""),
        p("health_food", "我们没有请任何医生给这款软糖做推荐", "")));
  }

  @Test
  void aDrugOrDeviceAssertedToGiveADefiniteResult() {
    ClaimChecker rules = new ClaimChecker(RulePack.standard());
    assertThat(rules.check("这个胃药吃完三盒，胃溃疡以后都不会再犯", "drug"))
        .extracting(ClaimFinding::ruleId).contains("QL-CLM-014");
    assertThat(rules.check("这台按摩仪每天按二十分钟，腰椎间盘突出就能缩回去", "medical_device"))
        .extracting(ClaimFinding::ruleId).contains("QL-CLM-014");
    assertThat(rules.check("这个眼药水不光缓解眼干，白内障也能治", "drug"))
        .extracting(ClaimFinding::ruleId).contains("QL-CLM-014");
    // The same words for ordinary goods stay with the rule for ordinary goods.
    assertThat(rules.check("这个茶喝完三盒，胃溃疡以后都不会再犯", "food"))
        .extracting(ClaimFinding::ruleId).doesNotContain("QL-CLM-014");
  }

  @Test
  void theApprovedUseAndAdviceAboutADiseaseStayLawful() {
    ClaimChecker rules = new ClaimChecker(RulePack.standard());
    assertThat(rules.check("本品用于胃溃疡的辅助治疗，请按说明书服用", "drug")).isEmpty();
    assertThat(rules.check("腰椎间盘突出要去医院看，按摩仪只能放松肌肉", "medical_device")).isEmpty();
  }

  @Test
  void aSchoolsOwnMediaAndRoomsUsedToReachPupils() {
    expect(List.of(
        p("other", "下周学校的公众号会推我们这款学习灯的链接", "minors"),
        p("other", "我们在校医室门口放了试用装，孩子们路过就能领", "minors"),
        p("other", "周三班会课上，我们的老师会进教室给孩子们介绍这套拼图", "minors")));
    expect(List.of(
        p("other", "学校的公众号不能给商家做广告，家长们别信截图", ""),
        p("other", "这套拼图适合五岁以上的孩子，家长陪着玩更好", "")));
  }
}
