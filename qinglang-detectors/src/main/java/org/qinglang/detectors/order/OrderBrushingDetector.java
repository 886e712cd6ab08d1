package org.qinglang.detectors.order;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.qinglang.alert.Subject;
import org.qinglang.detect.AlertBuilder;
import org.qinglang.detect.Capped;
import org.qinglang.detect.Context;
import org.qinglang.detect.DetectorSpec;
import org.qinglang.detect.Directory;
import org.qinglang.detect.Scope;
import org.qinglang.detect.SpecDetector;
import org.qinglang.event.AccountEvent;
import org.qinglang.event.Event;
import org.qinglang.event.EventType;
import org.qinglang.event.Order;
import org.qinglang.event.OrderCancel;
import org.qinglang.event.Product;
import org.qinglang.event.Refund;
import org.qinglang.event.RoomEnd;
import org.qinglang.event.Speech;

/**
 * {@code order_brushing} (刷单): a ring of buyer accounts in one room bound together by shared
 * shipping addresses, payment accounts or devices.
 *
 * <p>Honest buyers are people: each has an address, a wallet and a phone of their own, and a
 * household shares them among two or three accounts. A brushing studio drives many accounts
 * from few phones and wallets and ships empty parcels to few addresses, so its accounts fall
 * into one connected block of the account x identifier graph. The detector keeps, per room, a
 * union-find over buyer accounts joined by equal address, payment or device digests (never the
 * IP: campus and carrier NATs put hundreds of honest buyers behind one address).
 *
 * <p>A block is a ring when it has at least {@link #MIN_RING} accounts and either shares two
 * kinds of identifier, or shares one and shows a brushing habit: accounts mostly registered in
 * the last {@link #YOUNG_DAYS} days, orders mostly on the cheapest item, or many cancelled.
 * Those habits are reported, not required: aged bought accounts and brushing hidden inside the
 * link-drop burst are exactly what careful studios do.
 */
public final class OrderBrushingDetector extends SpecDetector<OrderBrushingDetector.State> {
  public static final String KIND = "order_brushing";
  /** After-sale cancellations of ring orders arrive for hours; a day covers the usual ones. */
  static final DetectorSpec SPEC = DetectorSpec.of(KIND, Scope.ROOM)
      .accepts(EventType.ORDER, EventType.ORDER_CANCEL, EventType.REFUND, EventType.PRODUCT,
          EventType.ROOM_END, EventType.SPEECH)
      .reads(Directory.Part.ACCOUNTS)
      .retention(Duration.ofDays(1));
  static final int MIN_RING = 4;
  static final int YOUNG_DAYS = 30;
  static final double HABIT_SHARE = 0.5;
  static final double CHEAP_SHARE = 0.8;
  static final int MAX_ORDERS = 20_000;
  static final int MAX_REFS = 40;
  private static final long DAY = 24 * 3_600_000L;
  private static final long BURST_MILLIS = 120_000;
  private static final String[] KINDS = {"address", "payment", "device"};

  /**
   * What a reviewer re-checks: each ring's figures, the cancellation share of the ring against
   * the room's other buyers, and the ring's orders. {@code final} is true once the room ended.
   */
  public record Evidence(List<RingFigures> rings, double ringCancelRate,
      double roomOtherBuyersCancelRate, int roomOrdersSeen, List<Map<String, Object>> orders,
      String threshold, boolean stateTruncated, @JsonProperty("final") boolean atEnd)
      implements org.qinglang.alert.Evidence {}

  /**
   * One ring: its accounts, the identifiers they share (digests shortened), and the brushing
   * habits seen, which are reported whether or not the ring needed them.
   */
  public record RingFigures(List<String> accounts, int orders,
      Map<String, List<String>> sharedIdentifiers, String youngAccounts,
      Double registrationSpanDays, double cheapestItemShare, int cancelledOrRefunded,
      double inLinkdropBurstShare) {}

  /** One order as the ring analysis needs it. */
  static final class Buy implements java.io.Serializable {
    final String order;
    final String user;
    final String sku;
    final long ts;
    final long amount;
    final String[] ids; // address, payment, device digests (may be null)
    boolean cancelled;

    Buy(Order o) {
      this.order = o.order();
      this.user = o.user();
      this.sku = o.sku();
      this.ts = o.ts();
      this.amount = o.amount();
      this.ids = new String[] {o.address(), o.payment(), o.device()};
    }
  }

