package org.qinglang.sim.inject;

import java.util.ArrayList;
import java.util.List;
import org.qinglang.alert.Label;
import org.qinglang.alert.Subject;
import org.qinglang.event.Comment;
import org.qinglang.event.Order;
import org.qinglang.event.Product;
import org.qinglang.sim.Account;
import org.qinglang.sim.Injector;
import org.qinglang.sim.Knobs;
import org.qinglang.sim.RoomPlan;
import org.qinglang.sim.World;

/**
 * An organised audience: colleagues told to watch the whole show from the office network and
 * each spend the same, praising the host. They are real people on their own aged accounts,
 * phones, wallets and home addresses. Knobs ({@code forced_purchase.}): {@code cases},
 * {@code min_staff}, {@code max_staff}, {@code office_share} (staff on the office network; the
 * rest watch on mobile data).
 */
public final class ForcedPurchaseInjector implements Injector {
  private static final long MIN = 60_000;
  private static final String[] PRAISE = {"支持家乡好物！", "主播辛苦了，已下单", "品质很好，必须支持",
      "已拍，支持", "家乡的味道，支持", "买了买了，大家都来支持", "好东西，点赞"};

  @Override
  public String kind() {
    return "forced_purchase";
  }

  @Override
  public void inject(World w, Knobs k) {
    int cases = k.i("forced_purchase.cases", 2);
    for (int c = 0; c < cases; c++) {
      stage(w, k, w.caseRoom(kind(), x -> x.minutes() >= 30));
    }
  }

  private void stage(World w, Knobs k, RoomPlan r) {
    int lo = k.i("forced_purchase.min_staff", 10);
    int hi = k.i("forced_purchase.max_staff", 25);
    double officeShare = k.d("forced_purchase.office_share", 1.0);
    int n = lo + w.rnd.nextInt(Math.max(1, hi - lo + 1));
    String res = w.net.residential();
    String block = res.substring(0, res.lastIndexOf('.') + 1);
    int egress = 1 + w.rnd.nextInt(3);
    Product p = w.pick(r.products);
    long qty = 1 + w.rnd.nextInt(3);
    List<Subject> subjects = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Account a = w.organicAccount(r.platform);
      String ip = w.chance(officeShare) ? block + (10 + w.rnd.nextInt(egress)) : a.ip;
      long join = r.start + w.rnd.nextInt(120_000);
      Shop.visit(r, a, join, r.end + w.rnd.nextInt(30_000), "share", ip, a.device);
      long ts = Shop.uniform(w, r.start + 5 * MIN, r.end - 3 * MIN);
      Order o = Shop.order(w, r, a, p, qty, ts, ip, a.device);
      int praise = 1 + w.rnd.nextInt(3);
      for (int j = 0; j < praise; j++) {
        w.emit(new Comment(Shop.uniform(w, join + MIN, r.end - MIN), r.platform, r.room, a.user,
            w.pick(PRAISE), a.device, ip));
      }
      subjects.add(Subject.account(a.user));
      subjects.add(Subject.order(o.order()));
    }
    w.label(new Label(kind(), r.room, subjects));
  }
}
