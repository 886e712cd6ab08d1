package org.qinglang.detectors.order;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qinglang.alert.Subject;
import org.qinglang.detect.AlertBuilder;
import org.qinglang.detect.Capped;
import org.qinglang.detect.Context;
import org.qinglang.detect.DetectorSpec;
import org.qinglang.detect.Scope;
import org.qinglang.detect.SpecDetector;
import org.qinglang.event.Event;
import org.qinglang.event.EventType;
import org.qinglang.event.Order;
import org.qinglang.event.Product;
import org.qinglang.event.RoomEnd;
import org.qinglang.event.Speech;

/**
 * {@code sales_claim_mismatch}: the displayed "已售" ({@code claimed_sales}) of a listing grows
 * during the show far faster than the units ordered in the room.
 *
 * <p>The count may start from any pre-show base (sales elsewhere, earlier shows), so only its
 * growth within the show is compared: the first claim seen in the room is the base. A listing
 * is flagged when its growth is at least {@link #RATIO} times the units it can account for plus
 * {@link #MIN_EXCESS}. The units it can account for are its own orders <em>plus</em> the orders
 * of any item placed within {@link #BURST_MILLIS} after the anchor said 上链接 naming it:
 * platforms may credit a whole link drop's orders to the listing that was linked (seen in
 * campus rooms, where viewers buy whichever item they like), so such a listing honestly grows
 * faster than its own orders.
 *
 * <p>A milder excess, at least {@link #BESIDE_RATIO} times the units plus
 * {@link #BESIDE_EXCESS}, is flagged when the room's other listings are the control: their
 * counters together grew by at most {@link #SIBLING_MAX} times the units they can account for,
 * on at least {@link #SIBLING_MIN_UNITS} units. The wide margin of the first rule is for
 * counters that honestly run ahead of the room (sales on the shop page or in other streams, a
 * platform that counts differently); those causes lift the room's other listings too, so when
 * their counters track their orders, one listing running half again ahead of its own is the
 * odd one out.
 */
