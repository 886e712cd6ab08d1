package org.qinglang.detectors.social;

import java.util.ArrayList;
import java.util.List;
import org.qinglang.event.AccountEvent;
import org.qinglang.event.Commission;
import org.qinglang.event.Event;
import org.qinglang.event.Order;
import org.qinglang.event.Referral;

/** Builds referral trees as event streams for the pyramid tests. */
final class SchemeFixture {
  static final String P = "douyin";
  static final long T0 = 1_732_000_000_000L;
  static final long MIN = 60_000L;

  final List<Event> events = new ArrayList<>();
  final List<String> accounts = new ArrayList<>();
  long ts = T0;
  long gap = MIN;
  Long fee;
  /** How many uplines are paid for each join (1 = direct referrer only). */
  int paidLevels = 2;
  long commissionDelay = 5 * MIN;
  /** When >= 0, every member buys this amount right after joining. */
  long firstPurchase = -1;
  boolean variedPurchase;

  private final List<String> parents = new ArrayList<>();

  SchemeFixture root(String name) {
    accounts.add(name);
    parents.add(null);
    return this;
  }

  /** Adds a member under {@code parent}, with its fee, first purchase and upline pay. */
  SchemeFixture join(String user, String parent) {
    ts += gap;
    events.add(new Referral(ts, P, user, parent, fee));
    accounts.add(user);
    parents.add(parent);
    if (firstPurchase >= 0) {
      long amount = variedPurchase ? 1_000 + 137L * (accounts.size() % 23) : firstPurchase;
      events.add(new Order(ts + 2 * MIN, P, "room-x", user, "o-" + user, "sku-1", 1, amount,
          null, null, null, null));
    }
    String up = parent;
    for (int k = 1; k <= paidLevels && up != null; k++) {
      long amount = fee == null ? 500 : fee / (2L * k);
      events.add(new Commission(ts + commissionDelay, P, up, user, amount));
      up = parentOf(up);
    }
    return this;
  }

  /** A full tree: {@code branching} recruits each, {@code depth} generations below root. */
  SchemeFixture tree(String prefix, int branching, int depth) {
    root(prefix);
    List<String> level = List.of(prefix);
    for (int d = 1; d <= depth; d++) {
      List<String> next = new ArrayList<>();
      for (String p : level) {
        for (int i = 0; i < branching; i++) {
          String c = p + "." + i;
          join(c, p);
          next.add(c);
        }
      }
      level = next;
    }
    return this;
  }

  /** The events in time order, as a platform would deliver them. */
  List<Event> stream() {
    List<Event> out = new ArrayList<>(events);
    out.sort(java.util.Comparator.comparingLong(Event::ts));
    return out;
  }

  String parentOf(String account) {
    int i = accounts.indexOf(account);
    return i < 0 ? null : parents.get(i);
  }

  static AccountEvent account(String user, String id, String phone, String device) {
    return new AccountEvent(T0, P, user, T0 - 86_400_000L, id, phone, device);
  }
}
