package org.qinglang.sim.inject;

import java.util.ArrayList;
import java.util.List;
import org.qinglang.event.Event;
import org.qinglang.event.Order;
import org.qinglang.event.Product;
import org.qinglang.event.Speech;
import org.qinglang.sim.Account;
import org.qinglang.sim.RoomPlan;
import org.qinglang.sim.Visit;
import org.qinglang.sim.World;

/** What the order-integrity injectors share: finding link drops, adding buyers and orders. */
final class Shop {
  private Shop() {}

  /** Times the anchor said 上链接 with an item's title in a room, from the organic speech. */
  static List<Long> linkDrops(World w, RoomPlan r) {
    List<Long> out = new ArrayList<>();
    for (Event e : w.events()) {
      if (e instanceof Speech s && r.room.equals(s.room()) && s.text().contains("链接")) {
        for (Product p : r.products) {
          if (s.text().contains(p.title())) {
            out.add(s.ts());
            break;
          }
        }
      }
    }
    out.sort(null);
    return out;
  }

  static Product cheapest(RoomPlan r) {
    Product best = r.products.get(0);
    for (Product p : r.products) {
      if (p.price() < best.price()) {
        best = p;
      }
    }
    return best;
  }

  /** A stay in the room, written out as join/leave by the world at the end. */
  static void visit(RoomPlan r, Account a, long join, long leave, String via, String ip,
      String device) {
    r.visits.add(new Visit(a, join, Math.max(leave, join + 2_000), via, ip, device));
  }

  /** An order by {@code a} with its own (or pooled) address, payment and device. */
  static Order order(World w, RoomPlan r, Account a, Product p, long qty, long ts, String ip,
      String device) {
    Order o = new Order(ts, r.platform, r.room, a.user, w.newId("o"), p.sku(), qty,
        p.price() * qty, device, ip, a.address, a.payment);
    w.emit(o);
    return o;
  }

  static long uniform(World w, long from, long to) {
    return to <= from ? from : from + (long) (w.rnd.nextDouble() * (to - from));
  }
}
