package org.qinglang.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.qinglang.event.Comment;
import org.qinglang.event.Commission;
import org.qinglang.event.Follow;
import org.qinglang.event.Gift;
import org.qinglang.event.Like;
import org.qinglang.event.Order;
import org.qinglang.event.OrderCancel;
import org.qinglang.event.Product;
import org.qinglang.event.Referral;
import org.qinglang.event.Refund;
import org.qinglang.event.RoomEnd;
import org.qinglang.event.RoomStart;
import org.qinglang.event.Speech;
import org.qinglang.event.ViewerCount;
import org.qinglang.event.ViewerJoin;
import org.qinglang.event.ViewerLeave;

/**
 * Honest live commerce, with the traps that make naive detectors cry wolf: heavy-tailed room
 * popularity, ramp-up, log-normal dwell, fans who come at the start of every show, chants
 * (扣1), order bursts after 上链接 with the crowd they pull in, CGNAT and campus NATs, honest
 * displays a few percent high, genuine repeat buyers, compliant look-alike sentences,
 * cancellations and refunds hours or days later, and affiliate programmes without fees.
 */
public final class Organic {
  private static final long MIN = 60_000;
  private static final long SEC = 1_000;
  static final double MEDIAN_DWELL_S = 150;

  /** An anchor: their fans, their catalogue, and who bought from them before. */
  static final class Anchor {
    final String id;
    final String platform;
    final String merchant;
    final String mcn;
    final List<Account> fans = new ArrayList<>();
    final List<Item> items = new ArrayList<>();
    final Set<Account> buyers = new HashSet<>();
    int shows;

    Anchor(String id, String platform, String merchant, String mcn) {
      this.id = id;
      this.platform = platform;
      this.merchant = merchant;
      this.mcn = mcn;
    }
  }

  /** A catalogue item: regular price, and the "已售" count the listing shows. */
  static final class Item {
    final String sku;
    final String category;
    final String title;
    final String brand;
    final long regular;
    long claimed;
    /** Listed at its regular price in an earlier show: a real price a later offer may strike. */
    boolean soldAtRegular;

    Item(String sku, String category, String title, String brand, long regular, long claimed) {
      this.sku = sku;
      this.category = category;
      this.title = title;
      this.brand = brand;
      this.regular = regular;
      this.claimed = claimed;
    }
  }

  private final World w;
  private final List<Anchor> anchors = new ArrayList<>();
  private final Map<String, Anchor> byRoom = new HashMap<>();
  private int campusIds;
  /**
   * Draws of the commerce traps (issue 13): a stream of its own, so adding them leaves every
   * other draw of an evening, and so every other detector's evening, as it was.
   */
  private final java.util.SplittableRandom trapRnd;
  private final Set<String> returnRooms = new HashSet<>();
  /**
   * Categories whose honest after-sales run above the usual 5% (knob
   * {@code organic.return_rates=cosmetics:0.15,...}): what a platform's own history shows and
   * a fixed table does not know.
   */
  private final Map<String, Double> returnRates = new HashMap<>();

  public Organic(World w) {
    this.w = w;
    this.trapRnd = new java.util.SplittableRandom(w.seed * 0x9E3779B97F4A7C15L + 13);
    w.organic(this);
  }

  /** Reads {@code organic.return_rates}; a malformed entry names itself. */
  public void returnRates(Knobs k) {
    String spec = k.str("organic.return_rates", "");
    for (String part : spec.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      String[] kv = part.split(":");
      double rate;
      try {
        rate = kv.length == 2 ? Double.parseDouble(kv[1].strip()) : Double.NaN;
      } catch (NumberFormatException e) {
        rate = Double.NaN;
      }
      if (!(rate >= 0 && rate <= 1)) {
        throw new IllegalArgumentException("organic.return_rates: need category:share (0..1),"
            + " got '" + part + "'");
      }
      returnRates.put(kv[0].strip(), rate);
    }
  }

