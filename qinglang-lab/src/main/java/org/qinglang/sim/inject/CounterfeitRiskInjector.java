package org.qinglang.sim.inject;

import java.util.ArrayList;
import java.util.List;
import org.qinglang.alert.Label;
import org.qinglang.alert.Subject;
import org.qinglang.event.Product;
import org.qinglang.sim.Injector;
import org.qinglang.sim.Knobs;
import org.qinglang.sim.RoomPlan;
import org.qinglang.sim.World;

/**
 * Branded goods: a market of authorised sellers listing a brand near its price, outlets at up
 * to about half off (trap {@code brand_outlet}: honest), and cases where a seller new to the
 * brand lists it for a fraction of the price. Knobs ({@code counterfeit_risk.}): {@code cases},
 * {@code min_ratio}, {@code max_ratio} (case price / reference), {@code market} (authorised
 * listings per brand), {@code outlets} (outlet listings per brand).
 */
public final class CounterfeitRiskInjector implements Injector {
  private static final long MIN = 60_000;
  /** brand, category, item, reference price in fen (typical official price). */
  private static final Object[][] BRANDS = {
      {"LV", "luxury", "Neverfull老花手袋", 1_450_000L}, {"Gucci", "luxury", "双G皮带", 520_000L},
      {"Coach", "luxury", "托特包", 350_000L}, {"雅诗兰黛", "cosmetics", "小棕瓶精华50ml", 88_000L},
      {"兰蔻", "cosmetics", "小黑瓶精华50ml", 108_000L}, {"SK-II", "cosmetics", "神仙水230ml", 154_000L},
      {"Dior", "cosmetics", "烈艳蓝金口红", 35_000L}, {"Apple", "electronics", "AirPods Pro 2", 189_900L},
      {"Dyson", "electronics", "Supersonic吹风机", 299_900L},
      {"Sony", "electronics", "WH-1000XM5降噪耳机", 249_900L}};

  @Override
  public String kind() {
    return "counterfeit_risk";
  }

  @Override
  public void inject(World w, Knobs k) {
    int cases = k.i("counterfeit_risk.cases", 3);
    List<Object[]> brands = new ArrayList<>(List.of(BRANDS));
    java.util.Collections.shuffle(brands, new java.util.Random(w.rnd.nextLong()));
    for (int c = 0; c < cases; c++) {
      Object[] b = brands.get(c % brands.size());
      if (c < brands.size()) {
        market(w, k, b);
      }
      RoomPlan r = w.caseRoom(kind());
      double lo = k.d("counterfeit_risk.min_ratio", 0.05);
      double hi = k.d("counterfeit_risk.max_ratio", 0.3);
      long price = round(ref(b) * (lo + (hi - lo) * w.rnd.nextDouble()));
      String sku = w.newId("sku");
      // Half the fakes show the genuine article's price struck through, to look like a deal.
      Long claimed = w.chance(0.5) ? ref(b) : null;
      w.emit(new Product(r.start + (2 + w.rnd.nextInt(20)) * MIN, r.platform, r.room, sku,
          b[0] + " " + b[2], price, claimed, (String) b[0], (String) b[1],
          (long) w.rnd.nextInt(3000), r.merchant));
      w.label(new Label(kind(), r.room, List.of(Subject.sku(sku))));
    }
    honestDiscounted(w, k);
  }

  /**
   * Honest sellers of branded goods that list well below the brand's price: an outlet, a grey
   * import (代购, bought abroad where the brand is cheaper) or a second-hand (中古) item at
   * 40-75% of the list price, often the brand's only listing of the evening and often with the
   * official price struck through. Trap {@code brand_discount_honest}.
   */
  private void honestDiscounted(World w, Knobs k) {
    String[][] kinds = {{"奥莱款", "outlet"}, {"海外代购", "grey_import"}, {"中古 95新", "second_hand"}};
    int n = k.i("counterfeit_risk.honest_traps", 4);
    java.util.Set<RoomPlan> used = new java.util.HashSet<>();
    for (int i = 0; i < n; i++) {
      RoomPlan r = null;
      for (RoomPlan x : w.rooms()) {
        if (x.cases.isEmpty() && !used.contains(x)) {
          r = x;
          break;
        }
      }
      if (r == null) {
        return;
      }
      used.add(r);
      Object[] b = w.pick(BRANDS);
      String[] kind = w.pick(kinds);
      double f = 0.4 + 0.35 * w.rnd.nextDouble();
      // Priced up to the yuan, as sellers do: the share never rounds below the stated one.
      long price = Math.max(100, (long) Math.ceil(ref(b) * f / 100) * 100);
      String sku = w.newId("sku");
      w.emit(new Product(r.start + (1 + w.rnd.nextInt(25)) * MIN, r.platform, r.room, sku,
          b[0] + " " + b[2] + " " + kind[0], price, w.chance(0.5) ? ref(b) : null, (String) b[0],
          (String) b[1], (long) w.rnd.nextInt(500), r.merchant));
      w.trap("brand_discount_honest", r.room, kind[1] + " " + b[0] + " listing " + sku + " at "
          + Math.round(100 * f) + "% of the brand's price");
    }
  }

  /**
   * Authorised listings near the reference, and outlets at 52-75% of it, in organic rooms. An
   * evening usually holds one or two listings of a brand, not a market: by default 0-2.
   */
  private void market(World w, Knobs k, Object[] b) {
    int n = k.i("counterfeit_risk.market", w.rnd.nextInt(3));
    int outlets = k.i("counterfeit_risk.outlets", n > 0 ? w.rnd.nextInt(2) : 0);
    for (int i = 0; i < n + outlets; i++) {
      RoomPlan r = w.pick(w.rooms());
      boolean outlet = i >= n;
      double f = outlet ? 0.52 + 0.23 * w.rnd.nextDouble() : 0.92 + 0.18 * w.rnd.nextDouble();
      String sku = w.newId("sku");
      w.emit(new Product(r.start + (1 + w.rnd.nextInt(25)) * MIN, r.platform, r.room, sku,
          b[0] + " " + b[2] + (outlet ? " 奥莱款" : ""), round(ref(b) * f), null, (String) b[0],
          (String) b[1], (long) w.rnd.nextInt(20000), r.merchant));
      if (outlet) {
        w.trap("brand_outlet", r.room, b[0] + " outlet listing " + sku + " at "
            + Math.round(100 * f) + "% of the brand's price");
      }
    }
  }

  private static long ref(Object[] b) {
    return (Long) b[3];
  }

  private static long round(double fen) {
    return Math.max(100, Math.round(fen / 100) * 100 - 100 + 90);
  }
}
