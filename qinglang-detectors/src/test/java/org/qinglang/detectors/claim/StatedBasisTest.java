package org.qinglang.detectors.claim;

import static org.qinglang.detectors.claim.ClaimProbes.expect;
import static org.qinglang.detectors.claim.ClaimProbes.p;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sentences that carry the words a keyword list flags, and the reason they are lawful, stated in
 * ways pack 2026-12-05.2 did not read (its blind writers v19 and v20 showed them): the reference
 * price defined as the lowest price actually charged in the days before the cut (明码标价和禁止价格
 * 欺诈规定 第十九条), a rule cited with 按照规定, a doctor's endorsement denied (没请, 不能请), a
 * supplement said not to replace a medicine, a discontinuation with its notice shown. Each is
 * paired with the claim it must not hide. Our own wording.
 */
class StatedBasisTest {

  @Test
  void theBasisOrTheDenialIsStated() {
    expect(List.of(
        p("food", "这箱橙子今天三十九，降价之前的七天里，卖得最便宜的一单是四十五", ""),
        p("other", "按照规定，“史上最低”这种话我们不能说，只说比昨天便宜五块", ""),
        p("health_food", "我们没请营养科医生推荐，成分表和批准文号都在详情页", ""),
        p("health_food", "鱼油不能代替降压药，正在吃药的别自己停", ""),
        p("apparel", "这款面料只是抗菌，不能防病治病", ""),
        p("electronics", "这个颜色厂家停产了，停产通知就在商品详情里，卖完没有了", "")));
  }

  /** Pack 2026-12-05.4, from v21's errors: the same reasons in yet other words. */
  @Test
  void theBasisInOtherWordsAndAClaimReportedThenWarnedAgainst() {
    expect(List.of(
        p("apparel", "划线价是调价前那七个自然日里买家实付的最低一单，今天比它少三十", ""),
        p("electronics", "比较价取的是降价前一个星期内最低的成交价", ""),
        p("other", "有人告诉你\"稳赚不亏\"的加盟项目，都要当心", ""),
        p("health_food", "骨科大夫都推荐这款鱼油", "endorsement")));
  }

  @Test
  void theClaimItselfIsStillFound() {
    expect(List.of(
        p("food", "这箱橙子今天三十九，全网最便宜", "fictitious_price"),
        p("health_food", "心内科医生都推荐这款鱼油", "endorsement"),
        p("health_food", "吃了这个鱼油，降压药就能停了", "health_food"),
        p("apparel", "这件衣服的面料能防病治病", "medical_efficacy")));
  }
}
