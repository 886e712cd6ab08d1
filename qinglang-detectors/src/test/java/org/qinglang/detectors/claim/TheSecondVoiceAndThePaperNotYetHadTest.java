package org.qinglang.detectors.claim;

import static org.qinglang.detectors.claim.ClaimProbes.findsNo;
import static org.qinglang.detectors.claim.ClaimProbes.firesRule;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pack 2026-12-06.7, read from the blind writer v34's errors. A second voice names the stock
 * before the anchor calls the last of it; the paper behind an import or a licence is admitted
 * missing or still being applied for; the name is admitted to have no tie (跟…没关系) or to be
 * what the seller says outside (对外说是); the dearer shop's price is admitted made up; more
 * diseases with outcomes no food, device or health food may promise; a child told not to ask
 * an adult, frightened with a monster, or made a spokesperson; school grounds used to sell.
 * The sentences are our own wording.
 */
class TheSecondVoiceAndThePaperNotYetHadTest {

  private final ClaimChecker rules = new ClaimChecker(RulePack.standard());

  @Test
  void aNamedDiseaseWithAnOutcomeNoneOfThemMayPromise() {
    firesRule(rules, "food", "这款苦瓜粉喝两个月，胆囊息肉会变小", "QL-CLM-011");
    firesRule(rules, "health_food", "鱼油胶囊吃半年，房颤能纠正过来", "QL-CLM-081");
    firesRule(rules, "medical_device", "这个腰托戴一个月，椎间盘突出就复位了", "QL-CLM-014");
  }

  @Test
  void thePaperNotYetHadAndTheNameWithNoTie() {
    firesRule(rules, "luxury", "日本进口的珍珠项链，产地证书我们没有", "QL-CLM-112");
    firesRule(rules, "other", "宫廷御用的糕点方子——我们跟故宫没有任何关系", "QL-CLM-112");
    firesRule(rules, "food", "这批土鸡蛋我们对外说是有机农场出的，其实是邻居家散养的", "QL-CLM-112");
  }

  @Test
  void theStockSaidBeforeAndTheSameLastSaidBefore() {
    firesRule(rules, "food", "助理：冷库里还有一整车呢。主播：荔枝就剩最后三十箱了", "QL-CLM-122");
    firesRule(rules, "other", "这期训练营是最后一届，以后不办了，前年也是这么说的", "QL-CLM-122");
    firesRule(rules, "food", "这款酱菜的腌菜厂要拆迁了，没有了就没有了，最后一百瓶", "QL-CLM-121");
  }

  @Test
  void aPriceMadeUpOrNeverCharged() {
    firesRule(rules, "food", "这瓶酱油百货公司卖八十，我们十五块，百货公司那个价是我随便说的", "QL-CLM-067");
    // Named by QL-CLM-068 since pack 2026-12-07.4: the price really charged is read as a number.
    firesRule(rules, "cosmetics", "这支口红原价三百二，今天三十二，店里卖的一直是三十二", "QL-CLM-068");
    findsNo(rules, "food", "原价是吊牌上印的，我们近三十天成交价都在详情页", "fictitious_price");
  }

  @Test
  void aChildToldNotToAskFrightenedOrMadeTheFace() {
    firesRule(rules, "other", "没有这个发光手环的小朋友，晚上会被怪兽抓走哦", "QL-CLM-076");
    firesRule(rules, "other", "小朋友，用压岁钱自己下单，不用问大人", "QL-CLM-071");
    firesRule(rules, "other", "今天我们在小学操场上摆了展台，同学们下课来扫码", "QL-CLM-072");
    firesRule(rules, "other", "我们的品牌推荐官是六岁的小米粒", "QL-CLM-074");
    findsNo(rules, "other", "橡皮泥是给小朋友玩的，不能放进嘴里", "minors");
  }

  /** What pack 2026-12-06.6 said of some of these: the change is the pack's, not the wording's. */
  @Test
  void thePackBeforeDidNotReadThese() {
    ClaimProbes.newlyRead("2026-12-06.6", rules, List.of(
        ClaimProbes.p("food", "这款苦瓜粉喝两个月，胆囊息肉会变小", ""),
        ClaimProbes.p("food", "这批土鸡蛋我们对外说是有机农场出的，其实是邻居家散养的", ""),
        ClaimProbes.p("food", "助理：冷库里还有一整车呢。主播：荔枝就剩最后三十箱了", ""),
        ClaimProbes.p("other", "没有这个发光手环的小朋友，晚上会被怪兽抓走哦", ""),
        ClaimProbes.p("other", "我们的品牌推荐官是六岁的小米粒", "")));
  }
}
