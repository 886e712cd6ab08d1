package org.qinglang.detectors.order;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.qinglang.alert.Alert;
import org.qinglang.alert.Severity;
import org.qinglang.alert.Subject;
import org.qinglang.detect.AlertBuilder;
import org.qinglang.detect.Context;
import org.qinglang.detect.DetectorSpec;
import org.qinglang.detect.RecencyMap;
import org.qinglang.detect.Scope;
import org.qinglang.detect.SpecDetector;
import org.qinglang.event.Event;
import org.qinglang.event.EventType;
import org.qinglang.event.Order;
import org.qinglang.event.Product;
import org.qinglang.event.RoomEnd;
import org.qinglang.event.Speech;

/**
 * {@code price_fraud}: a fictitious original price (虚构原价) or a false "lowest price" claim.
 *
 * <p>The legal yardstick (明码标价和禁止价格欺诈规定, cited from bases.json): a compared price
 * without a detailed explanation must not exceed the lowest actual price of the preceding 7
 * days. The stream cannot see whether a listing carries such an explanation, so the detector
 * asks the question it can answer from data, and reports the 7-day figure beside it:
 * <ul>
 *   <li><b>fictitious original price</b>: a {@code list_price} above every price the item was
 *       seen at in the last {@link #HISTORY_DAYS} days before the comparison (listing prices
 *       and order unit prices, in any room), by more than {@link #REAL_TOLERANCE}, at least
 *       {@link #MIN_RATIO} times the current price, <em>and</em> the item has a sales record:
 *       at least one order before the comparison. Without a record the detector cannot tell
 *       an invented price from the seller's regular price of last month (the first show seen
 *       is rarely the seller's first), so a discount, however deep and however announced
 *       ("原价…今天只要…"), is not a finding: absence of history is not evidence. Honest
 *       "平时卖…今天…" discounts of 10-30% stay below the ratio, and a real earlier price is
 *       never fictitious however deep the discount.</li>
 *   <li><b>spoken price below the price charged</b>: "原价…今天只要Y元" said of an item whose
 *       listing charges more than Y (by over {@link #SPOKEN_GAP} and 1 yuan): the viewer is
 *       promised a price the checkout does not give (以低价诱骗、以高价结算). This needs no
 *       history: the contradiction is within tonight's data.</li>
 *   <li><b>false lowest price</b>: speech claims 全网最低/历史最低/最低价 for an item whose
 *       current price in the room is above the lowest price it sold at in the preceding 7
 *       days by more than {@link #REAL_TOLERANCE}. The price the claim is about is the listing's
 *       current price, or the price said in the same sentence when that is higher ("全网最低价，
 *       今天239元" while the listing still shows 197.90): what the viewer is told is the offer.
 *       Of several amounts in the sentence the smallest is taken, so "原价399元…最低价199元" and
 *       "满300元减50元" never make a claim look dearer than it is.</li>
 * </ul>
 *
 * <p>Scope GLOBAL, because an item's price history spans rooms. State is bounded: at most
 * {@link #MAX_SKUS} items (least recently seen dropped first) with {@link #MAX_POINTS} price
 * points each, points older than {@link #HISTORY_DAYS} days dropped, and at most
 * {@link #MAX_ROOMS} open rooms with {@link #MAX_LISTINGS} listings each.
 */
public final class PriceFraudDetector extends SpecDetector<PriceFraudDetector.State> {
  public static final String KIND = "price_fraud";
  static final int HISTORY_DAYS = 30;
  static final DetectorSpec SPEC = DetectorSpec.of(KIND, Scope.GLOBAL)
      .accepts(EventType.PRODUCT, EventType.ORDER, EventType.ROOM_END, EventType.SPEECH)
      .retention(Duration.ofDays(HISTORY_DAYS));
  static final int LEGAL_DAYS = 7;
  static final double REAL_TOLERANCE = 0.05;
  static final double MIN_RATIO = 1.5;
  /** A price said aloud this far below the listing's price contradicts it. */
  static final double SPOKEN_GAP = 0.1;
  static final long CUE_MILLIS = 15 * 60_000L;
  static final int MAX_SKUS = 200_000;
  static final int MAX_POINTS = 24;
  static final int MAX_ROOMS = 20_000;
  static final int MAX_LISTINGS = 64;
  private static final long DAY = 24 * 3_600_000L;
  static final Pattern ORIGINAL = Pattern.compile(
      "(原价|划线价|专柜价|市场价|吊牌价|门店价)[^。！!]{0,24}?(今天|现在|直播间|今晚)[^。！!]{0,8}?"
          + "(只要|只需|仅需|仅售|到手|只卖)");
  static final Pattern LOWEST = Pattern.compile("(全网最低|历史最低|全年最低|最低价|史低|全网底价)");
  /** The offer said aloud: "只要59.9元", "到手价79块". */
  static final Pattern OFFER = Pattern.compile(
      "(只要|只需|仅需|仅售|到手价?|只卖)\\s*(\\d{1,7}(?:\\.\\d{1,2})?)\\s*(?:元|块)");
  /** An amount said aloud: "239元", "59.9元", "79块". */
  static final Pattern SPOKEN_PRICE = Pattern.compile("(\\d{1,7}(?:\\.\\d{1,2})?)\\s*(?:元|块)");

