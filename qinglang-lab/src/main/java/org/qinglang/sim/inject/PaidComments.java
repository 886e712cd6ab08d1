package org.qinglang.sim.inject;

import java.util.ArrayList;
import java.util.List;
import org.qinglang.sim.World;

/**
 * What paid comment teams post, after the 2025 Beijing diet-jelly case ("3颗就瘦了3.2斤",
 * "3天成功7天破平台期", "我喝酒夜宵还瘦了7斤，就2盒"), and how they vary it so that no two
 * copies are equal: other numbers (Arabic or Chinese), punctuation in both widths, emoji and
 * emote codes, filler words inserted before, inside and after, stretched characters, spaces.
 * {@code {n}} in a template is a small count, {@code {x}} a weight such as 3.2.
 */
public final class PaidComments {
  private PaidComments() {}

  static final String[] DIET = {"{n}颗就瘦了{x}斤", "{n}天成功{n}天破平台期", "我喝酒夜宵还瘦了{x}斤，就{n}盒",
      "吃了{n}盒掉了{x}斤，裤子都松了", "第{n}盒了，已经瘦了{x}斤", "产后{n}个月靠它瘦了{x}斤",
      "坚持吃了{n}周，肚子小了一圈", "晚饭前吃{n}颗，一周掉秤{x}斤", "回购第{n}盒了，真的掉秤"};
  static final String[] SKIN = {"用了{n}天斑淡了好多", "用了{n}瓶，痘印淡了", "坚持敷了{n}周，白了{n}个度",
      "回购第{n}瓶了，脸上的斑淡了", "我妈用了{n}天，斑淡了一半", "涂了{n}周，痘痘消了"};
  static final String[] SUGAR = {"我爸吃了{n}个月血糖降了", "吃了{n}盒，血糖降到{x}了", "血糖从{n}降到{x}，已经回购了",
      "喝了{n}天，终于睡整觉了", "失眠{n}年，吃了{n}盒睡整觉了", "我妈吃了{n}周血压降了"};
  static final String[] GOODS = {"买了{n}件了，洗了{n}次都不变形，回购", "用了{n}个月了，效果真的好，第{n}次买了",
      "第{n}次回购了，家里人都说好", "回购{n}次了，质量一直在线", "买了{n}盒，吃完真的有效果"};
  /** Hype without a personal claim: a flood need not be testimonials. */
  static final String[] HYPE = {"{n}块钱这质量绝了，赶紧拍", "这价格也太划算了吧，闭眼入", "性价比之王，不买后悔系列",
      "主播家的东西质量靠谱，放心冲", "比超市便宜一半，家人们赶紧买", "全网最低价了，错过再等一年"};

  private static final String[] PREFIX = {"", "", "真的", "姐妹们", "亲测", "家人们", "说实话", "不骗人",
      "我跟你们说", "宝子们", "真心的", "谁懂啊"};
  private static final String[] INSIDE = {"真的", "居然", "直接", "足足", "整整", "硬是"};
  private static final String[] SUFFIX = {"", "", "真的绝了", "太爱了", "冲就完了", "强烈推荐", "谁用谁知道",
      "后悔没早买", "已经推荐给闺蜜了", "爱了爱了", "必须安利"};
  private static final String[] EMOJI = {"👍", "🔥", "😍", "💪", "[赞]", "[爱心]", "✨", "❤️", "🙏", "😭"};
  private static final String[] PUNCT = {"！", "!", "！！", "~", "。", "…", "!!!", "～", ""};
  private static final String[] CN = {"一", "两", "三", "四", "五", "六", "七", "八", "九", "十"};

  /** The template set for a product category. */
  static String[] templatesFor(String category) {
    if (category == null) {
      return DIET;
    }
    switch (category) {
      case "cosmetics":
        return SKIN;
      case "health_food":
      case "drug":
      case "medical_device":
        return SUGAR;
      case "apparel":
      case "electronics":
      case "luxury":
        return GOODS;
      default:
        return DIET;
    }
  }

  /** {@code k} distinct templates of {@code pool}, the ones a team uses in one room. */
  static List<String> pickTemplates(World w, String[] pool, int k) {
    List<String> all = new ArrayList<>(List.of(pool));
    List<String> out = new ArrayList<>();
    while (out.size() < k && !all.isEmpty()) {
      out.add(all.remove(w.rnd.nextInt(all.size())));
    }
    return out;
  }

  /** One copy of {@code template}; {@code heavy} adds more and longer variations. */
  static String vary(World w, String template, boolean heavy) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '{' && i + 2 < template.length() && template.charAt(i + 2) == '}') {
        char v = template.charAt(i + 1);
        if (v == 'n') {
          int n = 1 + w.rnd.nextInt(9);
          sb.append(w.chance(0.3) ? CN[n - 1] : Integer.toString(n));
        } else {
          sb.append(1 + w.rnd.nextInt(9));
          if (w.chance(0.6)) {
            sb.append('.').append(w.rnd.nextInt(10));
          }
        }
        i += 2;
      } else if ((c == '，' || c == ',') && w.chance(0.5)) {
        sb.append(w.chance(0.5) ? " " : w.pick(new String[] {"，", ",", "、", "。"}));
        if (heavy && w.chance(0.5)) {
          sb.append(w.pick(INSIDE));
        }
      } else {
        sb.append(c);
        if (heavy && w.chance(0.04)) {
          sb.append(c); // a stretched character
        }
      }
    }
    String body = sb.toString();
    if (heavy && w.chance(0.5)) {
      int cut = 1 + w.rnd.nextInt(Math.max(1, body.length() - 1));
      body = body.substring(0, cut) + w.pick(INSIDE) + body.substring(cut);
    }
    String pre = w.chance(heavy ? 0.7 : 0.35) ? w.pick(PREFIX) : "";
    String post = w.chance(heavy ? 0.7 : 0.35) ? w.pick(SUFFIX) : "";
    StringBuilder out = new StringBuilder();
    if (!pre.isEmpty()) {
      out.append(pre).append(w.chance(0.5) ? "，" : w.chance(0.5) ? " " : "");
    }
    out.append(body).append(w.pick(PUNCT));
    if (!post.isEmpty()) {
      out.append(w.chance(0.5) ? "，" : "").append(post);
    }
    int emojis = w.chance(heavy ? 0.7 : 0.4) ? 1 + w.rnd.nextInt(heavy ? 4 : 2) : 0;
    for (int i = 0; i < emojis; i++) {
      out.append(w.pick(EMOJI));
    }
    String s = out.toString();
    if (w.chance(0.15)) {
      s = toFullWidth(s);
    }
    return s;
  }

  private static String toFullWidth(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      sb.append(c > 0x20 && c < 0x7F ? (char) (c + 0xFEE0) : c);
    }
    return sb.toString();
  }
}
