package org.qinglang.detectors.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qinglang.detectors.claim.ClaimProbes.expect;
import static org.qinglang.detectors.claim.ClaimProbes.finds;
import static org.qinglang.detectors.claim.ClaimProbes.findsNo;
import static org.qinglang.detectors.claim.ClaimProbes.firesRule;
import static org.qinglang.detectors.claim.ClaimProbes.p;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pack 2026-12-05.10, read from the blind writer v27's errors. Each case beside the sentence
 * that shares its words and decides the other way:
 * <ul>
 *   <li>a claim held at a distance is named, not made: 所谓"…", 那种"…"的说法, a quoted word
 *       struck out, a claim put in the mouth of someone to block, someone else's claim denied;</li>
 *   <li>a price at a dearer venue (a teahouse, a cinema kiosk, a training centre) set against
 *       today's, with nothing to check it by;</li>
 *   <li>scarcity said to be forever (再也挖不出来, 以后有钱都买不到), where a season that
 *       comes back next year is a fact;</li>
 *   <li>an origin admitted in the same breath and excused (品质跟…一样, 叫…好卖);</li>
 *   <li>no rival at all, said as a comparison (没有哪一双能比它更…);</li>
 *   <li>the learned testimonial reading the goods' own wear (瓶子空了一半) as an effect.</li>
 * </ul>
 * The sentences are our own wording, not the corpus's.
 */
class HeldAtADistanceTest {

  private final ClaimChecker rules = new ClaimChecker(RulePack.standard());

  @Test
  void aClaimHeldAtADistanceIsNamedNotMade() {
    expect(List.of(
        p("other", "所谓“喝了能降血压”的茶叶，都是骗人的，血压高请按时吃药", ""),
        p("other", "那种“全网最低”的说法，听听就算了，下单前自己比一比", ""),
        p("cosmetics", "运营把详情页上的“祛斑”两个字删掉了，这支精华只写保湿", ""),
        p("food", "陈皮不降血糖，谁跟你说降血糖你就别信他", ""),
        p("other", "有人说我们昨天降价了，其实没有，一直都是这个价", "")));
    // The same words said as the room's own claim.
    assertThat(rules.check("这个茶叶喝了能降血压，高血压的朋友多喝", "food"))
        .extracting(ClaimFinding::family).isNotEmpty();
  }

  @Test
  void theGoodsOwnWearIsNotAnEffectOnTheBody() {
    expect(List.of(
        p("cosmetics", "这罐身体乳我抹了两个月，才用掉一半，很省", ""),
        p("apparel", "这件卫衣穿了一个冬天，机洗了十几次都没起球", "")));
    // What changed is the face: the testimonial stands.
    finds(ClaimChecker.standard(), "cosmetics",
        "这罐霜我抹了两个月，脸上的斑淡了一半，瓶子还剩一半", "efficacy_testimonial");
  }

  @Test
  void theWalletAndTheMemeAreNotTheBody() {
    expect(List.of(
        p("food", "这一波下单，钱包先减肥了，人还是胖的", ""),
        p("food", "减肥是不可能减肥的，这个牛肉干太香了", "")));
  }

  @Test
  void aPriceAtADearerVenueWithNothingToCheckItBy() {
    firesRule(rules, "food",
        "茶馆里一壶铁观音收一百二，今天直播间一斤只要八十八", "QL-CLM-064");
    firesRule(rules, "food",
        "电影院小卖部一桶爆米花要四十五，我们今天一箱二十九", "QL-CLM-064");
    // Three bundles of the room's own goods compared by unit price.
    expect(List.<String[]>of(
        p("food", "今天三个组合，一斤装、三斤装、五斤装，五斤装每斤最便宜", "")));
  }

  @Test
  void scarcityForeverIsAClaimASeasonIsAFact() {
    finds(rules, "luxury",
        "这个坑口已经封了，以后再也挖不出这种颜色的石头", "false_scarcity");
    finds(rules, "other",
        "这个配方下个月就不让卖了，以后有钱都买不到", "false_scarcity");
    findsNo(rules, "food",
        "荔枝季就这两周，以后想吃就吃不到了，明年六月再来", "false_scarcity");
  }

  @Test
  void anOriginAdmittedAndExcused() {
    finds(rules, "luxury",
        "缅甸翡翠手镯，石头其实是危地马拉产的，玉质跟缅甸的一模一样", "false_origin");
    finds(rules, "food",
        "五常大米，我们是在黑龙江别的县种的，叫五常好卖", "false_origin");
  }

  @Test
  void noRivalAtAllSaidAsAComparison() {
    finds(rules, "apparel",
        "这双跑鞋的回弹，全国没有哪一双能比它更好", "absolute_terms");
    finds(rules, "electronics",
        "这台扫地机的续航，谁家都比不过", "absolute_terms");
  }
}