  /** Builds {@code rooms} organic rooms: a few anchors with several shows, the rest one. */
  public void build(int rooms) {
    int nAnchors = Math.max(2, (int) Math.ceil(rooms / 1.6));
    for (int i = 0; i < nAnchors; i++) {
      anchors.add(newAnchor());
    }
    String[] special = {"cgnat", "campus", "fan_rush", "linkdrop_crowd", "chant_storm"};
    for (int i = 0; i < rooms; i++) {
      String trap = i < special.length && rooms >= 8 ? special[i] : null;
      Anchor a = i < nAnchors ? anchors.get(i) : anchors.get(w.rnd.nextInt(nAnchors));
      room(a, trap, null);
    }
    affiliates();
  }

  /** A new organic room, by an existing anchor, for an injector. */
  RoomPlan newRoom(Consumer<RoomPlan> before) {
    Anchor a = anchors.isEmpty() ? newAnchor() : anchors.get(w.rnd.nextInt(anchors.size()));
    if (w.rnd.nextDouble() < 0.5) {
      a = newAnchor();
      anchors.add(a);
    }
    return room(a, null, before);
  }

  /**
   * Another show of {@code anchor} (its next day), or of a new anchor when it is unknown: for
   * traps that follow one anchor's shows.
   */
  RoomPlan newShow(String anchor, Consumer<RoomPlan> before) {
    for (Anchor a : anchors) {
      if (a.id.equals(anchor)) {
        return room(a, null, before);
      }
    }
    Anchor a = newAnchor();
    anchors.add(a);
    return room(a, null, before);
  }

  private Anchor newAnchor() {
    String platform = w.pick(World.PLATFORMS);
    Account acc = w.organicAccount(platform);
    Anchor a = new Anchor(acc.user, platform, w.newId("m"), w.chance(0.6) ? w.newId("mcn") : null);
    int nFans = (int) Math.min(400, w.lognormal(25, 0.9));
    for (int i = 0; i < nFans; i++) {
      a.fans.add(w.organicAccount(platform));
    }
    int nItems = 3 + w.rnd.nextInt(4);
    for (int i = 0; i < nItems; i++) {
      String[] c = w.pick(Texts.CATALOGUE);
      long price = (long) (w.lognormal(6900, 0.8)) / 100 * 100 + 90;
      String sku = w.newId("sku");
      if (!c[2].isEmpty()) {
        price = brandedPrice(c, sku);
      }
      a.items.add(new Item(sku, c[0], c[1], c[2].isEmpty() ? null : c[2], price,
          w.rnd.nextInt(5000)));
    }
    return a;
  }

  /**
   * A genuine branded line has one list price the brand sets, and honest sellers charge near
   * it (within 15%); an unbranded item's price is the seller's own. Drawn from the line's and
   * the item's own seeds, not the world's stream, so every other draw of an evening is the same
   * as before branded prices were kept together.
   */
  private long brandedPrice(String[] line, String sku) {
    java.util.SplittableRandom lineRnd =
        new java.util.SplittableRandom(w.seed * 31 + (line[1] + "|" + line[2]).hashCode());
    double list = 6900 * Math.exp(0.8 * lineRnd.nextGaussian());
    java.util.SplittableRandom itemRnd = new java.util.SplittableRandom(w.seed * 17 + sku.hashCode());
    return (long) (list * (0.85 + 0.3 * itemRnd.nextDouble())) / 100 * 100 + 90;
  }

  private RoomPlan room(Anchor a, String trap, Consumer<RoomPlan> before) {
    int show = a.shows++;
    long start = w.t0 + show * World.DAY + (long) (w.rnd.nextDouble() * 0.3 * w.minutes) * MIN
        + w.rnd.nextInt(60) * SEC;
    long dur = (long) (w.minutes * (0.7 + 0.3 * w.rnd.nextDouble())) * MIN;
    RoomPlan r = new RoomPlan(w.newId("r"), a.platform, a.id, a.merchant, a.mcn, show, start,
        start + dur);
    r.title = w.pick(Texts.TITLES);
    r.venue = w.pick(Texts.VENUES);
    if (trap != null) {
      r.traps.add(trap);
    }
    if (before != null) {
      before.accept(r);
    }
    w.addRoom(r);
    byRoom.put(r.room, a);
    generate(r, a);
    return r;
  }

