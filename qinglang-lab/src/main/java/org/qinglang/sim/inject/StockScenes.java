package org.qinglang.sim.inject;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.qinglang.alert.Label;
import org.qinglang.alert.Subject;
import org.qinglang.event.Event;
import org.qinglang.event.Order;
import org.qinglang.event.Product;
import org.qinglang.event.Speech;
import org.qinglang.sim.Account;
import org.qinglang.sim.Knobs;
import org.qinglang.sim.RoomPlan;
import org.qinglang.sim.Visit;
import org.qinglang.sim.World;

/**
 * Stated stock counts for {@link FalseClaimInjector}: anchors who say 只剩最后N件 while the sku sells
 * far past N (饥饿营销, labelled {@code false_claim}), and honest anchors whose counts are true.
 *
 * <p>The honest scenes are written from how rooms sell, not from any detector's threshold: an
 * anchor reads the true remainder off the back office and the sku sells out at it or a little
 * under (now and then one or two over, when the last units are paid at the same second); a
 * restock is announced and sells; a count names one of several skus while another sells hard; a
 * capped offer (限量500单) sells most of its cap. The lies repeat the count while the orders run
 * two to four times past it. Every count of an honest scene is at least the units the evening
 * already sells of that sku after it, so the organic orders never make a true count false.
 *
 * <p>Other detectors' worlds: this draws from its own random stream (never the world's), makes
 * order ids of its own, and uses only rooms that already hold a trap (so no injector's choice of
 * free rooms moves); the rooms it uses get more orders, from viewers present at the time.
 */
final class StockScenes {
  static final String[] LIE = {"{p}只剩最后{n}件了，抢完就没了", "{p}就剩最后{n}单了，家人们抓紧",
      "{p}库存只有{n}件了，拍完下架", "{p} 只 剩 最 后 {n} 件 了"};
  static final String[] LIE_AGAIN = {"还是只剩最后{n}件，没拍的抓紧", "家人们只剩{n}单了，最后一波",
      "就 剩 {n} 件 了 啊", "最后{n}件，真的最后了"};
  static final String[] TRUE_COUNT = {"后台看了一下，{p}还剩{n}件，卖完这批就没了", "{p}库存还有{n}件，喜欢的抓紧",
      "{p}就剩最后{n}单了", "{p}还 剩 {n} 件"};
  static final String[] RESTOCK = {"{p}后台又补了{m}件，刚才没抢到的可以拍了", "仓库刚给{p}加库存{m}件，家人们放心拍",
      "{p}又上了{m}单，慢慢拍"};
  static final String[] CAP = {"这款{p}今天限量{n}单，拍完恢复日常价", "{p}这一波只放{n}单，手慢无",
      "{p}今天就开了{n}单，拍完就下链接"};

  private final World w;
  private final SplittableRandom rnd;
  private int ids;

  StockScenes(World w) {
    this.w = w;
    this.rnd = new SplittableRandom(w.seed * 1_000_003L + 12_011L);
  }

  void inject(Knobs k, String kind) {
    int lies = k.i("false_claim.stock_lies", 2);
    int traps = k.i("false_claim.stock_traps", 4);
    List<RoomPlan> pool = new ArrayList<>();
    for (RoomPlan r : w.rooms()) {
      // Rooms that already hold a trap: no injector picks them as a free room, so taking them
      // moves no other case. Not behind shared NAT (cgnat, campus): those rooms' orders are
      // another detector's trap.
      if (!r.traps.isEmpty() && r.cases.isEmpty() && !r.traps.contains("cgnat")
          && !r.traps.contains("campus") && r.minutes() >= 30 && !r.products.isEmpty()) {
        pool.add(r);
      }
    }
    // Not in a claim_lookalike room: those are kept free of every false_claim case, so that
    // FalseClaimDetectionTest can require them to stay quiet.
    List<RoomPlan> forLies = new ArrayList<>(pool);
    forLies.removeIf(r -> r.traps.contains("claim_lookalike"));
    for (int i = 0; i < lies && !forLies.isEmpty(); i++) {
      RoomPlan r = forLies.remove(rnd.nextInt(forLies.size()));
      pool.remove(r);
      lie(r, kind);
    }
    for (int i = 0; i < traps && !pool.isEmpty(); i++) {
      RoomPlan r = pool.remove(rnd.nextInt(pool.size()));
      switch (i % 4) {
        case 0 -> trueCount(r);
        case 1 -> restock(r);
        case 2 -> otherSku(r);
        default -> cap(r);
      }
    }
  }

