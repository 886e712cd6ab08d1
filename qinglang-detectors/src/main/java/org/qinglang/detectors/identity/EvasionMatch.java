package org.qinglang.detectors.identity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.qinglang.detectors.identity.IdentityEvasionDetector.Acts;
import org.qinglang.detectors.identity.IdentityLedger.Ids;
import org.qinglang.detectors.identity.NegativeList.Act;
import org.qinglang.detectors.identity.NegativeList.Entry;

/**
 * One account found evading one sanctioned account: what they share, which ban it breaks and
 * how (registered while it was in force, streamed, or sold).
 */
record EvasionMatch(String banned, List<String> sharedKeys, boolean strong, Entry entry,
    String breach, long at, double score) {

  static final double STRONG_ACTING = 0.95;
  static final double STRONG_ACCOUNT_BAN = 0.9;
  static final double STRONG_REGISTERED = 0.8;
  static final double WEAK_BASE = 0.3;
  static final double WEAK_MAX = 0.5;

  /**
   * Judges an account that shares {@code keys} with {@code banned}; null when no ban of its
   * history is broken (a weak match that never sells is never one).
   */
  static EvasionMatch judge(String banned, List<String> keys, List<Entry> history, Ids ids,
      Acts acts) {
    boolean strong = false;
    LinkedHashSet<IdentityKind> kinds = new LinkedHashSet<>();
    for (String k : keys) {
      IdentityKind kind = IdentityKind.ofKey(k);
      kinds.add(kind);
      strong |= kind.strong;
    }
    EvasionMatch best = null;
    for (int i = history.size() - 1; i >= 0; i--) {
      Entry e = history.get(i);
      EvasionMatch m = null;
      if (acts != null && acts.streamTs != Long.MIN_VALUE
          && e.forbids(Act.STREAM, acts.streamTs)) {
        m = of(banned, keys, strong, kinds, e, "streamed", acts.streamTs, true);
      } else if (acts != null && acts.sellTs != Long.MIN_VALUE
          && e.forbids(Act.SELL, acts.sellTs)) {
        m = of(banned, keys, strong, kinds, e, "sold", acts.sellTs, true);
      } else if (strong && ids.created != Long.MIN_VALUE && e.activeAt(ids.created)) {
        m = of(banned, keys, true, kinds, e, "registered", ids.created, false);
      }
      if (m != null && (best == null || m.score > best.score)) {
        best = m;
      }
    }
    return best;
  }

  private static EvasionMatch of(String banned, List<String> keys, boolean strong,
      LinkedHashSet<IdentityKind> kinds, Entry e, String breach, long at, boolean acted) {
    double score;
    if (strong) {
      score = acted ? STRONG_ACTING
          : "account".equals(e.scope) ? STRONG_ACCOUNT_BAN : STRONG_REGISTERED;
    } else {
      // Each further kind shared (device and payment) or further instrument adds a little.
      score = Math.min(WEAK_MAX, WEAK_BASE + 0.1 * (kinds.size() - 1)
          + 0.05 * (keys.size() - kinds.size()));
    }
    return new EvasionMatch(banned, List.copyOf(keys), strong, e, breach, at, score);
  }

  Map<String, Object> asEvidence(long now, List<Entry> history) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sanctioned_account", banned);
    m.put("strength", strong ? "strong" : "weak");
    List<String> shown = new ArrayList<>();
    for (String k : sharedKeys) {
      shown.add(IdentityKind.shown(k));
    }
    m.put("shared_identities", shown);
    m.put("breach", breach);
    m.put("breach_ts", at);
    m.put("sanction", entry.asEvidence(now));
    List<Map<String, Object>> h = new ArrayList<>();
    for (Entry e : history) {
      h.add(e.asEvidence(now));
    }
    m.put("sanction_history", h);
    return m;
  }
}
