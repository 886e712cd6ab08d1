package org.qinglang.detectors.claim;

import static org.qinglang.detectors.claim.ClaimProbes.p;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pack 2026-12-07.16: SAMR's guide (第九条第（一）项) lets a seller compare within its own goods,
 * and a superlative of price is no different from one of weight: "the cheapest of tonight's four"
 * is a fact the buyer can check on the shelf. QL-CLM-062 (最便宜, 最低价) now weighs the scoped
 * comparisons QL-CLM-001 weighs, by reference ({@code exempt_if_of}), not by a second copy. A
 * brand's own versions, colours or shades are a scope too. Wide scope (全网, 全国, 市面上) still
 * counts. The sentences are our own wording.
 */
class ScopedAmongTheSellersOwnTest {

  private final ClaimChecker rules = new ClaimChecker(RulePack.standard());

  private static final List<String[]> AMONG_OUR_OWN = List.of(
      p("food", "今晚上架的四款辣条里，这包麻辣味是最便宜的", ""),
      p("electronics", "这个牌子的耳机有三个颜色，白色是他们家卖得最快的", ""),
      p("cosmetics", "这款口红出了五个色号，这支是他们家最滋润的", ""),
      p("apparel", "今天上的几双鞋里，帆布鞋是最透气的，马丁靴是最耐磨的", ""));

  private static final List<String[]> STILL_UNSCOPED = List.of(
      p("food", "今晚这四款辣条里，这包是全国最便宜的", "fictitious_price"),
      p("food", "这包辣条是全网最便宜的", "fictitious_price"),
      p("electronics", "这款耳机有三个颜色，是市面上音质最好的", "absolute_terms"));

  @Test
  void aComparisonAmongTheSellersOwnGoodsIsNoClaim() {
    ClaimProbes.newlyCleared("2026-12-07.15", rules, AMONG_OUR_OWN);
  }

  @Test
  void aWideScopeStillCounts() {
    ClaimProbes.findsEach(rules, STILL_UNSCOPED);
  }
}
