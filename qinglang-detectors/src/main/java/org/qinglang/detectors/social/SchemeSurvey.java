package org.qinglang.detectors.social;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qinglang.detect.AlertBuilder;
import org.qinglang.detectors.social.ReferralForest.Member;
import org.qinglang.detectors.social.ReferralForest.Paid;

/**
 * Walks one referral tree of persons from its root and measures it: levels, sizes, fees
 * (explicit, and disguised as an identical first purchase), commissions by how many levels
 * separate earner and source, recruits per day, subtree sizes for the key uplines. One pass
 * breadth-first plus one back, so a survey costs O(persons + accounts + commissions), capped
 * at {@link #MAX_PERSONS}.
 */
final class SchemeSurvey {
  static final int MAX_PERSONS = 200_000;
  private static final int REFS = 10;
  private static final int LISTED = 10;
  private static final long DAY = 86_400_000L;

  private final ReferralForest forest;
  private final PyramidRules rules;

  SchemeSurvey(ReferralForest forest, PyramidRules rules) {
    this.forest = forest;
    this.rules = rules;
  }

  /** Persons reachable from {@code root}; null-free, root first, breadth-first. */
  SchemeFigures survey(String root) {
    IdentityUnion ids = forest.persons;
    List<String> order = new ArrayList<>();
    Map<String, Integer> depth = new HashMap<>();
    Map<String, String> up = new HashMap<>();
    order.add(root);
    depth.put(root, 0);
    for (int i = 0; i < order.size() && order.size() < MAX_PERSONS; i++) {
      String p = order.get(i);
      for (String a : ids.accountsOf(p)) {
        for (String c : forest.childrenOf(a)) {
          String cp = ids.find(c);
          if (!depth.containsKey(cp) && p.equals(forest.uplineOf(cp))) {
            depth.put(cp, depth.get(p) + 1);
            up.put(cp, p);
            order.add(cp);
          }
        }
      }
    }

    SchemeFigures f = new SchemeFigures();
    f.rootKey = forest.keyOf(root);
    f.persons = order.size();
    Map<String, Long> joinTs = new HashMap<>();
    for (String p : order) {
      joinTs.put(p, forest.joinTsOf(p));
    }
    fees(f, order, joinTs, depth);
    commissions(f, order, depth, up, joinTs);
    structure(f, order, depth, up, joinTs);
    return f;
  }

  private void fees(SchemeFigures f, List<String> order, Map<String, Long> joinTs,
      Map<String, Integer> depth) {
    IdentityUnion ids = forest.persons;
    // A disguised fee is one identical amount bought right after joining by many members.
    Map<Long, Integer> firstBuys = new HashMap<>();
    Map<String, Long> firstBuyOf = new HashMap<>();
    for (int i = 1; i < order.size(); i++) {
      String p = order.get(i);
      long amount = -1;
      long ts = Long.MAX_VALUE;
      for (String a : ids.accountsOf(p)) {
        Member m = forest.member(a);
        if (m != null && m.firstOrderAmount >= 0 && m.firstOrderTs < ts) {
          ts = m.firstOrderTs;
          amount = m.firstOrderAmount;
        }
      }
      long join = joinTs.get(p);
      if (amount > 0 && ts >= join && ts - join <= rules.disguisedWindowMillis) {
        firstBuyOf.put(p, amount);
        firstBuys.merge(amount, 1, Integer::sum);
      }
    }
    long mode = -1;
    int modeCount = 0;
    for (Map.Entry<Long, Integer> e : firstBuys.entrySet()) {
      if (e.getValue() > modeCount || (e.getValue() == modeCount && e.getKey() > mode)) {
        mode = e.getKey();
        modeCount = e.getValue();
      }
    }
    int members = Math.max(1, order.size() - 1);
    boolean disguised = modeCount >= rules.disguisedMinCount
        && modeCount >= rules.disguisedMinShare * members;
    f.disguisedFeeAmount = disguised ? mode : 0;
    for (int i = 1; i < order.size(); i++) {
      String p = order.get(i);
      long fee = 0;
      for (String a : ids.accountsOf(p)) {
        Member m = forest.member(a);
        if (m != null) {
          fee += m.fee;
        }
      }
      boolean paid = false;
      if (fee > 0) {
        f.feePaidBy.put(p, fee);
        f.explicitFeePayers++;
        f.feesExplicit += fee;
        paid = true;
      } else if (disguised && Long.valueOf(mode).equals(firstBuyOf.get(p))) {
        f.disguisedFeePayers++;
        f.feePaidBy.put(p, mode);
        f.feesDisguised += mode;
        paid = true;
      }
      if (paid) {
        f.feePayers++;
        f.feePayersPerLevel.merge(rules.levels(depth.get(p)), 1, Integer::sum);
      }
    }
  }