  private void generate(RoomPlan r, Anchor a) {
    // Only buyers of earlier shows are repeat buyers: this show's buyers are added below.
    Set<Account> earlierBuyers = new HashSet<>(a.buyers);
    boolean campus = r.traps.contains("campus");
    boolean cgnat = r.traps.contains("cgnat");
    int campusId = campus ? ++campusIds : 0;
    if (campus) {
      r.venue = "university";
      w.trap("campus", r.room, "university venue; viewers behind 3 campus NAT addresses,"
          + " coming and going, buying different items");
    }
    if (cgnat) {
      w.trap("cgnat", r.room, "70% of viewers behind 6 mobile-carrier NAT addresses");
    }
    w.emit(new RoomStart(r.start, r.platform, r.room, r.anchor, r.title, r.merchant, r.mcn,
        w.chance(0.05) ? Boolean.TRUE : null, r.venue));
    // Products: a discount off the regular price in later shows, the regular price sold
    // plainly in the first, so every original price was once a real selling price.
    List<Item> items = new ArrayList<>(a.items);
    java.util.Collections.shuffle(items, new java.util.Random(w.rnd.nextLong()));
    items = items.subList(0, Math.min(items.size(), 2 + w.rnd.nextInt(3)));
    for (Item it : items) {
      boolean discount = r.show > 0 && w.chance(0.6);
      long price = discount ? Math.round(it.regular * (0.7 + 0.2 * w.rnd.nextDouble()) / 10) * 10
          : it.regular;
      // Honest offers the evening holds no earlier price for: the item sold at its regular
      // price before the data begins (the first show seen is rarely the seller's first), now
      // struck through, sometimes deeply (new-customer or clearance offers). And clearance of
      // an item whose regular price an earlier show of the evening did charge.
      double x = trapRnd.nextDouble();
      if (r.show == 0 && x < 0.3) {
        discount = true;
        // a brand's own seller clears at half price at most; deeper is the outlet's and grey
        // importer's 40-75% of list, which the counterfeit traps cover
        double deep = it.brand != null ? 0.5 + 0.15 * trapRnd.nextDouble()
            : 0.35 + 0.3 * trapRnd.nextDouble();
        price = Math.round(it.regular * (x < 0.12 ? deep
            : 0.7 + 0.2 * trapRnd.nextDouble()) / 10) * 10;
        w.trap("discount_no_history", r.room, it.sku + " first seen at " + price + " with its"
            + " regular price " + it.regular + " struck through");
      } else if (r.show > 0 && it.soldAtRegular && x < 0.25) {
        discount = true;
        price = Math.round(it.regular * ((it.brand != null ? 0.5 : 0.4)
            + 0.2 * trapRnd.nextDouble()) / 10) * 10;
        w.trap("clearance_real_price", r.room, it.sku + " cleared at " + price + " from the "
            + it.regular + " an earlier show charged");
      }
      if (!discount) {
        it.soldAtRegular = true;
      }
      Product p = new Product(r.start + w.rnd.nextInt(30) * SEC, r.platform, r.room, it.sku,
          it.title, price, discount ? it.regular : null, it.brand, it.category, it.claimed,
          r.merchant);
      r.products.add(p);
      w.emit(p);
    }
    double peak = Math.max(12, Math.min(1500, w.lognormal(70, 0.9)));
    if (!r.traps.isEmpty()) {
      peak = Math.max(peak, 120);
    }
    long dur = r.end - r.start;
    // Fans arrive at the start and stay long: the trap for "join wave" detectors.
    double fanShare = r.traps.contains("fan_rush") ? 0.9 : 0.35 + 0.25 * w.rnd.nextDouble();
    List<Account> fans = new ArrayList<>(a.fans);
    if (r.traps.contains("fan_rush")) {
      for (int i = 0; i < 80; i++) {
        Account f = w.organicAccount(r.platform);
        a.fans.add(f);
        fans.add(f);
      }
      w.trap("fan_rush", r.room, "80+ fans join via follow within 2 minutes of the start");
    }
    for (Account f : fans) {
      if (w.chance(fanShare)) {
        long join = r.start + (long) (Math.abs(w.gaussian()) * 40 * SEC);
        long stay = (long) (w.lognormal(1200, 0.6) * SEC);
        addVisit(r, f, join, Math.min(r.end, join + stay), "follow", campus, cgnat, campusId);
      }
    }
    // Ordinary arrivals: Poisson per second with a 10-minute ramp-up.
    double meanDwell = MEDIAN_DWELL_S * Math.exp(0.6);
    for (long s = 0; s < dur / SEC; s++) {
      double ramp = Math.min(1, 0.2 + 0.8 * s / 600.0);
      int n = w.poisson(peak * ramp / meanDwell);
      for (int k = 0; k < n; k++) {
        long join = r.start + s * SEC + w.rnd.nextInt(1000);
        addVisit(r, w.anyOrganic(r.platform), join, join + dwell(), via(), campus, cgnat,
            campusId);
      }
    }
    // Link drops every 8-12 minutes: a chant call, the link, a crowd, an order burst.
    for (long t = r.start + (6 + w.rnd.nextInt(4)) * MIN; t < r.end - 3 * MIN;
        t += (8 + w.rnd.nextInt(5)) * MIN) {
      linkDrop(r, a, t, campus, cgnat, campusId);
    }
    speech(r);
    chatter(r, a, earlierBuyers);
    alikeCrowds(r);
    scatteredOrders(r, a);
  }

