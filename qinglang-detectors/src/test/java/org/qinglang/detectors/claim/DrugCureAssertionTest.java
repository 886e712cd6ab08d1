package org.qinglang.detectors.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qinglang.detectors.claim.ClaimProbes.expect;
import static org.qinglang.detectors.claim.ClaimProbes.p;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A drug or a medical device may be advertised for its approved use, but not with an assertion
 * that it cures (广告法第十六条第一款第（一）项: 表示功效的断言或者保证): 断根, 治好, 一抹就降, 对某病有特效,
 * 比吃药还快. QL-CLM-011 reads disease claims for ordinary goods only, so before pack 2026-12-05.2
 * such sentences about a drug were found only where a guarantee word (保证, 包治) was said. Since
 * pack 2026-12-06.3 the same reading is also filed as medical_efficacy (QL-CLM-027, matches_as
 * QL-CLM-026): a cure asserted for a disease is an efficacy claim beyond the label's indication
 * or the device's registered use (药品管理法第九十条), and the writers since the eighteenth file
 * these sentences so (46 to 14 in the development corpora). The sentences here are our own
 * wording.
 */
class DrugCureAssertionTest {

  @Test
  void aDrugOrDeviceSaidToCureIsAGuaranteeAndAClaimBeyondItsIndication() {
    expect(List.of(
        p("drug", "这个止咳糖浆，咳嗽三天断根", "guarantee,medical_efficacy"),
        p("drug", "膏药往膝盖上一贴，关节炎就治好了", "guarantee,medical_efficacy"),
        p("medical_device", "这台理疗仪对颈椎病有特效", "guarantee,medical_efficacy"),
        p("medical_device", "孩子咳嗽用这个雾化器，比打针还快", "guarantee,medical_efficacy")));
  }

  /** Pack 2026-12-05.3: the cure said before the disease, and cure words the first list lacked. */
  @Test
  void theCureBeforeTheDiseaseAndOtherWordsOfHealing() {
    expect(List.of(
        p("drug", "这个胶囊还能根治慢性胃炎", "guarantee,medical_efficacy"),
        p("medical_device", "敷料贴一周，褥疮的溃烂就能长好", "guarantee,medical_efficacy")));
    // The rule reads 好透 too. Models 2026-12-05.4 to .9 had not learnt the word and their veto
    // cleared the finding (guarantee 0.13 in .4, below the 0.3 ceiling), a known miss kept
    // visible here; since model .10 the guarantee veto's ceiling is 0.1 (the dressing above read
    // 0.124), and the shipped checker finds it.
    ClaimChecker rules = new ClaimChecker(RulePack.standard());
    assertThat(rules.check("这支软膏涂三次，手上的疹子就好透了", "drug"))
        .extracting(ClaimFinding::ruleId).containsExactly("QL-CLM-026", "QL-CLM-027");
    assertThat(ClaimChecker.standard().check("这支软膏涂三次，手上的疹子就好透了", "drug"))
        .extracting(ClaimFinding::ruleId).containsExactly("QL-CLM-026", "QL-CLM-027");
  }

  @Test
  void theApprovedUseDenialsAndAdviceStayLawful() {
    expect(List.of(
        p("drug", "本品用于缓解感冒引起的鼻塞流涕，请按说明书服用", ""),
        p("drug", "这个药不能根治鼻炎，症状反复要去医院", ""),
        p("medical_device", "血压计只是测量用的，不能治好高血压", "")));
  }

  @Test
  void ordinaryGoodsKeepTheirOwnRule() {
    ClaimChecker rules = new ClaimChecker(RulePack.standard());
    List<ClaimFinding> tea = rules.check("喝了这个茶，咳嗽三天断根", "food");
    assertThat(tea).extracting(ClaimFinding::ruleId).contains("QL-CLM-011")
        .doesNotContain("QL-CLM-026");
    List<ClaimFinding> syrup = rules.check("这个止咳糖浆，咳嗽三天断根", "drug");
    assertThat(syrup).extracting(ClaimFinding::ruleId).containsExactly("QL-CLM-026", "QL-CLM-027");
    assertThat(syrup).extracting(ClaimFinding::basisKey).containsOnly("ad_law_16");
  }
}