  /**
   * What a reviewer re-checks, for the three findings ({@code finding}): the prices compared,
   * their ratio, the item's price record and the events said or shown. Fields a finding does not
   * use are absent.
   */
  public record Evidence(String finding, String claim, Long listPrice, long price,
      Long spokenPrice, Long claimedPrice,
      @JsonProperty("lowest_actual_price_7d") Long lowestActualPrice7d, Double listToPrice,
      Double priceToSpoken, Double claimedToLowest, PriceHistory priceHistory,
      LegalTest legalTest, Map<String, Object> listing, Map<String, Object> speech,
      String threshold, List<Evidence> alsoFound) implements org.qinglang.alert.Evidence {}

  /**
   * An item's price record before a moment: price points seen (listings and paid unit prices,
   * any room), how many were orders, the highest, the lowest of the last {@value #LEGAL_DAYS}
   * days and a sample of the points.
   */
  public record PriceHistory(int points, int orders, long highest,
      @JsonProperty("lowest_7d") Long lowest7d, int days, List<Map<String, Object>> seen)
      implements java.io.Serializable {}

  /**
   * The regulation's own test, reported beside the detector's: the compared price against the
   * lowest actual price of the preceding 7 days ({@code exceeds} absent when no sale was seen).
   */
  public record LegalTest(long comparedPrice,
      @JsonProperty("lowest_actual_price_preceding_7d") Long lowestActualPricePreceding7d,
      Boolean exceeds, String note) {}

  /** One actual price observation of an item. */
  record Point(long ts, long price, String room, String source) implements java.io.Serializable {}

  /** What a room currently shows for one item. */
  static final class Listing implements java.io.Serializable {
    String title;
    long price;
    Long listPrice;
    long ts;
    long listTs;
    PriceHistory history; // the item's history as it was before this listing's list price
    // When the room first struck each list price through: a promotion that pauses and returns
    // is one promotion, judged on the record from before it began, not on its own sales
    final HashMap<Long, Long> listFirstShown = new HashMap<>(4);
  }

  /** One room being watched. */
  static final class RoomView implements java.io.Serializable {
    String platform;
    final LinkedHashMap<String, Listing> listings = new LinkedHashMap<>();
    long cueTs = Long.MIN_VALUE;
    String cueText;
    final LinkedHashSet<String> raised = new LinkedHashSet<>();
    /** The findings reported per listing, newest last: one alert per listing carries them. */
    final HashMap<String, ArrayList<Found>> found = new HashMap<>();
  }

  /** One finding as reported: what the listing's alert repeats when another joins it. */
  record Found(double score, String summary, Map<String, Object> evidence)
      implements java.io.Serializable {}

  /** Global: price points per item, open rooms. */
  public static final class State implements java.io.Serializable {
    final LinkedHashMap<String, ArrayDeque<Point>> prices = new RecencyMap<>();
    final LinkedHashMap<String, RoomView> rooms = new RecencyMap<>();
  }

  public PriceFraudDetector() {
    super(SPEC);
  }

  @Override
  public State newState() {
    return new State();
  }

  @Override
  public void onEvent(State s, Event e, Context ctx) {
    if (e instanceof Product p) {
      onListing(s, p, ctx);
    } else if (e instanceof Order o && o.qty() > 0) {
      record(s, o.sku(), new Point(o.ts(), o.amount() / o.qty(), o.room(), "order"), ctx.now());
    } else if (e instanceof Speech sp) {
      onSpeech(s, sp, ctx);
    } else if (e instanceof RoomEnd) {
      s.rooms.remove(e.room());
    }
  }

