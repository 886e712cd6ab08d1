package org.qinglang.detectors.order;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.qinglang.alert.Subject;
import org.qinglang.detect.AlertBuilder;
import org.qinglang.detect.Capped;
import org.qinglang.detect.Context;
import org.qinglang.detect.DetectorSpec;
import org.qinglang.detect.Scope;
import org.qinglang.detect.SpecDetector;
import org.qinglang.event.EventType;
import org.qinglang.event.Comment;
import org.qinglang.event.Event;
import org.qinglang.event.Order;
import org.qinglang.event.RoomEnd;
import org.qinglang.event.RoomStart;
import org.qinglang.event.ViewerJoin;
import org.qinglang.event.ViewerLeave;

/**
 * {@code forced_purchase}: an organised audience made to buy — colleagues told to watch the
 * whole show from the office and spend a set amount.
 *
 * <p>Evaluated when the room ends, because "present from start to end" can only be known
 * then. Viewers are grouped by network (IPv4 /24, IPv6 /48: an office has a few egress
 * addresses in one block). In each network the detector takes the <em>stayers</em>, viewers
 * present for at least {@link #STAY_SHARE} of the show, and among them the buyers. A group is
 * organised when at least {@link #MIN_GROUP} stayers bought, they are at least
 * {@link #BUYER_SHARE} of the network's stayers (everyone in the office buys, not a fraction
 * as in a real audience), and at least {@link #SAME_SHARE} of them spent the same total or
 * bought the same quantity of two or more units (a quota; one unit is what most buyers take).
 *
 * <p>Colleagues who watch on mobile data are outside the office network. Once a group is found,
 * a stayer from another network joins it when he did what the group was told to do, all of it:
 * entered within {@link #JOIN_SLACK_MILLIS} of the group's own entries (the moment the link was
 * sent round), by the group's entry path when the group shares one, and spent exactly the
 * group's modal total on the same items. A fan who watches the whole show and buys is common;
 * one who also arrives in the office's minute, by its path, with its exact basket is not.
 *
 * <p>Why each gate: a campus or a carrier NAT also puts hundreds of buyers behind one block,
 * but they come and go (few stayers) and buy different things; loyal fans stay long but come
 * from everywhere; the link-drop crowd buys the same item at the same price but leaves.
 */
public final class ForcedPurchaseDetector extends SpecDetector<ForcedPurchaseDetector.State> {
  public static final String KIND = "forced_purchase";
  static final DetectorSpec SPEC = DetectorSpec.of(KIND, Scope.ROOM)
      .accepts(EventType.VIEWER_JOIN, EventType.VIEWER_LEAVE, EventType.ORDER, EventType.COMMENT,
          EventType.ROOM_START, EventType.ROOM_END);

  /** What a reviewer re-checks: the organised groups, their members and the orders. */
  public record Evidence(List<Group> groups, List<Member> members, long showMinutes,
      int roomViewers, int roomStayers, List<Map<String, Object>> orders, String threshold,
      boolean stateTruncated) implements org.qinglang.alert.Evidence {}

  /** One office network's group, with the colleagues tied to it from other networks. */
  public record Group(String network, int stayers, int stayersWhoBought, double buyerShare,
      long modalTotalSpentFen, double sameSpentShare, long modalQuantity,
      double sameQuantityShare, int buyersPraising, List<String> colleaguesOnOtherNetworks,
      List<String> accounts) {}

  /**
   * One named account: its network, how long it stayed, what it bought, and what tied it in:
   * {@code office_network} (a stayer who bought on the group's network) or
   * {@code same_entry_minute_path_and_basket} (another network, the group's link, minute and
   * exact basket).
   */
  public record Member(String account, String network, String via, long firstJoinTs,
      double presentShare, long spentFen, long quantity, List<String> skus, int praise,
      String tiedBy) {}
  static final double STAY_SHARE = 0.85;
  static final int MIN_GROUP = 5;
  static final double BUYER_SHARE = 0.6;
  static final double SAME_SHARE = 0.7;
  /** How far outside the group's span of first joins a colleague on another network may join. */
  static final long JOIN_SLACK_MILLIS = 60_000;
  static final int MAX_VIEWERS = 100_000;
  static final int MAX_REFS = 40;
  private static final String[] PRAISE = {"支持", "好", "赞", "辛苦", "家乡", "必须", "已下单", "已拍",
      "买了", "下单了", "优秀", "棒"};