  /** A fan club's praise, said in the club's words by many members around a link drop. */
  private static final String[] FAN_CLUB = {"老粉作证，主播家的质量靠谱", "跟了主播两年了，东西一直放心",
      "家人们放心冲，主播家的品质没话说", "老粉来支持了，质量一直在线"};
  /** What students behind one campus NAT say when the anchor names a student price. */
  private static final String[] CAMPUS = {"学生党冲了，这个价格太划算了", "学生党表示买得起，性价比真高",
      "宿舍一起拼单了，真的划算", "学生党的福音，便宜又好用"};
  private static final String[] ALIKE_TAIL = {"", "", "！", "！！", "~", "👍", "[赞]", "❤️", "，冲"};

  /**
   * People who comment alike without being paid: a fan club repeats its praise at link drops
   * (aged accounts, long stays, some twice), and students behind a campus NAT answer a student
   * price with the same few phrases. Real rooms hold both; a flood detector must not see a team.
   */
  private void alikeCrowds(RoomPlan r) {
    // Its own random stream: adding this trap must not reshuffle the rest of the evening.
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(w.seed * 31 + r.room.hashCode());
    boolean campus = r.traps.contains("campus");
    boolean club = !campus && r.show > 0 && rnd.nextDouble() < 0.3;
    if (!campus && !club) {
      return;
    }
    for (long t : r.linkDrops) {
      for (Visit v : r.presentAt(t)) {
        boolean fan = "follow".equals(v.via());
        if ((club && fan && rnd.nextDouble() < 0.5) || (campus && rnd.nextDouble() < 0.25)) {
          int n = club && rnd.nextDouble() < 0.4 ? 2 : 1;
          for (int i = 0; i < n; i++) {
            String[] pool = club ? FAN_CLUB : CAMPUS;
            String text = pool[rnd.nextInt(pool.length)]
                + ALIKE_TAIL[rnd.nextInt(ALIKE_TAIL.length)];
            w.emit(new Comment(t + rnd.nextInt(180_000), r.platform, r.room,
                v.account().user, text, v.device(), v.ip()));
          }
        }
      }
    }
    w.trap(club ? "fan_club" : "campus_chatter", r.room, club
        ? "fans post the club's praise in the same words at link drops"
        : "students behind the campus NAT answer the student price in the same words");
  }

  private long dwell() {
    return (long) (Math.max(3, w.lognormal(MEDIAN_DWELL_S, 1.1)) * SEC);
  }

  private String via() {
    double x = w.rnd.nextDouble();
    return x < 0.55 ? "feed" : x < 0.63 ? "search" : x < 0.75 ? "share" : x < 0.88 ? "ad"
        : x < 0.96 ? "follow" : "other";
  }

  private void addVisit(RoomPlan r, Account acc, long join, long leave, String via,
      boolean campus, boolean cgnat, int campusId) {
    leave = Math.min(Math.max(leave, join + 2 * SEC), r.end + 30 * SEC);
    String ip = campus ? w.net.campus(campusId, 3) : cgnat && w.chance(0.7) ? w.net.cgnat(6)
        : acc.ip;
    r.visits.add(new Visit(acc, join, leave, via, ip, acc.device));
  }