  private void onListing(State s, Product p, Context ctx) {
    RoomView rv = room(s, p.room(), p.platform());
    Listing l = rv.listings.get(p.sku());
    if (l == null) {
      if (rv.listings.size() >= MAX_LISTINGS) {
        return;
      }
      l = new Listing();
      rv.listings.put(p.sku(), l);
    }
    boolean newList = p.listPrice() != null && !p.listPrice().equals(l.listPrice);
    l.title = p.title();
    l.price = p.price();
    l.ts = p.ts();
    l.listPrice = p.listPrice();
    if (newList) {
      l.listTs = p.ts();
      long since = l.listFirstShown.computeIfAbsent(p.listPrice(), k -> p.ts());
      l.history = history(s, p.sku(), since);
    }
    if (l.listPrice != null) {
      checkOriginal(rv, p.room(), p.sku(), l, ctx);
    }
    record(s, p.sku(), new Point(p.ts(), p.price(), p.room(), "listing"), ctx.now());
  }

  private void onSpeech(State s, Speech sp, Context ctx) {
    RoomView rv = s.rooms.get(sp.room());
    if (rv == null) {
      return;
    }
    String text = sp.text();
    if (ORIGINAL.matcher(text).find()) {
      rv.cueTs = sp.ts();
      rv.cueText = text;
      // A price said aloud is held against the item the sentence names, never against the
      // room's only listing: anchors announce the next item before its link goes up, so a
      // room showing one listing hears prices of others ("原价14元的真皮钱包，今天只要9元" while
      // only the storage boxes are listed).
      String said = referredSku(rv, text, false);
      if (said != null) {
        checkSpoken(rv, sp, said, ctx);
      }
      for (Map.Entry<String, Listing> en : rv.listings.entrySet()) {
        if (en.getValue().listPrice != null) {
          checkOriginal(rv, sp.room(), en.getKey(), en.getValue(), ctx);
        }
      }
    }
    Matcher m = LOWEST.matcher(text);
    if (m.find()) {
      String sku = referredSku(rv, text, true);
      if (sku != null) {
        checkLowest(s, rv, sp, sku, m.group(1), ctx);
      }
    }
  }

  /**
   * The item a sentence is about: the one whose title it names or, when {@code orOnly}, the
   * room's only item.
   */
  private static String referredSku(RoomView rv, String text, boolean orOnly) {
    String found = null;
    for (Map.Entry<String, Listing> en : rv.listings.entrySet()) {
      String t = en.getValue().title;
      if (t != null && !t.isEmpty() && text.contains(t)) {
        if (found != null) {
          return null; // two items named: ambiguous
        }
        found = en.getKey();
      }
    }
    if (found == null && orOnly && rv.listings.size() == 1) {
      found = rv.listings.keySet().iterator().next();
    }
    return found;
  }

  private void checkOriginal(RoomView rv, String room, String sku, Listing l, Context ctx) {
    long list = l.listPrice;
    if (list <= l.price || rv.raised.contains("original:" + sku)) {
      return;
    }
    PriceHistory h = l.history;
    if (h.orders() == 0 || list <= h.highest() * (1 + REAL_TOLERANCE)) {
      return; // no sales record to compare with, or the original price was a real one
    }
    double ratio = list / (double) l.price;
    boolean cue = rv.cueTs != Long.MIN_VALUE && Math.abs(rv.cueTs - l.listTs) <= CUE_MILLIS;
    if (ratio < MIN_RATIO) {
      return;
    }
    rv.raised.add("original:" + sku);
    double score = Math.min(1, 0.65 + 0.2 * Math.min(1, (ratio - 1) / 3) + (cue ? 0.1 : 0));
    report(rv, sku, base(rv, room, sku, ctx).score(score)
        .summary(String.format("original price %s fictitious: list %.2f yuan is %.1fx the price"
            + " %.2f and %s", l.title == null ? sku : l.title, list / 100.0, ratio,
            l.price / 100.0, String.format("above every price it was offered or sold at in %d"
                + " days (highest %.2f, %d orders on record)", HISTORY_DAYS, h.highest() / 100.0,
                h.orders())))
        .evidence(new Evidence("fictitious_original_price", null, list, l.price, null, null,
            null, Tails.round(ratio, 2), null, null, h, legalTest(list, h),
            AlertBuilder.ref("product", l.listTs, "room", room, "sku", sku, "price", l.price,
                "list_price", list),
            cue ? AlertBuilder.ref("speech", rv.cueTs, "room", room, "text", rv.cueText) : null,
            "list > " + (1 + REAL_TOLERANCE) + " x highest price offered or paid in "
                + HISTORY_DAYS + " days, at least one order on record, and list/price >= "
                + MIN_RATIO, null))
        .build(), ctx);
  }

