package org.qinglang.detectors.claim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PackDiffTest {
  // Rules alone on both sides: the diff is about the packs, and the model is the same for both.
  static final ClaimChecker SHIPPED = new ClaimChecker(RulePack.standard());

  static ClaimChecker older() throws Exception {
    return ClaimProbes.packOf("2026-12-03.1");
  }

  static final List<PackDiff.Item> TEXTS = List.of(
      // QL-CLM-065 (a claimed coming price rise) came with pack 2026-12-04.1.
      new PackDiff.Item("t:1", "这个价格只有今天有，明天就涨价了", "food"),
      new PackDiff.Item("t:2", "全网最低价，错过再等一年", "food"),
      new PackDiff.Item("t:3", "今天给家人们讲讲怎么挑毛衣", "apparel"));

  static PackDiff.FamilyDiff family(PackDiff.Result r, String f) {
    return r.families().stream().filter(d -> d.family().equals(f)).findFirst().orElseThrow();
  }

  @Test
  void aRuleTheNewPackAddsShowsAsAddedTextsWithTheRuleAndWords() throws Exception {
    PackDiff.Result r = PackDiff.diff(older(), SHIPPED, TEXTS, 5);
    assertThat(r.texts()).isEqualTo(3);
    assertThat(r.oldVersion()).isEqualTo("2026-12-03.1");
    assertThat(r.newVersion()).isEqualTo(RulePack.standard().version()).isNotEqualTo(r.oldVersion());
    PackDiff.FamilyDiff price = family(r, "fictitious_price");
    assertThat(price.added()).isEqualTo(1);
    assertThat(price.removed()).isZero();
    // 全网最低价 is a fictitious-price finding for both packs: counted on both sides, not a change.
    assertThat(price.before()).isEqualTo(1);
    assertThat(price.after()).isEqualTo(2);
    PackDiff.Change c = price.addedExamples().get(0);
    assertThat(c.item().where()).isEqualTo("t:1");
    assertThat(c.rules()).contains("QL-CLM-065");
    assertThat(String.join("", c.matched())).contains("涨价");
    // Nothing else in these texts differs between the packs.
    assertThat(r.families()).filteredOn(d -> !d.family().equals("fictitious_price"))
        .allMatch(PackDiff.FamilyDiff::unchanged);
  }

  @Test
  void swappingThePacksTurnsAddedIntoRemoved() throws Exception {
    PackDiff.Result r = PackDiff.diff(SHIPPED, older(), TEXTS, 5);
    PackDiff.FamilyDiff price = family(r, "fictitious_price");
    assertThat(price.removed()).isEqualTo(1);
    assertThat(price.added()).isZero();
    assertThat(price.removedExamples()).extracting(ch -> ch.item().where()).containsExactly("t:1");
  }

  static ClaimChecker previous() throws Exception {
    return ClaimProbes.packOf("2026-12-04.2");
  }

  /**
   * Pack 2026-12-04.3 against 2026-12-04.2: a new minors rule (QL-CLM-073, unsafe imitation)
   * adds a finding, an exemption by the superlative's target (a service promise) removes one.
   */
  @Test
  void theCurrentPackAgainstThePreviousAddsARuleAndRemovesAnExemptedSuperlative()
      throws Exception {
    List<PackDiff.Item> texts = List.of(
        new PackDiff.Item("t:1", "小朋友们，学学视频里的哥哥，从楼梯扶手上滑下来", "other"),
        new PackDiff.Item("t:2", "我们售后一定做到最好，有问题找我", "other"),
        new PackDiff.Item("t:3", "今天给家人们讲讲怎么挑毛衣", "apparel"));
    PackDiff.Result r = PackDiff.diff(previous(), SHIPPED, texts, 5);
    assertThat(r.oldVersion()).isEqualTo("2026-12-04.2");
    PackDiff.FamilyDiff minors = family(r, "minors");
    assertThat(minors.added()).isEqualTo(1);
    assertThat(minors.addedExamples().get(0).rules()).contains("QL-CLM-073");
    PackDiff.FamilyDiff abs = family(r, "absolute_terms");
    assertThat(abs.removed()).isEqualTo(1);
    assertThat(abs.added()).isZero();
    assertThat(abs.removedExamples().get(0).item().where()).isEqualTo("t:2");
  }

  @Test
  void aPackAgainstItselfChangesNothingAndExamplesAreCapped() throws Exception {
    PackDiff.Result same = PackDiff.diff(SHIPPED, SHIPPED, TEXTS, 5);
    assertThat(same.families()).isNotEmpty().allMatch(PackDiff.FamilyDiff::unchanged);
    List<PackDiff.Item> many = java.util.stream.IntStream.range(0, 20)
        .mapToObj(i -> new PackDiff.Item("m:" + i, "这个价格只有今天有，明天就涨价了，第" + i + "件", "food"))
        .toList();
    PackDiff.FamilyDiff price = family(PackDiff.diff(older(), SHIPPED, many, 3), "fictitious_price");
    assertThat(price.added()).isEqualTo(20);
    assertThat(price.addedExamples()).hasSize(3);
  }

  static ClaimChecker previousOf4() throws Exception {
    return ClaimProbes.packOf("2026-12-04.3");
  }

  /**
   * Pack 2026-12-04.4 against 2026-12-04.3: the new endorsement rule (QL-CLM-036, a
   * spokesperson who has not used the goods) adds a finding; a superlative whose head noun is a
   * building, not the goods, loses its absolute-terms finding.
   */
  @Test
  void pack4AgainstPack3AddsTheSpokespersonRuleAndRemovesASuperlativeAboutABuilding()
      throws Exception {
    List<PackDiff.Item> texts = List.of(
        new PackDiff.Item("u:1", "这款面霜的代言人其实没用过，签了合同就拍了广告", "cosmetics"),
        new PackDiff.Item("u:2", "发货的仓库就在全省最大的物流园里，所以发得快", "apparel"),
        new PackDiff.Item("u:3", "今天给家人们讲讲怎么挑毛衣", "apparel"));
    PackDiff.Result r = PackDiff.diff(previousOf4(), SHIPPED, texts, 5);
    assertThat(r.oldVersion()).isEqualTo("2026-12-04.3");
    PackDiff.FamilyDiff endorsement = family(r, "endorsement");
    assertThat(endorsement.added()).isEqualTo(1);
    assertThat(endorsement.addedExamples().get(0).rules()).contains("QL-CLM-036");
    PackDiff.FamilyDiff abs = family(r, "absolute_terms");
    assertThat(abs.removed()).isEqualTo(1);
    assertThat(abs.added()).isZero();
    assertThat(abs.removedExamples().get(0).item().where()).isEqualTo("u:2");
  }

  static ClaimChecker previousOf5() throws Exception {
    return ClaimProbes.packOf("2026-12-04.4");
  }

  /**
   * Pack 2026-12-04.5 against 2026-12-04.4: a competitor said to use an illegal dye (a claim
   * word 2026-12-04.5 adds, 广告法第十三条) gains a disparagement finding; a superlative within a
   * counted set of the seller's own goods opened by a demonstrative (这几筐…里, 指南第九条第（一）项)
   * loses its absolute-terms finding.
   */
  @Test
  void pack5AgainstPack4AddsADisparagementAndRemovesASuperlativeWithinTheSellersOwnGoods()
      throws Exception {
    List<PackDiff.Item> texts = List.of(
        new PackDiff.Item("u:1", "隔壁那家的腊肠里有苏丹红，你们自己想", "food"),
        new PackDiff.Item("u:2", "这几筐橘子里这一筐最甜，个头也匀", "agricultural"),
        new PackDiff.Item("u:3", "今天给家人们讲讲怎么挑橘子", "agricultural"));
    PackDiff.Result r = PackDiff.diff(previousOf5(), SHIPPED, texts, 5);
    assertThat(r.oldVersion()).isEqualTo("2026-12-04.4");
    PackDiff.FamilyDiff disp = family(r, "disparagement");
    assertThat(disp.added()).isEqualTo(1);
    assertThat(disp.removed()).isZero();
    assertThat(disp.addedExamples().get(0).item().where()).isEqualTo("u:1");
    PackDiff.FamilyDiff abs = family(r, "absolute_terms");
    assertThat(abs.removed()).isEqualTo(1);
    assertThat(abs.added()).isZero();
    assertThat(abs.removedExamples().get(0).item().where()).isEqualTo("u:2");
  }
}
