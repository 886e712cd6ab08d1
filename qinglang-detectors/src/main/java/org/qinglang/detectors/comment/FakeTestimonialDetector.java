package org.qinglang.detectors.comment;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.qinglang.alert.Subject;
import org.qinglang.detect.AlertBuilder;
import org.qinglang.detect.Context;
import org.qinglang.detect.DetectorSpec;
import org.qinglang.detect.Directory;
import org.qinglang.detect.Scope;
import org.qinglang.detect.SpecDetector;
import org.qinglang.event.AccountEvent;
import org.qinglang.event.Comment;
import org.qinglang.event.Event;
import org.qinglang.event.EventType;
import org.qinglang.event.Order;
import org.qinglang.event.Product;
import org.qinglang.event.RoomStart;

/**
 * {@code fake_testimonial}: accounts claim personal use and results (效果, 回购, 瘦了3斤,
 * 斑淡了, 血糖降了, 睡整觉了) in a room, with no order of that room's anchor's or merchant's
 * products anywhere in the data seen so far.
 *
 * <p>One finding is the campaign of one room for one seller: every account that posted such a
 * claim there is a subject of the same alert, with its own figures, and the alert is re-emitted
 * under the same id as accounts join. A moderator reviews a room's paid praise once, not one
 * account at a time.
 *
 * <p>Scope GLOBAL, because both halves of the test cross keys: purchase memory is per account
 * across rooms and shows (a repeat buyer ordered in the anchor's show last week), the campaign
 * is per room. An order counts for the anchor of its room, the merchant of that room and the
 * merchant of the sku's listing ({@code directory().product(sku)}).
 *
 * <p>A claim is judged {@link #GRACE_MS} after it is posted: an honest viewer writes "再来一单"
 * and then buys. Members whose claim was worded past the word lists ("破平真的台期") are tied in
 * by what the crew cannot hide in a room where the campaign is already found: a near-duplicate
 * of a member's testimonial, posted by an account that never bought from the seller either.
 *
 * <p>Memory is bounded: {@link #MAX_BUYERS} buyers (least recent evicted, and forgotten
 * {@link #RETENTION_MS} after their last order), {@link #MAX_SELLERS} sellers each,
 * {@link #MAX_PENDING} claims waiting, {@link #MAX_CAMPAIGNS} campaigns of at most
 * {@link #MAX_MEMBERS} accounts.
 */
public final class FakeTestimonialDetector extends SpecDetector<FakeTestimonialDetector.State> {
  public static final String KIND = "fake_testimonial";
  static final DetectorSpec SPEC = DetectorSpec.of(KIND, Scope.GLOBAL)
      .accepts(EventType.ORDER, EventType.COMMENT)
      .reads(Directory.Part.ACCOUNTS, Directory.Part.ROOMS, Directory.Part.PRODUCTS)
      .retention(java.time.Duration.ofDays(60));
  static final long GRACE_MS = 10 * 60_000L;
  static final long RETENTION_MS = 60L * 24 * 3_600_000L;
  static final int MAX_BUYERS = 200_000;
  static final int MAX_SELLERS = 32;
  static final int MAX_PENDING = 50_000;
  static final int MAX_CAMPAIGNS = 5_000;
  static final int MAX_MEMBERS = 1_000;
  /** Members listed with their figures in the evidence; every member is a subject. */
  static final int MAX_LISTED = 200;
  static final int MAX_QUOTES = 20;
  /** Near-duplicates kept per campaign room to tie in members worded past the lists. */
  static final int MAX_CANDIDATES = 64;
  /** How long such a comment may wait for the campaign it would belong to. */
  static final long CANDIDATE_MS = 60 * 60_000L;
  static final long YOUNG_MS = 30L * 24 * 3_600_000L;

  /** What a reviewer re-checks for the campaign of one room and seller. */
  public record Evidence(String anchor, String merchant, int accounts, int testimonials,
      List<Member> members, List<Map<String, Object>> comments, String memory)
      implements org.qinglang.alert.Evidence {}

