package org.qinglang.sim.inject;

import java.util.ArrayList;
import java.util.List;
import org.qinglang.alert.Label;
import org.qinglang.alert.Subject;
import org.qinglang.event.Event;
import org.qinglang.event.Order;
import org.qinglang.event.Product;
import org.qinglang.event.Speech;
import org.qinglang.sim.Injector;
import org.qinglang.sim.Knobs;
import org.qinglang.sim.RoomPlan;
import org.qinglang.sim.World;

/**
 * Price fraud, and the honest look-alike that must stay quiet.
 * <ul>
 *   <li>fictitious original price: mid-show the listing gains a 划线价 {@code ratio} times the
 *       price it sells at, never a real price of the item, usually with "原价…今天只要…";</li>
 *   <li>false lowest price: the price is raised mid-show and the anchor says 全网最低价;</li>
 *   <li>trap (honest deep discount): a listing's real earlier price, no higher than its lowest
 *       price of the preceding 7 days, struck through for a half-price offer with the same
 *       words. Compliant with 明码标价和禁止价格欺诈规定; recorded as trap {@code honest_discount}.</li>
 * </ul>
 * Knobs ({@code price_fraud.}): {@code cases}, {@code lowest_cases}, {@code min_ratio},
 * {@code max_ratio}, {@code cue} (chance of the 原价 sentence), {@code honest_traps}.
 */
public final class PriceFraudInjector implements Injector {
  private static final long MIN = 60_000;

  @Override
  public String kind() {
    return "price_fraud";
  }

  @Override
  public void inject(World w, Knobs k) {
    for (int c = 0; c < k.i("price_fraud.cases", 3); c++) {
      // A struck-through price is fictitious against the seller's own record: the case is an
      // item the evening saw sold before. Where no room offers one, the fraud is the other
      // kind a single evening shows: a price said on air below the one charged (低价诱骗).
      RoomPlan r = room(w, x -> x.minutes() >= 30 && withHistory(w, x) != null);
      if (r != null) {
        fictitious(w, k, r, withHistory(w, r));
      } else {
        spokenBelow(w);
      }
    }
    for (int c = 0; c < k.i("price_fraud.lowest_cases", 2); c++) {
      RoomPlan r = room(w, x -> x.minutes() >= 30 && uniqueTitle(x) != null);
      if (r == null) {
        spokenBelow(w);
      } else {
        lowest(w, r, uniqueTitle(r));
      }
    }
    for (int c = 0; c < k.i("price_fraud.honest_traps", 2); c++) {
      honest(w);
    }
  }

  /**
   * A case room that fits, or null. {@link World#caseRoom} makes a new room when no free one
   * fits, and a new room may not fit either (two listings under one title, say): a case there
   * could not be told apart by anyone, so it is given back and another is tried.
   */
  private RoomPlan room(World w, java.util.function.Predicate<RoomPlan> fits) {
    for (int tries = 0; tries < 20; tries++) {
      RoomPlan r = w.caseRoom(kind(), fits);
      if (fits.test(r)) {
        return r;
      }
      r.cases.remove(kind());
    }
    return null;
  }

  /** An item of {@code r} the evening saw ordered before the room began, or null. */
  private static Product withHistory(World w, RoomPlan r) {
    for (Product p : r.products) {
      for (Event e : w.events()) {
        if (e instanceof Order o && o.sku().equals(p.sku()) && o.ts() < r.start) {
          return p;
        }
      }
    }
    return null;
  }

  /** The highest price the item was listed or sold at before {@code t}. */
  private static long highestBefore(World w, String sku, long t) {
    long high = 0;
    for (Event e : w.events()) {
      if (e instanceof Product p && p.sku().equals(sku) && p.ts() < t) {
        high = Math.max(high, p.price());
      } else if (e instanceof Order o && o.sku().equals(sku) && o.ts() < t && o.qty() > 0) {
        high = Math.max(high, o.amount() / o.qty());
      }
    }
    return high;
  }

  /** "原价…今天只要Y" with Y well below the listing's price: the viewer pays more than told. */
  private void spokenBelow(World w) {
    // Said of an item the room sells under one title: two listings of one name would leave
    // the viewer (and anyone checking) unable to say which price was promised.
    RoomPlan r = room(w, x -> x.minutes() >= 30 && uniqueTitle(x) != null);
    if (r == null) {
      return;
    }
    Product p = uniqueTitle(r);
    long said = Math.round(p.price() * (0.5 + 0.25 * w.rnd.nextDouble()) / 100) * 100;
    long s = r.start + (5 + w.rnd.nextInt(20)) * MIN;
    w.emit(new Speech(s, r.platform, r.room, "原价" + p.price() * 2 / 100 + "元的" + p.title()
        + "，今天直播间只要" + said / 100 + "元！", s + 6_000));
    w.label(new Label(kind(), r.room, List.of(Subject.sku(p.sku()))));
  }

