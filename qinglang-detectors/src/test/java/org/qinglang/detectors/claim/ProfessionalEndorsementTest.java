package org.qinglang.detectors.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qinglang.detectors.claim.ClaimProbes.expect;
import static org.qinglang.detectors.claim.ClaimProbes.p;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Training, investment and farming adverts may not use institutions, professionals, students or
 * users to recommend or vouch (广告法第二十四条第（三）项, 第二十五条第（二）项, 第二十七条第（四）项,
 * and for pesticides, veterinary drugs and feed 第二十一条第（二）项), and no advert may use a state
 * organ's name (第九条第（二）项). Before pack 2026-12-05.2 only doctors, experts and patients were
 * read this way, in every category, on medical grounds (第十七条). The contract has no category for
 * a course or a fund (they arrive as "other"), so those two rules need what the sentence sells;
 * seeds and pesticides have the agricultural category. The sentences here are our own wording.
 */
class ProfessionalEndorsementTest {

  @Test
  void institutionsProfessionalsAndBeneficiariesMayNotVouch() {
    expect(List.of(
        p("other", "这套考研英语课是外国语大学的教授推荐给学生的", "endorsement"),
        p("other", "去年考上的学员都推荐这套真题班", "endorsement"),
        p("other", "这款定投基金，好几位基金经理自己也在买", "endorsement"),
        p("agricultural", "市农科院的研究员推荐这个玉米种，说抗倒伏", "endorsement"),
        p("agricultural", "植保站的专家都说好，这瓶杀虫剂你们放心打", "endorsement"),
        p("other", "教育局推荐的暑假网课，名额不多", "endorsement"),
        p("health_food", "这款鱼油是卫健委推荐的", "endorsement")));
  }

  @Test
  void factsAdviceAndDenialsStayLawful() {
    expect(List.of(
        p("agricultural", "农科院的研究员没推荐过任何牌子，我们不拿他们说事", ""),
        p("other", "这门课的主讲老师是师范大学数学系毕业的", ""),
        p("agricultural", "农技站的技术员提醒，打药前要看天气预报", ""),
        p("other", "教育局规定校外培训不能占用周末", ""),
        // a recommendation of how to use food is not a training, fund or seed advert
        p("food", "我们的技术员推荐你用低温烘焙，香味更足", "")));
  }

  @Test
  void eachFindingCitesTheArticleForWhatIsSold() {
    ClaimChecker rules = new ClaimChecker(RulePack.standard());
    assertThat(basis(rules, "other", "去年考上的学员都推荐这套真题班")).isEqualTo("ad_law_24_3");
    assertThat(basis(rules, "other", "这款定投基金，好几位基金经理自己也在买"))
        .isEqualTo("ad_law_25_2");
    ClaimFinding seed = rules.check("市农科院的研究员推荐这个玉米种，说抗倒伏", "agricultural")
        .get(0);
    assertThat(seed.basisKey()).isEqualTo("ad_law_27_4");
    assertThat(seed.alsoKeys()).contains("ad_law_21_2");
    assertThat(basis(rules, "other", "教育局推荐的暑假网课，名额不多")).isEqualTo("ad_law_9_2");
  }

  @Test
  void thePackBeforeDidNotReadThese() {
    ClaimChecker before = ClaimProbes.packOf("2026-12-05.1");
    ClaimChecker after = new ClaimChecker(RulePack.standard());
    for (String[] s : List.of(
        new String[] {"other", "去年考上的学员都推荐这套真题班"},
        new String[] {"other", "这款定投基金，好几位基金经理自己也在买"},
        new String[] {"other", "教育局推荐的暑假网课，名额不多"})) {
      assertThat(before.check(s[1], s[0])).as(s[1]).isEmpty();
      assertThat(after.check(s[1], s[0])).as(s[1]).extracting(ClaimFinding::family)
          .containsExactly("endorsement");
    }
  }

  private static String basis(ClaimChecker checker, String category, String text) {
    List<ClaimFinding> found = checker.check(text, category);
    assertThat(found).as(text).hasSize(1);
    return found.get(0).basisKey();
  }
}
