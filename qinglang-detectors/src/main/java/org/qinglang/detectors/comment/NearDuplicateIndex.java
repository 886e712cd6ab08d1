package org.qinglang.detectors.comment;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Groups normalised comments of one room into clusters of near-duplicates, over a sliding
 * window of event time, in bounded memory.
 *
 * <p>Long texts (at least {@link #LONG} characters after normalisation) are matched by the
 * similarity of their character-bigram sets, candidates found through MinHash LSH buckets:
 * Jaccard at least {@link #MIN_JACCARD}, or, when one text is the other plus a filler prefix
 * and suffix ("姐妹们，" ... "，真的绝了"), which halves Jaccard on short texts, Jaccard at least
 * {@link #MIN_JACCARD_CONTAINED} with {@link #MIN_CONTAINMENT} of the smaller set inside the
 * larger (half, not more: a team that slips a word or a stutter inside a 12-character
 * template, "闭眼入" / "闭足眼入" / "这价直接格", as well as changing the filler, keeps only 53-56% of
 * the smaller copy's bigrams). A cluster keeps up to {@link #MEMBERS} distinct variants, and a new
 * text joins when it is close to any of them: templates drift as a team varies them, and each
 * variant is usually close to some earlier one even when far from the first. Short texts are
 * matched exactly or at edit distance 1 (length 3 and more), through a one-deletion
 * neighbourhood index, because two-character bigram sets are too small for Jaccard.
 *
 * <p>Clusters unseen for {@code windowMillis} are dropped on a periodic sweep, and at most
 * {@code maxClusters} are kept (least recently seen go first).
 */
public final class NearDuplicateIndex implements Serializable {
  public static final int LONG = 6;
  public static final double MIN_JACCARD = 0.45;
  public static final double MIN_JACCARD_CONTAINED = 0.3;
  public static final double MIN_CONTAINMENT = 0.5;
  public static final int MEMBERS = 8;
  static final double GOOD_ENOUGH = 0.8;

  /** One cluster: its variants and when it was last matched. */
  static final class Cluster implements Serializable {
    final long id;
    final String shortKey; // null for long-text clusters
    final ArrayList<int[]> bigrams = new ArrayList<>(2);
    final ArrayList<int[]> sigs = new ArrayList<>(2);
    long lastTs;
    int size;
    long checkedBy; // the query that last compared with this cluster

    Cluster(long id, String shortKey) {
      this.id = id;
      this.shortKey = shortKey;
    }
  }

  private final long windowMillis;
  private final int maxClusters;
  private final HashMap<Long, Cluster> clusters = new HashMap<>();
  private final HashMap<Long, long[]> buckets = new HashMap<>();
  private final HashMap<String, Long> exact = new HashMap<>();
  private final HashMap<String, Long> deletions = new HashMap<>();
  private long nextId = 1;
  private long query;
  private long lastSweep = Long.MIN_VALUE;
  private boolean lastNew;
  private double lastSimilarity;

  public NearDuplicateIndex(long windowMillis, int maxClusters) {
    this.windowMillis = windowMillis;
    this.maxClusters = maxClusters;
  }

  /**
   * The cluster of {@code normalised} (a {@link TextNormalizer} output) seen at {@code ts}: an
   * existing one when a near-duplicate was seen within the window, else a new one.
   */
  public long assign(String normalised, long ts) {
    if (lastSweep == Long.MIN_VALUE) {
      lastSweep = ts;
    } else if (ts - lastSweep >= windowMillis / 4 || clusters.size() > maxClusters) {
      sweep(ts);
    }
    return normalised.length() >= LONG ? assignLong(normalised, ts) : assignShort(normalised, ts);
  }

  /** Whether the last {@link #assign} opened a new cluster. */
  public boolean lastWasNew() {
    return lastNew;
  }

  /** Similarity of the last assigned text to the cluster it joined (1 for new or exact). */
  public double lastSimilarity() {
    return lastSimilarity;
  }

  public int clusterCount() {
    return clusters.size();
  }

  private long assignLong(String s, long ts) {
    int[] grams = MinHash.bigrams(s);
    int[] sig = MinHash.signature(grams);
    Cluster best = null;
    double bestSim = 0;
    long q = ++query;
    for (int band = 0; band < MinHash.BANDS; band++) {
      long[] ids = buckets.get(MinHash.bandKey(sig, band));
      if (ids == null) {
        continue;
      }
      for (long id : ids) {
        Cluster c = clusters.get(id);
        if (c == null || c.checkedBy == q || ts - c.lastTs > windowMillis) {
          continue; // a cluster found through several bands is compared once
        }
        c.checkedBy = q;
        for (int[] member : c.bigrams) {
          double j = similarity(grams, member);
          if (j > bestSim) {
            bestSim = j;
            best = c;
          }
        }
      }
      if (bestSim >= GOOD_ENOUGH) {
        break; // a close variant is found: further candidates cannot change the outcome much
      }
    }
    if (best != null && bestSim > 0) {
      touch(best, ts);
      lastNew = false;
      lastSimilarity = bestSim;
      if (bestSim < 1.0 && best.bigrams.size() < MEMBERS) {
        addMember(best, grams, sig);
      }
      return best.id;
    }
    Cluster c = new Cluster(nextId++, null);
    clusters.put(c.id, c);
    touch(c, ts);
    addMember(c, grams, sig);
    lastNew = true;
    lastSimilarity = 1;
    return c.id;
  }

  /**
   * Jaccard of two bigram sets when they match by the rules above, else 0: a filler-padded
   * copy scores its Jaccard too, so the best match is still the closest variant.
   */
  static double similarity(int[] a, int[] b) {
    int common = MinHash.common(a, b);
    double j = common / (double) (a.length + b.length - common);
    if (j >= MIN_JACCARD) {
      return j;
    }
    double contained = common / (double) Math.max(1, Math.min(a.length, b.length));
    return j >= MIN_JACCARD_CONTAINED && contained >= MIN_CONTAINMENT ? j : 0;
  }

  private void addMember(Cluster c, int[] grams, int[] sig) {
    c.bigrams.add(grams);
    c.sigs.add(sig);
    for (int band = 0; band < MinHash.BANDS; band++) {
      addBucket(MinHash.bandKey(sig, band), c.id);
    }
  }

  private void addBucket(long key, long id) {
    long[] ids = buckets.get(key);
    if (ids == null) {
      buckets.put(key, new long[] {id});
      return;
    }
    for (long x : ids) {
      if (x == id) {
        return;
      }
    }
    long[] grown = java.util.Arrays.copyOf(ids, ids.length + 1);
    grown[ids.length] = id;
    buckets.put(key, grown);
  }

  private long assignShort(String s, long ts) {
    Long id = exact.get(s);
    lastSimilarity = 1;
    if (id == null && s.length() >= 3) {
      id = deletions.get(s); // s is a deletion of an indexed text
      for (int i = 0; id == null && i < s.length(); i++) {
        String d = deletion(s, i);
        id = exact.get(d); // an indexed text is a deletion of s
        if (id == null) {
          id = deletions.get(d); // one substitution apart
        }
      }
      if (id != null) {
        lastSimilarity = 1 - 1.0 / s.length();
      }
    }
    Cluster c = id == null ? null : clusters.get(id);
    if (c != null && ts - c.lastTs <= windowMillis) {
      touch(c, ts);
      lastNew = false;
      return c.id;
    }
    c = new Cluster(nextId++, s);
    clusters.put(c.id, c);
    touch(c, ts);
    indexShort(c);
    lastNew = true;
    lastSimilarity = 1;
    return c.id;
  }

  private void indexShort(Cluster c) {
    String s = c.shortKey;
    exact.put(s, c.id);
    if (s.length() >= 3) {
      for (int i = 0; i < s.length(); i++) {
        deletions.putIfAbsent(deletion(s, i), c.id);
      }
    }
  }

  private static String deletion(String s, int i) {
    return new StringBuilder(s.length() - 1).append(s, 0, i).append(s, i + 1, s.length())
        .toString();
  }

  private static void touch(Cluster c, long ts) {
    c.lastTs = Math.max(c.lastTs, ts);
    c.size++;
  }

  /**
   * Drops clusters quiet for a window (and the least recent above the cap) and their index
   * entries; the cost is proportional to what is dropped, not to what is kept.
   */
  private void sweep(long now) {
    lastSweep = now;
    List<Cluster> gone = new ArrayList<>();
    for (Cluster c : clusters.values()) {
      if (now - c.lastTs > windowMillis) {
        gone.add(c);
      }
    }
    if (clusters.size() - gone.size() > maxClusters) {
      // Down to three quarters of the cap, so that a busy room does not sweep on every text.
      List<Cluster> all = new ArrayList<>(clusters.values());
      all.removeAll(gone);
      // Ties by id: the values come in the map's layout, which a restore lays out afresh, and
      // a resumed job must drop the clusters the uninterrupted one dropped.
      all.sort(java.util.Comparator.comparingLong((Cluster c) -> c.lastTs)
          .thenComparingLong(c -> c.id));
      gone.addAll(all.subList(0, all.size() - maxClusters * 3 / 4));
    }
    for (Cluster c : gone) {
      clusters.remove(c.id);
      unindex(c);
    }
  }

  private void unindex(Cluster c) {
    Long id = c.id;
    if (c.shortKey != null) {
      exact.remove(c.shortKey, id);
      if (c.shortKey.length() >= 3) {
        for (int i = 0; i < c.shortKey.length(); i++) {
          deletions.remove(deletion(c.shortKey, i), id);
        }
      }
      return;
    }
    for (int[] sig : c.sigs) {
      for (int band = 0; band < MinHash.BANDS; band++) {
        long key = MinHash.bandKey(sig, band);
        long[] ids = buckets.get(key);
        if (ids == null) {
          continue;
        }
        int k = 0;
        long[] kept = new long[ids.length];
        for (long x : ids) {
          if (x != c.id) {
            kept[k++] = x;
          }
        }
        if (k == 0) {
          buckets.remove(key);
        } else if (k < ids.length) {
          buckets.put(key, java.util.Arrays.copyOf(kept, k));
        }
      }
    }
  }
}