  /** Per room: its orders, the account graph and what was already reported. */
  public static final class State implements java.io.Serializable {
    String platform;
    final LinkedHashMap<String, Buy> orders = new LinkedHashMap<>();
    /** identifier ("address:…") -> accounts that used it, in first-use order. */
    final HashMap<String, LinkedHashSet<String>> users = new HashMap<>();
    final HashMap<String, String> parent = new HashMap<>();
    final HashMap<String, Integer> size = new HashMap<>();
    final HashMap<String, Long> listedPrice = new HashMap<>();
    final ArrayList<Long> linkDrops = new ArrayList<>();
    int reportedAccounts;
    int reportedOrders;
    int reportedCancels;
    boolean overflow;
  }

  public OrderBrushingDetector() {
    super(SPEC);
  }

  /** Of the anchor's speech only the link drops (上链接) matter: they time the honest bursts. */
  @Override
  protected boolean wants(Event e) {
    return Capped.notSpeechOrLinkDrop(e);
  }

  @Override
  public State newState() {
    return new State();
  }

  @Override
  public void onEvent(State s, Event e, Context ctx) {
    if (s.platform == null) {
      s.platform = e.platform();
    }
    if (e instanceof Order o) {
      onOrder(s, o, ctx);
    } else if (e instanceof Product p) {
      s.listedPrice.put(p.sku(), p.price());
    } else if (e instanceof Speech sp) {
      if (s.linkDrops.size() < 500) {
        s.linkDrops.add(sp.ts());
      }
    } else if (e instanceof OrderCancel c) {
      cancelled(s, c.order(), ctx);
    } else if (e instanceof Refund r) {
      cancelled(s, r.order(), ctx);
    } else if (e instanceof RoomEnd && s.reportedAccounts > 0) {
      evaluate(s, ctx, true);
    }
  }

  private void onOrder(State s, Order o, Context ctx) {
    if (s.orders.containsKey(o.order())) {
      return;
    }
    if (s.orders.size() >= MAX_ORDERS) {
      s.overflow = true; // bounded state: a room this large is reported on what was kept
      return;
    }
    Buy b = new Buy(o);
    s.orders.put(b.order, b);
    s.parent.putIfAbsent(b.user, b.user);
    s.size.putIfAbsent(b.user, 1);
    boolean linked = false;
    for (int i = 0; i < KINDS.length; i++) {
      if (b.ids[i] == null || b.ids[i].isEmpty()) {
        continue;
      }
      LinkedHashSet<String> us = s.users.computeIfAbsent(KINDS[i] + ":" + b.ids[i],
          k -> new LinkedHashSet<>());
      if (us.add(b.user) && us.size() > 1) {
        union(s, us.iterator().next(), b.user);
        linked = true;
      }
    }
    if (linked || s.size.get(find(s, b.user)) >= MIN_RING) {
      evaluate(s, ctx, false);
    }
  }

  private void cancelled(State s, String order, Context ctx) {
    Buy b = s.orders.get(order);
    if (b != null && !b.cancelled) {
      b.cancelled = true;
      if (s.reportedAccounts > 0 && s.size.get(find(s, b.user)) >= MIN_RING) {
        evaluate(s, ctx, false);
      }
    }
  }

  private static String find(State s, String u) {
    String p = s.parent.get(u);
    while (!p.equals(u)) {
      String gp = s.parent.get(p);
      s.parent.put(u, gp);
      u = p;
      p = gp;
    }
    return u;
  }

  private static void union(State s, String a, String b) {
    String ra = find(s, a);
    String rb = find(s, b);
    if (ra.equals(rb)) {
      return;
    }
    int sa = s.size.get(ra);
    int sb = s.size.get(rb);
    if (sa < sb) {
      String t = ra;
      ra = rb;
      rb = t;
    }
    s.parent.put(rb, ra);
    s.size.put(ra, sa + sb);
    s.size.remove(rb);
  }

