package org.qinglang.detectors.comment;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qinglang.alert.Subject;
import org.qinglang.detect.AlertBuilder;
import org.qinglang.detect.Context;
import org.qinglang.detect.Detector;
import org.qinglang.detect.Scope;
import org.qinglang.event.AccountEvent;
import org.qinglang.event.Comment;
import org.qinglang.event.Event;
import org.qinglang.event.Order;
import org.qinglang.event.Product;
import org.qinglang.event.RoomStart;

/**
 * {@code fake_testimonial}: an account claims personal use and results (效果, 回购, 瘦了3斤,
 * 斑淡了, 血糖降了, 睡整觉了) in a room, and it has no order of that room's anchor's or
 * merchant's products anywhere in the data seen so far.
 *
 * <p>Keyed by account, so the detector sees one account's orders and comments in event-time
 * order across every room and show: a genuine repeat buyer, who ordered in an earlier show of
 * the same anchor (or any product of the same merchant), is remembered and left alone. An order
 * counts for the anchor of the room it was placed in, the merchant of that room and the
 * merchant of the sku's listing ({@code directory().product(sku)}).
 *
 * <p>A testimonial is not judged at once: an honest viewer may write "再来一单" and then buy.
 * It is judged {@link #GRACE_MS} later; an order of that anchor or merchant in between clears
 * it. Memory per account is bounded: the last {@link #MAX_SELLERS} anchors and merchants it
 * bought from, at most {@link #MAX_PENDING} testimonials waiting, and the state of an account
 * quiet for {@link #RETENTION_MS} is dropped (so a buyer whose last purchase is older than that
 * is no longer known as one: a documented blind spot).
 */
public final class FakeTestimonialDetector implements Detector<FakeTestimonialDetector.State> {
  public static final String KIND = "fake_testimonial";
  static final long GRACE_MS = 10 * 60_000L;
  static final long RETENTION_MS = 60L * 24 * 3_600_000L;
  static final int MAX_SELLERS = 64;
  static final int MAX_PENDING = 16;
  static final int MAX_ROOMS = 32;
  static final long YOUNG_MS = 30L * 24 * 3_600_000L;

  /** A testimonial waiting for its grace period. */
  static final class Pending implements Serializable {
    final long ts;
    final String room;
    final String platform;
    final String anchor;
    final String merchant;
    final String text;

    Pending(long ts, String room, String platform, String anchor, String merchant, String text) {
      this.ts = ts;
      this.room = room;
      this.platform = platform;
      this.anchor = anchor;
      this.merchant = merchant;
      this.text = text;
    }
  }

  /** What one room's finding holds so far. */
  static final class Finding implements Serializable {
    final String anchor;
    final String merchant;
    final ArrayList<Map<String, Object>> comments = new ArrayList<>();
    int count;

    Finding(String anchor, String merchant) {
      this.anchor = anchor;
      this.merchant = merchant;
    }
  }

  /** Per account. */
  public static final class State implements Serializable {
    /** Anchors and merchants bought from, least recent first. */
    final LinkedHashMap<String, Long> sellers = new LinkedHashMap<>();
    final ArrayList<Pending> pending = new ArrayList<>();
    final LinkedHashMap<String, Finding> findings = new LinkedHashMap<>();
    int orders;
    long firstOrderTs = Long.MIN_VALUE;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Scope scope() {
    return Scope.ACCOUNT;
  }

  @Override
  public boolean accepts(Event e) {
    if (e instanceof Order o) {
      return o.user() != null;
    }
    return e instanceof Comment c && ClaimText.mayBeTestimonial(c.text());
  }

  @Override
  public State newState() {
    return new State();
  }

  @Override
  public long retentionMillis() {
    return RETENTION_MS;
  }

  @Override
  public void onEvent(State s, Event e, Context ctx) {
    if (e instanceof Order o) {
      order(s, o, ctx);
    } else if (e instanceof Comment c) {
      comment(s, c, ctx);
    }
  }

  private void order(State s, Order o, Context ctx) {
    s.orders++;
    if (s.firstOrderTs == Long.MIN_VALUE) {
      s.firstOrderTs = o.ts();
    }
    RoomStart r = ctx.directory().room(o.room());
    if (r != null) {
      remember(s, "a:" + r.anchor(), o.ts());
      if (r.merchant() != null) {
        remember(s, "m:" + r.merchant(), o.ts());
      }
    }
    Product p = ctx.directory().product(o.sku());
    if (p != null && p.merchant() != null) {
      remember(s, "m:" + p.merchant(), o.ts());
    }
    s.pending.removeIf(x -> bought(s, x.anchor, x.merchant));
  }

