package org.qinglang.detectors.claim;

import static org.qinglang.detectors.claim.ClaimProbes.expect;
import static org.qinglang.detectors.claim.ClaimProbes.findsNo;
import static org.qinglang.detectors.claim.ClaimProbes.firesRule;
import static org.qinglang.detectors.claim.ClaimProbes.p;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pack 2026-12-06.4, read from the blind writer v31's errors. A moderator's note that the
 * caption was misheard is no claim, whatever the caption said; the back office, a colleague at
 * the side or last week's price undoes a claim; and a few more ways a child is put at risk. The
 * sentences are our own wording.
 */
class TheCaptionAndTheBackOfficeTest {

  private final ClaimChecker rules = new ClaimChecker(RulePack.standard());

  @Test
  void aCaptionMisheardIsNoClaim() {
    expect(List.<String[]>of(
        p("food", "审核备注：字幕“这款茶醉好喝”是语音转文字出错，原话是“这款茶最好泡着喝”", ""),
        p("cosmetics", "字幕“能祛班”为识别错误，主播说的是“不能祛斑”", "")));
    // A correction that adds the claim is not a misheard caption.
    firesRule(rules, "food", "字幕更正：主播原话是“这是全网最香的茶”，特此更正", "QL-CLM-001");
  }

  @Test
  void theBackOfficeAndLastWeeksPrice() {
    // Named by QL-CLM-068 since pack 2026-12-07.4: last week's price is read as a number.
    firesRule(rules, "food", "粽子原价八十八，今天十八，我表姐说她上礼拜就是十八买的", "QL-CLM-068");
    firesRule(rules, "cosmetics", "面膜原价三百，助理说这个价是前年的，早就没按这个价卖了", "QL-CLM-066");
    firesRule(rules, "electronics", "划线价两千九，后台显示上架以来每笔成交均为三百九", "QL-CLM-066");
    firesRule(rules, "education", "课程宣传仅限今晚报名，报名链接全年开放", "QL-CLM-122");
  }

  @Test
  void theEndForEverAndOfficialsAndRivals() {
    firesRule(rules, "luxury", "这条玉矿已经永久禁止开采，这是最后的一批籽料", "QL-CLM-121");
    firesRule(rules, "education", "省考试院内部人员透露的题库，我们这里都有", "QL-CLM-040");
    firesRule(rules, "other", "那个天天穿红衣服的主播，卖的都是三无产品，他就是个骗子", "QL-CLM-101");
  }

  @Test
  void moreWaysAChildIsPutAtRisk() {
    firesRule(rules, "other", "小朋友们放学可以骑着滑板车上马路，骑上马路更快", "QL-CLM-073");
    firesRule(rules, "other", "小朋友们拿弹弓去树林里打鸟，一打一个准", "QL-CLM-073");
    firesRule(rules, "food", "学校组织孩子们来我们茶园研学，采完茶我们就在茶园里开播带货", "QL-CLM-072");
    findsNo(rules, "other", "小朋友们，滑板车不能骑上马路，要在家长陪同下玩", "minors");
  }
}