  /** "…只要Y元" of an item whose listing charges clearly more than Y. */
  private void checkSpoken(RoomView rv, Speech sp, String sku, Context ctx) {
    Listing l = rv.listings.get(sku);
    Matcher m = OFFER.matcher(sp.text());
    if (l == null || !m.find() || rv.raised.contains("spoken:" + sku)) {
      return;
    }
    long said = Math.round(Double.parseDouble(m.group(2)) * 100);
    // Prices are said in whole yuan ("69元" for 69.90): the gap must beat that rounding.
    if (said <= 0 || said > l.price * (1 - SPOKEN_GAP) || l.price - said < 100) {
      return;
    }
    rv.raised.add("spoken:" + sku);
    double ratio = l.price / (double) said;
    report(rv, sku, base(rv, sp.room(), sku, ctx)
        .score(Math.min(1, 0.6 + 0.3 * Math.min(1, (ratio - 1) / 0.5)))
        .summary(String.format("the anchor said %s costs %.2f yuan, but its listing charges %.2f"
            + " (%.0f%% more)", l.title == null ? sku : l.title, said / 100.0, l.price / 100.0,
            100 * (ratio - 1)))
        .evidence(new Evidence("spoken_price_below_listing", null, l.listPrice, l.price, said,
            null, null, null, Tails.round(ratio, 2), null, null, null,
            AlertBuilder.ref("product", l.ts, "room", sp.room(), "sku", sku, "price", l.price),
            AlertBuilder.ref("speech", sp.ts(), "room", sp.room(), "text", sp.text()),
            "price said after 只要/仅需/到手 < " + (1 - SPOKEN_GAP)
                + " x the listing's price and at least 1 yuan below it", null))
        .build(), ctx);
  }

  private void checkLowest(State s, RoomView rv, Speech sp, String sku, String claim,
      Context ctx) {
    Listing l = rv.listings.get(sku);
    if (rv.raised.contains("lowest:" + sku)) {
      return;
    }
    PriceHistory h = history(s, sku, ctx.now());
    if (h.lowest7d() == null) {
      return;
    }
    long lowest = h.lowest7d();
    Long spoken = spokenPrice(sp.text());
    long claimed = spoken != null && spoken > l.price ? spoken : l.price;
    if (claimed <= lowest * (1 + REAL_TOLERANCE)) {
      return;
    }
    rv.raised.add("lowest:" + sku);
    double ratio = claimed / (double) lowest;
    report(rv, sku, base(rv, sp.room(), sku, ctx)
        .score(Math.min(1, 0.6 + 0.3 * Math.min(1, (ratio - 1) / 0.5)))
        .summary(String.format("\"%s\" claimed for %s at %.2f yuan%s, but it sold at %.2f within"
            + " the preceding %d days", claim, l.title == null ? sku : l.title, claimed / 100.0,
            claimed == l.price ? "" : " (said in the speech; the listing shows "
                + String.format("%.2f", l.price / 100.0) + ")", lowest / 100.0, LEGAL_DAYS))
        .evidence(new Evidence("false_lowest_price_claim", claim, null, l.price, spoken,
            claimed, lowest, null, null, Tails.round(ratio, 2), h, null, null,
            AlertBuilder.ref("speech", sp.ts(), "room", sp.room(), "text", sp.text()),
            "max(listing price, price said in the sentence) > " + (1 + REAL_TOLERANCE)
                + " x lowest actual price of the preceding " + LEGAL_DAYS + " days", null))
        .build(), ctx);
  }

  /** The smallest amount said in a sentence, in fen, or null when it names none. */
  static Long spokenPrice(String text) {
    Matcher m = SPOKEN_PRICE.matcher(text);
    Long min = null;
    while (m.find()) {
      long fen = Math.round(Double.parseDouble(m.group(1)) * 100);
      if (fen > 0 && (min == null || fen < min)) {
        min = fen;
      }
    }
    return min;
  }

