package org.qinglang.detectors.audience;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the cohorts of a room's audience that do not behave like people.
 *
 * <p>No single trait convicts: honest viewers are often silent, some enter by a shared link,
 * households share a phone, campuses and mobile carriers put thousands behind one address, fans
 * arrive together at the start, and a 上链接 pulls a crowd in within seconds. So accounts are
 * first tied together only by what a farm shares and honest strangers do not — one phone
 * under several accounts, one data-centre block, one registration batch — and a tied group is
 * then judged by how many bot traits its members carry at once.
 */
final class AudienceCohorts {
  static final int MIN_COHORT = 8;
  static final int DEVICE_MIN_ACCOUNTS = 3;
  static final long BATCH_GAP = 5 * 60_000L;
  static final long YOUNG = 21 * 24 * 3_600_000L;
  static final long SHORT_DWELL = 5_000;
  static final long SYNC_WINDOW = 30_000;
  static final double REGULAR_CV = 0.15;
  static final double NAME_SCORE = 3.5;
  /**
   * A bought audience never interacts, a real one often does: half of honest viewers are
   * silent, so a cohort is judged silent only as a population, against its own room.
   */
  static final double SILENT_SHARE = 0.9;
  static final double ROOM_SILENT_MAX = 0.75;

  /** Bot traits of one account, with the weight each carries in its score. */
  enum Trait {
    SHARED_DEVICE(2.0, "one phone runs " + DEVICE_MIN_ACCOUNTS + "+ accounts in the room"),
    DATA_CENTRE(1.5, "joins from a hosting/cloud range"),
    REGISTRATION_BATCH(1.5, MIN_COHORT + "+ accounts registered one after another, gaps <= 5 min"),
    YOUNG_ACCOUNT(1.0, "registered less than 21 days before joining"),
    SECONDS_STAY(1.0, "every stay <= 5 s (秒进秒出)"),
    REGULAR_DWELL(1.0, "dwell within 15% of the cohort median, cohort CV < 0.15"),
    VIA_OTHER(1.0, "entry path other (direct link)"),
    SYNCHRONISED(1.0, "joined within 30 s of 2+ cohort accounts on other phones"),
    PASSIVE(0.5, "nothing beyond a token: <= 1 comment, <= 2 likes, no gift/follow/order"),
    SHARED_SIM(1.0, "one SIM (phone digest) registered " + DEVICE_MIN_ACCOUNTS
        + "+ of the room's accounts"),
    SILENT_COHORT(1.0, "not one interaction, in a cohort >= " + (int) (SILENT_SHARE * 100)
        + "% silent while the rest of the room is at most " + (int) (ROOM_SILENT_MAX * 100)
        + "% silent");

    final double weight;
    final String meaning;

    Trait(double weight, String meaning) {
      this.weight = weight;
      this.meaning = meaning;
    }
  }

  /** A cohort the room holds: the accounts named and the figures that convicted them. */
  record Cohort(List<Viewer> members, Map<String, Integer> traitCounts, double meanScore) {}

  private AudienceCohorts() {}

