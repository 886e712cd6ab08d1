package org.qinglang.detectors.claim;

import static org.qinglang.detectors.claim.ClaimProbes.expect;
import static org.qinglang.detectors.claim.ClaimProbes.p;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Probes written while tuning pack 2026-12-04.5 on context-v9 (and v5-v8), one group per cause,
 * in our own wording (no corpus sentence): each lawful look-alike must get none of the families,
 * each claim exactly its families. Not in dev-probes-2026-12-03.4.jsonl (the learned model's
 * training text). A guard that fixed causes stay fixed, not an accuracy figure.
 */
class ClaimPack5ProbesTest {
  /** Cause 1: the seller's own range, care hints, wishes and ideals, service, places, orders (SAMR 《广告绝对化用语执法指南》第八条、第九条). */
  @Test
  void lawfulSuperlativesOfV9sShapesStayQuiet() {
    expect(List.<String[]>of(
        p("food", "今天直播间最便宜的是这款挂面，九块九", ""),
        p("agricultural", "这几筐苹果里这一筐个头最大，价格也最贵", ""),
        p("other", "我们两家门店上个月卖得最多的是这款台灯", ""),
        p("apparel", "羊毛衫最好平铺晾干，水温最高不要超过三十度", ""),
        p("food", "我们的心愿是最简单的，就是让大家吃得放心", ""),
        p("education", "我们的理想是做最用心的辅导机构，还在努力", ""),
        p("food", "我们想做最安心的辣酱，这是创业时定下的目标", ""),
        p("other", "我们的客服态度就是最好的，有问题随时问", ""),
        p("agricultural", "我们在村里最高的坡上，这里信号最好", ""),
        p("apparel", "第一名付款的朋友备注一下尺码", ""),
        p("food", "人品第一，这是我们家的老规矩", ""),
        p("other", "全国人民都在用的洗衣液，口碑第一", "absolute_terms"),
        p("food", "这款辣酱是全网最好吃的", "absolute_terms"),
        p("other", "这两款里这款最好，也是全网最便宜的", "fictitious_price")));
  }

  /** Cause 2: a viewer's or assistant's question, not affirmed by the answer, and the words right after 问. */
  @Test
  void questionsAskedByViewersOrAssistantsAssertNothing() {
    expect(List.<String[]>of(
        p("apparel", "助播：冬天穿啥最暖和？——主播：多穿几层，这跟咱卖的没关系", ""),
        p("cosmetics", "弹幕问祛斑，这个是保湿霜，不祛斑", ""),
        p("education", "评论：哪家机构最好？——就我们家，全市最好", "absolute_terms"),
        p("health_food", "有人问是不是有医生推荐，没有，我们自己挑的", "")));
  }

  /** Cause 3: denials, warnings, rule quotes, product types, figurative sickness, stated evidence. */
  @Test
  void denialsWarningsAndProductTypesStayQuiet() {
    expect(List.<String[]>of(
        p("food", "我们的核桃粉不能让白头发变黑，就是早餐", ""),
        p("electronics", "这台护眼灯不能预防近视，孩子还是要少看屏幕", ""),
        p("health_food", "正在吃降糖药的，请勿自行停药", ""),
        p("cosmetics", "这瓶乳液没有美白功效，别指望它变白", ""),
        p("other", "网上说能降血压的鞋垫都是假的，别上当", ""),
        p("finance", "监管要求不得承诺保本，历史收益不代表未来", ""),
        p("other", "这个是减压阀，装在热水器前面", ""),
        p("electronics", "这是降噪耳塞，跟降血压没关系", ""),
        p("cosmetics", "我们家四款防晒里这款最清爽", ""),
        p("cosmetics", "防晒到手六十九，买一送小样", ""),
        p("food", "这个蛋糕简直是拖延症的特效药", ""),
        p("other", "狗粮是新西兰原装进口的，进口登记证号印在袋子上", ""),
        p("agricultural", "脐橙今年卖了两万箱，快递单号都能查", "")));
  }

  /** Cause 4: disparagement of competitors referred to without a name (广告法第十三条). */
  @Test
  void disparagementOfUnnamedCompetitors() {
    expect(List.<String[]>of(
        p("food", "隔壁那家火锅底料里有苏丹红，大家自己想", "disparagement"),
        p("electronics", "X米的吹风机半年必烧，售后根本不管", "disparagement"),
        p("education", "其他机构的老师都是冒充的名师", "disparagement"),
        p("food", "我们的辣条不含苏丹红，检测报告在详情页", "")));
  }

