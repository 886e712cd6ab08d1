package org.qinglang.detectors.claim;

import static org.qinglang.detectors.claim.ClaimProbes.p;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pack 2026-12-07.10 (QL-CLM-125): a discount, coupon or spend-and-save whose base the seller
 * raised first (先提价后打折), which 《明码标价和禁止价格欺诈规定》 names as price fraud: the cut is
 * measured from a price that was never charged. A rise explained by its cost, with no discount
 * hung on it, is an honest rise. The sentences are our own wording.
 */
class PriceRaisedBeforeTheCutTest {

  private final ClaimChecker rules = new ClaimChecker(RulePack.standard());

  private static final List<String[]> RAISED_THEN_CUT = List.of(
      p("apparel", "卫衣满两百减五十，减之前我们把每件都加了四十", "fictitious_price"),
      p("food", "坚果礼盒打七折，活动前先把标价上调了三成", "fictitious_price"),
      p("cosmetics", "眼霜第二支半价，昨晚先把单支从一百二调到了一百八", "fictitious_price"));

  private static final List<String[]> HONEST_RISE = List.of(
      p("food", "核桃今天比上周贵了三块，因为产地收购价涨了，今天不打折", ""),
      p("food", "车厘子满两百减二十，价格跟昨天一样", ""));

  @Test
  void aCutFromAPriceRaisedForIt() {
    ClaimProbes.newlyReadAs("2026-12-07.9", rules, RAISED_THEN_CUT);
  }

  /** Pack 2026-12-07.11 (QL-CLM-066): a member's or coupon price that everyone is charged. */
  private static final List<String[]> EVERYONE_GETS_IT = List.<String[]>of(
      p("electronics", "投影仪粉丝专享价八百八，不是粉丝下单也是八百八", "fictitious_price"));

  @Test
  void aMemberPriceEveryonePays() {
    ClaimProbes.newlyReadAs("2026-12-07.10", rules, EVERYONE_GETS_IT);
    ClaimProbes.clears(rules, List.<String[]>of(p("electronics", "投影仪会员价八百八，非会员九百八", "")));
  }

  /**
   * Pack 2026-12-07.13 (QL-CLM-127): a compared price the same sentence's second voice or record
   * says was never charged or made up; its basis stated, or the buyer warned, is not.
   */
  private static final List<String[]> NEVER_CHARGED = List.of(
      p("luxury", "这条丝巾吊牌价三百二，今天两百，理货员说吊牌价是上架时随便填的", "fictitious_price"),
      p("food", "茶油原价二百二十八今天九十九，库管说这桶油一天都没卖到过二百二十八", "fictitious_price"));
  private static final List<String[]> BASIS_STATED = List.of(
      p("food", "茶油划线价一百二，就是前七天店里最低卖过的价，今天九十九", ""),
      p("food", "这桶茶油没有原价，一直是九十九", ""));

  @Test
  void aComparedPriceNeverCharged() {
    ClaimProbes.newlyReadAs("2026-12-07.12", rules, NEVER_CHARGED);
    ClaimProbes.clears(rules, BASIS_STATED);
  }

  @Test
  void aRiseExplainedByItsCostWithNoCutOnIt() {
    ClaimProbes.clears(rules, HONEST_RISE);
  }
}
