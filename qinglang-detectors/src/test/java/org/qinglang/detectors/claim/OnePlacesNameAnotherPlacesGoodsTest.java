package org.qinglang.detectors.claim;

import static org.qinglang.detectors.claim.ClaimProbes.p;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pack 2026-12-07.7 (QL-CLM-124): goods named after one place, or called its genuine produce,
 * that the same sentence says come from another, with the two places read against the
 * administrative divisions rather than a list of famous origins. The sentences are our own
 * wording; the places in them are in no list the pack held before.
 */
class OnePlacesNameAnotherPlacesGoodsTest {

  private final ClaimChecker rules = new ClaimChecker(RulePack.standard());

  private static final List<String[]> ANOTHER_PLACE = List.of(
      p("food", "修武怀山药，这批是从沛县拉过来的", "false_origin"),
      p("food", "正宗宁乡花猪，我们是在醴陵的养殖场养的", "false_origin"),
      p("food", "东至板栗，发货地是迁西", "false_origin"),
      p("food", "靖安白茶，这批是婺源的茶", "false_origin"),
      p("food", "德州扒鸡，衡水的厂子做的", "false_origin"));

  private static final List<String[]> THE_SAME_PLACE_OR_SAID_PLAINLY = List.of(
      // Inside the place named: 温宿 is a county of 阿克苏.
      p("food", "阿克苏冰糖心，这批是从温宿的果园收的", ""),
      // Two districts of one city.
      p("food", "杭州西湖藕粉，这批是余杭的作坊做的", ""),
      // Said plainly: the other place is the one on the label, or the place is a style.
      p("food", "嘉兴粽子的做法，我们是在苏州的厂子做的，包装上写了产地苏州", ""),
      p("food", "老北京风味的驴打滚，保定的工厂做的", ""),
      p("food", "赣南脐橙不是今天这批，这批是从秭归拉来的", ""),
      // Material from one place, made in another.
      p("luxury", "和田料子在苏州雕的", ""),
      // The factory in the place itself; a record naming a place inside it.
      p("food", "正宗宣威火腿，我们的厂就在宣威", ""),
      // 宣威 is a city of 曲靖: a factory in 曲靖 is in no other place.
      p("food", "宣威火腿，我们的厂在曲靖", ""),
      p("food", "阿克苏苹果，箱子上印着产地是温宿县", ""),
      // Not places: 开封 (once opened), 合作 (a cooperative).
      p("food", "开封后冷藏，这批是从寿光收的", ""));

  /**
   * Pack 2026-12-07.8: the other place said by where the factory is, by a record, by 其实, or by
   * naming the goods as its produce.
   */
  private static final List<String[]> SAID_OTHERWISE = List.of(
      p("food", "正宗宣威火腿，我们的厂在昭通鲁甸", "false_origin"),
      p("food", "淮安蒲菜，生产许可证地址写着宿迁泗阳", "false_origin"),
      p("food", "浦江葡萄，实际上是宾川的", "false_origin"),
      p("food", "霍山黄芽明前头采，副播：这是英山的茶", "false_origin"));

  /**
   * Pack 2026-12-07.9: the real place said first and the goods then given the other's name; a
   * factory set up elsewhere; goods that are all another place's.
   */
  private static final List<String[]> RENAMED = List.of(
      p("food", "泰国的香米倒进袋子，就成了五常大米", "false_origin"),
      p("food", "正宗兰州牛肉面调料，工厂开在周口", "false_origin"),
      p("food", "砀山梨膏，用的是莱阳酥梨熬的", "false_origin"));
  private static final List<String[]> NOT_RENAMED = List.of(
      p("food", "五常大米装进礼盒，就成了五常的伴手礼", ""),
      p("food", "兰州牛肉面调料，工厂开在兰州新区", ""));

  /** Pack 2026-12-07.14: regions and sub-county origins named in places-regions.tsv. */
  private static final List<String[]> A_NAMED_REGION = List.of(
      p("food", "正宗赣南脐橙，果子是从永州拉过来的", "false_origin"),
      p("food", "阳澄湖大闸蟹，我们是在高邮的塘里养的", "false_origin"));
  private static final List<String[]> INSIDE_THE_REGION = List.of(
      p("food", "阳澄湖大闸蟹，我们是在苏州相城的塘里养的", ""),
      p("food", "正宗赣南脐橙，果子是从信丰拉过来的", ""));

  @Test
  void aRegionNamedAndAPlaceOutsideIt() {
    ClaimProbes.newlyReadAs("2026-12-07.13", rules, A_NAMED_REGION);
    ClaimProbes.clears(rules, INSIDE_THE_REGION);
  }

  @Test
  void theRealPlaceFirstThenTheOthersName() {
    ClaimProbes.newlyReadAs("2026-12-07.8", rules, RENAMED);
    ClaimProbes.clears(rules, NOT_RENAMED);
  }

  @Test
  void theOtherPlaceSaidByTheFactoryARecordOrAnAside() {
    ClaimProbes.newlyReadAs("2026-12-07.7", rules, SAID_OTHERWISE);
  }

  @Test
  void goodsNamedAfterOnePlaceAndSaidToComeFromAnother() {
    ClaimProbes.newlyReadAs("2026-12-07.6", rules, ANOTHER_PLACE);
  }

  @Test
  void thePlaceItselfAPlaceInsideItOrBothSaidPlainly() {
    ClaimProbes.clears(rules, THE_SAME_PLACE_OR_SAID_PLAINLY);
  }
}