  private void commissions(SchemeFigures f, List<String> order, Map<String, Integer> depth,
      Map<String, String> up, Map<String, Long> joinTs) {
    IdentityUnion ids = forest.persons;
    List<Map<String, Object>> refs = new ArrayList<>();
    for (String p : order) {
      boolean paidForHead = false;
      for (String a : ids.accountsOf(p)) {
        Member m = forest.member(a);
        if (m == null) {
          continue;
        }
        for (Paid paid : m.paid) {
          String s = ids.find(paid.source);
          int d = levelsBelow(p, s, depth, up);
          if (d <= 0) {
            f.commissionOther += paid.amount;
            continue;
          }
          long[] agg = f.commissionByDepth.computeIfAbsent(d, k -> new long[2]);
          agg[0]++;
          agg[1] += paid.amount;
          f.commissionUpward += paid.amount;
          f.earnedBy.computeIfAbsent(p, k -> new java.util.TreeMap<>())
              .merge(d, paid.amount, Long::sum);
          f.maxCommissionDepth = Math.max(f.maxCommissionDepth, d);
          long sj = joinTs.get(s);
          // Paid for the head: soon after the downline joined, or on a downline who paid to
          // join (its fee is what the upline is paid out of, whenever the payout comes).
          boolean forHead = (paid.ts >= sj && paid.ts - sj <= rules.headsWindowMillis)
              || f.feePaidBy.containsKey(s);
          if (forHead) {
            f.headCommissions++;
            if (d >= 2) {
              f.indirectHeadCommissions++;
            }
            paidForHead = true;
          } else if (d >= 2) {
            f.teamCommissions++;
          }
          if (refs.size() < 4 * REFS) {
            refs.add(AlertBuilder.ref("commission", paid.ts, "user", a, "source", paid.source,
                "amount", paid.amount, "levels_below", d, "for_recruit", forHead));
          }
        }
      }
      if (paidForHead && depth.get(p) > 0) {
        f.paidRecruiters++;
      }
    }
    f.commissionRefs.addAll(AlertBuilder.sample(inTimeOrder(refs), REFS));
  }

  /** How many levels {@code source} sits below {@code earner} in this tree; 0 if not below. */
  private static int levelsBelow(String earner, String source, Map<String, Integer> depth,
      Map<String, String> up) {
    Integer ds = depth.get(source);
    Integer de = depth.get(earner);
    if (ds == null || de == null || ds <= de) {
      return 0;
    }
    String cur = source;
    for (int i = 0; i < ds - de; i++) {
      cur = up.get(cur);
    }
    return earner.equals(cur) ? ds - de : 0;
  }

