package org.qinglang.detectors.claim;

import static org.qinglang.detectors.claim.ClaimProbes.findsNo;
import static org.qinglang.detectors.claim.ClaimProbes.firesRule;

import org.junit.jupiter.api.Test;

/**
 * Pack 2026-12-06.5, read from the blind writer v32's errors. Goods sold under a foreign name
 * and made at home, or under one place's name and grown in another with an excuse (名气大,
 * 味道一样); heritage and authority the seller admits to inventing; the end for ever pinned on an
 * event; a child shamed into wanting; records that undo a price or a sales figure. The sentences
 * are our own wording.
 */
class TheOtherPlaceAndTheExcuseTest {

  private final ClaimChecker rules = new ClaimChecker(RulePack.standard());

  @Test
  void aForeignNameMadeAtHome() {
    // Named by QL-CLM-124 since pack 2026-12-07.7: the two places are the longer match.
    firesRule(rules, "food", "丹麦进口的黄油曲奇，我们在山东德州的工厂烤的", "QL-CLM-124");
    firesRule(rules, "luxury", "土耳其手工地毯，这批是我们河北本地织的", "QL-CLM-112");
    // Honest: the material is imported and both places are on the label.
    findsNo(rules, "apparel", "羊毛从新西兰进口，毛衣在浙江织的，吊牌上两个产地都写了", "false_origin");
    findsNo(rules, "luxury", "这块玛瑙是巴西料，在国内加工，报关单在详情页", "false_origin");
  }

  @Test
  void onePlacesNameAnotherPlacesGoodsAndTheExcuse() {
    firesRule(rules, "food", "阳澄湖大闸蟹，今天这批是从江苏兴化拉来的，都一样，叫阳澄湖好卖", "QL-CLM-112");
    firesRule(rules, "food", "赣南脐橙，果子是广西的，口感差不多", "QL-CLM-112");
  }

  @Test
  void authorityAndAgeTheSellerAdmitsToInventing() {
    firesRule(rules, "food", "航天特供的压缩饼干，特供这两个字是我们自己加上去的", "QL-CLM-112");
    firesRule(rules, "agricultural", "农业大学监制的有机肥，我们跟学校还没谈", "QL-CLM-112");
    firesRule(rules, "food", "百年老号的酱菜铺，营业执照上的成立日期是二〇二一年", "QL-CLM-111");
  }

  @Test
  void theEndForEverPinnedOnAnEventAndTheRecordAfterIt() {
    firesRule(rules, "food", "这片茶山明年要建水库，以后谁都不能再采了，这是最后一季", "QL-CLM-121");
    firesRule(rules, "finance", "果园认购只剩最后三亩，要投抓紧", "QL-CLM-121");
    firesRule(rules, "electronics", "主播说耳机今晚卖完就不卖了，第二天早上链接还在，价格也没变", "QL-CLM-122");
    // Named by QL-CLM-123 since pack 2026-12-07.4: the two counts are the longer match.
    firesRule(rules, "food", "主播说只剩最后二十箱，助理说仓库刚补了五百箱", "QL-CLM-123");
  }

  @Test
  void aDrugOrDeviceSaidToHealWhatItCannot() {
    firesRule(rules, "drug", "这个消炎药吃三天，胃溃疡就愈合了", "QL-CLM-014");
    firesRule(rules, "medical_device", "理疗仪照一个月，腰椎间盘增生都能逆转", "QL-CLM-014");
    firesRule(rules, "food", "每天一杯玉米须茶，肾里的结石自己就排出来", "QL-CLM-011");
  }

  @Test
  void aChildShamedOrMadeTheFace() {
    firesRule(rules, "other", "没有我们这双发光鞋的小朋友，运动会上都没人跟你玩", "QL-CLM-076");
    firesRule(rules, "food", "小朋友们，不吃我们的核桃酥就考不上好初中", "QL-CLM-076");
    firesRule(rules, "other", "七岁的乐乐来给我们的儿童手表代言", "QL-CLM-074");
    findsNo(rules, "other", "家长朋友们，手表适合七岁以上的孩子，买不买您自己决定", "minors");
  }

  @Test
  void recordsBehindAPriceAndASalesFigure() {
    firesRule(rules, "food", "腊肉原价一百六，今天六十，店里近三个月均价就是六十", "QL-CLM-066");
    firesRule(rules, "food", "月饼已售五万盒，其实一半是让亲戚帮我们拍的，拍完钱转回去", "QL-CLM-052");
    firesRule(rules, "cosmetics", "这个眼霜的好评是请人写的，一条五块", "QL-CLM-052");
  }

  @Test
  void aCosmeticThatClaimsTheClinic() {
    firesRule(rules, "cosmetics", "这支眼霜抹一周，相当于做了一次热玛吉", "QL-CLM-091");
    firesRule(rules, "cosmetics", "这个脱毛膏用三次就永久脱毛", "QL-CLM-091");
  }
}
