package org.qinglang.detectors.comment;

/**
 * What a normalised comment says, in the few classes that matter for paid comments:
 * a personal testimonial (use + result: 吃了三天瘦了3斤, 回购, 斑淡了), a product claim with a
 * number and a unit (3颗, 7天, 2盒), product praise or hype (质量好, 性价比, 闭眼入), or none of
 * these (chants, greetings, questions, fan talk).
 *
 * <p>Works on {@link TextNormalizer} output, where every number is {@code #}. The word lists
 * are deliberately narrow: a live room is full of "效果" about the show (灯光效果, 3D的效果)
 * and "吃了" about memes, so a result word alone or a use word alone is not a testimonial;
 * both are needed, or one of the unambiguous phrases (回购, 瘦了#斤, 血糖降了, 睡整觉).
 */
public final class ClaimText {
  private static final String[] STRONG = {"回购", "复购", "第#次买", "第#盒", "第#瓶", "第#罐",
      "破平台期", "掉秤", "斑淡了", "淡斑了", "痘痘消了", "痘印淡了", "血糖降", "血压降", "血脂降",
      "血糖稳", "睡整觉", "不失眠了", "失眠好了", "便秘好了", "亲测有效", "亲测好用", "腰围小了",
      "肚子小了", "白了#个度"};
  private static final String[] WEIGHT_UNIT = {"#斤", "#公斤", "#kg"};
  private static final String[] WEIGHT_VERB = {"瘦", "掉", "减", "轻了"};
  private static final String[] USE = {"用了", "吃了", "喝了", "涂了", "抹了", "敷了", "坚持", "买了",
      "买的", "入手", "囤了", "在用", "天天吃", "天天喝", "每天吃", "每天喝", "自从", "亲测", "我妈", "我爸",
      "我老公", "我家"};
  private static final String[] RESULT = {"效果", "管用", "有用", "好用", "见效", "明显", "瘦", "白了",
      "淡了", "消了", "好多了", "降了", "改善", "反弹", "睡得", "舒服", "嫩了", "亮了", "不疼了", "没了"};
  private static final String[] PRAISE = {"质量", "好用", "推荐", "划算", "便宜", "正品", "性价比", "闭眼入",
      "必买", "值得", "超值", "好吃", "好喝", "绝了", "宝藏", "安利", "物美价廉", "踩雷", "良心", "效果",
      "靠谱", "放心", "回购", "太值", "赶紧拍", "赶紧买", "冲就完了", "不买后悔", "最低价", "全网最低", "史低"};
  /**
   * Measure words that make a number a claim about a product or a result. Not 天, 次, 点 or
   * 岁: after normalisation 有一天, 第一次, 一点 and 二次元 carry a number too, and fans say them.
   */
  private static final String UNITS = "斤盒颗瓶袋粒罐";
  private static final String[] UNIT_WORDS = {"kg", "公斤", "个月", "周"};

  /** The classes of one text; {@link #substantive()} is what a paid team posts. */
  public record Kind(boolean testimonial, boolean numberClaim, boolean praise, int length) {
    /** A claim worth paying for: a testimonial, or praise/numbers in a real sentence. */
    public boolean substantive() {
      return testimonial || ((praise || numberClaim) && length >= 8);
    }

    /** 0 for chatter; up to 1 for a long testimonial with numbers. */
    public double score() {
      if (!substantive()) {
        return 0;
      }
      return Math.min(1, 0.5 + (testimonial ? 0.25 : 0) + (numberClaim ? 0.15 : 0)
          + (length >= 12 ? 0.1 : 0));
    }
  }

  private ClaimText() {}

  public static Kind classify(String normalised) {
    return new Kind(isTestimonial(normalised), hasNumberClaim(normalised),
        any(normalised, PRAISE), normalised.length());
  }

  /**
   * {@code classify(normalised).score()} without the tests that cannot change it: a text that
   * is no testimonial and shorter than 8 characters is chatter whatever else it holds, and
   * praise matters only when there is no number claim. For a detector that reads every
   * comment of a room, most of them short chatter.
   */
  public static double substantiveScore(String normalised) {
    boolean testimonial = mayBeTestimonial(normalised) && isTestimonial(normalised);
    int length = normalised.length();
    if (!testimonial && length < 8) {
      return 0;
    }
    boolean number = hasNumberClaim(normalised);
    if (!testimonial && !number && !any(normalised, PRAISE)) {
      return 0;
    }
    return new Kind(testimonial, number, !testimonial && !number, length).score();
  }

  /** Personal use and result: the claim a fake testimonial makes. */
  public static boolean isTestimonial(String s) {
    if (s.length() < 2) {
      return false;
    }
    if (any(s, STRONG)) {
      return true;
    }
    if (any(s, WEIGHT_UNIT) && any(s, WEIGHT_VERB)) {
      return true;
    }
    return any(s, USE) && any(s, RESULT);
  }

  /** A number followed by a measure word: 3颗, 7天, 2盒. */
  public static boolean hasNumberClaim(String s) {
    for (int i = s.indexOf(TextNormalizer.DIGIT); i >= 0 && i + 1 < s.length();
        i = s.indexOf(TextNormalizer.DIGIT, i + 1)) {
      if (UNITS.indexOf(s.charAt(i + 1)) >= 0) {
        return true;
      }
      for (String w : UNIT_WORDS) {
        if (s.startsWith(w, i + 1)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * A cheap pre-filter on the raw text for detectors' {@code accepts}: true for every text
   * that {@link #isTestimonial} could accept (it looks for the characters all patterns need).
   */
  public static boolean mayBeTestimonial(String raw) {
    if (raw == null || raw.length() < 2) {
      return false;
    }
    for (int i = 0; i < raw.length(); i++) {
      switch (raw.charAt(i)) {
        case '购': case '买': case '盒': case '瓶': case '罐': case '平': case '秤': case '淡':
        case '消': case '血': case '睡': case '眠': case '秘': case '测': case '腰': case '肚':
        case '白': case '斤': case 'k': case 'K': case 'ｋ': case 'Ｋ': case '用': case '吃':
        case '喝': case '涂': case '抹': case '敷': case '坚': case '囤': case '入': case '天':
        case '每': case '自': case '我':
          return true;
        default:
          break;
      }
    }
    return false;
  }

  private static boolean any(String s, String[] words) {
    for (String w : words) {
      if (s.contains(w)) {
        return true;
      }
    }
    return false;
  }
}