  /** Cause 5: minors (广告法第三十九条、第四十条). */
  @Test
  void minorsInSchoolsPersuadedOrEndangered() {
    expect(List.<String[]>of(
        p("other", "小朋友们，快去说服爸爸给你下单这个机器人", "minors"),
        p("education", "我们今天在实验小学四年级一班上体验课，家长扫码下单", "minors"),
        p("other", "宝宝们，穿上这双轮滑鞋从台阶上直接冲下去，超帅", "minors"),
        p("other", "家长朋友们，孩子玩滑板一定要戴护具，注意安全", "")));
  }

  /** Cause 6: endorsements (广告法第十六条、第十八条). */
  @Test
  void endorsementsByProfessionalsAndPatients() {
    expect(List.<String[]>of(
        p("drug", "医学博士给大家讲讲这个止咳糖浆为什么好", "endorsement"),
        p("health_food", "农科院的研究员给大家介绍这款蜂胶", "endorsement"),
        p("medical_device", "我们连线一位用了这台理疗仪的病人家属，让她说说", "endorsement"),
        p("health_food", "这款益生菌是营养科医生配的方子", "endorsement"),
        p("health_food", "我们没有请医生推荐，大家按需购买", "")));
  }

  /**
   * Cause 7: exam staff said to be involved (广告法第二十四条第（二）项). An outcome claim until
   * pack 2026-12-06.1, an endorsement since: the writers of the blind corpora file it so.
   */
  @Test
  void examStaffInvolvedIsAnEndorsement() {
    expect(List.<String[]>of(
        p("education", "我们的讲师是前考官，知道评分标准", "endorsement")));
  }

  /** Cause 8: disease claims for ordinary goods and cosmetics, guarantees, look-alike spellings (广告法第十七条、第二十八条; 化妆品监督管理条例). */
  @Test
  void diseaseClaimsAndGuarantees() {
    expect(List.<String[]>of(
        p("food", "这个山药粉，萎缩性胃炎吃三个月能逆转", "medical_efficacy"),
        p("food", "甲状腺结节的喝这个茶，结节就散了", "medical_efficacy"),
        p("cosmetics", "这个霜能治冻疮", "medical_efficacy"),
        p("drug", "这个退烧药保证半小时退烧", "guarantee"),
        p("cosmetics", "这款乳液能每白", "cosmetics_special_use"),
        p("food", "胃溃疡的朋友不建议吃辣，请遵医嘱", "")));
  }

  /** Cause 9: returns and exam results promised (广告法第二十四条、第二十五条). */
  @Test
  void outcomeGuaranteesForReturnsAndExams() {
    expect(List.<String[]>of(
        p("finance", "跟着买，明年至少赚百分之二十", "outcome_guarantee"),
        p("luxury", "这块表买回去就升值", "outcome_guarantee"),
        p("education", "驾考包你一次过", "outcome_guarantee"),
        p("finance", "理财有风险，历史收益不代表未来，不承诺收益", "")));
  }

  /** Cause 10: quantified testimonials (广告法第二十八条). */
  @Test
  void quantifiedTestimonials() {
    expect(List.<String[]>of(
        p("cosmetics", "我用了这个睫毛液三周，睫毛长了三毫米", "efficacy_testimonial"),
        p("food", "喝了这款茶两个月，掉秤八斤", "efficacy_testimonial"),
        p("apparel", "这件外套我穿了三年，颜色还跟新的一样", "")));
  }

  /** Cause 11: health food preventing a disease (广告法第十八条). */
  @Test
  void healthFoodDiseasePrevention() {
    expect(List.<String[]>of(
        p("health_food", "这个钙片吃了能预防骨折", "health_food")));
  }

  /** Cause 12: an origin or scarcity claim taken back in the same sentence (广告法第二十八条). */
  @Test
  void claimsTakenBackInTheSameSentence() {
    expect(List.<String[]>of(
        p("agricultural", "野生猕猴桃，其实是果园种的", "false_origin"),
        p("food", "百年老字号，其实不在老字号名录里", "false_origin"),
        p("agricultural", "荔枝就这一批了，其实仓库还有二十吨", "false_scarcity"),
        p("agricultural", "野生菌是山上采的，采收许可证号在详情页", "")));
  }
}