  /**
   * One account of the campaign: its claims here, its orders with any other seller (none with
   * this one, by construction), its registration and how it was tied in: {@code testimonial}
   * (its own claim matched the lists) or {@code near_duplicate_of:<account>}.
   */
  public record Member(String account, int testimonials, int ordersOfOtherSellers,
      Long accountCreated, boolean young, long firstTs, String tiedBy) {}

  /** A claim waiting for its grace period. */
  static final class Pending implements Serializable {
    final long ts;
    final String user;
    final String room;
    final String platform;
    final String anchor;
    final String merchant;
    final String text;
    final boolean testimonial;

    Pending(long ts, String user, String room, String platform, String anchor, String merchant,
        String text, boolean testimonial) {
      this.ts = ts;
      this.user = user;
      this.room = room;
      this.platform = platform;
      this.anchor = anchor;
      this.merchant = merchant;
      this.text = text;
      this.testimonial = testimonial;
    }
  }

  /** An account's remembered purchases. */
  static final class Buyer implements Serializable {
    final LinkedHashMap<String, Long> sellers = new LinkedHashMap<>();
    int orders;
    long last;
  }

  /** One account's part in a campaign. */
  static final class Part implements Serializable {
    int testimonials;
    long firstTs;
    String tiedBy;
    int[] grams; // of its first testimonial, to tie in near-duplicates
  }

  /** A non-testimonial comment by a non-buyer, kept to be compared with the campaign's. */
  static final class Candidate implements Serializable {
    final String user;
    final long ts;
    final String text;
    final int[] grams;

    Candidate(String user, long ts, String text, int[] grams) {
      this.user = user;
      this.ts = ts;
      this.text = text;
      this.grams = grams;
    }
  }

  /** The campaign of one room for one seller. */
  static final class Campaign implements Serializable {
    final String room;
    final String platform;
    final String anchor;
    final String merchant;
    final LinkedHashMap<String, Part> members = new LinkedHashMap<>();
    final ArrayList<Map<String, Object>> quotes = new ArrayList<>();
    final ArrayDeque<Candidate> candidates = new ArrayDeque<>();
    int testimonials;
    long last;

    Campaign(String room, String platform, String anchor, String merchant) {
      this.room = room;
      this.platform = platform;
      this.anchor = anchor;
      this.merchant = merchant;
    }
  }

  /** Everything: purchase memory per account, claims waiting, campaigns per room. */
  public static final class State implements Serializable {
    /** Buyers by user, least recent order first (re-inserted on each order). */
    final LinkedHashMap<String, Buyer> buyers = new LinkedHashMap<>();
    final ArrayDeque<Pending> pending = new ArrayDeque<>();
    final LinkedHashMap<String, Campaign> campaigns = new LinkedHashMap<>();
    /** Candidates of rooms without a campaign yet, by room, bounded like a campaign's. */
    final LinkedHashMap<String, ArrayDeque<Candidate>> loose = new LinkedHashMap<>();
  }

  public FakeTestimonialDetector() {
    super(SPEC);
  }

