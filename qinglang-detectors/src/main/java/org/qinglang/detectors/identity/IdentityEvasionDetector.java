package org.qinglang.detectors.identity;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.qinglang.alert.Subject;
import org.qinglang.detect.AlertBuilder;
import org.qinglang.detect.Capped;
import org.qinglang.detect.Context;
import org.qinglang.detect.DetectorSpec;
import org.qinglang.detect.Directory;
import org.qinglang.detect.Scope;
import org.qinglang.detect.SpecDetector;
import org.qinglang.event.EventType;
import org.qinglang.detectors.identity.IdentityLedger.Ids;
import org.qinglang.detectors.identity.NegativeList.Act;
import org.qinglang.detectors.identity.NegativeList.Entry;
import org.qinglang.event.AccountEvent;
import org.qinglang.event.Event;
import org.qinglang.event.Order;
import org.qinglang.event.Product;
import org.qinglang.event.RoomStart;
import org.qinglang.event.Sanction;
import org.qinglang.event.ViewerJoin;

/**
 * {@code identity_evasion}: a sanctioned person back under another account.
 *
 * <p>The negative list is built from {@code sanction} events and keyed by the banned account's
 * hashed identities (its {@code account} event, and the devices and payments of its orders and
 * joins). Another account that shares one is judged by what it shares and what it does:
 * <ul>
 *   <li>a <b>strong</b> match (same {@code id_hash} or {@code phone_hash}: the same person) is
 *       raised when the account was registered while the ban was in force, or when it does what
 *       the ban forbids (streams, sells; anything for an account ban);</li>
 *   <li>a <b>weak</b> match (same device or payment instrument only, which family members
 *       share) is raised only when the account sells or streams while the ban is in force, with
 *       a low score and a summary that says why it may be innocent. Family members who watch and
 *       buy on the banned person's phone are never raised.</li>
 * </ul>
 * One alert per evading account, re-emitted when the match strengthens, a new banned account
 * matches, or the account starts to sell.
 */
