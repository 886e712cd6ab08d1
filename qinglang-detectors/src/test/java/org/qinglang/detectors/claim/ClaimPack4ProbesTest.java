package org.qinglang.detectors.claim;

import static org.qinglang.detectors.claim.ClaimProbes.expect;
import static org.qinglang.detectors.claim.ClaimProbes.p;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Probes written while tuning pack 2026-12-04.4 on context-v8 (and v5-v7), one group per cause,
 * in our own wording (no corpus sentence): each lawful look-alike must get none of the families
 * listed, each claim must get exactly its families. They are not in dev-probes-2026-12-03.4.jsonl
 * because that file is the learned model's training text. A guard that fixed causes stay fixed,
 * not an accuracy figure.
 */
class ClaimPack4ProbesTest {
  /** Cause 1: what the superlative is about (SAMR 《广告绝对化用语执法指南》第八条、第九条). */
  @Test
  void lawfulSuperlativesOfV8sShapesStayQuiet() {
    expect(List.of(
        // 第八条第（二）项: a goal or direction, not a present claim
        p("cosmetics", "我们一直想成为消费者最放心的护肤品牌，这是我们努力的方向", ""),
        // 第八条第（三）项: a place, a building, a person, an occasion; a position by compass
        p("apparel", "我们店就在全区最大的商场三楼，逛街的可以来试", ""),
        p("food", "我最好的闺蜜今天也来直播间帮忙了", ""),
        p("food", "这是我们团队人最全的一次直播，大家都在", ""),
        p("agricultural", "我们果园在县城最东边，开车过来四十分钟", ""),
        p("food", "我从小最爱喝外婆煮的绿豆汤，这个是另一种口味", ""),
        p("other", "熬夜是最伤皮肤的，大家早点睡", ""),
        p("other", "早睡早起最重要，这跟我们卖什么没关系", ""),
        // 第九条第（二）项: how to store or use the goods
        p("agricultural", "芒果放到皮有点皱、软了最好吃", ""),
        p("food", "这款酸奶冷藏最佳，开封后当天喝完", ""),
        p("food", "这个豆浆粉用温水冲最好", ""),
        // 第八条第（一）项: what the business cares about
        p("other", "我们最在意的是售后体验，有问题随时找客服", ""),
        // 第九条第（一）项: the seller's own sizes; a viewer asking about the seller's own range
        p("other", "这款收纳箱有三种尺寸，最大的规格是八十升", ""),
        p("electronics", "评论：你们家哪款耳机最轻？——这款，十八克", ""),
        // 第九条第（三）项: the top grade of a national standard, named as such
        p("food", "按国家标准，这个绿茶的最高等级是特级，我们这款就是特级", ""),
        // 第九条第（五）项: a title conferred by a state body
        p("other", "这位老师傅是省级工艺美术大师，省文旅厅评定的称号", ""),
        p("education", "我们校长是特级教师，市教育局评定的", ""),
        // 第九条第（六）项: an order within this broadcast, with where the data is shown
        p("food", "今晚八点到现在，这款酱牛肉是直播间卖得最多的，后台截图给大家看", ""),
        // 第八条第（三）项: ordinals that number steps, episodes or links
        p("electronics", "第一，打开包装；然后，长按开机键", ""),
        p("other", "标题：第一弹 家居清洁专场", ""),
        // hedge_one_of holds for the learned model as for the rules
        p("electronics", "这个音箱是目前比较受欢迎的型号之一", "")));
  }

  @Test
  void superlativesAboutTheGoodsAreStillClaims() {
    expect(List.of(
        p("cosmetics", "这是全网最好的面霜", "absolute_terms"),
        p("food", "这个豆浆粉冲出来最好喝", "absolute_terms"),
        p("apparel", "我们这件羽绒服是最保暖的", "absolute_terms"),
        p("other", "这款收纳箱是全网最大的规格", "absolute_terms"),
        p("electronics", "全网销量第一，然后还送耳机", "absolute_terms"),
        p("other", "这是最好的锅，我们努力让每家都买得起", "absolute_terms"),
        p("electronics", "这款耳机是全世界最好的，我们一直在努力", "absolute_terms"),
        p("food", "我们的牛排是全网最好吃的", "absolute_terms"),
        p("cosmetics", "这款面霜是最好用的，没有之一", "absolute_terms")));
  }

