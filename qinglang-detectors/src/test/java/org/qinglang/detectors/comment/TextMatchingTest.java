package org.qinglang.detectors.comment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Normalisation, near-duplicate clustering and the claim classes, on hand-made texts. */
class TextMatchingTest {

  /**
   * The shortcut comment_flood takes must score every text as the full classification does:
   * texts made at random of claim words, numbers, units and chatter, of every length around
   * the 8-character bound, hit each branch.
   */
  @Test
  void substantiveScoreIsTheClassificationsScore() {
    String[] parts = {"回购", "瘦了", "3", "斤", "吃了", "效果", "质量", "推荐", "盒", "颗", "天", "我妈",
        "主播", "好看", "哈哈", "666", "姐妹们", "真的", "绝了", "kg", "个月", "用了", "明显", "血糖降",
        "白了", "2", "性价比", "来了", "冲", "？", "[赞]", "没了", "坚持", "舒服"};
    java.util.Random rnd = new java.util.Random(14);
    int substantive = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b = new StringBuilder();
      for (int k = rnd.nextInt(7); k >= 0; k--) {
        b.append(parts[rnd.nextInt(parts.length)]);
      }
      String norm = TextNormalizer.normalize(b.toString());
      double full = ClaimText.classify(norm).score();
      assertThat(ClaimText.substantiveScore(norm)).as(norm).isEqualTo(full);
      substantive += full > 0 ? 1 : 0;
    }
    // Both outcomes are common, so the comparison says something about each.
    assertThat(substantive).isBetween(2_000, 18_000);
  }

  @Test
  void normalisationRemovesWhatTeamsVaryForFree() {
    assertThat(TextNormalizer.normalize("３颗就瘦了3.2斤！！👍[赞]"))
        .isEqualTo(TextNormalizer.normalize("3颗就瘦了5斤~"))
        .isEqualTo("#颗就瘦了#斤");
    assertThat(TextNormalizer.normalize("三颗就瘦了两斤")).isEqualTo("#颗就瘦了#斤");
    assertThat(TextNormalizer.normalize("好好好用 ABC")).isEqualTo("好用abc");
    assertThat(TextNormalizer.normalize("\\嘉然/\\嘉然/\\嘉然/")).isEqualTo("嘉然");
    assertThat(TextNormalizer.normalize("？？？")).isEmpty();
    assertThat(TextNormalizer.normalize("666")).isEqualTo("#");
  }

  @Test
  void variantsOfOneTemplateShareAClusterAndOtherTextsDoNot() {
    NearDuplicateIndex idx = new NearDuplicateIndex(600_000, 100);
    long a = idx.assign(TextNormalizer.normalize("我喝酒夜宵还瘦了7斤，就2盒"), 0);
    long b = idx.assign(TextNormalizer.normalize("姐妹们，我喝酒夜宵还瘦了6.5斤 就3盒!!!🔥"), 1_000);
    long c = idx.assign(TextNormalizer.normalize("我喝酒夜宵还瘦了九斤，就五盒，真的绝了"), 2_000);
    long d = idx.assign(TextNormalizer.normalize("这件卫衣尺码偏大吗，一米六穿什么码"), 3_000);
    assertThat(b).isEqualTo(a);
    assertThat(c).isEqualTo(a);
    assertThat(d).isNotEqualTo(a);
    // Short texts: exact or one edit apart.
    long e = idx.assign("主播好看", 4_000);
    assertThat(idx.assign("主播真好看", 5_000)).isEqualTo(e);
    assertThat(idx.assign("主播", 6_000)).isNotEqualTo(e);
  }

  @Test
  void copiesWithWordsSlippedIntoTheTemplateShareACluster() {
    // Three members of one subtle team (subtle seed 23): a word or a stutter slipped inside a
    // 12-character template and a different filler around it leave each pair 53-56% of the
    // smaller text's bigrams in common, under the 60% once asked for.
    NearDuplicateIndex idx = new NearDuplicateIndex(600_000, 100);
    long a = idx.assign(TextNormalizer.normalize("这价格也太划划算了吧，闭足足眼入～，冲就完了❤️👍👍✨"), 0);
    long b = idx.assign(TextNormalizer.normalize("真的这价格也太划算了吧，闭眼足足入～太爱了❤️😭😍"), 1_000);
    long c = idx.assign(TextNormalizer.normalize("亲测这价直接格也太划算了吧，闭眼入！！后悔没早买💪✨"), 2_000);
    // Another viewer's remark about the price, in a sentence of its own.
    long d = idx.assign(TextNormalizer.normalize("这价格比上次直播贵了吧，我再等等"), 3_000);
    assertThat(b).isEqualTo(a);
    assertThat(c).isEqualTo(a);
    assertThat(d).isNotEqualTo(a);
  }

  @Test
  void clustersExpireAfterTheWindow() {
    NearDuplicateIndex idx = new NearDuplicateIndex(60_000, 100);
    long a = idx.assign("吃了#盒掉了#斤裤子都松了", 0);
    assertThat(idx.assign("吃了#盒掉了#斤裤子都松了", 30_000)).isEqualTo(a);
    assertThat(idx.assign("吃了#盒掉了#斤裤子都松了", 200_000)).isNotEqualTo(a);
    for (int i = 0; i < 500; i++) {
      idx.assign("第" + (char) ('一' + i) + "条不同的评论内容" + i, 200_000 + i);
    }
    assertThat(idx.clusterCount()).isLessThanOrEqualTo(101);
  }

  /**
   * Clusters last seen at the same moment are dropped over the cap oldest id first, not in the
   * layout of the map holding them, which a restore lays out afresh: a resumed job must keep
   * the clusters the uninterrupted one kept. Forty texts in one millisecond through a cap of 4:
   * the newest three survive every sweep (ids past the map's 16 buckets once came back first).
   */
  @Test
  void clustersSeenAtOneMomentAreDroppedOldestFirst() {
    NearDuplicateIndex idx = new NearDuplicateIndex(600_000, 4);
    java.util.List<String> texts = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      texts.add(String.valueOf((char) ('一' + 37 * i)).repeat(6));
      idx.assign(texts.get(i), 1_000);
    }
    for (int i = 37; i < 40; i++) {
      long before = idx.clusterCount();
      idx.assign(texts.get(i), 1_000);
      assertThat(idx.lastWasNew()).as("text %d of 40", i + 1).isFalse();
      assertThat(idx.clusterCount()).isEqualTo(before);
    }
  }

  @Test
  void claimsAreToldFromChatter() {
    assertThat(ClaimText.isTestimonial(TextNormalizer.normalize("3颗就瘦了3.2斤"))).isTrue();
    assertThat(ClaimText.isTestimonial(TextNormalizer.normalize("我爸吃了三个月血糖降了"))).isTrue();
    assertThat(ClaimText.isTestimonial(TextNormalizer.normalize("回购了，上次买的用完了"))).isTrue();
    assertThat(ClaimText.isTestimonial(TextNormalizer.normalize("用了7天斑淡了好多"))).isTrue();
    // Real broadcast lines: a result word or a use word alone is not a testimonial.
    assertThat(ClaimText.isTestimonial(TextNormalizer.normalize("效果挺好的"))).isFalse();
    assertThat(ClaimText.isTestimonial(TextNormalizer.normalize("尬 吃了"))).isFalse();
    assertThat(ClaimText.isTestimonial(TextNormalizer.normalize("嘉然想睡觉了 饶了孩子吧"))).isFalse();
    assertThat(ClaimText.classify(TextNormalizer.normalize("能不能来点二次元")).substantive())
        .isFalse();
    assertThat(ClaimText.classify(TextNormalizer.normalize("扣1")).substantive()).isFalse();
    assertThat(ClaimText.classify(TextNormalizer.normalize("这价格也太划算了吧，闭眼入"))
        .substantive()).isTrue();
    for (String s : new String[] {"3颗就瘦了3.2斤", "回购", "血糖降了", "睡整觉了", "用了有效果"}) {
      assertThat(ClaimText.mayBeTestimonial(s)).as(s).isTrue();
    }
  }
}