  /** One viewer's presence and purchases in the room. */
  static final class Viewer implements java.io.Serializable {
    String net;
    long openSince = -1;
    long presentMs;
    long firstJoin = Long.MAX_VALUE;
    /** Entry path of the first join, null when not given. */
    String via;
    long spent;
    long qty;
    int praise;
    // Made on the first order: most viewers never buy, and two collections each for every
    // viewer of a room were most of its state and of the time a join took.
    ArrayList<String[]> orders; // {order, ts, sku, amount}
    TreeSet<String> skus;

    TreeSet<String> skus() {
      return skus != null ? skus : NO_SKUS;
    }

    List<String[]> orders() {
      return orders != null ? orders : List.of();
    }
  }

  private static final TreeSet<String> NO_SKUS = new TreeSet<>();

  /** Per room. */
  public static final class State implements java.io.Serializable {
    String platform;
    long start = Long.MIN_VALUE;
    final HashMap<String, Viewer> viewers = new HashMap<>();
    boolean overflow;
    boolean done;
  }

  public ForcedPurchaseDetector() {
    super(SPEC);
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
    if (e instanceof RoomStart) {
      s.start = e.ts();
    } else if (e instanceof ViewerJoin j) {
      Viewer v = viewer(s, j.user());
      if (v != null) {
        if (v.net == null && j.ip() != null) {
          v.net = network(j.ip());
        }
        if (j.ts() < v.firstJoin) {
          v.firstJoin = j.ts();
          v.via = j.via();
        }
        if (v.openSince < 0) {
          v.openSince = j.ts();
        }
      }
    } else if (e instanceof ViewerLeave l) {
      Viewer v = s.viewers.get(l.user());
      if (v != null && v.openSince >= 0) {
        v.presentMs += l.ts() - v.openSince;
        v.openSince = -1;
      }
    } else if (e instanceof Order o) {
      Viewer v = viewer(s, o.user());
      if (v != null) {
        if (v.net == null && o.ip() != null) {
          v.net = network(o.ip());
        }
        v.spent += o.amount();
        v.qty += o.qty();
        if (v.orders == null) {
          v.orders = new ArrayList<>(1);
          v.skus = new TreeSet<>();
        }
        if (v.orders.size() < 20) {
          v.skus.add(o.sku());
          v.orders.add(new String[] {o.order(), Long.toString(o.ts()), o.sku(),
              Long.toString(o.amount())});
        }
      }
    } else if (e instanceof Comment c) {
      Viewer v = s.viewers.get(c.user());
      if (v != null) {
        v.praise++; // wants() lets only praise through
      }
    } else if (e instanceof RoomEnd && !s.done) {
      s.done = true;
      evaluate(s, e.ts(), ctx);
    }
  }

  private static Viewer viewer(State s, String user) {
    Viewer v = Capped.entry(s.viewers, user, MAX_VIEWERS, Viewer::new);
    s.overflow |= v == null;
    return v;
  }

  static String network(String ip) {
    if (ip.indexOf(':') >= 0) {
      String[] h = ip.split(":", -1);
      return h.length >= 3 ? h[0] + ":" + h[1] + ":" + h[2] + "::/48" : ip;
    }
    int dot = ip.lastIndexOf('.');
    return dot > 0 ? ip.substring(0, dot) + ".0/24" : ip;
  }

  /**
   * Comments count only as praise, so the others are never delivered: they were about a third
   * of what this detector took, each through the per-room event-time reordering, for nothing.
   */
  @Override
  protected boolean wants(Event e) {
    return !(e instanceof Comment c) || praises(c.text());
  }

