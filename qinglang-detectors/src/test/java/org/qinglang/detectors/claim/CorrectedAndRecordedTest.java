package org.qinglang.detectors.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qinglang.detectors.claim.ClaimProbes.expect;
import static org.qinglang.detectors.claim.ClaimProbes.firesRule;
import static org.qinglang.detectors.claim.ClaimProbes.p;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pack 2026-12-05.9, read from the blind writer v26's errors. What a live room says around a
 * claim decides it, each case beside the lawful sentence that shares its words:
 * <ul>
 *   <li>a record in the same breath tells the truth (the stock page, the carton, the price the
 *       goods have always sold at): the claim is false on the room's own evidence;</li>
 *   <li>a price elsewhere (a beauty salon, a duty-free shop, a hotel) set against today's with
 *       nothing to check it by, unless it is shown (a price-tag photo) or said to be no better;</li>
 *   <li>a customer brought on to testify (连麦作证, 现身说法), unless that is declined;</li>
 *   <li>a caption correction names the misheard word and quotes the original, which is judged on
 *       its own (不能减肥 stays a denial); 别把它当减肥药 and 治愈不了 deny.</li>
 * </ul>
 * The sentences are our own wording, not the corpus's.
 */
class CorrectedAndRecordedTest {

  @Test
  void aRecordInTheSameBreathTellsTheTruth() {
    expect(List.of(
        p("cosmetics", "这瓶面霜说是法国原装进口——仓管小周看了一眼：外箱上印的是广州一家工厂", "false_origin"),
        p("food", "最后三十盒枣泥糕，场控小声说：后台库存显示还有九百多盒", "false_scarcity"),
        p("food", "这款坚果礼盒今天直降到四十九——可它上架半年，一直就卖四十九", "fictitious_price")));
  }

  @Test
  void anotherProductInTheShopIsNotTheSameGoodsInStock() {
    expect(List.<String[]>of(
        p("other", "这个手工木勺就这一把，木纹做不出第二把一样的，不过店里还有别的款", "")));
  }

  @Test
  void aPriceElsewhereWithNothingToCheckItBy() {
    ClaimChecker rules = new ClaimChecker(RulePack.standard());
    // Twice today's price: a comparison to check. Five times or more is QL-CLM-067's.
    firesRule(rules, "cosmetics",
        "这套面膜在美容院做一次就要一百二，今天直播间一盒才五十九", "QL-CLM-064");
    assertThat(rules.check("坚果礼盒今天五十九，超市同款卖六十二左右，差不多，大家自己比", "food"))
        .isEmpty();
    assertThat(rules.check("这款黄油超市卖四十二，我们今天三十九，超市价签照片在评论区", "food"))
        .isEmpty();
  }

  @Test
  void aCustomerBroughtOnToTestify() {
    expect(List.of(
        p("health_food", "一位高血脂的阿姨吃了我们的鱼油半年，今天连麦给大家作证", "endorsement"),
        p("health_food", "我们不请顾客来现身说法，鱼油吃不吃看你自己的体检结果", "")));
  }

  @Test
  void aCorrectionNamesTheMisheardWordAndADenialStaysADenial() {
    expect(List.of(
        p("food", "〔字幕更正〕\"渐肥\"应为\"减肥\"，原话是\"这款燕麦片不能减肥\"", ""),
        p("food", "燕麦片就是粗粮，别把它当成减肥药吃", ""),
        p("food", "〔字幕更正〕原句是\"喝这个茶治愈不了胃炎\"，胃炎请去医院", "")));
    // A correction that turns the caption into a claim is the claim (应该是"保证"通过).
    ClaimChecker rules = new ClaimChecker(RulePack.standard());
    assertThat(rules.check("〔更正〕刚才说\"有希望\"通过，应该是\"保证\"通过，我们签协议", "other"))
        .extracting(ClaimFinding::family).contains("outcome_guarantee");
  }
}
