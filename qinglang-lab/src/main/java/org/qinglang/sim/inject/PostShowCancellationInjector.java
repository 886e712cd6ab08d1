package org.qinglang.sim.inject;

import java.util.ArrayList;
import java.util.List;
import org.qinglang.alert.Label;
import org.qinglang.alert.Subject;
import org.qinglang.event.Comment;
import org.qinglang.event.Like;
import org.qinglang.event.Order;
import org.qinglang.event.OrderCancel;
import org.qinglang.event.Product;
import org.qinglang.event.Refund;
import org.qinglang.sim.Account;
import org.qinglang.sim.Injector;
import org.qinglang.sim.Knobs;
import org.qinglang.sim.RoomPlan;
import org.qinglang.sim.World;

/**
 * Staged orders undone after the show: buyers (ordinary-looking accounts) order in the link-drop
 * bursts so the sales figure looks good on air, then cancel together hours after the end, or
 * ask for refunds together a day or more later. Knobs ({@code post_show_cancellation.}):
 * {@code cases}, {@code min_orders}, {@code max_orders}, {@code refund_share} (cases whose
 * wave is refunds days later), {@code wave_minutes} (how long the wave takes),
 * {@code engaged_share} (default 0: buyers of a careful crew who watch a while and chat or like
 * before ordering, as a persuaded buyer would, instead of coming in on the link just to buy).
 */
public final class PostShowCancellationInjector implements Injector {
  private static final long MIN = 60_000;
  private static final long HOUR = 60 * MIN;
  private static final String[] CHAT = {"主播好", "多少钱", "好看", "支持", "有优惠吗", "来了"};

  @Override
  public String kind() {
    return "post_show_cancellation";
  }

  @Override
  public void inject(World w, Knobs k) {
    int cases = k.i("post_show_cancellation.cases", 3);
    for (int c = 0; c < cases; c++) {
      stage(w, k, w.caseRoom(kind(), x -> x.minutes() >= 30));
    }
  }

  private void stage(World w, Knobs k, RoomPlan r) {
    int lo = k.i("post_show_cancellation.min_orders", 15);
    int hi = k.i("post_show_cancellation.max_orders", 40);
    int n = lo + w.rnd.nextInt(Math.max(1, hi - lo + 1));
    boolean refunds = w.chance(k.d("post_show_cancellation.refund_share", 0.4));
    long wave = k.i("post_show_cancellation.wave_minutes", 30) * MIN;
    double engagedShare = k.d("post_show_cancellation.engaged_share", 0.0);
    long waveStart = refunds ? r.end + World.DAY + (long) (w.rnd.nextDouble() * 2 * World.DAY)
        : r.end + 20 * MIN + (long) (w.rnd.nextDouble() * 8 * HOUR);
    List<Long> drops = Shop.linkDrops(w, r);
    List<Subject> subjects = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Account a = w.organicAccount(r.platform);
      long ts = drops.isEmpty() ? Shop.uniform(w, r.start + 5 * MIN, r.end - 3 * MIN)
          : w.pick(drops) + 5_000 + w.rnd.nextInt(70_000);
      if (ts >= r.end - 10_000) {
        continue;
      }
      Product p = w.pick(r.products);
      // Drawn only when the knob is on, so the default scenarios keep their random stream.
      boolean engaged = engagedShare > 0 && w.chance(engagedShare);
      long join = engaged ? Math.max(r.start, ts - (5 + w.rnd.nextInt(16)) * MIN)
          : ts - 20_000 - w.rnd.nextInt(90_000);
      Shop.visit(r, a, join, ts + (1 + w.rnd.nextInt(6)) * MIN,
          w.chance(0.5) ? "share" : "feed", a.ip, a.device);
      if (engaged) {
        long at = Shop.uniform(w, join + 30_000, ts - 10_000);
        if (w.chance(0.5)) {
          w.emit(new Comment(at, r.platform, r.room, a.user, w.pick(CHAT), a.device, a.ip));
        } else {
          w.emit(new Like(at, r.platform, r.room, a.user, 1 + w.rnd.nextInt(5)));
        }
      }
      long qty = w.chance(0.85) ? 1 : 2;
      Order o = Shop.order(w, r, a, p, qty, ts, a.ip, a.device);
      long undo = waveStart + (long) (w.rnd.nextDouble() * wave);
      String room = w.chance(0.5) ? r.room : null; // the linker must fill it in
      if (refunds) {
        w.emit(new Refund(undo, r.platform, o.order(), o.amount(), room,
            w.chance(0.5) ? "不想要了" : null));
      } else {
        w.emit(new OrderCancel(undo, r.platform, o.order(), room, w.chance(0.5) ? a.user : null));
      }
      subjects.add(Subject.account(a.user));
      subjects.add(Subject.order(o.order()));
    }
    w.label(new Label(kind(), r.room, subjects));
  }
}