  /** A connected block of accounts and the facts that make it a ring (or not). */
  private record Ring(List<String> accounts, List<Buy> buys, Map<String, List<String>> shared,
      int youngAccounts, int knownAge, double cheapShare, int cancelled, double burstShare,
      double createdSpanDays) {
    boolean qualifies() {
      if (accounts.size() < MIN_RING || shared.isEmpty()) {
        return false;
      }
      boolean young = knownAge > 0 && youngAccounts >= HABIT_SHARE * accounts.size();
      boolean cancels = cancelled >= HABIT_SHARE * buys.size();
      return shared.size() >= 2 || young || cancels || cheapShare >= CHEAP_SHARE;
    }
  }

  private void evaluate(State s, Context ctx, boolean atEnd) {
    Map<String, List<String>> blocks = new TreeMap<>();
    for (String u : s.parent.keySet()) {
      String r = find(s, u);
      if (s.size.get(r) >= MIN_RING) {
        blocks.computeIfAbsent(r, k -> new ArrayList<>()).add(u);
      }
    }
    List<Ring> rings = new ArrayList<>();
    for (List<String> accounts : blocks.values()) {
      Ring ring = describe(s, accounts, ctx);
      if (ring.qualifies()) {
        rings.add(ring);
      }
    }
    if (rings.isEmpty()) {
      return;
    }
    int accounts = rings.stream().mapToInt(r -> r.accounts.size()).sum();
    int orders = rings.stream().mapToInt(r -> r.buys.size()).sum();
    int cancels = rings.stream().mapToInt(Ring::cancelled).sum();
    boolean material = accounts > s.reportedAccounts || orders >= s.reportedOrders * 1.2
        || cancels > s.reportedCancels || atEnd;
    if (!material) {
      return;
    }
    s.reportedAccounts = Math.max(accounts, s.reportedAccounts);
    s.reportedOrders = Math.max(orders, s.reportedOrders);
    s.reportedCancels = Math.max(cancels, s.reportedCancels);
    ctx.emit(build(s, rings, ctx, atEnd));
  }

  private Ring describe(State s, List<String> accounts, Context ctx) {
    java.util.Collections.sort(accounts);
    LinkedHashSet<String> members = new LinkedHashSet<>(accounts);
    List<Buy> buys = new ArrayList<>();
    for (Buy b : s.orders.values()) {
      if (members.contains(b.user)) {
        buys.add(b);
      }
    }
    // Most shared first, then by digest: the order a reviewer reads, and one that does not
    // follow the hash map's layout, which a restored state lays out afresh (a run resumed after
    // a crash listed the same devices in another order than the uninterrupted run).
    List<Map.Entry<String, LinkedHashSet<String>>> held = new ArrayList<>();
    for (Map.Entry<String, LinkedHashSet<String>> en : s.users.entrySet()) {
      if (en.getValue().size() > 1 && members.contains(en.getValue().iterator().next())) {
        held.add(en);
      }
    }
    held.sort(Comparator.comparingInt((Map.Entry<String, LinkedHashSet<String>> en)
        -> -en.getValue().size()).thenComparing(Map.Entry::getKey));
    Map<String, List<String>> shared = new TreeMap<>();
    for (Map.Entry<String, LinkedHashSet<String>> en : held) {
      String kind = en.getKey().substring(0, en.getKey().indexOf(':'));
      String digest = en.getKey().substring(kind.length() + 1);
      shared.computeIfAbsent(kind, k -> new ArrayList<>())
          .add(Hashes.prefix(digest) + " x" + en.getValue().size());
    }
    int young = 0;
    int known = 0;
    long minCreated = Long.MAX_VALUE;
    long maxCreated = Long.MIN_VALUE;
    for (String u : accounts) {
      AccountEvent a = ctx.directory().account(u);
      if (a != null) {
        known++;
        minCreated = Math.min(minCreated, a.created());
        maxCreated = Math.max(maxCreated, a.created());
        if (ctx.now() - a.created() < YOUNG_DAYS * DAY) {
          young++;
        }
      }
    }
    String cheapest = cheapest(s);
    int cheap = 0;
    int cancelled = 0;
    int inBurst = 0;
    for (Buy b : buys) {
      if (b.sku.equals(cheapest)) {
        cheap++;
      }
      if (b.cancelled) {
        cancelled++;
      }
      if (inBurst(s, b.ts)) {
        inBurst++;
      }
    }
    double span = known > 0 ? (maxCreated - minCreated) / (double) DAY : Double.NaN;
    return new Ring(List.copyOf(accounts), buys, shared, young, known,
        buys.isEmpty() ? 0 : cheap / (double) buys.size(), cancelled,
        buys.isEmpty() ? 0 : inBurst / (double) buys.size(), span);
  }