  /** Cause 2: disparagement in words the lists lacked (广告法第十三条). */
  @Test
  void disparagingACompetitorInOtherWordsIsFound() {
    expect(List.of(
        p("food", "隔壁那家的鸭脖都是病死鸭做的", "disparagement"),
        p("cosmetics", "那个国产大牌的面霜重金属超标", "disparagement"),
        p("other", "我不点名了，那个牌子的扫地机售后是最烂的", "disparagement"),
        p("food", "别家的芝麻油都掺了香精，我们是石磨的", "disparagement"),
        p("food", "別家的香油都摻了菜籽油", "disparagement"),
        p("electronics", "其他家的冰箱说是一级能效，都是虚标", "disparagement"),
        // no competitor, or a competitor praised: not disparagement
        p("food", "吃的喝的什么的，盗版书就别买了，这个是我们自己的正版食谱", ""),
        p("other", "我不点名哈，夸一下隔壁主播，人很好", ""),
        p("food", "剩下的辣条什么的别放太久，有细菌就不好了", ""),
        p("food", "水果买回来别掺着放，苹果会催熟别的水果", ""),
        p("other", "有些店卖的收纳盒是回收料的，大家买的时候看清楚材质", "")));
  }

  /**
   * Cause 3: health food said to cure, to replace or beat medicine, or to be necessary
   * (广告法第十八条), in words the lists lacked.
   */
  @Test
  void healthFoodClaimsInOtherWordsAreFound() {
    expect(List.of(
        p("health_food", "这个鱼油吃了以后，降压药就可以停了", "health_food"),
        p("health_food", "这款钙片是老人必吃的，不吃骨头就脆了", "health_food"),
        p("health_food", "这个蛋白粉比吃药强多了，吃了不用再吃胰岛素了", "health_food"),
        p("health_food", "这个护肝片能延年益寿，吃了防止复发", "health_food"),
        p("health_food", "这个红曲胶囊吃了，血管就通了", "health_food"),
        // the registered function in its approved wording; a warning not to stop the medicine
        p("health_food", "这款鱼油（国食健注G2022xxxx）的保健功能是有助于降低血脂，本品不能代替药物", ""),
        p("health_food", "吃这个的同时，药别自己停，药停了血压会反弹，请遵医嘱", ""),
        p("health_food", "保健食品不能代替药品，比药物管用的说法都是骗人的", ""),
        p("food", "这个大米必吃榜上有名，口感软糯", "")));
  }

  /**
   * Cause 4: the seller's own words in the same sentence contradict the claim (广告法第二十八条;
   * 明码标价和禁止价格欺诈规定): the compared price was never charged, the origin's evidence is
   * self-made or missing, the scarcity was made up. Evidence named only to say it is missing
   * no longer exempts. Facts stated only in a note stay out of reach.
   */
  @Test
  void aClaimTheSellerAdmitsIsFalseIsFound() {
    expect(List.of(
        p("apparel", "原价四百九，今天九十九，说实话这条裤子上架到现在从没卖过四百九", "fictitious_price"),
        p("food", "这个坚果礼盒我们没按三百八卖过，今天一百二", "fictitious_price"),
        p("cosmetics", "这是法国原装进口的精油，报关单我们还没拿到", "false_origin"),
        p("food", "这个是地理标志大米，标是我们自己贴的", "false_origin"),
        p("other", "最后五十个名额，其实名额是我们随便定的", "false_scarcity"),
        p("food", "只剩最后三单，骗你们的，库存多的是", "false_scarcity"),
        // evidence that exists, stock that is scoped, a denial: lawful
        p("agricultural", "这批橙子是赣南原产地直发，溯源码扫了能看到果园", ""),
        p("other", "今天只剩最后二十件，卖完这批下周还有", ""),
        p("apparel", "原价四百九是上个月的成交价，今天九十九", ""),
        p("food", "我们这个不是进口的，我们没有进口授权，就是国产的好奶", "")));
  }