  /**
   * @param vs the viewers to judge, with their {@link Viewer#deviceId} and {@link Viewer#phoneId}
   *     numbered by the room's {@link StringIds}
   * @param idBound one more than the largest of those numbers
   */
  static List<Cohort> find(Viewer[] vs, int idBound) {
    int n = vs.length;
    int[] traits = new int[n];
    UnionFind uf = new UnionFind(n);
    int[] perId = new int[idBound];
    tieByDevice(vs, traits, uf, perId);
    Arrays.fill(perId, 0);
    tieBySim(vs, traits, uf, perId);
    tieByDataCentreBlock(vs, traits, uf);
    tieByRegistrationBatch(vs, traits, uf);
    for (int i = 0; i < n; i++) {
      Viewer v = vs[i];
      if (v.created != Viewer.UNKNOWN && v.firstJoin - v.created < YOUNG) {
        traits[i] |= bit(Trait.YOUNG_ACCOUNT);
      }
      if (!v.present && v.completed > 0 && v.maxDwell <= SHORT_DWELL) {
        traits[i] |= bit(Trait.SECONDS_STAY);
      }
      if (v.viaOther) {
        traits[i] |= bit(Trait.VIA_OTHER);
      }
      if (v.passive()) {
        traits[i] |= bit(Trait.PASSIVE);
      }
    }
    // Most viewers are tied to nobody: count first, and list only the components big enough.
    int[] root = new int[n];
    int[] size = new int[n];
    for (int i = 0; i < n; i++) {
      root[i] = uf.find(i);
      size[root[i]]++;
    }
    Map<Integer, List<Integer>> comps = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      if (size[root[i]] >= MIN_COHORT) {
        comps.computeIfAbsent(root[i], k -> new ArrayList<>()).add(i);
      }
    }
    List<Cohort> out = new ArrayList<>();
    for (List<Integer> comp : comps.values()) {
      if (comp.size() < MIN_COHORT) {
        continue;
      }
      markSynchronised(vs, traits, comp);
      markSilentCohort(vs, traits, comp);
      markRegularDwell(vs, traits, comp);
      List<Viewer> named = new ArrayList<>();
      Map<String, Integer> counts = new LinkedHashMap<>();
      double sum = 0;
      for (int i : comp) {
        double s = score(traits[i]);
        // Accounts that post (two comments or more: a bot token is one word) or buy are not
        // padding an audience: comment_flood and
        // order_brushing own them, and naming them here would double-accuse.
        if (s >= NAME_SCORE && vs[i].orders == 0 && vs[i].comments < 2) {
          named.add(vs[i]);
          sum += s;
          for (Trait t : Trait.values()) {
            if ((traits[i] & bit(t)) != 0) {
              counts.merge(t.name().toLowerCase(), 1, Integer::sum);
            }
          }
        }
      }
      if (named.size() >= MIN_COHORT) {
        named.sort(Comparator.comparingLong((Viewer v) -> v.firstJoin));
        out.add(new Cohort(named, counts, sum / named.size()));
      }
    }
    out.sort(Comparator.comparingLong(c -> c.members().get(0).firstJoin));
    return out;
  }

  static double score(int traits) {
    double s = 0;
    for (Trait t : Trait.values()) {
      if ((traits & bit(t)) != 0) {
        s += t.weight;
      }
    }
    return s;
  }

  static int bit(Trait t) {
    return 1 << t.ordinal();
  }

  private static void tieByDevice(Viewer[] vs, int[] traits, UnionFind uf, int[] perId) {
    for (Viewer v : vs) {
      perId[v.deviceId]++;
    }
    // Every phone running several accounts in the room belongs to the same cohort: a farm
    // spreads its accounts over many phones, and honest multi-account phones are rare enough
    // that the trait score, not the tie, has to convict.
    int farm = -1;
    for (int i = 0; i < vs.length; i++) {
      int id = vs[i].deviceId;
      if (id != 0 && perId[id] >= DEVICE_MIN_ACCOUNTS) {
        farm = farm < 0 ? i : farm;
        traits[i] |= bit(Trait.SHARED_DEVICE);
        uf.union(farm, i);
      }
    }
  }

  /**
   * A SIM card registering several of the room's accounts: the digest comes from the account
   * profiles, so a farm that rotates device ids per join still shows here.
   */
  private static void tieBySim(Viewer[] vs, int[] traits, UnionFind uf, int[] perId) {
    for (Viewer v : vs) {
      perId[v.phoneId]++;
    }
    int farm = -1;
    for (int i = 0; i < vs.length; i++) {
      int id = vs[i].phoneId;
      if (id != 0 && perId[id] >= DEVICE_MIN_ACCOUNTS) {
        farm = farm < 0 ? i : farm;
        traits[i] |= bit(Trait.SHARED_SIM);
        uf.union(farm, i);
      }
    }
  }

  /**
   * The cohort's silence against the room's own engagement: a room whose audience does
   * comment, like and follow, holding a tied cohort that never does.
   */
  private static void markSilentCohort(Viewer[] vs, int[] traits, List<Integer> comp) {
    int silent = 0;
    for (int i : comp) {
      if (vs[i].silent()) {
        silent++;
      }
    }
    boolean[] in = new boolean[vs.length];
    for (int i : comp) {
      in[i] = true;
    }
    int rest = 0;
    int restSilent = 0;
    for (int i = 0; i < vs.length; i++) {
      if (!in[i]) {
        rest++;
        if (vs[i].silent()) {
          restSilent++;
        }
      }
    }
    if (rest < MIN_COHORT || silent < SILENT_SHARE * comp.size()
        || restSilent > ROOM_SILENT_MAX * rest) {
      return;
    }
    for (int i : comp) {
      if (vs[i].silent()) {
        traits[i] |= bit(Trait.SILENT_COHORT);
      }
    }
  }

  private static void tieByDataCentreBlock(Viewer[] vs, int[] traits, UnionFind uf) {
    Map<String, Integer> first = new HashMap<>();
    for (int i = 0; i < vs.length; i++) {
      if (vs[i].dataCentre) {
        traits[i] |= bit(Trait.DATA_CENTRE);
        Integer f = first.putIfAbsent(DataCentreRanges.block(vs[i].ip), i);
        if (f != null) {
          uf.union(f, i);
        }
      }
    }
  }

  /** Accounts whose registration times chain with gaps of minutes form a batch. */
  private static void tieByRegistrationBatch(Viewer[] vs, int[] traits, UnionFind uf) {
    // (registration time - earliest) above, the viewer's index in the low 16 bits: one
    // primitive sort instead of boxed indices and a comparator (MAX_VIEWERS < 2^16).
    long earliest = Long.MAX_VALUE;
    for (Viewer v : vs) {
      if (v.created != Viewer.UNKNOWN) {
        earliest = Math.min(earliest, v.created);
      }
    }
    long[] keys = new long[vs.length];
    int k = 0;
    for (int i = 0; i < vs.length; i++) {
      if (vs[i].created != Viewer.UNKNOWN) {
        keys[k++] = ((vs[i].created - earliest) << 16) | i;
      }
    }
    Arrays.sort(keys, 0, k);
    int[] known = new int[k];
    for (int j = 0; j < k; j++) {
      known[j] = (int) (keys[j] & 0xFFFF);
    }
    int runStart = 0;
    for (int j = 1; j <= known.length; j++) {
      boolean breaks = j == known.length
          || vs[known[j]].created - vs[known[j - 1]].created > BATCH_GAP;
      if (breaks) {
        if (j - runStart >= MIN_COHORT) {
          for (int m = runStart; m < j; m++) {
            traits[known[m]] |= bit(Trait.REGISTRATION_BATCH);
            uf.union(known[runStart], known[m]);
          }
        }
        runStart = j;
      }
    }
  }

  /**
   * Joined within 30 s of two cohort members on other phones: a household on one phone
   * arrives together too, a farm's phones arrive together.
   */
  private static void markSynchronised(Viewer[] vs, int[] traits, List<Integer> comp) {
    List<Integer> byJoin = new ArrayList<>(comp);
    byJoin.sort(Comparator.comparingLong(i -> vs[i].firstJoin));
    int lo = 0;
    for (int j = 0; j < byJoin.size(); j++) {
      Viewer v = vs[byJoin.get(j)];
      while (vs[byJoin.get(lo)].firstJoin < v.firstJoin - SYNC_WINDOW) {
        lo++;
      }
      int others = 0;
      for (int k = lo; k < byJoin.size() && others < 2; k++) {
        Viewer o = vs[byJoin.get(k)];
        if (o.firstJoin > v.firstJoin + SYNC_WINDOW) {
          break;
        }
        if (o != v && (v.deviceId == 0 || v.deviceId != o.deviceId)) {
          others++;
        }
      }
      if (others >= 2) {
        traits[byJoin.get(j)] |= bit(Trait.SYNCHRONISED);
      }
    }
  }

  /** A paid package keeps everyone for the same time: dwell spread far below a crowd's. */
  private static void markRegularDwell(Viewer[] vs, int[] traits, List<Integer> comp) {
    List<Long> dwell = new ArrayList<>();
    for (int i : comp) {
      if (!vs[i].present && vs[i].completed > 0 && vs[i].meanDwell() > SHORT_DWELL) {
        dwell.add(vs[i].meanDwell());
      }
    }
    if (dwell.size() < MIN_COHORT) {
      return;
    }
    double mean = dwell.stream().mapToLong(Long::longValue).average().orElse(0);
    double var = dwell.stream().mapToDouble(d -> (d - mean) * (d - mean)).average().orElse(0);
    if (mean <= 0 || Math.sqrt(var) / mean >= REGULAR_CV) {
      return;
    }
    dwell.sort(null);
    long median = dwell.get(dwell.size() / 2);
    for (int i : comp) {
      long d = vs[i].meanDwell();
      if (!vs[i].present && d > SHORT_DWELL && Math.abs(d - median) <= 0.15 * median) {
        traits[i] |= bit(Trait.REGULAR_DWELL);
      }
    }
  }

  /** Plain union-find with path halving. */
  private static final class UnionFind {
    private final int[] parent;

    UnionFind(int n) {
      parent = new int[n];
      for (int i = 0; i < n; i++) {
        parent[i] = i;
      }
    }

    int find(int x) {
      while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
      }
      return x;
    }

    void union(int a, int b) {
      int ra = find(a);
      int rb = find(b);
      if (ra != rb) {
        parent[Math.max(ra, rb)] = Math.min(ra, rb);
      }
    }
  }
}
