package org.qinglang.detectors.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qinglang.detectors.claim.ClaimProbes.expect;
import static org.qinglang.detectors.claim.ClaimProbes.findsNo;
import static org.qinglang.detectors.claim.ClaimProbes.firesRule;
import static org.qinglang.detectors.claim.ClaimProbes.p;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pack 2026-12-06.2, read from the blind writer v29's errors. Where the fact families need a
 * fact from outside, the seller often supplies it in the same sentence:
 * <ul>
 *   <li>the price of any shop, hall or studio named as the dearer place, and a reference price
 *       the sentence's own record undoes (此前成交价, 并无专柜, 昨天还是);</li>
 *   <li>the last of something, for ever (永远不会再有, 全世界最后一块), and the stock told
 *       first with the line the room is to say after it (冷库还有…就说是最后);</li>
 *   <li>an origin claimed and the place of making, in another province, in the seller's
 *       words;</li>
 *   <li>a share of the world's sales, orders placed by helpers, reviews from a picture
 *       library;</li>
 *   <li>a patient or a therapist recommending.</li>
 * </ul>
 * And a cure claimed for a cosmetic is filed where the cosmetics regulation puts it, as almost
 * every writer since the ninth files it. The sentences are our own wording.
 */
class TheSellersOwnWordsTest {

  private final ClaimChecker rules = new ClaimChecker(RulePack.standard());

  @Test
  void aDearerPlaceAndARecordThatUndoesThePrice() {
    firesRule(rules, "food", "这个黄鱼胶原价九千八一斤，今天直播间九百八", "QL-CLM-067");
    firesRule(rules, "electronics", "这台X9投影仪专卖店卖一万二，我们直播间一千一", "QL-CLM-067");
    firesRule(rules, "food", "线下茶馆里这饼白茶卖两千八，我们今天两百八", "QL-CLM-067");
    firesRule(rules, "apparel", "吊牌写着专柜价两千九，品牌并无任何线下专柜", "QL-CLM-066");
    firesRule(rules, "electronics", "划线价“原价899”，后台显示此前三个月成交价都是299",
        "QL-CLM-066");
    // Under five times, the ratio alone is no evidence (QL-CLM-064 still asks for the source).
    assertThat(rules.check("线下茶馆里这饼白茶卖三百，我们今天两百八", "food"))
        .extracting(ClaimFinding::ruleId).doesNotContain("QL-CLM-067");
  }

  @Test
  void theLastForEverAndTheLineToSay() {
    firesRule(rules, "food", "这片茶山明年要修水库，这三十饼卖完永远不会再有", "QL-CLM-121");
    firesRule(rules, "luxury", "这是全世界最后一块这种花色的石头", "QL-CLM-121");
    firesRule(rules, "food", "冷库里还有好几吨，我们就说是最后二十箱", "QL-CLM-122");
    findsNo(rules, "food", "这批荔枝卖完就没了，明天再摘新的", "false_scarcity");
  }

  @Test
  void theOriginClaimedAndThePlaceOfMakingDiffer() {
    firesRule(rules, "food", "正宗宁夏枸杞，我们的基地在甘肃", "QL-CLM-112");
    firesRule(rules, "food", "地道的金华火腿，我们是从江西的工厂拉过来的", "QL-CLM-112");
    expect(List.<String[]>of(
        p("food", "正宗宁夏枸杞，我们的基地在宁夏中宁", ""),
        p("other", "这款保温杯是国产的，我们工厂在浙江永康", ""),
        p("electronics", "这台电饭煲是广东顺德的工厂生产的，厂名印在铭牌上", "")));
  }

  @Test
  void salesAndReviewsTheSentenceGivesAway() {
    firesRule(rules, "food", "全国的粽子三成是从我们直播间卖出去的", "QL-CLM-051");
    firesRule(rules, "cosmetics", "评价区的买家晒单照片其实都来自图库", "QL-CLM-052");
    firesRule(rules, "food", "亲戚们帮我们每人下了十单，销量就上去了", "QL-CLM-052");
  }

  @Test
  void aPatientOrATherapistRecommending() {
    firesRule(rules, "medical_device", "一位腰椎间盘突出的患者亲自推荐这个牵引器", "QL-CLM-034");
    firesRule(rules, "medical_device", "康复科的理疗师推荐这款护膝", "QL-CLM-034");
  }

  @Test
  void aCureClaimedForACosmeticIsTheCosmeticsRegulations() {
    ClaimFinding cosmetic = rules.check("这款面霜能治疗湿疹", "cosmetics").get(0);
    assertThat(cosmetic.ruleId()).isEqualTo("QL-CLM-093");
    assertThat(cosmetic.family()).isEqualTo("cosmetics_special_use");
    assertThat(cosmetic.basisKey()).isEqualTo("cosmetics_regulation");
    firesRule(rules, "other", "这款面霜能治疗湿疹", "QL-CLM-011");
    // Read the same way, exemptions included.
    findsNo(rules, "cosmetics", "这款洗发水不能治疗脂溢性皮炎，要去看医生", "cosmetics_special_use");
  }
}