  private static void remember(State s, String seller, long ts) {
    s.sellers.remove(seller);
    s.sellers.put(seller, ts);
    if (s.sellers.size() > MAX_SELLERS) {
      s.sellers.remove(s.sellers.keySet().iterator().next());
    }
  }

  private static boolean bought(State s, String anchor, String merchant) {
    return (anchor != null && s.sellers.containsKey("a:" + anchor))
        || (merchant != null && s.sellers.containsKey("m:" + merchant));
  }

  private void comment(State s, Comment c, Context ctx) {
    String norm = TextNormalizer.normalize(c.text());
    if (!ClaimText.isTestimonial(norm)) {
      return;
    }
    RoomStart r = ctx.directory().room(c.room());
    String anchor = r == null ? null : r.anchor();
    String merchant = r == null ? null : r.merchant();
    if (anchor == null && merchant == null) {
      return; // no seller known: nothing to check the claim against
    }
    if (bought(s, anchor, merchant)) {
      return;
    }
    if (s.pending.size() >= MAX_PENDING) {
      s.pending.remove(0);
    }
    s.pending.add(new Pending(c.ts(), c.room(), c.platform(), anchor, merchant, c.text()));
    ctx.wakeAt(c.ts() + GRACE_MS);
  }

  @Override
  public void onWake(State s, long time, Context ctx) {
    Iterator<Pending> it = s.pending.iterator();
    List<String> changed = new ArrayList<>();
    while (it.hasNext()) {
      Pending p = it.next();
      if (p.ts + GRACE_MS > time) {
        continue;
      }
      it.remove();
      if (bought(s, p.anchor, p.merchant)) {
        continue;
      }
      Finding f = s.findings.get(p.room);
      if (f == null) {
        if (s.findings.size() >= MAX_ROOMS) {
          s.findings.remove(s.findings.keySet().iterator().next());
        }
        f = new Finding(p.anchor, p.merchant);
        s.findings.put(p.room, f);
      }
      f.count++;
      if (f.comments.size() < 5) {
        f.comments.add(AlertBuilder.ref("comment", p.ts, "room", p.room, "user", ctx.key(),
            "text", p.text));
      }
      if (!changed.contains(p.room)) {
        changed.add(p.room);
      }
    }
    for (String room : changed) {
      emit(s, ctx, room, platformOf(room, ctx));
    }
  }

  private static String platformOf(String room, Context ctx) {
    RoomStart r = ctx.directory().room(room);
    return r == null ? null : r.platform();
  }

  private void emit(State s, Context ctx, String room, String platform) {
    Finding f = s.findings.get(room);
    String user = ctx.key();
    AccountEvent acc = ctx.directory().account(user);
    long firstTs = (Long) f.comments.get(0).get("ts");
    boolean young = acc != null && firstTs - acc.created() < YOUNG_MS;
    double score = Math.min(1, 0.6 + 0.1 * Math.min(3, f.count - 1) + (young ? 0.1 : 0)
        + (s.orders == 0 ? 0.05 : 0));
    ctx.emit(AlertBuilder.of(KIND, room, user)
        .at(ctx.now(), platform)
        .room(room)
        .score(score)
        .subject(Subject.account(user))
        .subject(Subject.room(room))
        .summary(String.format("%s posted %d testimonial%s claiming use or results with no"
            + " order of anchor %s or merchant %s seen (%d orders of other sellers)", user,
            f.count, f.count == 1 ? "" : "s", f.anchor, f.merchant, s.orders))
        .evidence("testimonials", f.count)
        .evidence("comments", List.copyOf(f.comments))
        .evidence("anchor", f.anchor)
        .evidence("merchant", f.merchant)
        .evidence("orders_seen_of_account", s.orders)
        .evidence("sellers_bought_from_remembered", s.sellers.size())
        .evidence("account_created", acc == null ? null : acc.created())
        .evidence("memory", "orders of the last " + RETENTION_MS / (24 * 3_600_000L)
            + " days of the account's activity; judged " + GRACE_MS / 60_000
            + " min after the comment")
        .rule("QL-CMT-002")
        .basis("ecommerce_fake_reviews")
        .build());
  }
}