  /**
   * Emits a finding as the listing's one alert: a second finding on the same listing (a price
   * raised, claimed lowest and said lower aloud) updates that alert, which keeps the strongest
   * score, says every finding and carries the earlier ones in {@code also_found}.
   */
  private static void report(RoomView rv, String sku, Alert a, Context ctx) {
    ArrayList<Found> earlier = rv.found.computeIfAbsent(sku, k -> new ArrayList<>(2));
    Alert out = a;
    if (!earlier.isEmpty()) {
      double score = a.score();
      StringBuilder summary = new StringBuilder(a.summary());
      List<Map<String, Object>> also = new ArrayList<>();
      for (Found f : earlier) {
        score = Math.max(score, f.score());
        summary.append("; also ").append(f.summary());
        Map<String, Object> m = new LinkedHashMap<>(f.evidence());
        m.remove("legal_basis"); // the alert's own, once
        m.remove("also_found");
        also.add(m);
      }
      Map<String, Object> ev = new LinkedHashMap<>(a.evidence());
      ev.put("also_found", also);
      out = new Alert(a.id(), a.kind(), a.ts(), a.platform(), a.room(), score,
          Severity.ofScore(score), a.subjects(), summary.toString(), ev, a.rule(), a.basis());
    }
    earlier.add(new Found(a.score(), a.summary(), a.evidence()));
    ctx.emit(out);
  }

  private AlertBuilder base(RoomView rv, String room, String sku, Context ctx) {
    return AlertBuilder.of(KIND, room, sku).at(ctx.now(), rv.platform).room(room)
        .subject(Subject.room(room)).subject(Subject.sku(sku))
        .rule("QL-ORD-005")
        .basis("price_comparison");
  }

  private static LegalTest legalTest(long list, PriceHistory h) {
    return new LegalTest(list, h.lowest7d(), h.lowest7d() == null ? null : list > h.lowest7d(),
        (h.lowest7d() == null ? "no sale in the preceding 7 days seen; " : "")
            + "a detailed explanation of the compared price, if the listing shows one, is not"
            + " visible in the stream");
  }

  private PriceHistory history(State s, String sku, long now) {
    ArrayDeque<Point> pts = s.prices.get(sku);
    long highest = 0;
    Long lowest7 = null;
    List<Map<String, Object>> refs = new ArrayList<>();
    int n = 0;
    int orders = 0;
    if (pts != null) {
      for (Point p : pts) {
        if (p.ts() < now - HISTORY_DAYS * DAY || p.ts() >= now) {
          continue;
        }
        n++;
        if (p.source().equals("order")) {
          orders++;
        }
        highest = Math.max(highest, p.price());
        if (p.ts() >= now - LEGAL_DAYS * DAY) {
          lowest7 = lowest7 == null ? p.price() : Math.min(lowest7, p.price());
        }
        refs.add(AlertBuilder.ref(p.source().equals("order") ? "order" : "product", p.ts(),
            "room", p.room(), "sku", sku, "price", p.price()));
      }
    }
    return new PriceHistory(n, orders, highest, lowest7, HISTORY_DAYS,
        AlertBuilder.sample(refs, 10));
  }

  /** Adds a price point, keeping distinct prices per room and the newest points. */
  private static void record(State s, String sku, Point p, long now) {
    ArrayDeque<Point> pts = s.prices.get(sku);
    if (pts == null) {
      pts = new ArrayDeque<>();
      s.prices.put(sku, pts);
      if (s.prices.size() > MAX_SKUS) {
        s.prices.remove(s.prices.keySet().iterator().next());
      }
    }
    for (Point q : pts) {
      if (q.price() == p.price() && q.room().equals(p.room()) && q.source().equals(p.source())) {
        return; // same price in the same room, offered or paid again: nothing new
      }
    }
    pts.addLast(p);
    while (pts.size() > MAX_POINTS
        || (!pts.isEmpty() && pts.peekFirst().ts() < now - HISTORY_DAYS * DAY)) {
      pts.pollFirst();
    }
  }

  private static RoomView room(State s, String room, String platform) {
    RoomView rv = s.rooms.get(room);
    if (rv == null) {
      rv = new RoomView();
      rv.platform = platform;
      s.rooms.put(room, rv);
      if (s.rooms.size() > MAX_ROOMS) {
        s.rooms.remove(s.rooms.keySet().iterator().next());
      }
    }
    return rv;
  }
}
