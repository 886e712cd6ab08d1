package org.qinglang.detectors.social;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.qinglang.alert.Subject;
import org.qinglang.detect.AlertBuilder;
import org.qinglang.detect.Basis;
import org.qinglang.detect.Context;
import org.qinglang.detect.DetectorSpec;
import org.qinglang.detect.Scope;
import org.qinglang.detect.SpecDetector;
import org.qinglang.event.EventType;
import org.qinglang.event.AccountEvent;
import org.qinglang.event.Commission;
import org.qinglang.event.Event;
import org.qinglang.event.Order;
import org.qinglang.event.Referral;

/**
 * {@code pyramid_scheme}: a referral structure that charges to join and pays uplines over
 * several levels (传销), judged by the rule set in {@code qinglang/rules/pyramid_scheme.json}
 * (禁止传销条例 第七条 and the thresholds of the 2013 joint opinion).
 *
 * <p>Events only update the {@link ReferralForest} and mark what changed; the trees that hold
 * a change are surveyed at most once per {@link #SURVEY_EVERY_MILLIS} of event time, so a
 * busy scheme costs one walk a minute rather than one per join. One alert per scheme, keyed by
 * its root person, re-emitted only when the scheme grows materially (see {@link #material}).
 */
public final class PyramidSchemeDetector extends SpecDetector<PyramidSchemeDetector.State> {
  public static final String KIND = "pyramid_scheme";
  /** Schemes grow over weeks: the forest is kept for a year of a quiet stream. */
  static final DetectorSpec SPEC = DetectorSpec.of(KIND, Scope.GLOBAL)
      .accepts(EventType.REFERRAL, EventType.COMMISSION, EventType.ACCOUNT, EventType.ORDER)
      .retention(java.time.Duration.ofDays(365));
  static final long SURVEY_EVERY_MILLIS = 60_000;
  static final double GROWTH = 1.25;
  static final int MAX_SUBJECTS = 2_000;
  static final int MAX_DIRTY = 100_000;
  /** A raised scheme whose small changes did not warrant an update gets one after this. */
  static final long SETTLE_MILLIS = 15 * 60_000L;
  /** Trees this big are surveyed less often, in proportion to their size. */
  static final int BIG_TREE = 100;

  /** The whole stream's forest, what changed since the last survey, and what was raised. */
  public static final class State implements Serializable {
    final ReferralForest forest = new ReferralForest();
    final LinkedHashSet<String> dirty = new LinkedHashSet<>();
    boolean surveyAll;
    long wakeAt = Long.MIN_VALUE;
    /** Person key of a raised scheme's root -> what was last emitted for it. */
    final HashMap<String, Raised> raised = new HashMap<>();
    /**
     * Root key -> when to survey that tree again: a raised scheme with unreported small
     * changes, or a big tree whose survey was put off (see {@link #dueAfter}).
     */
    final HashMap<String, Long> unsettled = new HashMap<>();
    /** Root key of a tree of {@link #BIG_TREE}+ persons -> {last survey time, persons}. */
    final HashMap<String, long[]> surveyed = new HashMap<>();
  }

  /** What the last emitted version of a scheme's alert said, to emit on material change. */
  static final class Raised implements Serializable {
    final String alertKey;
    String rule;
    int persons;
    int levels;
    long fees;
    long upward;
    long emittedAt;

    Raised(String alertKey) {
      this.alertKey = alertKey;
    }
  }

  /**
   * The figures of one scheme, for a reviewer to re-check against its referral and commission
   * events: the tests of the rule that matched, the tree level by level, fees in and
   * commissions paid back up, the organisers and the identities merged into one person.
   *
   * @param thresholdBasis the text that sets the rule's thresholds, when it is not the basis
   */
  public record Evidence(String ruleName, Map<String, Object> tests,
      List<String> organiserAccounts, List<Map<String, Object>> possibleLeaders, int persons,
      int accounts, int levels, String levelsCounting, List<Map<String, Object>> tree,
      long feesCollectedFen, long feesExplicitFen, long feesDisguisedFen,
      long disguisedFeeAmountFen, Map<String, Object> feePayers, long commissionUpwardFen,
      long commissionOtherFen, double upwardShareOfFees,
      List<Map<String, Object>> commissionByLevelsBelow, int maxRecruitsPerDay,
      List<Map<String, Object>> topRecruiters, List<Map<String, Object>> mergedIdentities,
      int subjectsTruncated, List<Map<String, Object>> referrals,
      List<Map<String, Object>> commissions, Map<String, Object> thresholdBasis)
      implements org.qinglang.alert.Evidence {}

  /** Reads the rule file now, so a broken one fails at start-up rather than mid-stream. */
  public PyramidSchemeDetector() {
    super(SPEC);
    PyramidRules.get();
  }

  @Override
  public State newState() {
    return new State();
  }