  /**
   * Cause 5: outcome and return guarantees in other words (广告法第二十四条: exam results, and
   * 第（二）项 exam bodies or their staff said to be involved; 第二十五条: returns, no risk).
   */
  @Test
  void outcomeAndReturnGuaranteesInOtherWordsAreFound() {
    expect(List.of(
        p("education", "报我们的中考冲刺营，保证进市重点，进不了退全款", "outcome_guarantee"),
        p("education", "我们有阅卷组的内部资料，报名就等于录取",
            "endorsement,outcome_guarantee"),
        p("education", "我不说包过，我说的是百分之百通过", "outcome_guarantee"),
        p("finance", "这个黄金定投放两年肯定翻倍，绝对不会跌", "outcome_guarantee"),
        p("other", "开个奶茶店做副业，一个月净赚两万，零风险", "outcome_guarantee"),
        p("luxury", "这块和田玉三年保证升值，到时候我们保证回收", "outcome_guarantee"),
        // denials, risk warnings, a seller's margin: lawful
        p("education", "通过率每年不一样，我们不保证通过，只保证把课讲透", ""),
        p("finance", "理财有风险，本金不保证安全，历史收益不代表未来", ""),
        p("agricultural", "西瓜我们一个个拍过，但不敢打包票每个都沙", ""),
        p("food", "这一单我们净赚两块钱，真的是走量", ""),
        p("education", "不包过！谁说包过都是忽悠", "")));
  }

  /**
   * Cause 6: quantified results of use in other shapes (广告法第二十八条; 第十六、十八条 by
   * category): a reading before and after (从六十分考到八十八), a body measure grown or lost by an
   * amount, results such as 变长变密, a "measured" percentage.
   */
  @Test
  void quantifiedResultsOfUseInOtherShapesAreTestimonials() {
    expect(List.of(
        p("food", "我女儿喝了两个月，数学从六十分考到八十八", "efficacy_testimonial"),
        p("cosmetics", "我用了三周，皮肤水分从百分之三十涨到百分之五十", "efficacy_testimonial"),
        p("food", "我儿子吃了半年，个子长了八厘米", "efficacy_testimonial"),
        p("other", "我妈泡了十天脚，每晚能多睡两个小时", "efficacy_testimonial"),
        p("cosmetics", "我涂了一个月，睫毛都变长变密了", "efficacy_testimonial"),
        p("cosmetics", "实测这款精华二十八天，细纹减少了百分之三十", "efficacy_testimonial"),
        // a price, wear, a scale's reading: not a result on the body
        p("food", "用了优惠券，价格从一百九十九降到九十九", ""),
        p("food", "这个锅用了三年，涂层一点没掉，从买来到现在一直好用", ""),
        p("other", "这个体重秤用了一周，数字从来不跳，很准", "")));
  }

  /**
   * Cause 7: a question answered by a denial in the next sentence asserts nothing (the
   * {@code question} exemption, now also read across the question mark with
   * {@code answered_by}); answered yes, it is the claim.
   */
  @Test
  void aQuestionAnsweredNoIsNotAClaim() {
    expect(List.of(
        p("electronics", "这是最好的耳机吗？——不敢这么说", ""),
        p("health_food", "这个能代替降压药吗？——绝对不能，药照吃", ""),
        p("education", "报了这个班能保证考上吗？保证不了，只能帮孩子打好基础", ""),
        p("cosmetics", "这是全网最好的面霜吗？当然是！", "absolute_terms"),
        p("food", "这是全网最低价吗？是的，不信你们比", "fictitious_price"),
        p("food", "这是全网最低价。不是吗？", "fictitious_price")));
  }