  private void linkDrop(RoomPlan r, Anchor a, long t, boolean campus, boolean cgnat,
      int campusId) {
    Product p = w.pick(r.products);
    boolean storm = r.traps.contains("chant_storm");
    w.emit(new Speech(t - 40 * SEC, r.platform, r.room, w.pick(Texts.CHANT_CALL), t - 36 * SEC));
    List<Visit> present = r.presentAt(t - 35 * SEC);
    for (Visit v : present) {
      if (w.chance(storm ? 0.6 : 0.3)) {
        long ts = t - 35 * SEC + w.rnd.nextInt(25_000);
        w.emit(new Comment(ts, r.platform, r.room, v.account().user, w.pick(Texts.CHANT),
            v.device(), v.ip()));
      }
    }
    if (storm) {
      w.trap("chant_storm", r.room, "60% of the room types 1 within 25 s at each chant call");
    }
    w.emit(new Speech(t, r.platform, r.room, w.pick(Texts.LINK) + p.title(), t + 4 * SEC));
    r.linkDrops.add(t);
    boolean crowd = r.traps.contains("linkdrop_crowd");
    int extra = (int) (present.size() * (crowd ? 0.5 : 0.15)) + (crowd ? 30 : 0);
    for (int i = 0; i < extra; i++) {
      long join = t + (long) (Math.abs(w.gaussian()) * (crowd ? 6 : 25) * SEC);
      addVisit(r, w.anyOrganic(r.platform), join, join + dwell() + 60 * SEC,
          w.chance(0.5) ? "share" : "feed", campus, cgnat, campusId);
    }
    if (crowd) {
      w.trap("linkdrop_crowd", r.room, extra + " viewers join within seconds of 上链接 and buy");
    }
    List<Visit> buyers = r.presentAt(t + 30 * SEC);
    double pBuy = crowd ? 0.2 : 0.06 + 0.06 * w.rnd.nextDouble();
    long orders = 0;
    for (Visit v : buyers) {
      if (w.chance(pBuy)) {
        Product item = campus ? w.pick(r.products) : p;
        order(r, a, v, item, t + 3 * SEC + (long) (w.lognormal(25, 0.8) * SEC));
        orders++;
      }
    }
    // The listing's 已售 follows the real orders (and runs a little ahead, as platforms round).
    Item it = item(a, p.sku());
    it.claimed += Math.round(orders * (1 + 0.05 * w.rnd.nextDouble()));
    w.emit(new Product(t + 120 * SEC, r.platform, r.room, p.sku(), p.title(), p.price(),
        p.listPrice(), p.brand(), p.category(), it.claimed, p.merchant()));
    w.trap("organic_order_burst", r.room, orders + " orders within 2 minutes of 上链接");
  }

  private static Item item(Anchor a, String sku) {
    for (Item it : a.items) {
      if (it.sku.equals(sku)) {
        return it;
      }
    }
    throw new IllegalStateException("no item " + sku);
  }