  @Override
  protected boolean wants(Event e) {
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
  public void onEvent(State s, Event e, Context ctx) {
    if (e instanceof Order o) {
      order(s, o, ctx);
    } else if (e instanceof Comment c) {
      comment(s, c, ctx);
    }
  }

  private void order(State s, Order o, Context ctx) {
    Buyer b = s.buyers.remove(o.user());
    if (b == null) {
      b = new Buyer();
    }
    s.buyers.put(o.user(), b); // most recent last
    b.orders++;
    b.last = Math.max(b.last, o.ts());
    RoomStart r = ctx.directory().room(o.room());
    if (r != null) {
      remember(b, "a:" + r.anchor(), o.ts());
      if (r.merchant() != null) {
        remember(b, "m:" + r.merchant(), o.ts());
      }
    }
    Product p = ctx.directory().product(o.sku());
    if (p != null && p.merchant() != null) {
      remember(b, "m:" + p.merchant(), o.ts());
    }
    Iterator<Map.Entry<String, Buyer>> it = s.buyers.entrySet().iterator();
    while (it.hasNext()) {
      Buyer oldest = it.next().getValue();
      if (s.buyers.size() <= MAX_BUYERS && oldest.last >= o.ts() - RETENTION_MS) {
        break;
      }
      it.remove();
    }
  }

  private static void remember(Buyer b, String seller, long ts) {
    b.sellers.remove(seller);
    b.sellers.put(seller, ts);
    if (b.sellers.size() > MAX_SELLERS) {
      b.sellers.remove(b.sellers.keySet().iterator().next());
    }
  }

  private static boolean bought(State s, String user, String anchor, String merchant) {
    Buyer b = s.buyers.get(user);
    return b != null && ((anchor != null && b.sellers.containsKey("a:" + anchor))
        || (merchant != null && b.sellers.containsKey("m:" + merchant)));
  }

  private void comment(State s, Comment c, Context ctx) {
    RoomStart r = ctx.directory().room(c.room());
    String anchor = r == null ? null : r.anchor();
    String merchant = r == null ? null : r.merchant();
    if (anchor == null && merchant == null) {
      return; // no seller known: nothing to check the claim against
    }
    if (bought(s, c.user(), anchor, merchant)) {
      return;
    }
    String norm = TextNormalizer.normalize(c.text());
    boolean testimonial = ClaimText.isTestimonial(norm);
    if (!testimonial && norm.length() < NearDuplicateIndex.LONG) {
      return; // too short to be anyone's near-duplicate
    }
    if (s.pending.size() >= MAX_PENDING) {
      s.pending.pollFirst();
    }
    s.pending.addLast(new Pending(c.ts(), c.user(), c.room(), c.platform(), anchor, merchant,
        c.text(), testimonial));
    ctx.wakeAt(c.ts() + GRACE_MS);
  }

  @Override
  public void onWake(State s, long time, Context ctx) {
    LinkedHashSet<Campaign> changed = new LinkedHashSet<>();
    // In arrival order: a claim that arrived late behind one not yet due waits for that one's
    // wake, at most the lateness bound; scanning the whole queue on every wake would not scale.
    while (!s.pending.isEmpty() && s.pending.peekFirst().ts + GRACE_MS <= time) {
      Pending p = s.pending.pollFirst();
      if (bought(s, p.user, p.anchor, p.merchant)) {
        continue;
      }
      String key = p.room + "\u0000" + p.anchor + "\u0000" + p.merchant;
      Campaign c = s.campaigns.get(key);
      if (!p.testimonial) {
        Candidate cand = new Candidate(p.user, p.ts, p.text,
            MinHash.bigrams(TextNormalizer.normalize(p.text)));
        ArrayDeque<Candidate> q = c != null ? c.candidates
            : s.loose.computeIfAbsent(key, k -> new ArrayDeque<>());
        q.addLast(cand);
        while (q.peekFirst().ts < cand.ts - CANDIDATE_MS || q.size() > MAX_CANDIDATES) {
          q.pollFirst();
        }
        if (s.loose.size() > MAX_CAMPAIGNS) {
          s.loose.remove(s.loose.keySet().iterator().next());
        }
        if (c != null && tieIn(s, c, cand)) {
          changed.add(c);
        }
        continue;
      }
      if (c == null) {
        c = new Campaign(p.room, p.platform, p.anchor, p.merchant);
        ArrayDeque<Candidate> q = s.loose.remove(key);
        if (q != null) {
          c.candidates.addAll(q);
        }
        s.campaigns.put(key, c);
        if (s.campaigns.size() > MAX_CAMPAIGNS) {
          s.campaigns.remove(s.campaigns.keySet().iterator().next());
        }
      }
      Part part = c.members.get(p.user);
      if (part == null) {
        if (c.members.size() >= MAX_MEMBERS) {
          continue;
        }
        part = new Part();
        part.firstTs = p.ts;
        part.tiedBy = "testimonial";
        part.grams = MinHash.bigrams(TextNormalizer.normalize(p.text));
        c.members.put(p.user, part);
      } else if (!"testimonial".equals(part.tiedBy)) {
        part.tiedBy = "testimonial"; // its own claim now says it
        part.grams = MinHash.bigrams(TextNormalizer.normalize(p.text));
      }
      part.testimonials++;
      c.testimonials++;
      c.last = Math.max(c.last, p.ts);
      if (c.quotes.size() < MAX_QUOTES) {
        c.quotes.add(AlertBuilder.ref("comment", p.ts, "room", p.room, "user", p.user,
            "text", p.text));
      }
      for (Candidate cand : c.candidates) {
        tieIn(s, c, cand);
      }
      changed.add(c);
    }
    for (Campaign c : changed) {
      emit(s, c, ctx);
    }
  }

  /**
   * Ties in the author of {@code cand} when its text is a near-duplicate of a member's
   * testimonial: the crew posts copies of a few templates, and a copy varied past the word
   * lists is still a copy. Only once the room has two members, so one honest-looking claim
   * does not pull in its neighbours; never an account that bought from the seller.
   */
  private static boolean tieIn(State s, Campaign c, Candidate cand) {
    if (c.members.size() < 2 || c.members.containsKey(cand.user)
        || c.members.size() >= MAX_MEMBERS || bought(s, cand.user, c.anchor, c.merchant)) {
      return false;
    }
    for (Map.Entry<String, Part> m : c.members.entrySet()) {
      Part mp = m.getValue();
      if (mp.grams != null && "testimonial".equals(mp.tiedBy)
          && NearDuplicateIndex.similarity(cand.grams, mp.grams) > 0) {
        Part part = new Part();
        part.firstTs = cand.ts;
        part.tiedBy = "near_duplicate_of:" + m.getKey();
        c.members.put(cand.user, part);
        c.last = Math.max(c.last, cand.ts);
        if (c.quotes.size() < MAX_QUOTES) {
          c.quotes.add(AlertBuilder.ref("comment", cand.ts, "room", c.room, "user", cand.user,
              "text", cand.text));
        }
        return true;
      }
    }
    return false;
  }

  private void emit(State s, Campaign c, Context ctx) {
    List<Member> members = new ArrayList<>();
    int young = 0;
    int neverOrdered = 0;
    for (Map.Entry<String, Part> en : c.members.entrySet()) {
      String user = en.getKey();
      Part p = en.getValue();
      AccountEvent acc = ctx.directory().account(user);
      boolean isYoung = acc != null && p.firstTs - acc.created() < YOUNG_MS;
      Buyer b = s.buyers.get(user);
      int orders = b == null ? 0 : b.orders;
      young += isYoung ? 1 : 0;
      neverOrdered += orders == 0 ? 1 : 0;
      if (members.size() < MAX_LISTED) {
        members.add(new Member(user, p.testimonials, orders, acc == null ? null : acc.created(),
            isYoung, p.firstTs, p.tiedBy));
      }
    }
    int n = c.members.size();
    double score = Math.min(1, 0.6 + 0.05 * Math.min(6, n - 1)
        + 0.1 * Math.min(3, c.testimonials - 1) / 3.0 + 0.1 * young / n
        + 0.05 * neverOrdered / n);
    String seller = c.anchor != null ? c.anchor : c.merchant;
    ctx.emit(AlertBuilder.of(KIND, c.room, "seller", seller)
        .at(ctx.now(), c.platform)
        .room(c.room)
        .score(score)
        .subject(Subject.room(c.room))
        .subjects("account", c.members.keySet())
        .summary(String.format("%d account%s posted %d testimonial%s claiming use or results"
            + " with no order of anchor %s or merchant %s seen (%d never ordered anything)", n,
            n == 1 ? "" : "s", c.testimonials, c.testimonials == 1 ? "" : "s", c.anchor,
            c.merchant, neverOrdered))
        .evidence(new Evidence(c.anchor, c.merchant, n, c.testimonials, members,
            List.copyOf(c.quotes),
            "orders of the last " + RETENTION_MS / (24 * 3_600_000L) + " days of each account's"
                + " activity; judged " + GRACE_MS / 60_000 + " min after the comment"))
        .rule("QL-CMT-002")
        .basis("ecommerce_fake_reviews")
        .build());
  }
}
