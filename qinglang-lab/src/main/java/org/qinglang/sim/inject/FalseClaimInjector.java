package org.qinglang.sim.inject;

import java.util.ArrayList;
import java.util.List;
import org.qinglang.alert.Label;
import org.qinglang.alert.Subject;
import org.qinglang.event.Product;
import org.qinglang.event.Speech;
import org.qinglang.sim.Injector;
import org.qinglang.sim.Knobs;
import org.qinglang.sim.RoomPlan;
import org.qinglang.sim.World;

/**
 * {@code false_claim}: an anchor says, a title shows, or a listing reads something the
 * advertising rules forbid. Knobs: {@code cases} (rooms with a violation), {@code subtle}
 * (share of cases written to slip past a filter: spaces, traditional characters, look-alikes,
 * NO.1), {@code lookalike_rooms} (organic rooms that get compliant sentences that look like
 * violations, recorded as {@code claim_lookalike} traps).
 *
 * <p>Stated stock counts ({@link StockScenes}): knobs {@code stock_lies} (rooms where 只剩最后N件
 * is said while the sku sells far past N; default 2) and {@code stock_traps} (rooms with true
 * counts, a restock, a count about another sku, a capped offer; default 4).
 *
 * <p>Speech cases use claims that break the rules whatever ordinary goods the room sells
 * (absolute terms, disease claims, guarantees, false honours, sales, prices), because the
 * product on sale when a sentence is spoken is not fixed in advance. The pools here are
 * written for the simulator, apart from the checker's test corpus.
 */
public final class FalseClaimInjector implements Injector {
  private static final String[] PLAIN = {"{p}是全网最好的，没有之一", "我们这个{p}，行业第一，闭眼入",
      "{p}今天全网最低价，错过再等一年", "{p}还能降血压，家里老人都在用", "{p}保证有效，无效全额退款",
      "央视推荐的{p}，大品牌放心买", "{p}已经卖出200万件了", "{p}好评率100%，零差评", "{p}是国宴专用的",
      "成本价给大家，{p}就是亏本卖", "专柜价599的{p}，今天只要99", "{p}纯天然，无任何副作用",
      "{p}用了能防癌抗癌", "这个{p}是世界级的品质",
      // the families of issue 12: testimonials, professional endorsement, outcome guarantees,
      // disparagement, false origin and false scarcity
      "{p}我用了一个星期，脸上的斑淡了一大半", "{p}是三甲医院的医生都推荐的",
      "报我们的训练营，考试包过，不过全额退", "别家的{p}全是科技与狠活，只有我们家是真的",
      "{p}是原装进口的，宫廷秘方", "{p}最后五十件，卖完就绝版了"};
  private static final String[] SUBTLE = {"{p}是全网蕞好的", "{p}全 网 最 低 价", "{p}是同类产品里的NO.1",
      "{p}能降-血-压", "{p}保證有效", "{p}已賣出兩百萬件", "ZUI好的{p}就在这", "{p}，頂級品質"};
  private static final String[] TITLES = {"全网最低价专场", "国宴同款好物节", "行业第一品牌直播间",
      "降三高好物专场", "全 网 最 低 福利夜"};
  private static final String[][] LISTINGS = {{"food", "降血压苦荞茶 500g"},
      {"cosmetics", "医用级修护面霜"}, {"health_food", "抗癌灵芝孢子粉"},
      {"other", "全网最低价收纳箱"}, {"apparel", "顶级羊绒大衣"}};
  private static final String[] LOOKALIKE_SPEECH = {"最近天气转凉，大家注意保暖", "第一次下单的家人可以领新人券",
      "今天最后一轮秒杀了", "每个账号最多限购两件", "据平台2024年度榜单，这款是本店销量第一",
      "这是我们店里卖得最好的一款", "本品不能代替药物，有不适请及时就医", "效果因人而异，建议先试用",
      "七天无理由退货，质量问题包退换", "春节特供礼盒已经上架了", "本直播间近30天最低价，后台可查",
      "我们不敢说是最好的，但用料扎实", "按国家标准GB/T 18745评为特级", "第一，面料是纯棉的；第二，版型很正"};
  private static final String[][] LOOKALIKE_LISTINGS = {{"food", "特级初榨橄榄油 1L"},
      {"electronics", "万能充电器 多口快充"}};

  @Override
  public String kind() {
    return "false_claim";
  }

  @Override
  public void inject(World w, Knobs k) {
    int lookalikes = k.i("false_claim.lookalike_rooms", 4);
    for (int i = 0; i < lookalikes; i++) {
      lookalike(w);
    }
    int cases = k.i("false_claim.cases", 6);
    double subtle = k.d("false_claim.subtle", 0.3);
    for (int i = 0; i < cases; i++) {
      double channel = w.rnd.nextDouble();
      if (channel < 0.2) {
        String title = w.pick(TITLES);
        RoomPlan r = w.newCaseRoom(kind(), p -> p.title = title);
        w.label(new Label(kind(), r.room, List.of(Subject.room(r.room))));
      } else if (channel < 0.4) {
        RoomPlan r = w.caseRoom(kind());
        String[] l = w.pick(LISTINGS);
        long t = r.start + (2 + w.rnd.nextInt(20)) * 60_000L;
        String sku = w.newId("sku");
        w.emit(new Product(t, r.platform, r.room, sku, l[1], 5900 + w.rnd.nextInt(50) * 100,
            null, null, l[0], null, r.merchant));
        w.label(new Label(kind(), r.room, List.of(Subject.room(r.room), Subject.sku(sku))));
      } else {
        RoomPlan r = w.caseRoom(kind());
        String item = r.products.isEmpty() ? "这款" : r.products.get(0).title();
        String text = (w.chance(subtle) ? w.pick(SUBTLE) : w.pick(PLAIN)).replace("{p}", item);
        long t = r.start + (3 + w.rnd.nextInt(25)) * 60_000L;
        w.emit(new Speech(t, r.platform, r.room, text, t + 6_000));
        w.label(new Label(kind(), r.room, List.of(Subject.room(r.room))));
      }
    }
    new StockScenes(w).inject(k, kind());
  }

  /** An innocent room that says and lists things a naive matcher would flag. */
  private void lookalike(World w) {
    List<RoomPlan> free = new ArrayList<>();
    for (RoomPlan r : w.rooms()) {
      if (r.cases.isEmpty() && r.traps.isEmpty()) {
        free.add(r);
      }
    }
    if (free.isEmpty()) {
      return;
    }
    RoomPlan r = w.pick(free);
    r.traps.add("claim_lookalike");
    List<String> said = new ArrayList<>();
    for (int j = 0; j < 4; j++) {
      String text = w.pick(LOOKALIKE_SPEECH);
      long t = r.start + (2 + w.rnd.nextInt(25)) * 60_000L + j * 7_000L;
      w.emit(new Speech(t, r.platform, r.room, text, t + 5_000));
      said.add(text);
    }
    String[] l = w.pick(LOOKALIKE_LISTINGS);
    w.emit(new Product(r.start + 90_000L, r.platform, r.room, w.newId("sku"), l[1], 8900, null,
        null, l[0], null, r.merchant));
    w.trap("claim_lookalike", r.room, "compliant look-alikes: " + String.join(" / ", said)
        + " / listing " + l[1]);
  }
}