  /** 只剩最后N件, said and said again, while two to four times N sell. */
  private void lie(RoomPlan r, String kind) {
    Product p = named(r);
    long t = r.start + (8 + rnd.nextInt(10)) * 60_000L;
    long n = pick(20, 30, 50, 80, 100);
    say(r, t, pick(LIE), p, n, 0);
    long again = t;
    int repeats = 1 + rnd.nextInt(3);
    for (int i = 0; i < repeats; i++) {
      again += (4 + rnd.nextInt(7)) * 60_000L;
      if (again < r.end - 5 * 60_000L) {
        say(r, again, pick(LIE_AGAIN), p, n, 0);
      }
    }
    long target = Math.round(n * (2 + 2 * rnd.nextDouble()));
    sell(r, p, t, r.end - 60_000L, target);
    r.cases.add(kind);
    w.label(new Label(kind, r.room, List.of(Subject.room(r.room), Subject.sku(p.sku()))));
  }

  /** The true remainder, read off the back office: the sku sells out at it or just under. */
  private void trueCount(RoomPlan r) {
    Product p = named(r);
    long t = r.start + (10 + rnd.nextInt(20)) * 60_000L;
    long already = unitsSold(r, p.sku(), t, r.end);
    long n = roundUp(Math.max(already, 10 + rnd.nextInt(50)), 10);
    double x = rnd.nextDouble();
    // Most sell out exactly or stop a little short; some pay for the last units at the same
    // second and the platform takes one or two more than were left.
    long target = x < 0.5 ? n : x < 0.8 ? n - rnd.nextInt((int) Math.max(1, n / 10) + 1)
        : n + 1 + rnd.nextInt(2);
    say(r, t, pick(TRUE_COUNT), p, n, 0);
    sell(r, p, t, r.end - 60_000L, Math.max(target, already));
    trap(r, "stock_true_count", p.sku() + ": said " + n + " left, sold " + Math.max(target,
        already) + " after");
  }

  /** A true count sells out, a restock is announced, and part or all of it sells. */
  private void restock(RoomPlan r) {
    Product p = named(r);
    long t = r.start + (8 + rnd.nextInt(10)) * 60_000L;
    long t2 = t + (8 + rnd.nextInt(8)) * 60_000L;
    if (t2 > r.end - 6 * 60_000L) {
      t2 = (t + r.end) / 2;
    }
    long before = unitsSold(r, p.sku(), t, t2);
    long n = roundUp(Math.max(before, 20 + rnd.nextInt(30)), 10);
    say(r, t, pick(TRUE_COUNT), p, n, 0);
    sell(r, p, t, t2 - 10_000L, n);
    long after = unitsSold(r, p.sku(), t2, r.end);
    long m = roundUp(Math.max(after, pick(100, 200, 300)), 50);
    say(r, t2, pick(RESTOCK), p, 0, m);
    sell(r, p, t2, r.end - 60_000L, Math.max(after, Math.round(m * (0.6 + 0.4 * rnd.nextDouble()))));
    trap(r, "stock_restock", p.sku() + ": said " + n + " left, sold out, announced " + m
        + " more, sold on");
  }

  /** A count about one sku while another sku of the room sells far past that number. */
  private void otherSku(RoomPlan r) {
    if (r.products.size() < 2) {
      trueCount(r);
      return;
    }
    Product counted = named(r);
    List<Product> others = new ArrayList<>(r.products);
    others.removeIf(q -> q.sku().equals(counted.sku()));
    Product hot = others.get(rnd.nextInt(others.size()));
    long t = r.start + (10 + rnd.nextInt(15)) * 60_000L;
    long already = unitsSold(r, counted.sku(), t, r.end);
    long n = roundUp(Math.max(already, 10 + rnd.nextInt(30)), 10);
    // named, as anchors do when the count is not about the product on screen
    w.emit(speech(r, t, counted.title() + "只剩" + chineseOrDigits(n) + "件了，别的链接库存还多"));
    sell(r, counted, t, r.end - 60_000L, Math.max(already, n - rnd.nextInt((int) (n / 5) + 1)));
    sell(r, hot, t, r.end - 60_000L, unitsSold(r, hot.sku(), t, r.end) + 3 * n + 20);
    trap(r, "stock_other_sku", counted.sku() + " said to have " + n + " left while "
        + hot.sku() + " sells " + (3 * n + 20) + " more");
  }

  /** A capped offer that sells most of its cap. */
  private void cap(RoomPlan r) {
    Product p = named(r);
    long t = r.start + (5 + rnd.nextInt(10)) * 60_000L;
    long already = unitsSold(r, p.sku(), t, r.end);
    long n = roundUp(Math.max(already, pick(200, 300, 500)), 100);
    say(r, t, pick(CAP), p, n, 0);
    sell(r, p, t, r.end - 60_000L, Math.max(already, Math.round(n * (0.85 + 0.13 * rnd.nextDouble()))));
    trap(r, "stock_cap", p.sku() + ": capped at " + n + ", sold most of it");
  }

