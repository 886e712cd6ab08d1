package org.qinglang.detectors.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qinglang.alert.Severity;

class ClaimCheckerTest {
  private final ClaimChecker checker = ClaimChecker.standard();

  private List<String> rules(String text, String category) {
    return checker.check(text, category).stream().map(ClaimFinding::ruleId).toList();
  }

  @Test
  void spanPointsIntoTheOriginalTextAcrossInsertedSpaces() {
    String text = "姐妹们，这是 最 好 的面膜";
    List<ClaimFinding> f = checker.check(text, "cosmetics");
    assertThat(f).hasSize(1);
    assertThat(f.get(0).ruleId()).isEqualTo("QL-CLM-001");
    assertThat(f.get(0).start()).isEqualTo(text.indexOf('最'));
    assertThat(text.substring(f.get(0).start(), f.get(0).end())).isEqualTo(f.get(0).matched());
    assertThat(f.get(0).matched()).startsWith("最 好");
  }

  @Test
  void undoesTraditionalFullWidthLookAlikesAndPinyin() {
    List<ClaimFinding> trad = checker.check("全網最低價，就今天", "other");
    assertThat(trad).extracting(ClaimFinding::ruleId).containsExactly("QL-CLM-061");
    assertThat(trad.get(0).matched()).isEqualTo("全網最低價");
    assertThat(rules("ＮＯ．１的空气炸锅", "electronics")).containsExactly("QL-CLM-002");
    assertThat(rules("蕞好用的拖把", "other")).containsExactly("QL-CLM-001");
    assertThat(rules("ZUI低价只有今天", "other")).containsExactly("QL-CLM-062");
    assertThat(rules("降-血-压的茶", "food")).containsExactly("QL-CLM-011");
  }

  @Test
  void emojiAndZeroWidthSeparatorsAreSeenThroughAndTheSpanStillFits() {
    String text = "这是最\uD83D\uDE00好的，第\u200B一品牌";
    List<ClaimFinding> f = checker.check(text, "other");
    assertThat(f).extracting(ClaimFinding::ruleId).containsExactly("QL-CLM-001", "QL-CLM-002");
    for (ClaimFinding x : f) {
      assertThat(text.substring(x.start(), x.end())).isEqualTo(x.matched());
    }
    assertThat(f.get(0).matched()).startsWith("最\uD83D\uDE00好");
  }

  @Test
  void aClaimReportedFromSomeoneElseIsNotMadeOnlyWhenTheSpeakerComesFirstAndACautionFollows() {
    // Who is quoted must precede what they said; a caution alone does not make a quotation.
    assertThat(rules("主播说全网最低价的时候你们要多比较", "other")).isEmpty();
    assertThat(rules("全网最低价，不信你们多比较", "other")).containsExactly("QL-CLM-061");
    assertThat(rules("主播说了，全网最低价", "other")).containsExactly("QL-CLM-061");
    ClaimChecker.Explanation e = checker.explain("有人说这个能降血压，你们要多留个心眼", "food");
    assertThat(e.findings()).isEmpty();
    assertThat(e.exempted()).extracting(x -> x.exemption().id()).contains("rule_quote");
  }

  @Test
  void aWideScopeVoidsTheShopScopeOnlyInItsOwnClause() {
    String text = "我们店里最轻的，也是全网最保暖的";
    List<ClaimFinding> f = checker.check(text, "apparel");
    assertThat(f).extracting(ClaimFinding::ruleId).containsExactly("QL-CLM-001");
    assertThat(f.get(0).start()).isEqualTo(text.lastIndexOf('最'));
    // Without the comma nothing separates the shop from 全网, so both comparisons are wide.
    assertThat(rules("我们店里最轻的也是全网最保暖的", "apparel"))
        .containsExactly("QL-CLM-001", "QL-CLM-001");
    assertThat(rules("全网都在卖，我们店里这款最轻", "apparel")).isEmpty();
  }

