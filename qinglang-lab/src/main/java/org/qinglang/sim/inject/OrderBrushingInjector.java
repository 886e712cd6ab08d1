package org.qinglang.sim.inject;

import java.util.ArrayList;
import java.util.List;
import org.qinglang.alert.Label;
import org.qinglang.alert.Subject;
import org.qinglang.event.Order;
import org.qinglang.event.OrderCancel;
import org.qinglang.event.Product;
import org.qinglang.sim.Account;
import org.qinglang.sim.Injector;
import org.qinglang.sim.Knobs;
import org.qinglang.sim.RoomPlan;
import org.qinglang.sim.World;

/**
 * 刷单: a studio drives a ring of buyer accounts from few phones and wallets, shipping to few
 * addresses, buying the room's cheapest item a few times each, some orders cancelled soon
 * after. Knobs ({@code order_brushing.}): {@code cases}, {@code min_accounts},
 * {@code max_accounts}, {@code addresses} (shared shipping addresses; 0 = one per account),
 * {@code share_devices}, {@code share_payments}, {@code aged} (share of accounts registered
 * years ago, i.e. bought accounts), {@code in_burst} (share of orders hidden in the link-drop
 * burst), {@code cancel_rate}.
 */
public final class OrderBrushingInjector implements Injector {
  private static final long MIN = 60_000;

  @Override
  public String kind() {
    return "order_brushing";
  }

  @Override
  public void inject(World w, Knobs k) {
    int cases = k.i("order_brushing.cases", 3);
    for (int c = 0; c < cases; c++) {
      RoomPlan r = w.caseRoom(kind(), x -> x.minutes() >= 30);
      ring(w, k, r);
    }
  }

  private void ring(World w, Knobs k, RoomPlan r) {
    int lo = k.i("order_brushing.min_accounts", 6);
    int hi = k.i("order_brushing.max_accounts", 14);
    int n = lo + w.rnd.nextInt(Math.max(1, hi - lo + 1));
    int nAddr = k.i("order_brushing.addresses", 2);
    boolean devices = k.b("order_brushing.share_devices", true);
    boolean payments = k.b("order_brushing.share_payments", false);
    double aged = k.d("order_brushing.aged", 0.0);
    double inBurst = k.d("order_brushing.in_burst", 0.0);
    double cancel = k.d("order_brushing.cancel_rate", 0.3);
    if (nAddr > 0 && !devices && !payments) {
      devices = true; // a ring must be bound by something; the studio's phones at least
    }
    String studio = w.newId("studio");
    List<String> addrs = new ArrayList<>();
    for (int i = 0; i < nAddr; i++) {
      addrs.add(w.hex("addr:" + studio + ":" + i));
    }
    long batch = w.t0 - (3 + w.rnd.nextInt(18)) * World.DAY;
    List<Account> ring = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long created = w.chance(aged)
          ? w.t0 - (200 + w.rnd.nextInt(1300)) * World.DAY
          : batch + (long) (w.rnd.nextDouble() * 2 * World.DAY);
      Account a = w.newAccount(created, r.platform);
      // A chain of pairs: 2j and 2j+1 share a phone, 2j+1 and 2j+2 a wallet, so the ring is
      // one connected block however few identifiers it reuses.
      if (devices) {
        a.device = w.hex("dev:" + studio + ":" + (i / 2));
      }
      if (payments) {
        a.payment = w.hex("pay:" + studio + ":" + ((i + 1) / 2));
      }
      if (!addrs.isEmpty()) {
        a.address = addrs.get(i % addrs.size());
      }
      ring.add(a);
    }
    Product cheap = Shop.cheapest(r);
    List<Long> drops = Shop.linkDrops(w, r);
    List<Subject> subjects = new ArrayList<>();
    for (Account a : ring) {
      boolean bought = false;
      int orders = 1 + w.rnd.nextInt(3);
      for (int j = 0; j < orders; j++) {
        long ts;
        if (!drops.isEmpty() && w.chance(inBurst)) {
          ts = w.pick(drops) + 5_000 + w.rnd.nextInt(60_000);
        } else {
          ts = Shop.uniform(w, r.start + 3 * MIN, r.end - 5 * MIN);
        }
        if (ts >= r.end - 30_000) {
          continue;
        }
        String ip = w.net.residentialProxy();
        Shop.visit(r, a, ts - 30_000 - w.rnd.nextInt(60_000), ts + (1 + w.rnd.nextInt(4)) * MIN,
            w.chance(0.5) ? "search" : "feed", ip, a.device);
        Order o = Shop.order(w, r, a, cheap, 1, ts, ip, a.device);
        subjects.add(Subject.order(o.order()));
        bought = true;
        long cts = ts + (5 + w.rnd.nextInt(25)) * MIN;
        if (w.chance(cancel) && cts < r.end - 20 * MIN) {
          w.emit(new OrderCancel(cts, r.platform, o.order(), r.room, a.user));
        }
      }
      if (bought) {
        subjects.add(Subject.account(a.user));
      }
    }
    w.label(new Label(kind(), r.room, subjects));
  }
}