  private void order(RoomPlan r, Anchor a, Visit v, Product p, long ts) {
    if (ts >= r.end) {
      return;
    }
    long qty = w.chance(0.8) ? 1 : 2 + w.rnd.nextInt(2);
    String id = w.newId("o");
    Account acc = v.account();
    w.emit(new Order(ts, r.platform, r.room, acc.user, id, p.sku(), qty, p.price() * qty,
        v.device(), v.ip(), acc.address, acc.payment));
    a.buyers.add(acc);
    double x = w.rnd.nextDouble();
    if ("apparel".equals(p.category()) && trapRnd.nextDouble() < 0.2 + 0.1 * r.returnsBias) {
      // Apparel comes back (size, fit, colour): 20-30% of orders returned within the 7-day
      // no-reason window, one by one as parcels arrive and are tried on.
      w.emit(new Refund(ts + World.DAY + (long) (trapRnd.nextDouble() * 6 * World.DAY),
          r.platform, id, p.price() * qty, trapRnd.nextDouble() < 0.5 ? r.room : null,
          trapRnd.nextDouble() < 0.7 ? "尺码不合适" : "不喜欢"));
      if (returnRooms.add(r.room)) { // not a RoomPlan trap: case rooms may sell apparel too
        w.trap("apparel_returns", r.room, "20-30% of apparel orders returned over 1-7 days");
      }
      return;
    }
    Double high = returnRates.get(p.category());
    if (high != null) {
      // Returned one by one over the return window, like apparel; drawn from the traps'
      // stream so the rest of the evening is as without the knob.
      if (trapRnd.nextDouble() < high) {
        w.emit(new Refund(ts + World.DAY + (long) (trapRnd.nextDouble() * 6 * World.DAY),
            r.platform, id, p.price() * qty, trapRnd.nextDouble() < 0.5 ? r.room : null,
            trapRnd.nextDouble() < 0.5 ? "不喜欢" : "效果不明显"));
        if (returnRooms.add(r.room)) {
          w.trap("high_returns", r.room, p.category() + " orders returned at "
              + Math.round(100 * high) + "% over 1-7 days");
        }
      }
      return;
    }
    if (x < 0.03) {
      w.emit(new OrderCancel(ts + (long) (w.rnd.nextDouble() * 6 * 3_600_000L), r.platform, id,
          w.chance(0.7) ? r.room : null, w.chance(0.7) ? acc.user : null));
    } else if (x < 0.05) {
      w.emit(new Refund(ts + World.DAY + (long) (w.rnd.nextDouble() * 4 * World.DAY), r.platform,
          id, p.price() * qty, w.chance(0.5) ? r.room : null, w.pick(new String[] {"尺码不合适",
              "不想要了", "质量问题", null})));
    }
  }

  private void scatteredOrders(RoomPlan r, Anchor a) {
    for (Visit v : new ArrayList<>(r.visits)) {
      if (w.chance(0.012)) {
        order(r, a, v, w.pick(r.products), v.join() + (v.leave() - v.join()) / 2);
      }
    }
  }

  private void speech(RoomPlan r) {
    long t = r.start + 5 * SEC;
    while (t < r.end - 10 * SEC) {
      String text;
      double x = w.rnd.nextDouble();
      if (x < 0.09) {
        text = w.pick(Texts.LOOKALIKE);
      } else if (x < 0.15) {
        // Same draw as before the traps were added, so other detectors' worlds do not shift.
        text = w.pick(Texts.CLAIM_TRAPS);
      } else if (x < 0.3) {
        Product p = w.pick(r.products);
        text = p.listPrice() != null && p.listPrice() >= 1.6 * p.price()
            ? "原价" + p.listPrice() / 100 + "元的" + p.title() + "，今天直播间只要" + p.price() / 100
                + "元"
            : p.listPrice() != null
            ? "这款" + p.title() + "平时卖" + p.listPrice() / 100 + "元，今天直播间" + p.price() / 100 + "元"
            : "这款" + p.title() + "，" + p.price() / 100 + "元，喜欢的家人们可以看一下";
      } else {
        text = w.pick(Texts.SPEECH);
      }
      long len = (4 + w.rnd.nextInt(10)) * SEC;
      w.emit(new Speech(t, r.platform, r.room, text, t + len));
      t += len + (5 + w.rnd.nextInt(30)) * SEC;
    }
    w.trap("compliant_lookalike", r.room, "speech with 最近/第一次/最后一轮/最多限购 and claim traps "
        + "(lawful superlatives, 治愈, stated price bases, rules quoted)");
  }

