package org.qinglang.detectors.claim;

import static org.qinglang.detectors.claim.ClaimProbes.p;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pack 2026-12-07.12 (QL-CLM-126): a scarcity call (最后几件, 孤品, 限量, 停产, 错过再等一年) that
 * the same sentence's second voice or record undoes with plenty in stock, a standing schedule or
 * a brand's regular line. A call scoped to a colour or followed by the next delivery, a denial,
 * and a true one-of-a-kind are not. The sentences are our own wording.
 */
class ScarcityTheRecordUndoesTest {

  private final ClaimChecker rules = new ClaimChecker(RulePack.standard());

  private static final List<String[]> UNDONE = List.of(
      p("luxury", "这对耳钉是孤品，错过就没有了，库存表上还有四十对", "false_scarcity"),
      p("food", "腊肉只剩最后八斤，错过再等一年，熏房师傅说这款腊肉每周都熏", "false_scarcity"),
      p("cosmetics", "这支粉底液限量发售，品牌手册上写着常规款", "false_scarcity"));

  private static final List<String[]> TRUE_OR_SCOPED = List.of(
      p("apparel", "这件毛衣米色只剩四件了，其他颜色库存充足", ""),
      p("luxury", "这块原石就这一块，同一个矿口找不到第二块一模一样的", ""),
      p("food", "腊肉这锅只剩最后八斤，明天才到新货，要等的话下周再来", ""));

  @Test
  void aScarcityCallTheSameSentenceUndoes() {
    ClaimProbes.newlyReadAs("2026-12-07.11", rules, UNDONE);
  }

  @Test
  void aScopedCallTheNextDeliveryOrATrueOneOfAKind() {
    ClaimProbes.clears(rules, TRUE_OR_SCOPED);
  }
}
