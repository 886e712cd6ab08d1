package org.qinglang.detectors.social;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;

/**
 * The referral forest, built incrementally from {@code referral} events, over persons rather
 * than accounts: an account-level edge "user joined under referrer" becomes an edge between
 * the persons ({@link IdentityUnion}) owning the two accounts.
 *
 * <p>A person may hold several accounts that joined under different uplines; its canonical
 * upline is the one of its earliest join (the position it really entered at). Self-referral
 * between two accounts of one person is not an edge, so an alt account never fakes a level,
 * and a person's accounts scattered over several trees are one node, so a split never hides
 * one. Merges can close a cycle; {@link #rootOf} breaks it deterministically.
 *
 * <p>Bounded: at most {@link #MAX_MEMBERS} accounts (later referrals are counted as dropped)
 * and {@link Member#MAX_PAID} commission records per account.
 */
final class ReferralForest implements Serializable {
  static final int MAX_MEMBERS = 500_000;
  static final int MAX_WALK = 1_000;

  /** One account in the forest. */
  static final class Member implements Serializable {
    static final int MAX_PAID = 48;
    String referrer;
    long joinTs;
    long fee;
    String platform;
    /** First order after joining: a possible fee disguised as a purchase. */
    long firstOrderAmount = -1;
    long firstOrderTs;
    final ArrayList<Paid> paid = new ArrayList<>(0);
    int paidDropped;
  }

  /** A commission received: {@code amount} fen because of account {@code source}. */
  static final class Paid implements Serializable {
    final String source;
    final long amount;
    final long ts;

    Paid(String source, long amount, long ts) {
      this.source = source;
      this.amount = amount;
      this.ts = ts;
    }
  }

  final IdentityUnion persons = new IdentityUnion();
  private final HashMap<String, Member> members = new HashMap<>();
  private final HashMap<String, ArrayList<String>> children = new HashMap<>();
  long droppedReferrals;

  Member member(String account) {
    return members.get(account);
  }

  boolean isMember(String account) {
    return members.containsKey(account);
  }

  int size() {
    return members.size();
  }

  /** Records "user joined under referrer"; false when the forest is full. */
  boolean join(String user, String referrer, Long fee, long ts, String platform) {
    Member m = members.get(user);
    if (m == null) {
      if (members.size() >= MAX_MEMBERS) {
        droppedReferrals++;
        return false;
      }
      m = new Member();
      members.put(user, m);
    } else if (m.referrer != null) {
      return true; // an account joins once: a second referral does not move it
    }
    // An account already seen recruiting joined no later than that, whatever its record says.
    m.joinTs = m.referrer == null && m.platform != null ? Math.min(m.joinTs, ts) : ts;
    m.referrer = referrer;
    m.platform = platform;
    if (fee != null && fee > 0) {
      m.fee += fee;
    }
    Member up = ensure(referrer, ts, platform);
    if (up == null) {
      droppedReferrals++;
      return false;
    }
    children.computeIfAbsent(referrer, k -> new ArrayList<>(2)).add(user);
    return true;
  }

  /** A member entry for an account seen only as referrer or payee (a root so far). */
  Member ensure(String account, long ts, String platform) {
    Member m = members.get(account);
    if (m == null) {
      if (members.size() >= MAX_MEMBERS) {
        return null;
      }
      m = new Member();
      m.joinTs = ts;
      m.platform = platform;
      members.put(account, m);
    }
    return m;
  }

  List<String> childrenOf(String account) {
    ArrayList<String> c = children.get(account);
    return c == null ? List.of() : c;
  }

  /** The canonical upline person of {@code person} (a representative), or null for a root. */
  String uplineOf(String person) {
    String best = null;
    long bestTs = Long.MAX_VALUE;
    String bestAccount = null;
    for (String a : persons.accountsOf(person)) {
      Member m = members.get(a);
      if (m == null || m.referrer == null) {
        continue;
      }
      String up = persons.find(m.referrer);
      if (up.equals(person)) {
        continue; // one person referring their own alt account is no level
      }
      if (m.joinTs < bestTs || (m.joinTs == bestTs && a.compareTo(bestAccount) < 0)) {
        bestTs = m.joinTs;
        bestAccount = a;
        best = up;
      }
    }
    return best;
  }

  /** When the person entered: its earliest join (or first sighting, for a root). */
  long joinTsOf(String person) {
    long ts = Long.MAX_VALUE;
    for (String a : persons.accountsOf(person)) {
      Member m = members.get(a);
      if (m != null) {
        ts = Math.min(ts, m.joinTs);
      }
    }
    return ts;
  }

  /**
   * A stable name for a person: its member account that appeared first (ties by id). Used for
   * alert ids, so the same scheme keeps its id while accounts are merged into it.
   */
  String keyOf(String person) {
    String best = null;
    long bestTs = Long.MAX_VALUE;
    for (String a : persons.accountsOf(person)) {
      Member m = members.get(a);
      long ts = m == null ? Long.MAX_VALUE : m.joinTs;
      if (best == null || ts < bestTs || (ts == bestTs && a.compareTo(best) < 0)) {
        best = a;
        bestTs = ts;
      }
    }
    return best;
  }

  /**
   * The root person of the tree holding {@code account}. When merged identities close a cycle
   * of uplines, the cycle's earliest person (by {@link #keyOf} order of entry) is the root, so
   * every member of the cycle agrees on it.
   */
  String rootOf(String account) {
    String cur = persons.find(account);
    ArrayList<String> path = new ArrayList<>();
    HashSet<String> seen = new HashSet<>();
    for (int i = 0; i < MAX_WALK; i++) {
      path.add(cur);
      seen.add(cur);
      String up = uplineOf(cur);
      if (up == null) {
        return cur;
      }
      if (seen.contains(up)) {
        return earliest(path.subList(path.indexOf(up), path.size()));
      }
      cur = up;
    }
    return cur; // deeper than any real scheme: treat as the root rather than walk for ever
  }

  private String earliest(List<String> cycle) {
    String best = null;
    long bestTs = Long.MAX_VALUE;
    for (String p : cycle) {
      long ts = joinTsOf(p);
      if (best == null || ts < bestTs || (ts == bestTs && keyOf(p).compareTo(keyOf(best)) < 0)) {
        best = p;
        bestTs = ts;
      }
    }
    return best;
  }
}
