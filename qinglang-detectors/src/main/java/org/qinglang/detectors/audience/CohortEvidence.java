package org.qinglang.detectors.audience;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures a person needs to re-check a bot cohort, computed from its members. Field names
 * are the alert's JSON (snake_case), so the alert file keeps the shape it had as a map.
 *
 * @param registrationSpanMin absent (null) when no member's profile was known
 */
public record CohortEvidence(int accounts, Map<String, Integer> traits, double meanTraitScore,
    Long registrationSpanMin, Long registeredFirstTs, Long registeredLastTs, int devices,
    int maxAccountsPerDevice, int ipBlocks, List<IpBlock> topIpBlocks, double dataCentreShare,
    double viaOtherShare, double noInteractionShare, List<Wave> joinWaves, Dwell dwellS,
    Dwell roomOthersDwellS, List<Map<String, Object>> joins) {
  private static final long MIN = 60_000L;

  /** A data-centre or carrier /24 (or /48) block and how many members joined from it. */
  public record IpBlock(String block, int accounts) {}

  /** First joins of the cohort that fall within 30 s of the wave's first. */
  public record Wave(long fromTs, long toTs, int accounts) {}

  /** Dwell quantiles in seconds; only {@code n} when no stay has finished. */
  public record Dwell(int n, Double p10, Double median, Double p90) {}

  static CohortEvidence of(String room, AudienceCohorts.Cohort c, Dwell roomOthers) {
    List<Viewer> m = c.members();
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
    Map<String, Integer> perDevice = new HashMap<>();
    Map<String, Integer> perBlock = new HashMap<>();
    int other = 0;
    int passive = 0;
    int dc = 0;
    long[] dwell = new long[m.size()];
    int nd = 0;
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
        dwell[nd++] = v.meanDwell();
      }
    }
    return new CohortEvidence(m.size(), c.traitCounts(), Math.round(c.meanScore() * 100) / 100.0,
        known > 0 ? (hi - lo) / MIN : null, known > 0 ? lo : null, known > 0 ? hi : null,
        perDevice.size(), perDevice.values().stream().mapToInt(i -> i).max().orElse(0),
        perBlock.size(), top(perBlock, 3), share(dc, m.size()), share(other, m.size()),
        share(passive, m.size()), waves(m), quantiles(dwell, nd),
        roomOthers, BotAudienceDetector.refs(room, m));
  }

  static String headline(AudienceCohorts.Cohort c) {
    Map<String, Integer> t = c.traitCounts();
    List<String> parts = new ArrayList<>();
    t.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(4)
        .forEach(x -> parts.add(x.getKey() + " " + x.getValue()));
    return String.join(", ", parts);
  }

  private static List<Wave> waves(List<Viewer> byJoin) {
    List<Wave> out = new ArrayList<>();
    int i = 0;
    while (i < byJoin.size() && out.size() < 10) {
      long t = byJoin.get(i).firstJoin;
      int j = i;
      while (j < byJoin.size() && byJoin.get(j).firstJoin <= t + AudienceCohorts.SYNC_WINDOW) {
        j++;
      }
      if (j - i >= 3) {
        out.add(new Wave(t, byJoin.get(j - 1).firstJoin, j - i));
      }
      i = j;
    }
    return out;
  }

  /** Quantiles of the first {@code n} values of {@code millis}; sorts that prefix in place. */
  static Dwell quantiles(long[] millis, int n) {
    if (n == 0) {
      return new Dwell(0, null, null, null);
    }
    Arrays.sort(millis, 0, n);
    return new Dwell(n, millis[n / 10] / 1000.0, millis[n / 2] / 1000.0,
        millis[Math.min(n - 1, n * 9 / 10)] / 1000.0);
  }

  private static double share(int k, int n) {
    return n == 0 ? 0 : Math.round(1000.0 * k / n) / 1000.0;
  }

  private static List<IpBlock> top(Map<String, Integer> counts, int k) {
    return counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(k)
        .map(x -> new IpBlock(x.getKey(), x.getValue())).toList();
  }
}
