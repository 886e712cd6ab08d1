package org.qinglang.detectors.claim;

import static org.qinglang.detectors.claim.ClaimProbes.p;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pack 2026-12-07.18: an ordinary cosmetic said to lack a special use (不带防晒, 没标SPF, 莫得祛斑功效,
 * Sichuanese for 没有) claims nothing, and sunscreen put on when going out is what the buyer does
 * (出门还得另外涂防晒), not what the goods do. A cosmetic said to have the use, or to do it when
 * going out, still counts. The sentences are our own wording.
 */
class WhatACosmeticLacksTest {

  private final ClaimChecker rules = new ClaimChecker(RulePack.standard());

  private static final List<String[]> LACKS = List.of(
      p("cosmetics", "这款素颜霜不带防晒，户外记得另外擦一层防晒霜", ""),
      p("cosmetics", "这支唇膏没标SPF，白天还得另外涂防晒", ""),
      p("cosmetics", "这支眼霜莫得祛斑的功效，只管保湿", ""));

  private static final List<String[]> HAS_IT = List.of(
      p("cosmetics", "这款隔离霜能防晒，出门擦它就够了", "cosmetics_special_use"),
      p("cosmetics", "这款面霜涂了能美白，出门前记得擦", "cosmetics_special_use"));

  @Test
  void aCosmeticSaidToLackASpecialUseClaimsNothing() {
    ClaimProbes.newlyCleared("2026-12-07.17", rules, LACKS);
  }

  @Test
  void aCosmeticSaidToHaveItStillCounts() {
    ClaimProbes.findsEach(rules, HAS_IT);
  }
}