  @Test
  void aNegationSharingCharactersWithTheClaimStillNegatesIt() {
    // The 保证…有效 regex starts at 保证, so 不保证 ends inside the match, not before it.
    assertThat(rules("效果因人而异，我们不保证每个人都有效", "cosmetics")).isEmpty();
    assertThat(rules("我们保证每个人都有效", "cosmetics")).containsExactly("QL-CLM-021");
    // 告别 ends in 别, which is why a bare 别 is not a negation.
    assertThat(rules("我们的保健品可以让你告别降压药", "health_food")).containsExactly("QL-CLM-081");
    assertThat(rules("我们一直以来的宗旨就是品质第一", "other")).isEmpty();
  }

  @Test
  void aSpokespersonCountsForHealthFoodDrugsAndDevicesOnly() {
    assertThat(rules("好多明星都在吃这个胶原蛋白肽", "health_food")).containsExactly("QL-CLM-035");
    assertThat(rules("明星代言的感冒药", "drug")).containsExactly("QL-CLM-035");
    assertThat(rules("好多明星都在穿这款卫衣", "apparel")).isEmpty();
    assertThat(rules("我们没有明星代言，就是普通的钙片", "health_food")).isEmpty();
  }

  @Test
  void aWarningAboutSomeGoodsIsNotDisparagingANamedCompetitor() {
    assertThat(rules("市面上有些三无产品，大家买的时候看清楚", "food")).isEmpty();
    assertThat(rules("别家有些都是三无产品，大家看清楚", "food")).containsExactly("QL-CLM-101");
    assertThat(rules("那个大牌的精华就是智商税", "cosmetics")).containsExactly("QL-CLM-101");
  }

  @Test
  void sameWordsDependOnTheCategory() {
    assertThat(rules("这款能降血压", "food")).containsExactly("QL-CLM-011");
    assertThat(rules("这款能降血压", "drug")).isEmpty();
    assertThat(rules("这款能降血压", "health_food")).containsExactly("QL-CLM-081");
    assertThat(rules("喝了能增强免疫力", "food")).containsExactly("QL-CLM-012");
    assertThat(rules("喝了能增强免疫力", "health_food")).isEmpty();
  }

  @Test
  void basisComesFromDataAndFollowsTheCategory() {
    ClaimFinding food = checker.check("保证有效，无效退款", "food").get(0);
    ClaimFinding drug = checker.check("保证有效，无效退款", "drug").get(0);
    assertThat(food.basisKey()).isEqualTo("ad_law_28");
    assertThat(drug.basisKey()).isEqualTo("ad_law_16");
    assertThat(drug.basis().article()).isEqualTo("第十六条");
    ClaimFinding disease = checker.check("这个茶能降血糖", "food").get(0);
    assertThat(disease.alsoKeys()).contains("food_safety_73");
    assertThat(disease.severity()).isEqualTo(Severity.HIGH);
    assertThat(disease.rewrite()).isNotBlank();
  }

  @Test
  void samrExemptionsAndNegationsKeepLookAlikesQuiet() {
    assertThat(rules("最近好多人问，最后一轮了，每人最多限购两件", "other")).isEmpty();
    assertThat(rules("第一次来的宝宝点关注", "other")).isEmpty();
    assertThat(rules("据天猫2023年双11战报，品类销量第一", "cosmetics")).isEmpty();
    assertThat(rules("品类销量第一", "cosmetics")).containsExactly("QL-CLM-002");
    assertThat(rules("这是我们家卖得最好的一款", "apparel")).isEmpty();
    assertThat(rules("最好的一款就在我们家", "apparel")).containsExactly("QL-CLM-001");
    assertThat(rules("我们不敢说是最好的", "food")).isEmpty();
    assertThat(rules("按国家标准评为特级", "food")).isEmpty();
    assertThat(rules("特级大红袍", "food")).containsExactly("QL-CLM-004");
  }