  private void chatter(RoomPlan r, Anchor a, Set<Account> earlierBuyers) {
    boolean repeatTrap = false;
    for (Visit v : new ArrayList<>(r.visits)) {
      long stay = v.leave() - v.join();
      Account acc = v.account();
      if (r.show > 0 && earlierBuyers.contains(acc) && w.chance(0.5)) {
        w.emit(new Comment(v.join() + stay / 3, r.platform, r.room, acc.user,
            w.pick(Texts.REPEAT_BUYER), v.device(), v.ip()));
        repeatTrap = true;
      }
      int n = w.poisson(stay / 300_000.0 * 0.9);
      for (int i = 0; i < n; i++) {
        double x = w.rnd.nextDouble();
        String text = x < 0.25 ? w.pick(Texts.GREET) : x < 0.5 ? w.pick(Texts.QUESTION)
            : w.pick(Texts.CHAT);
        w.emit(new Comment(v.join() + (long) (w.rnd.nextDouble() * stay), r.platform, r.room,
            acc.user, text, v.device(), v.ip()));
      }
      if (w.chance(0.35)) {
        w.emit(new Like(v.join() + (long) (w.rnd.nextDouble() * stay), r.platform, r.room,
            acc.user, 1 + w.rnd.nextInt(50)));
      }
      if (w.chance(0.02)) {
        w.emit(new Gift(v.join() + (long) (w.rnd.nextDouble() * stay), r.platform, r.room,
            acc.user, 100L * (1 + w.rnd.nextInt(500))));
      }
      if (w.chance(0.04)) {
        w.emit(new Follow(v.join() + (long) (w.rnd.nextDouble() * stay), r.platform, r.room,
            acc.user));
      }
    }
    if (repeatTrap) {
      w.trap("repeat_buyer", r.room, "buyers of an earlier show of the anchor post 回购 comments");
    }
  }

  /** Two-level affiliate programmes without entry fees, and a large flat referral drive. */
  private void affiliates() {
    String platform = w.pick(World.PLATFORMS);
    long t = w.t0 + 10 * MIN;
    for (int prog = 0; prog < 2; prog++) {
      Account head = w.organicAccount(platform);
      for (int i = 0; i < 6; i++) {
        Account l1 = w.organicAccount(platform);
        w.emit(new Referral(t += 7 * SEC, platform, l1.user, head.user, null));
        for (int j = 0; j < 4; j++) {
          Account l2 = w.organicAccount(platform);
          w.emit(new Referral(t += 5 * SEC, platform, l2.user, l1.user, null));
          w.emit(new Commission(t += 60 * SEC, platform, l1.user, l2.user, 300 + w.rnd.nextInt(900)));
        }
      }
      w.trap("affiliate", null, "two-level affiliate programme of " + head.user + ", no entry fee");
    }
    Account drive = w.organicAccount(platform);
    for (int i = 0; i < 150; i++) {
      Account m = w.organicAccount(platform);
      w.emit(new Referral(t += 3 * SEC, platform, m.user, drive.user, null));
    }
    w.trap("flat_referral", null, "150 members referred directly by " + drive.user + ", no fee");
  }

  /**
   * Writes the joins, leaves and displayed counts of every room from its final visit list, so
   * that viewers an injector added are joined, counted and displayed like everyone else.
   */
  public void finish() {
    for (RoomPlan r : w.rooms()) {
      for (Visit v : r.visits) {
        w.emit(new ViewerJoin(v.join(), r.platform, r.room, v.account().user, v.device(), v.ip(),
            v.via()));
        w.emit(new ViewerLeave(v.leave(), r.platform, r.room, v.account().user));
      }
      long[] joins = r.visits.stream().mapToLong(Visit::join).sorted().toArray();
      long[] leaves = r.visits.stream().mapToLong(Visit::leave).sorted().toArray();
      boolean honestTrap = false;
      for (long slot = r.start + 30 * SEC; slot < r.end; slot += 30 * SEC) {
        long t = slot + w.rnd.nextInt(3000);
        long observed = upTo(joins, t) - upTo(leaves, t);
        double shown = observed * (1 + r.honestNoise * w.rnd.nextDouble());
        if (t >= r.inflateFrom) {
          shown = shown * r.inflateFactor + r.inflateAdd;
        } else if (shown > observed) {
          honestTrap = true;
        }
        w.emit(new ViewerCount(t, r.platform, r.room, Math.round(shown),
            (long) (upTo(joins, t) * 1.02)));
      }
      w.emit(new RoomEnd(r.end, r.platform, r.room));
      if (honestTrap) {
        w.trap("honest_display", r.room, "displayed counts up to 4% above the observed audience");
      }
    }
  }

  private static long upTo(long[] sorted, long t) {
    int i = Arrays.binarySearch(sorted, t);
    if (i < 0) {
      return -i - 1;
    }
    while (i < sorted.length && sorted[i] <= t) {
      i++;
    }
    return i;
  }

  /** The items an anchor sells, for injectors that need a real product. */
  public List<Product> productsOf(RoomPlan r) {
    return r.products;
  }
}