  /**
   * A product the anchor can name: its title is the room's only listing of that title. The
   * organic catalogue sometimes lists two skus of one room under the same title; naming that
   * title would not say which sku a count is about, in a real room as here.
   */
  private Product named(RoomPlan r) {
    List<Product> unique = new ArrayList<>();
    for (Product p : r.products) {
      if (r.products.stream().filter(q -> q.title().equals(p.title())).count() == 1) {
        unique.add(p);
      }
    }
    List<Product> from = unique.isEmpty() ? r.products : unique;
    return from.get(rnd.nextInt(from.size()));
  }

  private void trap(RoomPlan r, String name, String detail) {
    r.traps.add(name);
    w.trap(name, r.room, detail);
  }

  private void say(RoomPlan r, long t, String pattern, Product p, long n, long m) {
    String text = pattern.replace("{p}", p.title()).replace("{n}", chineseOrDigits(n))
        .replace("{m}", chineseOrDigits(m));
    w.emit(speech(r, t, text));
  }

  private Speech speech(RoomPlan r, long t, String text) {
    return new Speech(t, r.platform, r.room, text, t + 6_000L);
  }

  /** Units of {@code sku} ordered in the room in [from, to) so far in the world. */
  private long unitsSold(RoomPlan r, String sku, long from, long to) {
    long units = 0;
    for (Event e : w.events()) {
      if (e instanceof Order o && o.room().equals(r.room) && o.sku().equals(sku)
          && o.ts() >= from && o.ts() < to) {
        units += o.qty();
      }
    }
    return units;
  }

  /**
   * Adds orders of {@code p} in [from, to) until {@code target} units are ordered there, bought
   * by viewers present at the time, most one unit, some two or three.
   */
  private void sell(RoomPlan r, Product p, long from, long to, long target) {
    long missing = target - unitsSold(r, p.sku(), from, to);
    if (missing <= 0 || to <= from) {
      return;
    }
    List<Order> made = new ArrayList<>();
    for (int tries = 0; missing > 0 && tries < 100_000; tries++) {
      // Orders come in after the sentence and then thin out, as a rush does.
      long ts = from + 15_000L + (long) ((to - from - 15_000L) * Math.pow(rnd.nextDouble(), 1.6));
      List<Visit> present = r.presentAt(ts);
      if (present.isEmpty()) {
        continue;
      }
      Visit v = present.get(rnd.nextInt(present.size()));
      long qty = Math.min(missing, rnd.nextDouble() < 0.8 ? 1 : 2 + rnd.nextInt(2));
      Account acc = v.account();
      made.add(new Order(ts, r.platform, r.room, acc.user, "o-stk" + (++ids) + "-" + r.room,
          p.sku(), qty, p.price() * qty, v.device(), v.ip(), acc.address, acc.payment));
      missing -= qty;
    }
    made.forEach(w::emit);
  }

  private long pick(long... values) {
    return values[rnd.nextInt(values.length)];
  }

  private String pick(String[] values) {
    return values[rnd.nextInt(values.length)];
  }

  private static long roundUp(long v, long step) {
    return (v + step - 1) / step * step;
  }

  private String chineseOrDigits(long n) {
    return rnd.nextBoolean() ? Long.toString(n) : chinese(n);
  }

  /** 20 二十, 150 一百五十, 200 两百, 1000 一千: how anchors say round counts. */
  static String chinese(long n) {
    String[] d = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (n < 10) {
      return n == 2 ? "两" : d[(int) n];
    }
    if (n < 20) {
      return "十" + (n % 10 == 0 ? "" : d[(int) (n % 10)]);
    }
    if (n < 100) {
      return d[(int) (n / 10)] + "十" + (n % 10 == 0 ? "" : d[(int) (n % 10)]);
    }
    if (n < 1000) {
      String head = n / 100 == 2 ? "两百" : d[(int) (n / 100)] + "百";
      long rest = n % 100;
      if (rest == 0) {
        return head;
      }
      return head + (rest < 10 ? "零" + d[(int) rest] : rest < 20 ? "一" + chinese(rest) : chinese(rest));
    }
    if (n < 10_000) {
      String head = n / 1000 == 2 ? "两千" : d[(int) (n / 1000)] + "千";
      long rest = n % 1000;
      return rest == 0 ? head : head + (rest < 100 ? "零" : "") + chinese(rest);
    }
    return Long.toString(n);
  }
}