  private static String cheapest(State s) {
    String best = null;
    long price = Long.MAX_VALUE;
    for (Map.Entry<String, Long> en : s.listedPrice.entrySet()) {
      if (en.getValue() < price) {
        price = en.getValue();
        best = en.getKey();
      }
    }
    return best == null ? "" : best;
  }

  private static boolean inBurst(State s, long ts) {
    for (long t : s.linkDrops) {
      if (ts >= t && ts - t <= BURST_MILLIS) {
        return true;
      }
    }
    return false;
  }

  private org.qinglang.alert.Alert build(State s, List<Ring> rings, Context ctx, boolean atEnd) {
    String room = ctx.key();
    AlertBuilder ab = AlertBuilder.of(KIND, room).at(ctx.now(), s.platform).room(room)
        .subject(Subject.room(room));
    List<RingFigures> ringEv = new ArrayList<>();
    List<Map<String, Object>> refs = new ArrayList<>();
    int accounts = 0;
    int orders = 0;
    int cancelled = 0;
    int young = 0;
    int kinds = 0;
    for (Ring r : rings) {
      ab.subjects("account", r.accounts);
      for (Buy b : r.buys) {
        ab.subject(Subject.order(b.order));
        refs.add(AlertBuilder.ref("order", b.ts, "room", room, "user", b.user, "order", b.order,
            "sku", b.sku, "amount", b.amount, "cancelled", b.cancelled ? Boolean.TRUE : null));
      }
      accounts += r.accounts.size();
      orders += r.buys.size();
      cancelled += r.cancelled;
      young += r.youngAccounts;
      kinds = Math.max(kinds, r.shared.size());
      ringEv.add(new RingFigures(r.accounts, r.buys.size(), r.shared,
          r.youngAccounts + " of " + r.knownAge + " registered < " + YOUNG_DAYS + " days before",
          Double.isNaN(r.createdSpanDays) ? null : Tails.round(r.createdSpanDays, 1),
          Tails.round(r.cheapShare, 2), r.cancelled, Tails.round(r.burstShare, 2)));
    }
    double baseCancel = baselineCancelRate(s, rings);
    double ringCancel = orders == 0 ? 0 : cancelled / (double) orders;
    double score = 0.6 + 0.1 * Math.min(2, kinds) + 0.1 * Math.min(1, accounts / 12.0)
        + (young >= HABIT_SHARE * accounts ? 0.05 : 0) + (ringCancel > 2 * baseCancel ? 0.05 : 0);
    return ab.score(Math.min(1, score))
        .summary(String.format("%d buyer accounts in %d ring%s placed %d orders bound by shared %s;"
            + " %d cancelled or refunded", accounts, rings.size(), rings.size() > 1 ? "s" : "",
            orders, sharedKinds(rings), cancelled))
        .evidence(new Evidence(ringEv, Tails.round(ringCancel, 3), Tails.round(baseCancel, 3),
            s.orders.size(), AlertBuilder.sample(refs, MAX_REFS), ">= " + MIN_RING
                + " accounts joined by equal address/payment/device digests, with 2 identifier"
                + " kinds shared or a brushing habit (young accounts, cheapest item,"
                + " cancellations)", s.overflow, atEnd))
        .rule("QL-ORD-001")
        .basis("ecommerce_fake_reviews")
        .build();
  }

  private static String sharedKinds(List<Ring> rings) {
    LinkedHashSet<String> k = new LinkedHashSet<>();
    rings.forEach(r -> k.addAll(r.shared.keySet()));
    return String.join("/", k);
  }

  private static double baselineCancelRate(State s, List<Ring> rings) {
    LinkedHashSet<String> ringOrders = new LinkedHashSet<>();
    rings.forEach(r -> r.buys.forEach(b -> ringOrders.add(b.order)));
    int n = 0;
    int c = 0;
    for (Buy b : s.orders.values()) {
      if (!ringOrders.contains(b.order)) {
        n++;
        if (b.cancelled) {
          c++;
        }
      }
    }
    return n == 0 ? 0 : c / (double) n;
  }
}