  /**
   * Cause 8: sentences that quote the rules, deny, show their evidence or sources, or warn
   * (rule_quote, negation, evidence_given, samr_9_6_scoped, price_basis, treatment_advice,
   * product_type); the learned model now weighs the same exemptions for price, sales and
   * medical findings. Quoting the ban and then saying it anyway (但是你们用了会发现…), or denying
   * one claim to make another (我不说它能治病，我就说…药就停了), is still found.
   */
  @Test
  void quotesDenialsAndStatedEvidenceStayQuietButEvasionDoesNot() {
    expect(List.of(
        p("cosmetics", "按化妆品监督管理条例，普通化妆品不得宣称祛斑，我们这款只做保湿", ""),
        p("other", "这个颈枕就是个枕头，我们不说它能治颈椎病", ""),
        p("food", "没有证据说能降血糖，这个燕麦就是早餐", ""),
        p("cosmetics", "这是我们店里最清爽的一款防晒", ""),
        p("cosmetics", "晚上用完精华，白天出门记得叠加防晒", ""),
        p("food", "这款腊肠今年卖了八千多份，店铺首页的销量能看到", ""),
        p("food", "这个腐乳是中华老字号，商务部认定的，证书编号可查", ""),
        p("health_food", "在吃降糖药的家人别因为吃保健品就停药，一定要遵医嘱", ""),
        p("cosmetics", "条例规定普通化妆品不能宣称美白，但是你们用了会发现它就是能美白", "cosmetics_special_use"),
        p("food", "我不说它能治病，我就说我妈吃了以后，降压药就停了", "medical_efficacy"),
        p("health_food", "我不是说它能代替药，我是说吃了它就不用去看医生了", "health_food")));
  }

  /**
   * Cause 9: a guaranteed result on the body or a disease (广告法第十六条 for drugs and devices,
   * 第十八条 health food, 第二十八条 otherwise): 保证/承诺/肯定/一定 with a body function or disease
   * after it, or the disease then 一定/肯定 + a result, a refund if it does not work, safety
   * said absolutely. A quality or after-sales promise, or advice with 一定要, is not one.
   */
  @Test
  void guaranteedResultsOnTheBodyAreFound() {
    expect(List.of(
        p("medical_device", "这个血压计保证测得跟医院的一样准", "guarantee"),
        p("drug", "这个感冒药保证吃了第二天咳嗽就好，好不了全额退", "guarantee"),
        p("medical_device", "这个助听器承诺戴一个月听力肯定恢复", "guarantee"),
        p("drug", "这个止咳药吃了一点副作用都没有，吃多少都安全", "guarantee"),
        p("food", "这个大米我们保证好吃，不好吃包退", ""),
        p("food", "有高血压的家人一定要遵医嘱，这个只是零食", ""),
        p("other", "这个枕头质量不好包退，七天无理由", ""),
        p("health_food", "血压一定要控制好，按时吃药，这个鱼油只是补充", "")));
  }

  /**
   * Cause 10: minors in the law's other words (广告法第三十九条 school venues and materials,
   * 第四十条 urging children to make parents buy and unsafe acts to imitate, 第三十八条第二款 a
   * spokesperson under ten).
   */
  @Test
  void minorsInOtherWordsAreFound() {
    expect(List.of(
        p("apparel", "这个书包是我们在小学开学典礼上发的，上面印了店铺二维码", "minors"),
        p("other", "我们的练习本封底印了我们网店的二维码，发给每个小学生", "minors"),
        p("food", "我们在幼儿园里摆了促销台，小朋友放学都来尝", "minors"),
        p("other", "小朋友穿上这双鞋就能像蜘蛛侠一样爬墙，回家试试", "minors"),
        p("food", "这是我们家八岁的小主播，来，给大家推荐这款饼干", "minors"),
        p("other", "评论：我才十岁能买吗？——可以呀宝贝，拿妈妈手机付款，妈妈不会发现的", "minors"),
        p("other", "小朋友的书包要选轻的，家长们买之前看看重量", ""),
        p("other", "小朋友爬墙很危险，这个护膝是给大人骑车用的", ""),
        p("education", "这是我们的开学典礼，欢迎各位新同学", "")));
  }

