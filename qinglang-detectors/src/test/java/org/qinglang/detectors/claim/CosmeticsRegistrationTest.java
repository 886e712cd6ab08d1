package org.qinglang.detectors.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.qinglang.detectors.claim.ClaimProbes.expect;
import static org.qinglang.detectors.claim.ClaimProbes.p;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.qinglang.io.Json;

/**
 * A cosmetic that is only filed as ordinary (普通备案), or whose special-use registration has not
 * come through yet, may not be sold on the special use; saying so in the same breath as the claim
 * is evidence of the violation, not an exemption from it (化妆品监督管理条例: special uses need
 * registration). Pack 2026-12-04.6 let the mere mention of 特证, or a product name such as 防晒喷雾,
 * clear these sentences. The sentences here are our own wording.
 */
class CosmeticsRegistrationTest {
  private static final String RULE = "QL-CLM-091";

  @Test
  void sayingTheGoodsAreNotRegisteredDoesNotExemptTheClaim() {
    expect(List.of(
        p("cosmetics", "这款美白精华的特证还在审批，不过美白效果已经很明显了", "cosmetics_special_use"),
        p("cosmetics", "我们家没有祛斑特证，但是用两周斑就淡了", "cosmetics_special_use"),
        p("cosmetics", "防晒喷雾是普通备案的，出门喷一喷照样晒不黑", "cosmetics_special_use"),
        p("cosmetics", "注册证还没拿到而已，这个染发膏一洗就黑", "cosmetics_special_use"),
        p("cosmetics", "是普通妆字号，但是祛斑比大牌还快", "cosmetics_special_use")));
  }

  @Test
  void registeredGoodsAdviceAndRefusalsStayLawful() {
    expect(List.of(
        // registered, and says so
        p("cosmetics", "这是国妆特字的美白精华，注册证编号在详情页", ""),
        p("cosmetics", "我们这款防晒霜有特证，spf50", ""),
        // a denial of other goods' registration is not a denial of ours
        p("cosmetics", "不是所有防晒都有特证，我们这款有国妆特字，防晒指数spf50", ""),
        // not registered, and therefore no special use claimed
        p("cosmetics", "我们没有美白特证，所以想美白的别拍这个", ""),
        p("cosmetics", "特证还没下来之前，我们不会说美白", ""),
        // the buyer's own action, whatever the goods are filed as
        p("cosmetics", "普通备案的护肤品哦，出门记得防晒", ""),
        p("cosmetics", "这款面霜只是普通备案，白天用完记得涂防晒", "")));
  }

  @Test
  void theRulesAloneNameTheExemptionTheyRefused() {
    ClaimChecker rules = new ClaimChecker(RulePack.standard());
    String text = "防晒喷雾是普通备案的，出门喷一喷照样晒不黑";
    List<ClaimFinding> found = rules.check(text, "cosmetics");
    assertThat(found).extracting(ClaimFinding::ruleId).contains(RULE);
    ClaimFinding first = found.stream().filter(f -> f.ruleId().equals(RULE)).findFirst()
        .orElseThrow();
    // The finding weighed the product-name exemption and says why it did not hold.
    assertThat(first.considered()).extracting(Exemption::id).contains("product_type",
        "special_registration");
    assertThat(rules.explain(text, "cosmetics").exempted())
        .noneMatch(x -> x.ruleId().equals(RULE) && x.exemption().id().equals("product_type"));
  }

  @Test
  void thePackBeforeTheFixClearedTheseSentences() {
    ClaimChecker before = ClaimProbes.packOf("2026-12-04.6");
    ClaimChecker after = new ClaimChecker(RulePack.standard());
    // Cleared entirely before: the mention of 特证 was read as registration.
    for (String text : List.of("这款美白精华的特证还在审批，不过美白效果已经很明显了",
        "我们家没有祛斑特证，但是用两周斑就淡了")) {
      assertThat(before.check(text, "cosmetics")).as(text).isEmpty();
      assertThat(after.check(text, "cosmetics")).as(text).isNotEmpty();
    }
    // 晒不黑 was found before too; the product name 防晒喷雾 was cleared as a product type.
    String spray = "防晒喷雾是普通备案的，出门喷一喷照样晒不黑";
    assertThat(before.check(spray, "cosmetics")).extracting(ClaimFinding::matched)
        .containsExactly("晒不黑");
    assertThat(after.check(spray, "cosmetics")).extracting(ClaimFinding::matched)
        .containsExactly("防晒", "晒不黑");
  }

  @Test
  void aBadMarkerRegexOrVoidingIsRefusedNamingWhere() throws IOException {
    assertThatThrownBy(() -> edited(root -> ((ObjectNode) root.path("marker_regex"))
        .set("no_such_set", root.path("marker_regex").path("no_special_reg").deepCopy())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("marker_regex no_such_set")
        .hasMessageContaining("unknown marker set");
    assertThatThrownBy(() -> edited(root -> ((ObjectNode) root.path("marker_regex")
        .path("no_special_reg").get(0)).put("pattern", "(特证")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("marker_regex no_special_reg")
        .hasMessageContaining("bad pattern");
    assertThatThrownBy(() -> edited(root -> ((ArrayNode) rule(root).path("voided_by")
        .path("no_special_reg")).add("no_such_exemption")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(RULE)
        .hasMessageContaining("unknown exemption 'no_such_exemption'");
  }

  private static ObjectNode rule(ObjectNode root) {
    for (var r : root.path("rules")) {
      if (r.path("id").asText().equals(RULE)) {
        return (ObjectNode) r;
      }
    }
    throw new AssertionError(RULE + " not in the pack");
  }

  private static RulePack edited(Consumer<ObjectNode> edit) throws IOException {
    ObjectNode root;
    try (InputStream in = CosmeticsRegistrationTest.class
        .getResourceAsStream("/qinglang/rules/claims.json")) {
      root = (ObjectNode) Json.MAPPER.readTree(in);
    }
    edit.accept(root);
    return RulePack.read(new ByteArrayInputStream(Json.MAPPER.writeValueAsBytes(root)), "edited");
  }
}
