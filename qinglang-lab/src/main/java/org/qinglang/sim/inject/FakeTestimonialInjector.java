package org.qinglang.sim.inject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qinglang.alert.Label;
import org.qinglang.alert.Subject;
import org.qinglang.event.Comment;
import org.qinglang.event.Event;
import org.qinglang.event.Order;
import org.qinglang.event.Product;
import org.qinglang.sim.Account;
import org.qinglang.sim.Injector;
import org.qinglang.sim.Knobs;
import org.qinglang.sim.RoomPlan;
import org.qinglang.sim.Visit;
import org.qinglang.sim.World;

/**
 * Paid reviewers who drip testimonials through a show ("第3盒了，已经瘦了3.2斤", "我妈用了7天，斑淡了一半")
 * without ever having bought from the anchor or the merchant: they come one by one at random
 * times, stay a few minutes and post once or twice, so no burst gives them away. Some of them
 * have ordinary purchase histories with other sellers ({@code other_buyer_share}), because
 * "has ordered something" is not "has ordered this".
 *
 * <p>Each case also holds a trap: genuine repeat buyers ({@code genuine}), who ordered in an
 * earlier show of the same anchor, post testimonials in the very same style; they are innocent
 * and not labelled.
 *
 * <p>Knobs (prefix {@code fake_testimonial.}): {@code cases}, {@code room},
 * {@code posters_min}/{@code posters_max}, {@code posts_max}, {@code aged},
 * {@code residential}, {@code heavy}, {@code other_buyer_share}, {@code genuine}.
 */
public final class FakeTestimonialInjector implements Injector {
  static final long SEC = 1_000;
  static final long MIN = 60 * SEC;

  @Override
  public String kind() {
    return "fake_testimonial";
  }

  @Override
  public void inject(World w, Knobs k) {
    int cases = k.i("fake_testimonial.cases", 3);
    String target = k.str("fake_testimonial.room", null);
    for (int i = 0; i < cases; i++) {
      RoomPlan r = i == 0 && target != null ? Rooms.claim(w, target, kind())
          : w.caseRoom(kind(), rp -> rp.show > 0);
      drip(w, k, r);
    }
  }

  private void drip(World w, Knobs k, RoomPlan r) {
    int n = CommentFloodInjector.between(w, k.i("fake_testimonial.posters_min", 4),
        k.i("fake_testimonial.posters_max", 12));
    boolean aged = k.b("fake_testimonial.aged", false);
    boolean residential = k.b("fake_testimonial.residential", true);
    boolean heavy = k.b("fake_testimonial.heavy", false);
    double otherBuyers = k.d("fake_testimonial.other_buyer_share", 0.3);
    String category = r.products.isEmpty() ? null : w.pick(r.products).category();
    String[] pool = PaidComments.templatesFor(category);
    int farm = 1 + w.rnd.nextInt(200);
    List<Subject> subjects = new ArrayList<>();
    long lo = r.start + 3 * MIN;
    long hi = Math.max(lo + MIN, r.end - 10 * MIN);
    for (int p = 0; p < n; p++) {
      long age = aged ? (long) (w.lognormal(400, 0.7) * World.DAY)
          : (long) ((3 + w.rnd.nextInt(60)) * World.DAY);
      Account a = w.newAccount(r.start - age, r.platform);
      if (!residential) {
        a.ip = w.net.datacenter(farm);
      }
      if (w.chance(otherBuyers)) {
        buyElsewhere(w, a, r);
      }
      // A drip, not a burst: each poster gets its own slice of the show, so the team never
      // bunches into what would be (and would rightly be flagged as) a comment flood.
      long join = lo + (long) ((p + w.rnd.nextDouble()) * (hi - lo) / n);
      long stay = (3 + w.rnd.nextInt(12)) * MIN;
      int posts = 1 + w.rnd.nextInt(Math.max(1, k.i("fake_testimonial.posts_max", 2)));
      long last = join;
      for (int i = 0; i < posts; i++) {
        long ts = join + 30 * SEC + (long) (w.rnd.nextDouble() * (stay - 60 * SEC));
        last = Math.max(last, ts);
        w.emit(new Comment(ts, r.platform, r.room, a.user, PaidComments.vary(w, w.pick(pool), heavy),
            a.device, a.ip));
      }
      r.visits.add(new Visit(a, join, Math.min(r.end + 30 * SEC, Math.max(join + stay, last + 20 * SEC)),
          w.pick(new String[] {"feed", "search", "share"}), a.ip, a.device));
      subjects.add(Subject.account(a.user));
    }
    w.label(new Label(kind(), r.room, subjects));
    genuineBuyers(w, k, r, pool, heavy);
  }

  /** An ordinary order with a different anchor and merchant, earlier in the evening. */
  private void buyElsewhere(World w, Account a, RoomPlan here) {
    List<RoomPlan> others = new ArrayList<>();
    for (RoomPlan o : w.rooms()) {
      if (!o.anchor.equals(here.anchor) && !java.util.Objects.equals(o.merchant, here.merchant)
          && !o.products.isEmpty() && o.start < here.start) {
        others.add(o);
      }
    }
    if (others.isEmpty()) {
      return;
    }
    RoomPlan o = w.pick(others);
    Product p = w.pick(o.products);
    long join = o.start + (long) (w.rnd.nextDouble() * Math.max(MIN, o.end - o.start - 10 * MIN));
    long ts = join + (30 + w.rnd.nextInt(200)) * SEC;
    o.visits.add(new Visit(a, join, ts + (30 + w.rnd.nextInt(300)) * SEC, "feed", a.ip, a.device));
    w.emit(new Order(ts, o.platform, o.room, a.user, w.newId("o"), p.sku(), 1, p.price(), a.device,
        a.ip, a.address, a.payment));
  }

  /**
   * The trap: buyers of an earlier show of the same anchor come back and post testimonials in
   * the same style. Innocent, so not labelled.
   */
  private void genuineBuyers(World w, Knobs k, RoomPlan r, String[] pool, boolean heavy) {
    int want = k.i("fake_testimonial.genuine", 2);
    if (want <= 0 || r.show == 0) {
      return;
    }
    Map<String, RoomPlan> earlier = new HashMap<>();
    for (RoomPlan o : w.rooms()) {
      if (o.anchor.equals(r.anchor) && o.show < r.show) {
        earlier.put(o.room, o);
      }
    }
    Map<String, Order> buyers = new LinkedHashMap<>();
    for (Event e : w.events()) {
      if (e instanceof Order o && earlier.containsKey(o.room()) && o.ts() < r.start) {
        buyers.putIfAbsent(o.user(), o);
      }
    }
    List<Order> list = new ArrayList<>(buyers.values());
    for (int i = 0; i < want && !list.isEmpty(); i++) {
      Order o = list.remove(w.rnd.nextInt(list.size()));
      Account a = new Account(o.user(), r.start - World.DAY, null, null, o.device(), o.ip(),
          o.address(), o.payment());
      long join = r.start + 3 * MIN + (long) (w.rnd.nextDouble() * Math.max(MIN, r.end - r.start
          - 15 * MIN));
      long ts = join + (20 + w.rnd.nextInt(200)) * SEC;
      r.visits.add(new Visit(a, join, ts + (30 + w.rnd.nextInt(600)) * SEC, "follow", o.ip(),
          o.device()));
      w.emit(new Comment(ts, r.platform, r.room, a.user, PaidComments.vary(w, w.pick(pool), heavy),
          o.device(), o.ip()));
      w.trap("genuine_testimonial", r.room, o.user() + " ordered in an earlier show of "
          + r.anchor + " and posts a testimonial in the paid style");
    }
  }
}