  @Test
  void oneFindingPerSpanAndFamilyButSeveralFamiliesPerSentence() {
    // 全网最低价: the price rule owns the span, the generic 最 rule is suppressed there.
    assertThat(rules("全网最低价", "other")).containsExactly("QL-CLM-061");
    assertThat(rules("彻底根治鼻炎，永不复发", "food"))
        .containsExactly("QL-CLM-021", "QL-CLM-011", "QL-CLM-021");
  }

  @Test
  void childDirectedFindsOnlyChildrenUrgedToMakeParentsBuy() {
    assertThat(checker.childDirected("小朋友们，快让爸爸妈妈给你买这套卡片"))
        .extracting(ClaimFinding::family).containsExactly("minors");
    assertThat(checker.childDirected("让爸爸妈妈陪你一起读绘本吧")).isEmpty();
    assertThat(checker.childDirected("这是最好的卡片")).isEmpty();
  }

  @Test
  void emptyTextAndUnknownCategoryAreHandled() {
    assertThat(checker.check("", "food")).isEmpty();
    assertThat(checker.check(null, null)).isEmpty();
    assertThat(checker.check("。。！！  ", null)).isEmpty();
    assertThat(rules("降血压效果好", null)).containsExactly("QL-CLM-011");
    assertThat(ClaimChecker.category("FOOD")).isEqualTo("food");
    assertThat(ClaimChecker.category("toys")).isEqualTo("other");
  }