public final class SalesClaimMismatchDetector
    extends SpecDetector<SalesClaimMismatchDetector.State> {
  public static final String KIND = "sales_claim_mismatch";
  static final DetectorSpec SPEC = DetectorSpec.of(KIND, Scope.ROOM)
      .accepts(EventType.PRODUCT, EventType.ORDER, EventType.ROOM_END, EventType.SPEECH);
  static final double RATIO = 2.0;
  static final long MIN_EXCESS = 30;
  static final double BESIDE_RATIO = 1.5;
  static final long BESIDE_EXCESS = 20;
  static final double SIBLING_MAX = 1.25;
  static final long SIBLING_MIN_UNITS = 10;
  static final double MATERIAL = 1.25;
  static final int MAX_SKUS = 500;
  static final int KEEP_CLAIMS = 12;
  static final long BURST_MILLIS = 150_000;
  static final int MAX_DROPS = 500;

  /**
   * What a reviewer re-checks: the listing's 已售 at the start and latest with their times, the
   * units its orders (and its link drops) account for, the room's other listings as the
   * control, the claims seen and which test held ({@code far_ahead} or
   * {@code ahead_of_its_siblings}). {@code final} is true once the room ended.
   */
  public record Evidence(String sku, long claimedAtStart, long claimedAtStartTs,
      long claimedLatest, long claimedLatestTs, long claimedGrowth, long unitsOrdered,
      int ordersSeen, long otherItemsUnitsInItsLinkBursts, double growthToUnits,
      long roomClaimedGrowth, long roomUnitsOrdered, List<Map<String, Object>> claims,
      long otherListingsClaimedGrowth, long otherListingsUnitsExplained, String test,
      String threshold, boolean stateTruncated, @JsonProperty("final") boolean atEnd)
      implements org.qinglang.alert.Evidence {}

  /** One listing's claims and orders in this room. */
  static final class Listing implements java.io.Serializable {
    String title;
    long baseClaim = -1;
    long baseTs;
    long lastClaim = -1;
    long lastTs;
    long units;
    long burstCredit;
    int orders;
    long reportedGrowth;
    final ArrayList<Map<String, Object>> claims = new ArrayList<>();
  }

  /** Per room. */
  public static final class State implements java.io.Serializable {
    String platform;
    final LinkedHashMap<String, Listing> listings = new LinkedHashMap<>();
    /** Link drops: {time, index of the listing named, drop number}. */
    final ArrayList<long[]> drops = new ArrayList<>();
    long units;
    boolean overflow;
  }

  public SalesClaimMismatchDetector() {
    super(SPEC);
  }

  /** Of the anchor's speech only the link drops (上链接) matter: they credit bursts. */
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
    if (e instanceof Product p) {
      Listing l = listing(s, p.sku());
      if (l == null || p.claimedSales() == null) {
        return;
      }
      l.title = p.title();
      long claim = p.claimedSales();
      if (l.baseClaim < 0) {
        l.baseClaim = claim;
        l.baseTs = p.ts();
      }
      if (claim > l.lastClaim) {
        l.lastClaim = claim;
        l.lastTs = p.ts();
      }
      l.claims.add(AlertBuilder.ref("product", p.ts(), "room", p.room(), "sku", p.sku(),
          "claimed_sales", claim));
      if (l.claims.size() > KEEP_CLAIMS) {
        l.claims.remove(KEEP_CLAIMS / 2);
      }
      evaluate(s, p.sku(), l, ctx, false);
    } else if (e instanceof Speech sp) {
      linkDrop(s, sp);
    } else if (e instanceof Order o) {
      s.units += o.qty();
      Listing l = listing(s, o.sku());
      if (l != null) {
        l.units += o.qty();
        l.orders++;
      }
      credit(s, o);
    } else if (e instanceof RoomEnd) {
      for (Map.Entry<String, Listing> en : s.listings.entrySet()) {
        if (en.getValue().reportedGrowth > 0) {
          evaluate(s, en.getKey(), en.getValue(), ctx, true);
        }
      }
    }
  }

  /**
   * Remembers which listings a 上链接 sentence names (by title). When several listings share
   * the title, the drop is remembered for each, as a group: orders of any of them are their
   * own, not credit for the others.
   */
  private static void linkDrop(State s, Speech sp) {
    if (s.drops.size() >= MAX_DROPS) {
      return;
    }
    long group = s.drops.size();
    int i = 0;
    for (Listing l : s.listings.values()) {
      if (l.title != null && !l.title.isEmpty() && sp.text().contains(l.title)) {
        s.drops.add(new long[] {sp.ts(), i, group});
      }
      i++;
    }
  }

  /** An order in the burst after a link drop also counts for the listing linked. */
  private static void credit(State s, Order o) {
    List<Listing> all = null;
    Listing own = s.listings.get(o.sku());
    for (long[] d : s.drops) {
      if (o.ts() < d[0] || o.ts() - d[0] > BURST_MILLIS) {
        continue;
      }
      if (all == null) {
        all = new ArrayList<>(s.listings.values());
      }
      boolean ownInGroup = false;
      for (long[] g : s.drops) {
        if (g[2] == d[2] && all.get((int) g[1]) == own) {
          ownInGroup = true;
        }
      }
      if (!ownInGroup) {
        all.get((int) d[1]).burstCredit += o.qty();
      }
    }
  }

  private static Listing listing(State s, String sku) {
    Listing l = Capped.entry(s.listings, sku, MAX_SKUS, Listing::new);
    s.overflow |= l == null;
    return l;
  }

  private void evaluate(State s, String sku, Listing l, Context ctx, boolean atEnd) {
    if (l.baseClaim < 0) {
      return;
    }
    long growth = l.lastClaim - l.baseClaim;
    long explained = l.units + l.burstCredit;
    if (growth < BESIDE_RATIO * explained + BESIDE_EXCESS) {
      return;
    }
    long roomGrowth = 0;
    long siblingGrowth = 0;
    long siblingExplained = 0;
    for (Listing x : s.listings.values()) {
      if (x.baseClaim >= 0) {
        roomGrowth += x.lastClaim - x.baseClaim;
        if (x != l) {
          siblingGrowth += x.lastClaim - x.baseClaim;
          siblingExplained += x.units + x.burstCredit;
        }
      }
    }
    boolean far = growth >= RATIO * explained + MIN_EXCESS;
    boolean beside = siblingExplained >= SIBLING_MIN_UNITS
        && siblingGrowth <= SIBLING_MAX * siblingExplained;
    if (!far && !beside) {
      return;
    }
    if (!atEnd && l.reportedGrowth > 0 && growth < l.reportedGrowth * MATERIAL) {
      return;
    }
    l.reportedGrowth = Math.max(l.reportedGrowth, growth);
    String room = ctx.key();
    double ratio = growth / (double) Math.max(1, explained);
    double score = Math.min(1, 0.55 + 0.15 * Math.log10(Math.max(1, ratio))
        + 0.1 * Math.min(1, (growth - l.units) / 500.0));
    List<Map<String, Object>> claims = List.copyOf(l.claims);
    ctx.emit(AlertBuilder.of(KIND, room, sku).at(ctx.now(), s.platform).room(room)
        .subject(Subject.room(room)).subject(Subject.sku(sku))
        .score(score)
        .summary(String.format("已售 of %s grew by %d during the show while %d units were ordered"
            + " (%.1fx what the room's orders explain)", l.title == null ? sku : l.title, growth,
            l.units, ratio))
        .evidence(new Evidence(sku, l.baseClaim, l.baseTs, l.lastClaim, l.lastTs, growth,
            l.units, l.orders, l.burstCredit, Tails.round(ratio, 2), roomGrowth, s.units, claims,
            siblingGrowth, siblingExplained, far ? "far_ahead" : "ahead_of_its_siblings",
            "growth >= " + RATIO + " x (units + units of other items in its link-drop bursts) + "
                + MIN_EXCESS + ", or >= " + BESIDE_RATIO + " x them + " + BESIDE_EXCESS
                + " while the room's other listings grew by <= " + SIBLING_MAX
                + " x their own units (on >= " + SIBLING_MIN_UNITS + ")", s.overflow, atEnd))
        .rule("QL-ORD-004")
        .basis("false_publicity")
        .build());
  }
}
