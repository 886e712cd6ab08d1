package org.qinglang.detectors.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qinglang.detectors.claim.ClaimProbes.expect;
import static org.qinglang.detectors.claim.ClaimProbes.findsNo;
import static org.qinglang.detectors.claim.ClaimProbes.firesRule;
import static org.qinglang.detectors.claim.ClaimProbes.p;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pack 2026-12-06.3, read from the blind writer v30's errors. A claim is undone by what stands
 * next to it in the same sentence:
 * <ul>
 *   <li>a record after it (the stock the back office shows, the next day's restock, the count
 *       sold against the limit, the price that did not change);</li>
 *   <li>the stock told first by someone in the room, and the line the anchor says after it;</li>
 *   <li>a famous place named with the goods, then 其实是 another place, or the papers naming
 *       another province;</li>
 *   <li>the end for ever, pinned on an event (the lake returned, the orchard razed);</li>
 * </ul>
 * and patients, experts and officials vouching, children at school and children copying what
 * is unsafe. An ordinary food said to steady blood sugar or lipids is also a health-function
 * claim, as the writers since the ninth file it. The sentences are our own wording.
 */
class TheRecordBehindTheClaimTest {

  private final ClaimChecker rules = new ClaimChecker(RulePack.standard());

  @Test
  void aRecordAfterTheScarcityClaim() {
    firesRule(rules, "food", "巡查记录：主播称“仅剩三十盒”月饼，后台库存显示为九千盒",
        "QL-CLM-122");
    firesRule(rules, "apparel", "主播说羽绒服限量两百件，当晚实际卖出一千三百件", "QL-CLM-122");
    firesRule(rules, "food", "说是停产前最后一批挂面，次日同一链接又补货三千箱", "QL-CLM-122");
    firesRule(rules, "electronics", "主播喊明天涨价，结果第二天价格未变", "QL-CLM-122");
    // A round sold out and restocked the next day is how honest rooms sell.
    findsNo(rules, "food", "这一轮卖完了，次日补货，大家不用急", "false_scarcity");
  }

  @Test
  void theStockToldFirstAndTheLineSaidAfter() {
    firesRule(rules, "electronics", "场控小声说仓库还有两千台，主播还在说只剩最后十台",
        "QL-CLM-122");
    firesRule(rules, "food", "厂里刚做了五千罐辣酱，主播却说就剩二十罐", "QL-CLM-122");
    findsNo(rules, "food", "仓库还有两千台，主播说不是最后一批，放心买", "false_scarcity");
  }

  @Test
  void theEndForEverPinnedOnAnEvent() {
    firesRule(rules, "food", "这片茶园明年要推平建厂，这是最后一季春茶", "QL-CLM-121");
    firesRule(rules, "luxury", "这个老窑口已经封了，以后永远烧不出这种釉了", "QL-CLM-121");
    findsNo(rules, "food", "这批茶卖完，明年春天还有新茶", "false_scarcity");
  }

  @Test
  void aFamousPlaceNamedThenAnother() {
    // Named by QL-CLM-124 since pack 2026-12-07.7: the two places are the longer match.
    firesRule(rules, "food", "五常大米，其实是我们在吉林收的稻子碾的", "QL-CLM-124");
    firesRule(rules, "food", "正宗烟台苹果，实际上是甘肃天水拉过来的", "QL-CLM-124");
    firesRule(rules, "agricultural", "主播称寿光原产的黄瓜种子，种子袋上标注生产商为甘肃酒泉",
        "QL-CLM-112");
    expect(List.<String[]>of(
        p("food", "五常大米，产地证明写的是黑龙江五常", ""),
        p("food", "阳澄湖大闸蟹，其实阳澄湖的蟹也分好几个湖区", ""),
        p("food", "这个螺蛳粉是广西柳州的厂生产的，许可证编号印在背面", "")));
  }

  @Test
  void patientsExpertsAndOfficialsVouching() {
    firesRule(rules, "health_food", "有一位心脏搭桥术后的大爷说，他吃了我们的鱼油半年没犯过",
        "QL-CLM-034");
    firesRule(rules, "agricultural", "县里的兽医亲口说了，这个饲料养猪必备", "QL-CLM-034");
    firesRule(rules, "other", "一位市场监管局的处长推荐过我们这个加盟项目", "QL-CLM-031");
    findsNo(rules, "other", "有人问兽医推荐吗——没有兽医推荐，配料表大家自己看", "endorsement");
  }

  @Test
  void childrenAtSchoolAndChildrenCopyingWhatIsUnsafe() {
    firesRule(rules, "food", "初二年级的课代表每天早读前给同学分发我们的牛奶", "QL-CLM-072");
    firesRule(rules, "apparel", "秋游那天学校带孩子来我们的工厂参观，每人带一件回家推荐给爸妈",
        "QL-CLM-075");
    firesRule(rules, "other", "小朋友玩累了可以把这个彩泥直接放嘴里尝一尝", "QL-CLM-073");
    firesRule(rules, "other", "不买这套卡片的小朋友，班上没人愿意跟他玩", "QL-CLM-071");
    findsNo(rules, "other", "彩泥要看好孩子，别让小朋友放嘴里", "minors");
  }

  @Test
  void bloodSugarForAnOrdinaryFoodIsAlsoAHealthFunctionClaim() {
    List<ClaimFinding> found = rules.check("这款荞麦面能把血糖稳住", "food");
    assertThat(found).extracting(ClaimFinding::family)
        .contains("health_food", "medical_efficacy");
    assertThat(found).filteredOn(f -> f.family().equals("health_food"))
        .extracting(ClaimFinding::ruleId).containsExactly("QL-CLM-016");
    findsNo(rules, "food", "血糖高的朋友，降糖药按医生说的吃，这个面只是主食", "health_food");
    findsNo(rules, "food", "普通食品不能降血糖，别信", "health_food");
    // A registered health food's own functions are its registration's business, not this rule's.
    assertThat(rules.check("这款荞麦面能把血糖稳住", "health_food"))
        .extracting(ClaimFinding::ruleId).doesNotContain("QL-CLM-016");
  }
}
