package org.qinglang.detectors.audience;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figures a person needs to re-check a bot cohort, computed from its members. */
final class CohortEvidence {
  private static final long MIN = 60_000L;

  private CohortEvidence() {}

  static Map<String, Object> of(String room, AudienceCohorts.Cohort c, List<Long> otherDwell) {
    List<Viewer> m = c.members();
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("accounts", m.size());
    e.put("traits", c.traitCounts());
    e.put("mean_trait_score", Math.round(c.meanScore() * 100) / 100.0);
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    int known = 0;
    for (Viewer v : m) {
      if (v.created != Viewer.UNKNOWN) {
        lo = Math.min(lo, v.created);
        hi = Math.max(hi, v.created);
        known++;
      }
    }
    if (known > 0) {
      e.put("registration_span_min", (hi - lo) / MIN);
      e.put("registered_first_ts", lo);
      e.put("registered_last_ts", hi);
    }
    Map<String, Integer> perDevice = new HashMap<>();
    Map<String, Integer> perBlock = new HashMap<>();
    int other = 0;
    int passive = 0;
    int dc = 0;
    List<Long> dwell = new ArrayList<>();
    for (Viewer v : m) {
      if (v.device != null) {
        perDevice.merge(v.device, 1, Integer::sum);
      }
      if (v.ip != null) {
        perBlock.merge(DataCentreRanges.block(v.ip), 1, Integer::sum);
      }
      other += "other".equals(v.via) ? 1 : 0;
      passive += v.passive() ? 1 : 0;
      dc += v.dataCentre ? 1 : 0;
      if (v.meanDwell() >= 0) {
        dwell.add(v.meanDwell());
      }
    }
    e.put("devices", perDevice.size());
    e.put("max_accounts_per_device", perDevice.values().stream().mapToInt(i -> i).max().orElse(0));
    e.put("ip_blocks", perBlock.size());
    e.put("top_ip_blocks", top(perBlock, 3));
    e.put("data_centre_share", share(dc, m.size()));
    e.put("via_other_share", share(other, m.size()));
    e.put("no_interaction_share", share(passive, m.size()));
    e.put("join_waves", waves(m));
    e.put("dwell_s", quantiles(dwell));
    e.put("room_others_dwell_s", quantiles(otherDwell));
    e.put("joins", BotAudienceDetector.refs(room, m));
    return e;
  }

  static String headline(AudienceCohorts.Cohort c) {
    Map<String, Integer> t = c.traitCounts();
    List<String> parts = new ArrayList<>();
    t.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(4)
        .forEach(x -> parts.add(x.getKey() + " " + x.getValue()));
    return String.join(", ", parts);
  }

  /** Groups of the cohort's first joins that fall within 30 s of the group's first. */
  private static List<Map<String, Object>> waves(List<Viewer> byJoin) {
    List<Map<String, Object>> out = new ArrayList<>();
    int i = 0;
    while (i < byJoin.size()) {
      long t = byJoin.get(i).firstJoin;
      int j = i;
      while (j < byJoin.size() && byJoin.get(j).firstJoin <= t + AudienceCohorts.SYNC_WINDOW) {
        j++;
      }
      if (j - i >= 3) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("from_ts", t);
        w.put("to_ts", byJoin.get(j - 1).firstJoin);
        w.put("accounts", j - i);
        out.add(w);
      }
      i = j;
    }
    return out.size() > 10 ? out.subList(0, 10) : out;
  }

  static Map<String, Object> quantiles(List<Long> millis) {
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("n", millis.size());
    if (millis.isEmpty()) {
      return q;
    }
    List<Long> s = new ArrayList<>(millis);
    Collections.sort(s);
    q.put("p10", s.get(s.size() / 10) / 1000.0);
    q.put("median", s.get(s.size() / 2) / 1000.0);
    q.put("p90", s.get(Math.min(s.size() - 1, s.size() * 9 / 10)) / 1000.0);
    return q;
  }

  private static double share(int k, int n) {
    return n == 0 ? 0 : Math.round(1000.0 * k / n) / 1000.0;
  }

  private static List<Map<String, Object>> top(Map<String, Integer> counts, int k) {
    List<Map<String, Object>> out = new ArrayList<>();
    counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(k)
        .forEach(x -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("block", x.getKey());
          m.put("accounts", x.getValue());
          out.add(m);
        });
    return out;
  }
}
