package org.qinglang.detectors.claim;

import static org.qinglang.detectors.claim.ClaimProbes.p;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pack 2026-12-07.1, from the lawful sentences the writers v5-v42 get flagged for (pooled, no one
 * writer's wording): a sales figure given with the record it is read from (the platform's bill,
 * the page since listing, refunds taken off) can be checked and is no fabrication; a claim the
 * speaker withdraws right after it (这句作废, 口误) is not the broadcast's claim; a seven-day
 * basis may be said as 减价之前那一周; the seller speaking to parents, or denying it would urge a
 * child, is not urging one; an ordinal with its measure word (第一碗) is order; a chore "cured"
 * and a colour 治愈 are figures of speech; 不涉及 and Cantonese 冇 deny. The sentences are our own wording; each
 * has a twin without the deciding words that is still found.
 */
class WhatTheRecordAndTheCorrectionSayTest {

  private final ClaimChecker rules = new ClaimChecker(RulePack.standard());

  private static final List<String[]> CLEARED = List.of(
      p("food", "这款酱鸭上架以来一共卖了两万多只，页面上显示的就是这个数", ""),
      p("electronics", "这款电水壶去年卖了三万台，是平台给我们的年度账单上的数", ""),
      p("other", "收纳盒累计卖出一万多个，退货的已经扣掉了", ""),
      p("food", "全网这款饼干最脆——这句作废——准确地讲，是我们店里这几款饼干里它最脆", ""),
      p("food", "大红枣划线价五十九，是减价之前那一周里成交最便宜的一单", ""),
      p("other", "我们只跟家长介绍这套拼图，不会叫小朋友去找爸妈买", ""),
      p("electronics", "这台洗碗机治好了我家的懒病，碗终于有人洗了", ""),
      p("food", "第一碗先盛给老顾客尝尝", ""),
      p("agricultural", "我这辈子就想种出最甜的橘子，现在还差一点", ""),
      p("food", "这款大米冇专家推荐，是我们自己家种的", ""),
      p("apparel", "这件卫衣是那种治愈的燕麦色", ""));

  /** The same sentences without what decides them: the pack still reads the claim. */
  private static final List<String[]> FOUND = List.of(
      p("food", "这款酱鸭一共卖了两万多只", "fabricated_sales_reviews"),
      p("food", "口误口误，全网这款饼干最脆", "absolute_terms"),
      p("food", "大红枣全年最便宜，就今天", "fictitious_price"),
      p("other", "小朋友们快去找爸妈买这套拼图", "minors"),
      p("food", "这款大米有专家推荐，天天吃血糖都稳", "endorsement"),
      p("food", "这款饼干是全国第一", "absolute_terms"),
      p("food", "这款茶能治愈胃炎", "medical_efficacy"));

  @Test
  void aRecordACorrectionOrADenialClearsWhatPack20261206_9Flagged() {
    ClaimProbes.newlyCleared("2026-12-06.9", rules, CLEARED);
  }

  @Test
  void withoutThemTheClaimIsStillRead() {
    ClaimProbes.findsEach(rules, FOUND);
  }
}