  static boolean praises(String text) {
    if (text == null) {
      return false;
    }
    for (String p : PRAISE) {
      if (text.contains(p)) {
        return true;
      }
    }
    return false;
  }

  private void evaluate(State s, long end, Context ctx) {
    long start = s.start != Long.MIN_VALUE ? s.start : firstJoin(s);
    long duration = end - start;
    if (duration <= 0) {
      return;
    }
    Map<String, List<String>> stayers = new TreeMap<>();
    for (Map.Entry<String, Viewer> en : s.viewers.entrySet()) {
      Viewer v = en.getValue();
      long present = v.presentMs + (v.openSince >= 0 ? end - v.openSince : 0);
      if (v.net != null && present >= STAY_SHARE * duration) {
        stayers.computeIfAbsent(v.net, k -> new ArrayList<>()).add(en.getKey());
      }
    }
    // By account, not in the viewers map's layout, which a restored state lays out afresh: the
    // basket a group is read by is its first buyer's, and the colleagues are listed in this order.
    stayers.values().forEach(java.util.Collections::sort);
    List<Group> groups = new ArrayList<>();
    List<Member> members = new ArrayList<>();
    java.util.LinkedHashSet<String> accounts = new java.util.LinkedHashSet<>();
    List<Map<String, Object>> refs = new ArrayList<>();
    AlertBuilder ab = AlertBuilder.of(KIND, ctx.key()).at(ctx.now(), s.platform).room(ctx.key())
        .subject(Subject.room(ctx.key()));
    double bestSame = 0;
    for (Map.Entry<String, List<String>> en : stayers.entrySet()) {
      List<String> buyers = new ArrayList<>();
      for (String u : en.getValue()) {
        if (s.viewers.get(u).spent > 0) {
          buyers.add(u);
        }
      }
      if (buyers.size() < MIN_GROUP || buyers.size() < BUYER_SHARE * en.getValue().size()) {
        continue;
      }
      Map<Long, Integer> bySpent = new HashMap<>();
      Map<Long, Integer> byQty = new HashMap<>();
      int praise = 0;
      for (String u : buyers) {
        Viewer v = s.viewers.get(u);
        bySpent.merge(v.spent, 1, Integer::sum);
        byQty.merge(v.qty, 1, Integer::sum);
        praise += v.praise > 0 ? 1 : 0;
      }
      Map.Entry<Long, Integer> spent = mode(bySpent);
      Map.Entry<Long, Integer> qty = mode(byQty);
      double sameSpent = spent.getValue() / (double) buyers.size();
      double sameQty = qty.getValue() / (double) buyers.size();
      // One unit is what most buyers take anyway: only a set quota of several units is a sign.
      if (qty.getKey() < 2) {
        sameQty = 0;
      }
      if (Math.max(sameSpent, sameQty) < SAME_SHARE) {
        continue;
      }
      bestSame = Math.max(bestSame, Math.max(sameSpent, sameQty));
      List<String> colleagues = colleagues(s, stayers, en.getKey(), buyers, spent.getKey());
      colleagues.removeAll(accounts);
      buyers.addAll(colleagues);
      java.util.Collections.sort(buyers);
      accounts.addAll(buyers);
      for (String u : buyers) {
        for (String[] o : s.viewers.get(u).orders()) {
          ab.subject(Subject.order(o[0]));
          refs.add(AlertBuilder.ref("order", Long.parseLong(o[1]), "room", ctx.key(), "user", u,
              "order", o[0], "sku", o[2], "amount", Long.parseLong(o[3])));
        }
      }
      groups.add(new Group(en.getKey(), en.getValue().size(), buyers.size(),
          Tails.round(buyers.size() / (double) en.getValue().size(), 2), spent.getKey(),
          Tails.round(sameSpent, 2), qty.getKey(), Tails.round(sameQty, 2), praise,
          List.copyOf(colleagues), List.copyOf(buyers)));
      for (String u : buyers) {
        Viewer v = s.viewers.get(u);
        long present = v.presentMs + (v.openSince >= 0 ? end - v.openSince : 0);
        members.add(new Member(u, v.net, v.via, v.firstJoin,
            Tails.round(present / (double) duration, 2), v.spent, v.qty, List.copyOf(v.skus()),
            v.praise, colleagues.contains(u) ? "same_entry_minute_path_and_basket"
                : "office_network"));
      }
    }
    if (groups.isEmpty()) {
      return;
    }
    ab.subjects("account", accounts);
    int allStayers = stayers.values().stream().mapToInt(List::size).sum();
    double score = Math.min(1, 0.6 + 0.2 * bestSame + 0.1 * Math.min(1, accounts.size() / 20.0));
    ctx.emit(ab.score(score)
        .summary(String.format("%d accounts from %d network%s watched the whole show and bought,"
            + " %.0f%% spending the same", accounts.size(), groups.size(),
            groups.size() > 1 ? "s" : "", 100 * bestSame))
        .evidence(new Evidence(groups, members, duration / 60_000, s.viewers.size(),
            allStayers, AlertBuilder.sample(refs, MAX_REFS), ">= " + MIN_GROUP + " buyers present"
            + " >= " + (int) (100 * STAY_SHARE) + "% of the show in one network, >= "
            + (int) (100 * BUYER_SHARE) + "% of its stayers, >= " + (int) (100 * SAME_SHARE)
            + "% spending the same total or quantity", s.overflow))
        .rule("QL-ORD-003")
        .basis("consumer_free_choice")
        .build());
  }