public final class IdentityEvasionDetector
    extends SpecDetector<IdentityEvasionDetector.State> {
  public static final String KIND = "identity_evasion";
  /** Bans last months or for ever: the list is kept for two years of a quiet stream. */
  static final DetectorSpec SPEC = DetectorSpec.of(KIND, Scope.GLOBAL)
      .accepts(EventType.VIEWER_JOIN, EventType.ORDER, EventType.PRODUCT, EventType.ACCOUNT,
          EventType.ROOM_START, EventType.SANCTION)
      .reads(Directory.Part.ACCOUNTS)
      .retention(java.time.Duration.ofDays(2 * 365));

  public IdentityEvasionDetector() {
    super(SPEC);
  }
  static final int MAX_ACTORS = 200_000;
  static final int MAX_FLAGGED = 200_000;

  /** The negative list, the identities seen, who sells, and what was raised. */
  public static final class State implements Serializable {
    final NegativeList list = new NegativeList();
    final IdentityLedger ledger = new IdentityLedger();
    final HashSet<String> pinned = new HashSet<>();
    final HashMap<String, Acts> acts = new HashMap<>();
    final HashMap<String, Raised> raised = new HashMap<>();
  }

  /** When an account last streamed or sold, and where, for the act test and the evidence. */
  static final class Acts implements Serializable {
    long streamTs = Long.MIN_VALUE;
    long sellTs = Long.MIN_VALUE;
    final ArrayList<Map<String, Object>> refs = new ArrayList<>(1);
  }

  /** What the last alert of an account said. */
  static final class Raised implements Serializable {
    double score;
    int banned;
    boolean acted;
  }

  @Override
  protected boolean wants(Event e) {
    if (e instanceof ViewerJoin j) {
      return j.device() != null;
    }
    if (e instanceof Order o) {
      return o.device() != null || o.payment() != null;
    }
    if (e instanceof Product p) {
      return p.merchant() != null;
    }
    return true;
  }

  @Override
  public State newState() {
    return new State();
  }

  @Override
  public void onEvent(State s, Event e, Context ctx) {
    long t = e.ts();
    if (e instanceof Sanction x) {
      onSanction(s, x, ctx);
    } else if (e instanceof AccountEvent a) {
      Ids ids = s.ledger.ids(a.user(), s.pinned);
      ids.created = a.created();
      ids.accountTs = a.ts();
      ids.platform = a.platform();
      learn(s, a.user(), ids, IdentityKind.ID_HASH, a.idHash(), t, ctx);
      learn(s, a.user(), ids, IdentityKind.PHONE, a.phoneHash(), t, ctx);
      learn(s, a.user(), ids, IdentityKind.DEVICE, a.device(), t, ctx);
      evaluate(s, a.user(), t, ctx);
    } else if (e instanceof ViewerJoin j) {
      learnOne(s, j.user(), IdentityKind.DEVICE, j.device(), t, ctx);
    } else if (e instanceof Order o) {
      learnOne(s, o.user(), IdentityKind.DEVICE, o.device(), t, ctx);
      learnOne(s, o.user(), IdentityKind.PAYMENT, o.payment(), t, ctx);
    } else if (e instanceof RoomStart r) {
      Map<String, Object> ref = AlertBuilder.ref("room_start", r.ts(), "room", r.room(),
          "anchor", r.anchor(), "merchant", r.merchant());
      act(s, r.anchor(), Act.STREAM, t, ref, ctx);
      if (r.merchant() != null && !r.merchant().equals(r.anchor())) {
        act(s, r.merchant(), Act.SELL, t, ref, ctx);
      }
    } else if (e instanceof Product p) {
      act(s, p.merchant(), Act.SELL, t, AlertBuilder.ref("product", p.ts(), "room", p.room(),
          "sku", p.sku(), "merchant", p.merchant()), ctx);
    }
  }

  private void onSanction(State s, Sanction x, Context ctx) {
    Entry entry = new Entry(x.scope(), x.ts(), x.until(), x.reason(), x.platform());
    if (!s.list.add(x.user(), entry)) {
      return;
    }
    s.pinned.add(x.user());
    Ids ids = s.ledger.ids(x.user(), s.pinned);
    AccountEvent profile = ctx.directory().account(x.user());
    if (profile != null) {
      // The directory may know the profile from before this detector's state began.
      s.ledger.record(x.user(), ids, IdentityKind.ID_HASH, profile.idHash());
      s.ledger.record(x.user(), ids, IdentityKind.PHONE, profile.phoneHash());
      s.ledger.record(x.user(), ids, IdentityKind.DEVICE, profile.device());
    }
    LinkedHashSet<String> suspects = new LinkedHashSet<>();
    for (String key : ids.keys()) {
      s.list.index(x.user(), key);
      suspects.addAll(s.ledger.holdersOf(key));
    }
    // A sanction recorded late may already be evaded by accounts seen before it arrived.
    for (String n : suspects) {
      if (!n.equals(x.user())) {
        evaluate(s, n, x.ts(), ctx);
      }
    }
  }

  private void learnOne(State s, String account, IdentityKind kind, String value, long t,
      Context ctx) {
    if (value == null || account == null) {
      return;
    }
    Ids ids = s.ledger.ids(account, s.pinned);
    if (learn(s, account, ids, kind, value, t, ctx)) {
      evaluate(s, account, t, ctx);
    }
  }

  /**
   * Records an identity; if it belongs to a listed account it is indexed and every other
   * holder is re-judged. Returns true when the identity is new and matches the negative list.
   */
  private boolean learn(State s, String account, Ids ids, IdentityKind kind, String value,
      long t, Context ctx) {
    String key = s.ledger.record(account, ids, kind, value);
    if (key == null) {
      return false;
    }
    if (s.list.isListed(account)) {
      s.list.index(account, key);
      for (String n : List.copyOf(s.ledger.holdersOf(key))) {
        if (!n.equals(account)) {
          evaluate(s, n, t, ctx);
        }
      }
      return false;
    }
    return !s.list.sanctionedHolding(key).isEmpty();
  }

  private void act(State s, String account, Act act, long t, Map<String, Object> ref,
      Context ctx) {
    if (account == null) {
      return;
    }
    Acts a = Capped.entry(s.acts, account, MAX_ACTORS, Acts::new);
    if (a == null) {
      return;
    }
    if (act == Act.STREAM) {
      a.streamTs = Math.max(a.streamTs, t);
    }
    a.sellTs = Math.max(a.sellTs, t); // streaming in a live-commerce room is selling too
    if (a.refs.size() < 5) {
      a.refs.add(ref);
    }
    if (s.ledger.get(account) == null) {
      AccountEvent profile = ctx.directory().account(account);
      if (profile != null) {
        Ids ids = s.ledger.ids(account, s.pinned);
        ids.created = profile.created();
        ids.accountTs = profile.ts();
        ids.platform = profile.platform();
        s.ledger.record(account, ids, IdentityKind.ID_HASH, profile.idHash());
        s.ledger.record(account, ids, IdentityKind.PHONE, profile.phoneHash());
        s.ledger.record(account, ids, IdentityKind.DEVICE, profile.device());
      }
    }
    evaluate(s, account, t, ctx);
  }

  /** Judges {@code n} against every listed account it shares an identity with. */
  private void evaluate(State s, String n, long t, Context ctx) {
    Ids ids = s.ledger.get(n);
    if (ids == null || s.list.isListed(n)) {
      return; // a listed account is not a new identity; breaches of its own ban are not this
    }
    Map<String, List<String>> shared = new LinkedHashMap<>();
    for (String key : ids.keys()) {
      if (s.ledger.isCrowded(key) && !IdentityKind.ofKey(key).strong) {
        continue;
      }
      for (String banned : s.list.sanctionedHolding(key)) {
        if (!banned.equals(n)) {
          shared.computeIfAbsent(banned, k -> new ArrayList<>(2)).add(key);
        }
      }
    }
    if (shared.isEmpty()) {
      return;
    }
    Acts acts = s.acts.get(n);
    List<EvasionMatch> found = new ArrayList<>();
    for (Map.Entry<String, List<String>> m : shared.entrySet()) {
      EvasionMatch match = EvasionMatch.judge(m.getKey(), m.getValue(),
          s.list.history(m.getKey()), ids, acts);
      if (match != null) {
        found.add(match);
      }
    }
    if (found.isEmpty()) {
      return;
    }
    double score = 0;
    for (EvasionMatch m : found) {
      score = Math.max(score, m.score());
    }
    boolean acted = acts != null;
    Raised r = s.raised.get(n);
    if (r != null && score <= r.score && found.size() <= r.banned && acted == r.acted) {
      return;
    }
    if (r == null) {
      if (s.raised.size() >= MAX_FLAGGED) {
        return;
      }
      r = new Raised();
      s.raised.put(n, r);
    }
    r.score = Math.max(score, r.score);
    r.banned = Math.max(found.size(), r.banned);
    r.acted = acted;
    ctx.emit(EvasionAlert.build(KIND, n, ids, acts, found, t, s.list));
  }
}