  @Override
  public void onEvent(State s, Event e, Context ctx) {
    ReferralForest f = s.forest;
    if (e instanceof Referral r) {
      if (r.referrer().equals(r.user())) {
        return; // a self-referral says nothing about a structure
      }
      if (f.join(r.user(), r.referrer(), r.fee(), r.ts(), r.platform())) {
        mark(s, r.user());
      }
    } else if (e instanceof Commission c) {
      ReferralForest.Member m = f.ensure(c.user(), c.ts(), c.platform());
      if (m == null) {
        return;
      }
      if (m.paid.size() < ReferralForest.Member.MAX_PAID) {
        m.paid.add(new ReferralForest.Paid(c.source(), c.amount(), c.ts()));
      } else {
        m.paidDropped++;
      }
      mark(s, c.user());
    } else if (e instanceof Order o) {
      ReferralForest.Member m = f.member(o.user());
      if (m != null && m.firstOrderAmount < 0 && m.referrer != null) {
        m.firstOrderAmount = o.amount();
        m.firstOrderTs = o.ts();
        mark(s, o.user());
      }
    } else if (e instanceof AccountEvent a) {
      boolean merged = f.persons.identify(a.user(), a.idHash(), a.phoneHash(), a.device(),
          f.isMember(a.user()));
      if (merged) {
        mark(s, a.user());
      }
    }
    if (!s.dirty.isEmpty() || s.surveyAll) {
      wake(s, ctx.now() + SURVEY_EVERY_MILLIS, ctx);
    }
  }

  /** Asks for a survey at {@code time} unless one is already due by then. */
  private static void wake(State s, long time, Context ctx) {
    if (s.wakeAt == Long.MIN_VALUE || s.wakeAt > time) {
      s.wakeAt = time;
      ctx.wakeAt(time);
    }
  }

  private static void mark(State s, String account) {
    if (s.dirty.size() < MAX_DIRTY) {
      s.dirty.add(account);
    } else {
      s.surveyAll = true; // too much changed to list: resurvey every tree that is raised
    }
  }

  @Override
  public void onWake(State s, long time, Context ctx) {
    s.wakeAt = Long.MIN_VALUE;
    ReferralForest f = s.forest;
    LinkedHashSet<String> roots = new LinkedHashSet<>();
    for (String a : s.dirty) {
      roots.add(f.rootOf(a));
    }
    // The trees due are taken in the order of their keys, not in the maps' layout: a restored
    // state lays a hash map out afresh, and a resumed job must survey (and wake) as the job it
    // resumes did.
    if (s.surveyAll) {
      for (String key : new java.util.TreeSet<>(s.raised.keySet())) {
        roots.add(f.rootOf(key));
      }
    }
    java.util.TreeSet<String> due = new java.util.TreeSet<>();
    s.unsettled.entrySet().removeIf(d -> d.getValue() <= time && due.add(d.getKey()));
    for (String key : due) {
      roots.add(f.rootOf(key));
    }
    s.dirty.clear();
    s.surveyAll = false;
    PyramidRules rules = PyramidRules.get();
    SchemeSurvey survey = new SchemeSurvey(f, rules);
    for (String root : roots) {
      if (!hasChildren(f, root)) {
        continue;
      }
      String key = f.keyOf(root);
      long[] last = s.surveyed.get(key);
      if (last != null && time < dueAfter(last)) {
        s.unsettled.merge(key, dueAfter(last), Math::min);
        continue;
      }
      SchemeFigures fig = survey.survey(root);
      if (fig.persons >= BIG_TREE) {
        s.surveyed.put(key, new long[] {time, fig.persons});
      } else {
        s.surveyed.remove(key);
      }
      if (fig.persons < 2) {
        continue;
      }
      PyramidRules.Verdict v = rules.judge(fig);
      if (v.rule() == null) {
        continue;
      }
      Raised r = raisedFor(s, fig);
      if (material(r, v, fig, time)) {
        s.unsettled.remove(fig.rootKey);
        r.emittedAt = time;
        r.rule = v.rule().id();
        r.persons = fig.persons;
        r.levels = fig.levels;
        r.fees = fig.feesCollected();
        r.upward = fig.commissionUpward;
        ctx.emit(SchemeAlert.build(KIND, r.alertKey, fig, v, rules, time));
      } else if (changed(r, fig)) {
        s.unsettled.put(fig.rootKey, r.emittedAt + SETTLE_MILLIS);
      }
    }
    // One wake-up, at the earliest: one per entry, asked in the map's order, left a different
    // trail of extra wake-ups (and surveys) for each layout of the same entries.
    long next = Long.MAX_VALUE;
    for (long at : s.unsettled.values()) {
      next = Math.min(next, at);
    }
    if (next != Long.MAX_VALUE) {
      wake(s, Math.max(next, time + 1), ctx);
    }
  }

  /**
   * When a big tree may be surveyed again: a survey costs its size, so the pause grows with
   * it (one minute per {@link #BIG_TREE} persons) and the cost per minute stays bounded. A
   * flat programme of 5,000 members is looked at every 50 minutes, a 40-person scheme every
   * minute.
   */
  static long dueAfter(long[] last) {
    return last[0] + SURVEY_EVERY_MILLIS * Math.max(1, last[1] / BIG_TREE);
  }

