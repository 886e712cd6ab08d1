package org.qinglang.detectors.claim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qinglang.alert.Alert;
import org.qinglang.alert.Severity;
import org.qinglang.alert.Subject;
import org.qinglang.detect.LocalRunner;
import org.qinglang.event.Product;
import org.qinglang.event.RoomStart;
import org.qinglang.event.Speech;

class FalseClaimDetectorTest {
  private static final long T0 = 1_790_000_000_000L;

  private static RoomStart start(String room, String title) {
    return new RoomStart(T0, "douyin", room, "anchor-" + room, title, null, null, null, "studio");
  }

  private static Speech say(String room, long at, String text) {
    return new Speech(T0 + at, "douyin", room, text, null);
  }

  private static Product list(String room, long at, String sku, String title, String category) {
    return new Product(T0 + at, "douyin", room, sku, title, 9900, null, null, category, null,
        null);
  }

  private static Alert only(List<Alert> alerts, String family) {
    List<Alert> of = alerts.stream().filter(a -> family.equals(a.evidence().get("family")))
        .toList();
    assertThat(of).hasSize(1);
    return of.get(0);
  }

  @Test
  void oneAlertPerRoomAndFamilyWithSpanRuleBasisAndRewrite() {
    LocalRunner run = LocalRunner.of(new FalseClaimDetector());
    run.accept(start("r1", "全网最低价，今晚宠粉"));
    run.accept(list("r1", 1000, "sku-tea", "苦荞茶 降三高 500g", "food"));
    String said = "这款茶是最好的，喝了能降血压";
    run.accept(say("r1", 2000, said));
    run.accept(say("r1", 3000, "我们是行业第一品牌"));
    List<Alert> alerts = run.finish();

    assertThat(alerts).extracting(a -> a.evidence().get("family"))
        .containsExactlyInAnyOrder("fictitious_price", "medical_efficacy", "health_food",
            "absolute_terms");
    // 降三高 on an ordinary food's listing is also a health-function claim (QL-CLM-016).
    assertThat(only(alerts, "health_food").rule()).isEqualTo("QL-CLM-016");
    Alert medical = only(alerts, "medical_efficacy");
    assertThat(medical.kind()).isEqualTo("false_claim");
    assertThat(medical.room()).isEqualTo("r1");
    assertThat(medical.severity()).isEqualTo(Severity.HIGH);
    assertThat(medical.rule()).isEqualTo("QL-CLM-011");
    assertThat(medical.basis()).contains("第十七条");
    assertThat(medical.subjects()).contains(Subject.room("r1"), Subject.anchor("anchor-r1"),
        Subject.sku("sku-tea"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> matches = (List<Map<String, Object>>) medical.evidence()
        .get("matches");
    assertThat(matches).hasSize(2);
    Map<String, Object> spoken = matches.get(1);
    assertThat(spoken.get("source")).isEqualTo("speech");
    @SuppressWarnings("unchecked")
    List<Integer> span = (List<Integer>) spoken.get("span");
    assertThat(said.substring(span.get(0), span.get(1))).isEqualTo(spoken.get("matched"))
        .isEqualTo("降血压");
    assertThat((String) spoken.get("rewrite")).isNotBlank();
    assertThat(((Map<?, ?>) spoken.get("event")).get("type")).isEqualTo("speech");

    Alert absolute = only(alerts, "absolute_terms");
    @SuppressWarnings("unchecked")
    List<Object> rulesSeen = (List<Object>) absolute.evidence().get("rules");
    assertThat(rulesSeen)
        .containsExactly("QL-CLM-001", "QL-CLM-002");
    assertThat(absolute.evidence().get("findings")).isEqualTo(2);

    FalseClaimDetector.Evidence typed = absolute.evidenceAs(FalseClaimDetector.Evidence.class);
    assertThat(typed.rules()).containsExactly("QL-CLM-001", "QL-CLM-002");
    assertThat(typed.legalBasis().get("article")).isEqualTo("第九条第（三）项");
    FalseClaimDetector.Match best = typed.matches().get(0);
    assertThat(best.matched()).startsWith("最好");
    // 最好 said of the tea with no shop scope: the self-comparison clause was weighed and failed.
    assertThat(best.exemptionsConsidered()).extracting(m -> m.get("exemption"))
        .contains("samr_9_1_self", "samr_9_2_hint", "negation");
    assertThat(best.exemptionsConsidered()).allSatisfy(m -> assertThat(m.get("not_applied"))
        .isNotNull());
  }

  @Test
  void lawfulUsesOfTheSameWordsRaiseNothing() {
    LocalRunner run = LocalRunner.of(new FalseClaimDetector());
    run.accept(start("r2", "秋冬上新"));
    run.accept(list("r2", 1000, "sku-coat", "轻薄羽绒服", "apparel"));
    run.accept(say("r2", 2000, "这是我们店里最轻的一款"));
    run.accept(say("r2", 3000, "这首歌好治愈"));
    run.accept(say("r2", 4000, "广告法规定不能说最好，我只说我自己一直在穿"));
    run.accept(say("r2", 5000, "划线价是本店近30天最低成交价，今天到手再减二十"));
    assertThat(run.finish()).isEmpty();
  }

  @Test
  void categoryOfTheProductOnSaleDecidesAndLookAlikesStayQuiet() {
    LocalRunner run = LocalRunner.of(new FalseClaimDetector());
    run.accept(start("pharmacy", "大药房直播"));
    run.accept(list("pharmacy", 1000, "sku-drug", "硝苯地平控释片", "drug"));
    run.accept(say("pharmacy", 2000, "这个药用于降血压，请遵医嘱"));
    run.accept(start("shop", "春节特供礼盒专场"));
    run.accept(say("shop", 1000, "最近好多人问，第一次来的宝宝点关注，每人最多限购两件"));
    run.accept(say("shop", 2000, "本品不能代替药物，高血压患者请在医生指导下食用"));
    assertThat(run.finish()).isEmpty();
  }

  @Test
  void speechNamingAListedProductIsCheckedUnderThatProductsCategory() {
    LocalRunner run = LocalRunner.of(new FalseClaimDetector());
    run.accept(start("r3", "好物分享"));
    run.accept(list("r3", 1000, "sku-vc", "维生素C片", "health_food"));
    run.accept(list("r3", 2000, "sku-box", "收纳箱三件套", "other"));
    run.accept(say("r3", 3000, "维生素C片能增强免疫力"));
    assertThat(run.finish()).isEmpty();
    LocalRunner food = LocalRunner.of(new FalseClaimDetector());
    food.accept(start("r4", "好物分享"));
    food.accept(list("r4", 1000, "sku-juice", "橙汁", "food"));
    food.accept(list("r4", 2000, "sku-box", "收纳箱三件套", "other"));
    food.accept(say("r4", 3000, "橙汁能增强免疫力"));
    assertThat(food.finish()).extracting(Alert::rule).containsExactly("QL-CLM-012");
  }

  @Test
  void reEmitsOnlyOnMaterialChangeAndLeavesChildrenToMinorVenue() {
    LocalRunner run = LocalRunner.of(new FalseClaimDetector());
    run.accept(start("r2", "好物分享"));
    for (int i = 0; i < 5; i++) {
      run.accept(say("r2", 1000L * (i + 1), "这是最好的"));
    }
    run.accept(say("r2", 9000, "小朋友们，快让爸爸妈妈给你买"));
    List<Alert> alerts = run.finish();
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).evidence().get("family")).isEqualTo("absolute_terms");
    // findings 1, 2 and 4 are material (first, then doubling); 3 and 5 are not
    assertThat(run.emitted()).isEqualTo(3);
    assertThat(alerts.get(0).evidence().get("findings")).isEqualTo(4);
  }
}
