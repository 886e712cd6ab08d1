package org.qinglang.detectors.order;

import org.qinglang.event.AccountEvent;
import org.qinglang.event.Comment;
import org.qinglang.event.Order;
import org.qinglang.event.OrderCancel;
import org.qinglang.event.Product;
import org.qinglang.event.Refund;
import org.qinglang.event.RoomEnd;
import org.qinglang.event.RoomStart;
import org.qinglang.event.Speech;
import org.qinglang.event.ViewerJoin;
import org.qinglang.event.ViewerLeave;

/** Hand-made events for detector tests: one platform, times in minutes from T0. */
final class Ev {
  static final long T0 = 1_763_636_400_000L;
  static final long MIN = 60_000;
  static final long HOUR = 60 * MIN;
  static final long DAY = 24 * HOUR;
  static final String P = "douyin";

  private Ev() {}

  static long at(double minutes) {
    return T0 + Math.round(minutes * MIN);
  }

  static RoomStart start(String room, double min) {
    return new RoomStart(at(min), P, room, "anchor-" + room, "专场", "m-" + room, null, null,
        "studio");
  }

  static RoomEnd end(String room, double min) {
    return new RoomEnd(at(min), P, room);
  }

  static AccountEvent account(String user, long created) {
    return new AccountEvent(T0 - HOUR, P, user, created, null, null, null);
  }

  static Order order(String room, String user, String order, String sku, long qty, long amount,
      double min, String ip, String address, String payment, String device) {
    return new Order(at(min), P, room, user, order, sku, qty, amount, device, ip, address,
        payment);
  }

  /** An order by a person with their own address, wallet and phone. */
  static Order honest(String room, String user, String order, String sku, long amount,
      double min, String ip) {
    return order(room, user, order, sku, 1, amount, min, ip, "addr-" + user, "pay-" + user,
        "dev-" + user);
  }

  static OrderCancel cancel(String order, String room, long ts) {
    return new OrderCancel(ts, P, order, room, null);
  }

  static Refund refund(String order, long amount, String room, long ts) {
    return new Refund(ts, P, order, amount, room, null);
  }

  static Product product(String room, String sku, String title, long price, Long list,
      Long claimed, double min) {
    return new Product(at(min), P, room, sku, title, price, list, null, "food", claimed, null);
  }

  static Product branded(String room, String sku, String brand, String category, long price,
      String merchant, double min) {
    return new Product(at(min), P, room, sku, brand + " 商品", price, null, brand, category, null,
        merchant);
  }

  static Speech speech(String room, String text, double min) {
    return new Speech(at(min), P, room, text, null);
  }

  static ViewerJoin join(String room, String user, String ip, double min) {
    return new ViewerJoin(at(min), P, room, user, "dev-" + user, ip, "share");
  }

  static ViewerLeave leave(String room, String user, double min) {
    return new ViewerLeave(at(min), P, room, user);
  }

  static Comment comment(String room, String user, String text, double min) {
    return new Comment(at(min), P, room, user, text, null, null);
  }
}