  private void fictitious(World w, Knobs k, RoomPlan r, Product p) {
    double lo = k.d("price_fraud.min_ratio", 1.8);
    double hi = k.d("price_fraud.max_ratio", 3.5);
    long t = r.start + (3 + w.rnd.nextInt(12)) * MIN;
    // Never a price the seller charged: above the item's whole record, as invented ones are.
    long list = Math.max(Math.round(p.price() * (lo + (hi - lo) * w.rnd.nextDouble()) / 100),
        Math.round(highestBefore(w, p.sku(), t) * (1.3 + 0.5 * w.rnd.nextDouble()) / 100))
        * 100 + 100;
    w.emit(relist(p, t, p.price(), list));
    if (w.chance(k.d("price_fraud.cue", 0.8))) {
      long s = t + 10_000 + w.rnd.nextInt(110_000);
      w.emit(new Speech(s, r.platform, r.room, "原价" + list / 100 + "元的" + p.title() + "，今天直播间只要"
          + p.price() / 100 + "元！", s + 6_000));
    }
    w.label(new Label(kind(), r.room, List.of(Subject.sku(p.sku()))));
  }

  private void lowest(World w, RoomPlan r, Product p) {
    long t = r.start + (10 + w.rnd.nextInt(15)) * MIN;
    long raised = Math.round(p.price() * (1.15 + 0.25 * w.rnd.nextDouble()) / 10) * 10;
    w.emit(relist(p, t, raised, null));
    long s = t + 20_000 + w.rnd.nextInt(70_000);
    w.emit(new Speech(s, r.platform, r.room, "这款" + p.title() + "，全网最低价，今天" + raised / 100
        + "元，错过就没有了", s + 5_000));
    w.label(new Label(kind(), r.room, List.of(Subject.sku(p.sku()))));
    // 全网最低价 said of a raised price is also false advertising: the rule pack's fictitious
    // price family rightly flags it, so the case carries both labels.
    r.cases.add("false_claim");
    w.label(new Label("false_claim", r.room, List.of(Subject.sku(p.sku()))));
  }

  /** A half-price offer off a real price: no case, a trap. */
  private void honest(World w) {
    RoomPlan r = null;
    for (RoomPlan x : w.rooms()) {
      if (x.traps.isEmpty() && x.cases.isEmpty() && x.minutes() >= 30) {
        r = x;
        break;
      }
    }
    if (r == null) {
      return;
    }
    r.traps.add("honest_discount");
    Product p = w.pick(r.products);
    long t = r.start + (15 + w.rnd.nextInt(15)) * MIN;
    long real = lowestBefore(w, p.sku(), t);
    long price = Math.round(real * (0.45 + 0.15 * w.rnd.nextDouble()) / 10) * 10;
    w.emit(relist(p, t, price, real));
    long s = t + 15_000;
    w.emit(new Speech(s, r.platform, r.room, "原价" + real / 100 + "元的" + p.title() + "，今天只要"
        + price / 100 + "元，真正的半价", s + 6_000));
    w.trap("honest_discount", r.room, p.sku() + " struck from its real 7-day lowest price "
        + real + " to " + price);
  }

  /** The lowest listed price of an item in the 7 days before {@code t}. */
  private static long lowestBefore(World w, String sku, long t) {
    long low = Long.MAX_VALUE;
    for (Event e : w.events()) {
      if (e instanceof Product p && p.sku().equals(sku) && p.ts() <= t
          && p.ts() >= t - 7 * World.DAY) {
        low = Math.min(low, p.price());
      }
    }
    return low;
  }

  private static Product uniqueTitle(RoomPlan r) {
    List<Product> unique = new ArrayList<>();
    for (Product p : r.products) {
      if (r.products.stream().filter(q -> q.title().equals(p.title())).count() == 1) {
        unique.add(p);
      }
    }
    return unique.isEmpty() ? null : unique.get(0);
  }

  private static Product relist(Product p, long t, long price, Long list) {
    return new Product(t, p.platform(), p.room(), p.sku(), p.title(), price, list, p.brand(),
        p.category(), null, p.merchant());
  }
}