  /**
   * Cause 11: endorsements in other words (广告法第十六、十八条: professionals and patients
   * vouching for drugs, devices, health food; 第九条第（二）项: state officials' praise) and the
   * new QL-CLM-036, a spokesperson recommending goods he or she has not used (第三十八条第一款).
   */
  @Test
  void endorsementsInOtherWordsAreFound() {
    expect(List.of(
        p("drug", "我们请的教授说这个止痛药是他用过最温和的", "endorsement,absolute_terms"),
        p("health_food", "我念一下患者的感谢信：吃了你们的鱼油，我的血脂正常了", "endorsement,health_food"),
        p("drug", "我们有个老患者，李大爷，张大爷你来说两句", "endorsement"),
        p("health_food", "这位大姐是我们的老用户，吃了两年我们的降压片，让她给大家说两句", "endorsement,health_food"),
        p("cosmetics", "这款面霜的代言人其实没用过，签了合同就拍了广告", "endorsement"),
        p("health_food", "区卫健委的领导来视察，还夸了我们这款钙片", "endorsement"),
        p("drug", "这个药我们不请专家讲，也不念什么患者感谢信，就念说明书", ""),
        p("drug", "我不代言，也没用过这个药，只是平台上架的OTC", ""),
        p("cosmetics", "这位是我们的老用户，她来说两句用了一年的感受", ""),
        p("cosmetics", "这个面霜我们代言人自己用了三年，她真的在用", "")));
  }

  /**
   * Cause 12: reviews bought with other rewards, or comments the seller's staff wrote
   * (电子商务法第十七条); renaming a banned practice after quoting the ban (所以我们叫…) is
   * evasion, not a quotation.
   */
  @Test
  void reviewsBoughtOrWrittenInOtherWaysAreFound() {
    expect(List.of(
        p("food", "给店铺打五星评分，截图发给客服，抽五个人送一箱橙子", "fabricated_sales_reviews"),
        p("food", "好评写满二十个字的，下一单免运费", "fabricated_sales_reviews"),
        p("other", "刚才那条说“太好用了”的弹幕是我们小助理发的", "fabricated_sales_reviews"),
        p("cosmetics", "平台不让好评返现，所以我们叫“晒单有礼”，五星带图的返五块", "fabricated_sales_reviews"),
        p("food", "评价都是买家自愿写的，我们不搞好评返现，也不抽奖", ""),
        p("food", "大家收到货觉得好吃可以给个好评，不给也没关系", ""),
        p("other", "（店铺公告：本店不设好评返现，评价由买家自己写）", "")));
  }

  /**
   * Cause 13: disease claims for ordinary goods in words the lists lacked (广告法第十七条;
   * 食品安全法第七十三条 for food): stones dissolved, mucosa repaired, deformity prevented,
   * fat on the liver melted, a named disease then 都不疼了.
   */
  @Test
  void diseaseClaimsInOtherWordsAreFound() {
    expect(List.of(
        p("food", "这个柠檬水，肾结石都能溶掉", "medical_efficacy"),
        p("other", "这个护腰带，腰椎间盘突出的人戴上都不疼了", "medical_efficacy"),
        p("food", "这个米糊能修复胃黏膜，胃溃疡的放心吃", "medical_efficacy"),
        p("apparel", "孕妇穿上这件防辐射服，宝宝就不会畸形", "medical_efficacy"),
        p("food", "这个茶能把肝上的脂肪化掉，脂肪肝的多喝", "medical_efficacy"),
        p("other", "这个暖宝宝贴在腰上，冬天腰都不酸了，很舒服", ""),
        p("food", "这个咖啡能把周一的疲惫化掉，打工人必备", ""),
        p("apparel", "孕妇裤的腰围可以调，不会勒肚子", "")));
  }

