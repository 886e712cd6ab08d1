package org.qinglang.detectors.claim;

import static org.qinglang.detectors.claim.ClaimProbes.expect;
import static org.qinglang.detectors.claim.ClaimProbes.findsNo;
import static org.qinglang.detectors.claim.ClaimProbes.firesRule;
import static org.qinglang.detectors.claim.ClaimProbes.p;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pack 2026-12-06.1, read from the blind writer v28's errors. The fact families (price,
 * scarcity, origin, sales) mostly need a fact from outside the sentence; these are the forms
 * where the sentence itself carries it:
 * <ul>
 *   <li>an original price ten times today's, or a dearer venue's five times, with no basis:
 *       the ratio is the evidence, and a stated basis still clears it;</li>
 *   <li>the source said to end (封矿, 退休, 转产, 配方被禁) and this the last of it;</li>
 *   <li>a record in the same sentence that undoes the claim (系统显示还有, 从未进过专柜, 名单是
 *       员工, 包装上写着国产);</li>
 *   <li>an origin claimed and the seller's own words placing the goods elsewhere.</li>
 * </ul>
 * And the lawful look-alikes the same words come in: warnings, subtitles typed wrong,
 * containers for medicine, a slogan refused, a promise disclaimed, a brand name.
 * The sentences are our own wording, not the corpus's.
 */
class DecidedWithinTheSentenceTest {

  private final ClaimChecker rules = new ClaimChecker(RulePack.standard());

  @Test
  void anOriginalPriceTenTimesTodaysIsTheEvidence() {
    firesRule(rules, "other", "这床蚕丝被原价四千八，今天直播间只要四百八", "QL-CLM-067");
    firesRule(rules, "apparel", "这件羊绒衫原价两千多，今天相当于打了一折", "QL-CLM-067");
    firesRule(rules, "cosmetics", "美容院做一次手部护理要三百八，我们这支护手霜才三十九",
        "QL-CLM-067");
    // An ordinary markdown, and a numeral that counts bottles rather than yuan.
    findsNo(rules, "other", "这床蚕丝被原价四百八，今天直播间只要三百九", "fictitious_price");
    findsNo(rules, "food", "机场里一瓶矿泉水十二，我们一箱二十四瓶才四十", "fictitious_price");
    // The same tenfold cut with its basis stated.
    findsNo(rules, "other", "这床蚕丝被划线价四千八是降价前七天的最低成交价，今天清仓四百八",
        "fictitious_price");
  }

  @Test
  void theSourceSaidToEndAndThisTheLast() {
    firesRule(rules, "food", "酱园下个月就拆迁了，这是最后一缸酱菜", "QL-CLM-121");
    firesRule(rules, "electronics", "这条产线下周转产，以后绝对没有这个颜色了", "QL-CLM-121");
    expect(List.<String[]>of(
        p("food", "做酱的老师傅去年退休了，现在是他徒弟在做，味道没变", "")));
  }

  @Test
  void aRecordInTheSameSentenceUndoesTheClaim() {
    // Named by QL-CLM-123 since pack 2026-12-07.4: the two counts are the longer match.
    firesRule(rules, "electronics", "质检记录：电动牙刷口播“仅剩两百支”，仓库系统显示还有六千支",
        "QL-CLM-123");
    firesRule(rules, "cosmetics", "复盘：精华标“专柜价899”，这个品牌从未进过任何商场专柜",
        "QL-CLM-066");
    firesRule(rules, "cosmetics", "面膜“五百人实测”，实测名单其实是公司自己的员工", "QL-CLM-052");
    firesRule(rules, "food", "正宗阳朔金桔，我们是从广西别的县收来的", "QL-CLM-112");
    expect(List.<String[]>of(
        p("food", "这不是野生的菌子，是我们在林下大棚里种的，价格也实在", "")));
  }

  @Test
  void theSameWordsSaidToWarnToCorrectOrToRefuse() {
    expect(List.of(
        p("finance", "凡是跟你说年化保底的理财，都要多留个心眼，提高警惕", ""),
        p("food", "直播字幕打成了“能降血脂”，主播原话是“不能降血脂”", ""),
        p("other", "这是一个专门放降压药的分格药盒，一周七格", ""),
        p("food", "有人让我喊史上最低，我不喊，今天就是满一百减十块", ""),
        p("food", "直播间里“销量第一”那类词我们不用，就报后台的已售数", ""),
        p("food", "我们不保证喝了能降血糖，它就是一碗杂粮粥", "")));
  }
}
