package org.qinglang.detectors.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qinglang.detectors.claim.ClaimProbes.finds;
import static org.qinglang.detectors.claim.ClaimProbes.p;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pack 2026-12-06.8, read from the lawful sentences that every writer before v37 had flagged
 * (v5-v36 pooled, no writer's wording alone): what a seller denies is not what it claims, and
 * a superlative among the seller's own goods compares nothing else. A denied verb of saying
 * takes its whole complement (我们不说…是全国最好的); one negation covers a list of effects
 * (没有美白淡斑的功效, 无祛斑功效); a denied causative keeps its object (不能让孩子长高); Cantonese
 * denials (唔可以); a cure of a mood or a chore is a figure of speech (专治没胃口); the seller's
 * own set named before the superlative (我们牌子的…里, 今天上架的两款…这款); a sales figure with
 * the record it comes from (发货单, 出货单). The sentences are our own wording.
 */
class WhatTheSellerDeniesAndItsOwnSetTest {

  private final ClaimChecker rules = new ClaimChecker(RulePack.standard());

  private static final List<String[]> CLEARED = List.of(
      p("food", "我们从不说这款花生油是全国最好的，只说它是压榨的", ""),
      p("cosmetics", "这瓶爽肤水没有美白淡斑的功效，只是补水", ""),
      p("cosmetics", "本品为普通化妆品，无祛斑功效", ""),
      p("food", "这款牛奶不能让孩子长高，营养均衡更重要", ""),
      p("food", "呢款凉茶唔可以降血压，只系解渴", ""),
      p("food", "这碗酸辣粉专治各种没胃口", ""),
      p("apparel", "这件卫衣专治出门前不知道穿什么", ""),
      p("electronics", "这台咖啡机治好了我周一的疲惫", ""),
      p("cosmetics", "我们这款面霜去不了黄褐斑，别买错", ""),
      p("electronics", "今天上架的两款吹风机，这款风力最大", ""),
      p("agricultural", "这个品种的葡萄苗去年卖了两万株，出货单都在", ""));

  @Test
  void whatTheSellerDeniesOrKeepsInItsOwnSetIsNoClaim() {
    ClaimProbes.clears(rules, CLEARED);
  }

  /** The same words stay claims where the denial, the set or the record does not reach them. */
  @Test
  void theDenialOrTheSetStopsWhereItsClauseStops() {
    // 也 starts a new predicate: the anchor does say it, by not saying it.
    finds(rules, "cosmetics", "我不说你们也知道这是全网最好的面霜", "absolute_terms");
    finds(rules, "cosmetics", "我不说你们也知道，这是全网最好的面霜", "absolute_terms");
    // 无论…都有 is no negation of the effect.
    finds(rules, "cosmetics", "无论油皮干皮都有美白效果", "cosmetics_special_use");
    // The own set does not reach a wide scope in the superlative's clause.
    finds(rules, "cosmetics", "我们家的面霜里，这款是全网最好的", "absolute_terms");
    // 手里 is a hand, not a set of goods.
    finds(rules, "luxury", "我手里这串沉香是最好的", "absolute_terms");
    // A disease is not a mood; 人 alone is not 整个人.
    finds(rules, "food", "这个茶专治高血压", "medical_efficacy");
    finds(rules, "food", "三高的人喝了这个茶，指标都下来了", "medical_efficacy");
    // A record named in parentheses that contradicts the figure does not clear it.
    finds(rules, "other", "这个链接月销百万（平台显示月销两千）", "fabricated_sales_reviews");
  }

  /** What pack 2026-12-06.7 made of them: the change is the pack's, not the wording's. */
  @Test
  void theKeptPackFlaggedThem() {
    ClaimChecker before = ClaimProbes.packOf("2026-12-06.7");
    for (String[] s : CLEARED) {
      assertThat(before.check(s[1], s[0])).as("2026-12-06.7: " + s[1]).isNotEmpty();
    }
  }
}