  /**
   * Stayers of other networks who did exactly what the group did: joined within the group's
   * span of first joins (plus {@link #JOIN_SLACK_MILLIS}), by its entry path when at least
   * {@link #SAME_SHARE} of the group shares one, and spent the group's modal total on the items
   * the group's modal buyers bought.
   */
  private static List<String> colleagues(State s, Map<String, List<String>> stayers, String net,
      List<String> group, long modalSpent) {
    long from = Long.MAX_VALUE;
    long to = Long.MIN_VALUE;
    Map<String, Integer> vias = new HashMap<>();
    TreeSet<String> basket = null;
    for (String u : group) {
      Viewer v = s.viewers.get(u);
      from = Math.min(from, v.firstJoin);
      to = Math.max(to, v.firstJoin);
      if (v.via != null) {
        vias.merge(v.via, 1, Integer::sum);
      }
      if (basket == null && v.spent == modalSpent) {
        basket = v.skus();
      }
    }
    String via = null;
    for (Map.Entry<String, Integer> en : vias.entrySet()) {
      if (en.getValue() >= SAME_SHARE * group.size()) {
        via = en.getKey();
      }
    }
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, List<String>> en : stayers.entrySet()) {
      if (en.getKey().equals(net)) {
        continue;
      }
      for (String u : en.getValue()) {
        Viewer v = s.viewers.get(u);
        if (v.spent == modalSpent && v.skus().equals(basket)
            && v.firstJoin >= from - JOIN_SLACK_MILLIS && v.firstJoin <= to + JOIN_SLACK_MILLIS
            && (via == null || via.equals(v.via))) {
          out.add(u);
        }
      }
    }
    return out;
  }

  private static long firstJoin(State s) {
    long t = Long.MAX_VALUE;
    for (Viewer v : s.viewers.values()) {
      t = Math.min(t, v.firstJoin);
    }
    return t;
  }

  private static Map.Entry<Long, Integer> mode(Map<Long, Integer> counts) {
    Map.Entry<Long, Integer> best = null;
    for (Map.Entry<Long, Integer> en : counts.entrySet()) {
      if (best == null || en.getValue() > best.getValue()
          || (en.getValue().equals(best.getValue()) && en.getKey() < best.getKey())) {
        best = en;
      }
    }
    return best;
  }
}