  private void structure(SchemeFigures f, List<String> order, Map<String, Integer> depth,
      Map<String, String> up, Map<String, Long> joinTs) {
    IdentityUnion ids = forest.persons;
    Map<String, Integer> size = new HashMap<>();
    Map<String, Integer> below = new HashMap<>(); // deepest level under a person, relative
    Map<String, Map<Long, Integer>> perDay = new HashMap<>();
    List<Map<String, Object>> refs = new ArrayList<>();
    for (int i = order.size() - 1; i >= 0; i--) {
      String p = order.get(i);
      size.merge(p, 1, Integer::sum);
      below.putIfAbsent(p, 0);
      String u = up.get(p);
      if (u != null) {
        size.merge(u, size.get(p), Integer::sum);
        below.merge(u, below.get(p) + 1, Math::max);
        perDay.computeIfAbsent(u, k -> new HashMap<>())
            .merge(Math.floorDiv(joinTs.get(p), DAY), 1, Integer::sum);
      }
    }
    // Members level by level, by account within a level: the walk's order follows which
    // identity merge came first, and that differs between a file and a partitioned topic
    java.util.TreeMap<Integer, java.util.TreeSet<String>> byLevel = new java.util.TreeMap<>();
    for (String p : order) {
      int d = depth.get(p);
      f.maxDepth = Math.max(f.maxDepth, d);
      f.personsPerLevel.merge(rules.levels(d), 1, Integer::sum);
      List<String> accts = ids.accountsOf(p);
      f.accounts += accts.size();
      if (d == 0) {
        f.organiserAccounts.addAll(sorted(accts));
      } else {
        byLevel.computeIfAbsent(d, k -> new java.util.TreeSet<>()).addAll(accts);
      }
      f.personKeys.add(forest.keyOf(p));
      for (String a : accts) {
        Member m = forest.member(a);
        if (m != null) {
          f.lastTs = Math.max(f.lastTs, m.joinTs);
          if (f.platform == null) {
            f.platform = m.platform;
          }
          if (m.referrer != null && refs.size() < 4 * REFS) {
            refs.add(AlertBuilder.ref("referral", m.joinTs, "user", a, "referrer", m.referrer,
                "fee", m.fee > 0 ? m.fee : null));
          }
        }
      }
      if (accts.size() > 1 && f.mergedIdentities.size() < LISTED) {
        Map<String, Object> merged = new LinkedHashMap<>();
        merged.put("accounts", sorted(accts));
        List<String> via = new ArrayList<>();
        for (String a : accts) {
          String why = ids.linkedBy(a);
          if (why != null && !via.contains(why)) {
            via.add(why);
          }
        }
        merged.put("linked_by", via);
        merged.put("level", rules.levels(d));
        f.mergedIdentities.add(merged);
      }
      int maxDay = 0;
      Map<Long, Integer> days = perDay.get(p);
      if (days != null) {
        for (int n : days.values()) {
          maxDay = Math.max(maxDay, n);
        }
      }
      f.maxRecruitsPerDay = Math.max(f.maxRecruitsPerDay, maxDay);
      if (d > 0 && size.get(p) >= rules.leaderMinSubtree
          && below.get(p) + 1 >= rules.leaderMinLevels && f.leaders.size() < LISTED) {
        f.leaders.add(person(f, p, d, size.get(p), below.get(p) + 1, maxDay));
      }
    }
    byLevel.values().forEach(f.memberAccounts::addAll);
    f.levels = rules.levels(f.maxDepth);
    f.referralRefs.addAll(AlertBuilder.sample(inTimeOrder(refs), REFS));
    // The busiest recruiters, by direct recruits, for the analyst.
    List<String> byRecruits = new ArrayList<>(perDay.keySet());
    byRecruits.sort((x, y) -> {
      int c = Integer.compare(total(perDay.get(y)), total(perDay.get(x)));
      return c != 0 ? c : forest.keyOf(x).compareTo(forest.keyOf(y));
    });
    for (String p : byRecruits.subList(0, Math.min(5, byRecruits.size()))) {
      int maxDay = 0;
      for (int n : perDay.get(p).values()) {
        maxDay = Math.max(maxDay, n);
      }
      Map<String, Object> m = person(f, p, depth.get(p), size.get(p), below.get(p) + 1, maxDay);
      m.put("direct_recruits", total(perDay.get(p)));
      f.topRecruiters.add(m);
    }
  }

  private Map<String, Object> person(SchemeFigures f, String p, int depth, int subtree,
      int levels, int perDay) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("person", forest.keyOf(p));
    m.put("accounts", sorted(forest.persons.accountsOf(p)));
    m.put("level", rules.levels(depth));
    m.put("subtree_persons", subtree);
    m.put("subtree_levels", levels);
    m.put("max_recruits_per_day", perDay);
    m.put("fee_paid_fen", f.feePaidBy.getOrDefault(p, 0L));
    List<Map<String, Object>> earned = new ArrayList<>();
    f.earnedBy.getOrDefault(p, new java.util.TreeMap<>()).forEach((d, fen) -> {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("levels_below", d);
      e.put("fen", fen);
      earned.add(e);
    });
    m.put("commission_by_levels_below", earned);
    return m;
  }

  private static int total(Map<Long, Integer> days) {
    int t = 0;
    for (int n : days.values()) {
      t += n;
    }
    return t;
  }

  private static List<String> sorted(List<String> accts) {
    List<String> s = new ArrayList<>(accts);
    s.sort(null);
    return s;
  }

  /** Event references by time, then account: the same sample whatever order events came in. */
  private static List<Map<String, Object>> inTimeOrder(List<Map<String, Object>> refs) {
    List<Map<String, Object>> out = new ArrayList<>(refs);
    out.sort(java.util.Comparator.comparingLong((Map<String, Object> m) -> (Long) m.get("ts"))
        .thenComparing(m -> String.valueOf(m.get("user"))));
    return out;
  }
}
