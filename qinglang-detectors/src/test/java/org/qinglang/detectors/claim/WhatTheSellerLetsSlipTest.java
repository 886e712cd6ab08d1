package org.qinglang.detectors.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qinglang.detectors.claim.ClaimProbes.findsNo;
import static org.qinglang.detectors.claim.ClaimProbes.firesRule;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pack 2026-12-06.6, read from the blind writer v33's errors. Most of what it adds is the seller
 * letting slip, in the same breath, what undoes the claim: the town that made the "imported"
 * pot, the barcode that starts with 69, the other county's tea and the excuse (做法一样, 就当,
 * 所以叫), the dearer shop's price set against ours with 包邮 after it, the ranking medal the seller
 * had made, the reviews moved over from another listing. Besides those: the end of a product
 * pinned on an event (扑杀, 禁捕, 模具坏了), a child frightened or coached into asking, play a
 * child must not copy, a school's daily life used to sell (晨检, 研学, 班主任), a named disease
 * with an outcome no food or device may promise, medicine said to be stopped. The sentences
 * are our own wording.
 */
class WhatTheSellerLetsSlipTest {

  private final ClaimChecker rules = new ClaimChecker(RulePack.standard());

  @Test
  void theOriginTheSameSentenceUndoes() {
    firesRule(rules, "other", "德国进口的不锈钢汤锅，永康生产的", "QL-CLM-112");
    firesRule(rules, "food", "西湖龙井，这批是安徽的茶，做法一样的，杭州的师傅教的", "QL-CLM-112");
    firesRule(rules, "food", "进口红酒，瓶身上的条码是六九开头", "QL-CLM-112");
    firesRule(rules, "food", "新西兰进口奶粉，灌装和原料都在黑龙江", "QL-CLM-112");
    firesRule(rules, "food", "主播说是五常大米，溯源码扫出来显示产自吉林", "QL-CLM-112");
    // Honest: a denial of import, and an import with its filing number.
    findsNo(rules, "food", "这个泡菜不是韩国进口的，是我们在丹东腌的", "false_origin");
    findsNo(rules, "cosmetics", "这款面霜是法国原装进口的，进口备案凭证在详情页", "false_origin");
  }

  @Test
  void aDearerVenueAndAPriceNeverCharged() {
    firesRule(rules, "health_food", "这桶蛋白粉会员仓卖九百九，我们九十九包邮", "QL-CLM-067");
    firesRule(rules, "food", "这个坚果礼盒划线价三百九，其实这个链接从未高于九十九元成交", "QL-CLM-066");
  }

  @Test
  void theEndPinnedOnAnEventAndTheShipmentsAfterTheLimit() {
    firesRule(rules, "food", "牧场遭了疫情全群扑杀，这是最后二十盒酸奶", "QL-CLM-121");
    firesRule(rules, "cosmetics", "限量三百套的链接，后台累计发货两千三百单", "QL-CLM-122");
  }

  @Test
  void aChildFrightenedCoachedOrShownUnsafePlay() {
    firesRule(rules, "other", "不买这个文具盒，开学会被同学笑", "QL-CLM-076");
    firesRule(rules, "other", "小朋友，跟奶奶说这个机器人是你唯一的愿望", "QL-CLM-076");
    firesRule(rules, "other", "小朋友，这个水晶泥可以放嘴里含着", "QL-CLM-073");
    firesRule(rules, "other", "用爸爸的手机下单，不用告诉他", "QL-CLM-071");
    firesRule(rules, "other", "晨检的时候老师会发我们的贴纸，上面有店铺码", "QL-CLM-072");
    findsNo(rules, "other", "橡皮泥不能吃，小朋友玩完要洗手", "minors");
  }

  @Test
  void aNamedDiseaseAnOutcomeAndMedicineStopped() {
    firesRule(rules, "other", "这个枕头睡三个月，甲状腺结节会缩小", "QL-CLM-011");
    firesRule(rules, "food", "喝了这个苦瓜茶，降糖药慢慢可以停了", "QL-CLM-011");
    findsNo(rules, "food", "吃降糖药的朋友别擅自停药，这个茶只是饮品", "medical_efficacy");
  }

  @Test
  void vouchersAndRecordsOfSalesAndReviews() {
    firesRule(rules, "health_food", "内分泌科主任说了，血糖高的他都建议吃这个", "QL-CLM-034");
    firesRule(rules, "other", "驾考中心的考官推荐的题库，刷完就行", "QL-CLM-040");
    firesRule(rules, "food", "这个销量冠军奖牌是我们自己做的", "QL-CLM-051");
    firesRule(rules, "cosmetics", "这款面膜的评价是从另一个老链接搬过来的", "QL-CLM-052");
    findsNo(rules, "cosmetics", "这款的评价没有从别的链接转过来，都是这款的",
        "fabricated_sales_reviews");
  }

  @Test
  void aSafetyPromiseAndARivalPointedAt() {
    firesRule(rules, "other", "这个滑板车保证孩子怎么玩都安全", "QL-CLM-022");
    firesRule(rules, "food", "那个穿红马甲的大哥，他的蜂蜜是糖浆熬的", "QL-CLM-101");
  }

  /** What pack 2026-12-06.5 said of some of these: the change is the pack's, not the wording's. */
  @Test
  void thePackBeforeReadThemOtherwise() {
    ClaimProbes.newlyRead("2026-12-06.5", rules, List.of(
        ClaimProbes.p("food", "西湖龙井，这批是安徽的茶，做法一样的，杭州的师傅教的", ""),
        ClaimProbes.p("food", "进口红酒，瓶身上的条码是六九开头", ""),
        ClaimProbes.p("health_food", "这桶蛋白粉会员仓卖九百九，我们九十九包邮", ""),
        ClaimProbes.p("food", "牧场遭了疫情全群扑杀，这是最后二十盒酸奶", ""),
        ClaimProbes.p("other", "晨检的时候老师会发我们的贴纸，上面有店铺码", ""),
        ClaimProbes.p("food", "喝了这个苦瓜茶，降糖药慢慢可以停了", "")));
    assertThat(ClaimProbes.packOf("2026-12-06.5")
        .check("这个泡菜不是韩国进口的，是我们在丹东腌的", "food"))
        .extracting(ClaimFinding::family).contains("false_origin");
  }
}
