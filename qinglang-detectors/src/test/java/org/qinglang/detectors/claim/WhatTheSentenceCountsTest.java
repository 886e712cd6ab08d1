package org.qinglang.detectors.claim;

import static org.qinglang.detectors.claim.ClaimProbes.p;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pack 2026-12-07.4: the fact families (price, scarcity, origin) are half of what every writer's
 * corpus misses, because a compared price, a remainder or a place is true or false by a record
 * outside the sentence. Where the sentence itself states the record, the record decides, and it
 * is often a number: the price the goods really sold at (平时就卖…, 前七天都是…), the stock the
 * warehouse holds (仓库还有…), or a second place a staff voice names for the goods. A regex
 * cannot compare numbers, so the pack's regexes capture them ({@code was}, {@code now}, {@code
 * stated}) and {@link ClaimRule.RegexPattern#holds} compares: the same words with the numbers
 * the other way round are the lawful twin. The sentences are our own wording.
 */
class WhatTheSentenceCountsTest {

  private final ClaimChecker rules = new ClaimChecker(RulePack.standard());

  private static final List<String[]> FOUND = List.of(
      p("food", "牛肉干原价二百九十九，今天一百四十九，平时店里就卖一百四十九", "fictitious_price"),
      p("food", "划线价八十八，今天五十九，前七天卖的都是五十五", "fictitious_price"),
      p("apparel", "这条围巾官网价六百，直播间一百八，官网上也是一百八", "fictitious_price"),
      p("food", "羊肉卷最后十二盒了，冷库里码着六百盒", "false_scarcity"),
      p("electronics", "全国限量三百台的吹风机，仓库实际到货四千台", "false_scarcity"),
      p("food", "桂圆干只剩八袋，助播小声说库存写着一千二", "false_scarcity"),
      p("food", "赣南脐橙果园直发，场控小声说这批是广西的", "false_origin"),
      p("food", "五常大米颗颗饱满，仓管老刘说这批是吉林的", "false_origin"));

  /**
   * The same words with the numbers the other way round (the usual price is the compared one, the
   * stock is the count said, or close to it), a count of one colour, a restock announced, and a
   * second place disclosed or denied in an answer.
   */
  private static final List<String[]> CLEARED = List.of(
      p("food", "牛肉干原价二百九十九，今天一百四十九，平时店里就卖二百九十九", ""),
      p("food", "划线价八十八，今天五十九，前七天卖的都是八十八", ""),
      p("food", "羊肉卷最后十二盒了，库存显示十五盒，拍完就没了", ""),
      p("apparel", "藏青色只剩十二件了，别的颜色还有三百件，不用急", ""),
      p("food", "今晚只剩十二盒了，明天冷库还会到六百盒", ""),
      p("food", "有人问这个橙子是赣南的吗？不是，是广西的，箱子上写着", ""),
      p("food", "松茸是云南的，产地证明在详情页，发货地是迪庆", ""));

  /**
   * Pack 2026-12-07.5: the end of a supply or an offer (最后一批, 仅此一场, 明天恢复原价) and, in
   * the same sentence, the time it comes back; the time of the next batch alone or a restock
   * is no claim.
   */
  private static final List<String[]> ENDS = List.of(
      p("food", "这是今年最后一批腊八蒜，以后不做了，下礼拜照样上", "false_scarcity"),
      p("apparel", "羊绒围巾仅此一场，场控：下周二同款又返场", "false_scarcity"));
  private static final List<String[]> ENDS_CLEARED = List.of(
      p("food", "这一批卖完要等下个月开海", ""),
      p("electronics", "电热毯断货了，下周三补货", ""),
      p("food", "这不是最后一批，明天还会上", ""));

  @Test
  void anEndSaidAndItsReturnInTheSameSentence() {
    ClaimProbes.newlyReadAs("2026-12-07.4", rules, ENDS);
    ClaimProbes.clears(rules, ENDS_CLEARED);
  }

  @Test
  void aStatedPriceStockOrPlaceContradictsTheClaimWherePack20261207_3MissedIt() {
    ClaimProbes.newlyReadAs("2026-12-07.3", rules, FOUND);
  }

  @Test
  void theSameWordsWithTheNumbersTheOtherWayRoundAreNoClaim() {
    ClaimProbes.clears(rules, CLEARED);
  }
}