  /**
   * Cause 14: special-use cosmetic effects said otherwise (化妆品监督管理条例: 防晒 as an SPF or
   * PA value or "never tans", whitening as 抑制黑色素, perming as 跟烫过一样, spots that 一抹就掉);
   * a registered special cosmetic, or a competitor's product being disparaged, is not the
   * seller's claim.
   */
  @Test
  void specialUseEffectsSaidOtherwiseAreFound() {
    expect(List.of(
        p("cosmetics", "这个防晒乳是普通备案的，SPF50，晒一天都不黑", "cosmetics_special_use"),
        p("cosmetics", "这款卷发棒专用的喷雾，喷上去头发就卷了，跟烫过一样", "cosmetics_special_use"),
        p("cosmetics", "这个爽肤水能抑制黑色素，普通备案的", "cosmetics_special_use"),
        p("cosmetics", "这款防晒霜SPF50+ PA++++，国妆特字G20230000，特证可查", ""),
        p("cosmetics", "别家的防晒都含有荧光剂，只有我们家的是安全的", "disparagement")));
  }

  /**
   * Cause 15: medical words as metaphors for a mood or a time (figurative: 太治愈了、治愈神器、
   * 周末的止痛片), a viewer asking how (评论：…怎么吃？), a universal denial (没有任何投资能保证…).
   * A disease named with a result after the metaphor is still a claim.
   */
  @Test
  void metaphorsQuestionsAndUniversalDenialsAreNotClaims() {
    expect(List.of(
        p("other", "这个夜灯太治愈了，失眠的夜晚有它陪着", ""),
        p("food", "这个麻辣烫就是我的治愈神器", ""),
        p("electronics", "这个游戏机就是周末的止痛片", ""),
        p("food", "评论：减肥怎么吃？——少油少糖多运动", ""),
        p("finance", "没有任何投资能保证赚钱，理性投资", ""),
        p("other", "这个枕头太治愈了，失眠都好了", "medical_efficacy"),
        p("food", "这个茶太能治病了", "medical_efficacy")));
  }

  /**
   * Cause 16: a price said to be set by the state, or the compared price raised just before
   * the offer (明码标价和禁止价格欺诈规定; 价格法第十四条第（四）项). A comparison with the brand's
   * own shop or official site, with where to check it, stays lawful.
   */
  @Test
  void stateSetPricesAndRaisedComparisonPricesAreFound() {
    expect(List.of(
        p("food", "家人们这个大米是扶贫价，政府定价，不能涨不能降", "fictitious_price"),
        p("cosmetics", "日常卖一百二，今天八十——我们前天刚把价格调到一百二", "fictitious_price"),
        p("food", "这个价格是平台活动价，不是政府定的", ""),
        p("cosmetics", "品牌旗舰店标价三百九，截图在详情页，今天直播间三百二", "")));
  }

  /**
   * Cause 17: an origin, heritage or master's-work claim the seller takes back in the same
   * sentence (其实是…; 广告法第二十八条); a buyer's misbelief corrected is not a claim, and a
   * truthful origin with its sourcing stays lawful.
   */
  @Test
  void anOriginClaimTakenBackIsFound() {
    expect(List.of(
        p("agricultural", "这是正宗的阳澄湖大闸蟹，其实是我们从别的湖收来的", "false_origin"),
        p("other", "这套茶具是景德镇大师作品，其实就是流水线做的", "false_origin"),
        p("food", "很多人以为这个是进口的，其实是国产的，我们不说进口", ""),
        p("food", "这个咖啡豆是云南产的，不是牙买加产区的，所以价格低", ""),
        p("agricultural", "正宗的五常大米，是我们从五常的合作社收来的", "")));
  }

  /**
   * Found on the way (development corpus h033, m025, missed since 2026-12-04.3): 零添加/无添加/
   * 不添加 were negation prefixes, so 零添加零副作用 negated the safety guarantee after it. They
   * are no longer negations; an additive said to be absent is not a claim of any rule anyway.
   */
  @Test
  void noAdditivesDoesNotNegateASafetyGuaranteeAfterIt() {
    expect(List.of(
        p("food", "配方零添加，宝宝喝了零副作用", "guarantee"),
        p("food", "我们的酱油零添加防腐剂，配料只有四样", ""),
        p("cosmetics", "不添加酒精，敏感肌也能用", "")));
  }
}