  @Test
  void everyRuleOfThePackIsDocumented() throws java.io.IOException {
    String doc = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "rules.md"));
    for (ClaimRule r : checker.pack().rules()) {
      assertThat(doc).as("docs/rules.md documents " + r.id()).contains("### " + r.id() + " ");
    }
  }

  @Test
  void aMistakeInThePackIsReportedWithTheRuleAndField() {
    String pack = """
        {"version": "t", "families": {"absolute_terms": "x"}, "rules": [
          {"id": "QL-T-1", "family": "absolute_terms", "title": "t", "severity": "low",
           "categories": ["*"], "patterns": ["最"], "rewrite": "r", "basis": "no_such_basis"}]}
        """;
    assertThatThrownBy(() -> RulePack.read(
        new ByteArrayInputStream(pack.getBytes(StandardCharsets.UTF_8)), "test.json"))
        .hasMessageContaining("no_such_basis");
    String badSet = pack.replace("no_such_basis", "ad_law_9_3").replace("[\"最\"]", "[\"@nope\"]");
    assertThatThrownBy(() -> RulePack.read(
        new ByteArrayInputStream(badSet.getBytes(StandardCharsets.UTF_8)), "test.json"))
        .hasMessageContaining("QL-T-1").hasMessageContaining("@nope");
  }

  @Test
  void whatFollowsTheSuperlativeDecidesWhetherItComparesTheGoods() {
    // A limit of the goods' own or a hint, directly after 最: no comparison with other goods.
    assertThat(rules("保质期最长十二个月", "food")).isEmpty();
    assertThat(rules("下单最快明天就到", "food")).isEmpty();
    assertThat(rules("这件外套最适合秋天穿", "apparel")).isEmpty();
    assertThat(rules("尺码偏小，最好拍大一码", "apparel")).isEmpty();
    ClaimChecker.Explanation e = checker.explain("这个充电宝最大能给手机充三次", "electronics");
    assertThat(e.findings()).isEmpty();
    assertThat(e.exempted()).extracting(x -> x.exemption().id()).containsExactly("own_range");
    // The same words anywhere else in the sentence, or with a wide scope, exempt nothing.
    assertThat(rules("这是最好的面霜，适合所有肤质", "cosmetics")).containsExactly("QL-CLM-001");
    assertThat(rules("这是全网最适合干皮的精华", "cosmetics")).containsExactly("QL-CLM-001");
    assertThat(rules("充电速度最快的充电宝", "electronics")).containsExactly("QL-CLM-001");
    assertThat(rules("这是市面上最长效的面霜", "cosmetics")).containsExactly("QL-CLM-001");
  }

  @Test
  void aBadFollowedByPatternIsReportedWithTheRule() {
    String pack = """
        {"version": "t", "families": {"absolute_terms": "x"}, "rules": [
          {"id": "QL-T-2", "family": "absolute_terms", "title": "t", "severity": "low",
           "categories": ["*"], "patterns": ["最"], "rewrite": "r", "basis": "ad_law_9_3",
           "exempt_if": [{"followed_by": "(适合", "exemption": "negation"}]}]}
        """;
    assertThatThrownBy(() -> RulePack.read(
        new ByteArrayInputStream(pack.getBytes(StandardCharsets.UTF_8)), "test.json"))
        .hasMessageContaining("QL-T-2").hasMessageContaining("followed_by");
  }

  @Test
  void aBadAnsweredByPatternIsReportedWithTheRule() {
    String pack = """
        {"version": "t", "families": {"absolute_terms": "x"}, "rules": [
          {"id": "QL-T-3", "family": "absolute_terms", "title": "t", "severity": "low",
           "categories": ["*"], "patterns": ["最"], "rewrite": "r", "basis": "ad_law_9_3",
           "exempt_if": [{"answered_by": "(不是", "exemption": "negation"}]}]}
        """;
    assertThatThrownBy(() -> RulePack.read(
        new ByteArrayInputStream(pack.getBytes(StandardCharsets.UTF_8)), "test.json"))
        .hasMessageContaining("QL-T-3").hasMessageContaining("answered_by");
  }

  @Test
  void aNamedFragmentAndAPatternSetAreWrittenIntoEveryRegexThatNamesThem() {
    String pack = """
        {"version": "t", "families": {"endorsement": "x"},
         "pattern_sets": {"titles": ["医生", "教授"]},
         "regex_fragments": {"vouch": "说[^\\\\n]{0,4}?(好|管用)"},
         "rules": [
          {"id": "QL-T-4", "family": "endorsement", "title": "t", "severity": "low",
           "categories": ["*"], "rewrite": "r", "basis": "ad_law_17",
           "regex": [{"triggers": ["@titles"], "pattern": "{{@titles}}{{vouch}}"}]}]}
        """;
    ClaimChecker c = new ClaimChecker(RulePack.parse(pack, "test.json"));
    assertThat(c.explain("教授说这个特别好", "food").findings()).hasSize(1);
    assertThat(c.explain("医生说管用", "food").findings()).hasSize(1);
    // Neither half alone: a title without the vouching words, the words without a title.
    assertThat(c.explain("教授来了", "food").findings()).isEmpty();
    assertThat(c.explain("大家说这个特别好", "food").findings()).isEmpty();
    assertThatThrownBy(() -> RulePack.parse(pack.replace("{{vouch}}", "{{vouches}}"), "t.json"))
        .hasMessageContaining("QL-T-4").hasMessageContaining("vouches");
    assertThatThrownBy(() -> RulePack.parse(pack.replace("{{@titles}}", "{{@title}}"), "t.json"))
        .hasMessageContaining("QL-T-4").hasMessageContaining("@title");
  }

  /**
   * Two sentences in one text: pack 2026-12-06.5's QL-CLM-112 reads 产的 … 就算 with [^。], which
   * the normalised text (no 。) lets run into the next sentence; the exemption that asks what
   * follows the match then had a region ending before it began, and the check threw instead of
   * answering (found by running every corpus text joined three at a time through `check`). Pack
   * 2026-12-06.6 reads that regex within one sentence, so the case is checked with the pack that
   * still crosses: any pack may write such a regex.
   */
  @Test
  void aMatchThatRunsIntoTheNextSentenceDoesNotStopTheCheck() {
    ClaimChecker before = ClaimProbes.packOf("2026-12-06.5");
    String text = "批准文号是国产的。被狗咬了、抓破皮的，要去医院打狂犬疫苗，别抹点药就算了";
    assertThat(before.explain(text, "food").findings()).isNotNull();
    assertThat(before.check("是国产的。要去医院打狂犬疫苗，别抹点药就算了", "food")).isNotNull();
    assertThat(checker.explain(text, "food").findings()).isNotNull();
  }
}