  private static boolean hasChildren(ReferralForest f, String root) {
    for (String a : f.persons.accountsOf(root)) {
      if (!f.childrenOf(a).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The raised-record for this tree: its own, or one inherited from a raised scheme that a
   * merge or a late referral has since put inside it, so the finding keeps one id.
   */
  private static Raised raisedFor(State s, SchemeFigures fig) {
    Raised own = s.raised.get(fig.rootKey);
    if (own != null) {
      return own;
    }
    for (String k : fig.personKeys) {
      Raised earlier = s.raised.get(k);
      if (earlier != null) {
        s.raised.put(fig.rootKey, earlier);
        return earlier;
      }
    }
    Raised fresh = new Raised(fig.rootKey);
    s.raised.put(fig.rootKey, fresh);
    return fresh;
  }

  /**
   * First time, a change of rule, a new level, or 25% more people, fees or money upward; any
   * other change once {@link #SETTLE_MILLIS} have passed since the last update, so the final
   * version names every member.
   */
  static boolean material(Raised r, PyramidRules.Verdict v, SchemeFigures f, long now) {
    return r.rule == null
        || (changed(r, f) && now - r.emittedAt >= SETTLE_MILLIS)
        || !r.rule.equals(v.rule().id())
        || f.levels > r.levels
        || f.persons >= GROWTH * r.persons
        || f.feesCollected() >= GROWTH * Math.max(1, r.fees)
        || f.commissionUpward >= GROWTH * Math.max(1, r.upward);
  }

  private static boolean changed(Raised r, SchemeFigures f) {
    return f.persons != r.persons || f.levels != r.levels || f.feesCollected() != r.fees
        || f.commissionUpward != r.upward;
  }

  /** Builds the alert of one scheme from a survey and the verdict. */
  static final class SchemeAlert {
    private SchemeAlert() {}

    static org.qinglang.alert.Alert build(String kind, String alertKey, SchemeFigures f,
        PyramidRules.Verdict v, PyramidRules rules, long now) {
      PyramidRules.Rule rule = v.rule();
      double score = rule.baseScore()
          + (f.persons >= 4 * rules.minParticipants ? 0.05 : 0)
          + (f.levels >= rules.minLevels + 2 ? 0.05 : 0)
          + (f.upwardShare() >= 0.3 ? 0.04 : 0);
      List<String> members = new ArrayList<>(f.organiserAccounts);
      members.addAll(f.memberAccounts);
      boolean truncated = members.size() > MAX_SUBJECTS;
      AlertBuilder b = AlertBuilder.of(kind, alertKey)
          .at(now, f.platform)
          .score(Math.min(0.99, score))
          .subjects("account", truncated ? members.subList(0, MAX_SUBJECTS) : members)
          .summary(String.format("referral scheme of %d persons (%d accounts) over %d levels "
                  + "under %s: %s; fees %.2f CNY in, %.0f%% paid back up to uplines",
              f.persons, f.accounts, f.levels, f.rootKey, rule.name(),
              f.feesCollected() / 100.0, 100 * f.upwardShare()))
          .evidence(new Evidence(rule.name(), tests(v), f.organiserAccounts, f.leaders,
              f.persons, f.accounts, f.levels, rules.levelsIncludeOrganiser
                  ? "organiser counted as level 1 (公通字〔2013〕37号 第七部分)"
                  : "organiser not counted", tree(f), f.feesCollected(), f.feesExplicit,
              f.feesDisguised, f.disguisedFeeAmount,
              PyramidRules.ordered("explicit", f.explicitFeePayers,
                  "disguised_as_first_purchase", f.disguisedFeePayers),
              f.commissionUpward, f.commissionOther, PyramidRules.round(f.upwardShare()),
              byDepth(f), f.maxRecruitsPerDay, f.topRecruiters, f.mergedIdentities,
              truncated ? members.size() - MAX_SUBJECTS : 0, f.referralRefs, f.commissionRefs,
              rule.alsoBasis() == null ? null : Basis.of(rule.alsoBasis()).asEvidence()))
          .rule(rule.id())
          .basis(rule.basis());
      return b.build();
    }

    private static Map<String, Object> tests(PyramidRules.Verdict v) {
      Map<String, Object> m = new LinkedHashMap<>();
      v.tests().forEach((k, t) -> m.put(k, t.asEvidence()));
      return m;
    }

    private static List<Map<String, Object>> tree(SchemeFigures f) {
      List<Map<String, Object>> levels = new ArrayList<>();
      f.personsPerLevel.forEach((level, n) -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("level", level);
        m.put("persons", n);
        m.put("fee_payers", f.feePayersPerLevel.getOrDefault(level, 0));
        levels.add(m);
      });
      return levels;
    }

    private static List<Map<String, Object>> byDepth(SchemeFigures f) {
      List<Map<String, Object>> out = new ArrayList<>();
      f.commissionByDepth.forEach((d, agg) -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("levels_below", d);
        m.put("count", agg[0]);
        m.put("fen", agg[1]);
        out.add(m);
      });
      return out;
    }
  }
}
