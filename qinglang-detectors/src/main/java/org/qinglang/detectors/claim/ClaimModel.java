package org.qinglang.detectors.claim;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qinglang.io.Json;

/**
 * A per-family linear model over character n-grams of the pack-normalised sentence, read from
 * {@code qinglang/rules/claims-model.json} (weights, thresholds and where they were trained).
 *
 * <p>The rules say exactly which words break which clause, but only in the phrasings their
 * authors thought of; on text by other writers they miss paraphrases and flag lawful
 * look-alikes. The model is the second opinion for both: it vetoes a rule hit of a family it
 * is trusted to judge when the sentence reads like the lawful look-alikes it was trained on,
 * and it raises a family no rule found when the sentence reads like that family's violations.
 * The rules still supply everything else a finding carries (basis, rewrite, exemptions), and
 * the model never overrides an exemption a rule applied.
 *
 * <p>Features are counted over the same normalised text the rules see, so evasion handled by
 * the normaliser (traditional characters, pinyin stand-ins, symbols between characters) is
 * handled here too. Scoring is a hash lookup per n-gram and a few float additions.
 */
public final class ClaimModel {
  public static final String RESOURCE = "/qinglang/rules/claims-model.json";
  static final int MAX_N = 3;

  private static volatile ClaimModel standard;

  final String version;
  final String trainedWithPack;
  final String[] families;
  final float[] bias;
  /** Per family: raise the family when no rule did and p is at least this (NaN: never). */
  final double[] add;
  /** Per family: drop a rule hit when p is below this (NaN: never). */
  final double[] veto;
  /** Per family: the rule whose basis, rewrite and categories a learned finding takes. */
  final String[] borrow;
  final JsonNode provenance;

  // Open addressing from packed n-gram key to the gram's per-family weights, each slot one
  // record of stride ints: the key's two halves, then the weights' bits. With 14 families a
  // record is 64 bytes, so finding a gram and reading its weights is one cache miss instead of
  // three (slot, key, weights row); in a profile of check the model's lookups were a quarter of
  // the time. No key is 0 (its top bits hold the gram's length), so 0 marks an empty slot.
  private final int[] table;
  private final int stride;
  private final int mask;
  final int gramCount;

  ClaimModel(String version, String trainedWithPack, String[] families, float[] bias,
      double[] add, double[] veto, String[] borrow, Map<Long, float[]> grams,
      JsonNode provenance) {
    this.version = version;
    this.trainedWithPack = trainedWithPack;
    this.families = families;
    this.bias = bias;
    this.add = add;
    this.veto = veto;
    this.borrow = borrow;
    this.provenance = provenance;
    // At most half full: rounding 2 x size down to a power of two left the shipped model's table
    // 73 % full, and a gram the model lacks (most grams of a sentence nobody trained on) probed
    // several records, each a cache miss, before it met an empty one.
    int cap = Integer.highestOneBit(Math.max(16, grams.size() * 2)) << 1;
    stride = 2 + families.length;
    table = new int[stride * cap];
    mask = cap - 1;
    for (Map.Entry<Long, float[]> e : grams.entrySet()) {
      long k = e.getKey();
      int slot = slot(k);
      while (table[stride * slot] != 0 || table[stride * slot + 1] != 0) {
        slot = (slot + 1) & mask;
      }
      int at = stride * slot;
      table[at] = (int) (k >>> 32);
      table[at + 1] = (int) k;
      for (int j = 0; j < families.length; j++) {
        table[at + 2 + j] = Float.floatToRawIntBits(e.getValue()[j]);
      }
    }
    gramCount = grams.size();
  }

  /**
   * The same weights adding at {@code p} or above where they add at all (a family with no add
   * threshold, a fact family, stays without): see {@link ClaimChecker#reviewing(double)}.
   */
  ClaimModel withAddsAtMost(double p) {
    double[] a = add.clone();
    for (int f = 0; f < a.length; f++) {
      if (!Double.isNaN(a[f])) {
        a[f] = Math.min(a[f], p);
      }
    }
    return new ClaimModel(this, a, veto.clone());
  }

  /** The same weights with other thresholds: for choosing them on development material. */
  ClaimModel withThresholds(double[] add, double[] veto) {
    return new ClaimModel(this, add.clone(), veto.clone());
  }

  private ClaimModel(ClaimModel m, double[] add, double[] veto) {
    this.version = m.version;
    this.trainedWithPack = m.trainedWithPack;
    this.families = m.families;
    this.bias = m.bias;
    this.add = add;
    this.veto = veto;
    this.borrow = m.borrow;
    this.provenance = m.provenance;
    this.table = m.table;
    this.stride = m.stride;
    this.mask = m.mask;
    this.gramCount = m.gramCount;
  }

  /**
   * The model shipped in the jar, or null when there is none or when the system property
   * {@code qinglang.claims.model} is {@code off} (the rules then work alone, as before the model
   * existed: for comparing the two on the same build).
   */
  public static ClaimModel standard() {
    if ("off".equals(System.getProperty("qinglang.claims.model"))) {
      return null;
    }
    ClaimModel m = standard;
    if (m == null) {
      synchronized (ClaimModel.class) {
        m = standard;
        if (m == null) {
          try (InputStream in = ClaimModel.class.getResourceAsStream(RESOURCE)) {
            m = in == null ? null : read(in);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          standard = m;
        }
      }
    }
    return m;
  }

  public String version() {
    return version;
  }

  public List<String> families() {
    return List.of(families);
  }

  int family(String f) {
    for (int i = 0; i < families.length; i++) {
      if (families[i].equals(f)) {
        return i;
      }
    }
    return -1;
  }

  /** A gram of up to three chars, or a category (length 0), as one long. */
  static long key(char[] c, int from, int len) {
    long k = (long) len << 48;
    for (int i = 0; i < len; i++) {
      k |= (long) c[from + i] << (16 * (2 - i));
    }
    return k;
  }

  static long categoryKey(String category) {
    return 0xFFFFL << 48 | (category.hashCode() & 0xFFFFFFFFL);
  }

  /** The length of the gram packed in {@code key}, without building its text. */
  static int gramLength(long key) {
    return (int) (key >>> 48);
  }

  /** The readable form of a key, as the data file writes it. */
  static String gramText(long key) {
    int len = (int) (key >>> 48);
    StringBuilder b = new StringBuilder(len);
    for (int i = 0; i < len; i++) {
      b.append((char) (key >>> (16 * (2 - i)) & 0xFFFF));
    }
    return b.toString();
  }

  private int slot(long k) {
    long h = k * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 40) & mask;
  }

  /** Where gram {@code k}'s weights begin in the table, or -1 when the model lacks it. */
  private int row(long k) {
    int hi = (int) (k >>> 32);
    int lo = (int) k;
    int slot = slot(k);
    while (true) {
      int at = stride * slot;
      if (table[at] == hi && table[at + 1] == lo) {
        return at + 2;
      }
      if (table[at] == 0 && table[at + 1] == 0) {
        return -1;
      }
      slot = (slot + 1) & mask;
    }
  }

  private float weight(int row, int family) {
    return Float.intBitsToFloat(table[row + family]);
  }

  /**
   * Calls {@code visit} with every n-gram of the normalised text that lies inside one sentence
   * (sentence ends are never crossed, as the rules never cross them). The product category is
   * deliberately not a feature: in the development corpora it stood in for the family (most
   * electronics sentences there are superlatives), so a model that saw it flagged a bare
   * listing title such as 蓝牙耳机; which law applies to a category is the borrowed rule's job.
   */
  static void grams(char[] c, int length, String category, GramVisitor visit) {
    for (int i = 0; i < length; i++) {
      if (c[i] == NormalizedText.BOUNDARY) {
        continue;
      }
      for (int n = 1; n <= MAX_N && i + n <= length; n++) {
        if (c[i + n - 1] == NormalizedText.BOUNDARY) {
          break;
        }
        visit.gram(key(c, i, n), i, n);
      }
    }
  }

  interface GramVisitor {
    void gram(long key, int at, int len);
  }

  /**
   * A text's grams, the table row of each and the probabilities they give: found once per
   * text, for its scores and for the span of every family the model then files (looking the
   * grams up again for each span was 7 % of the check).
   */
  static final class Reading {
    final double[] p;
    final long[] keys;
    final int[] rows;
    final int[] at;
    final int count;

    private Reading(double[] p, long[] keys, int[] rows, int[] at, int count) {
      this.p = p;
      this.keys = keys;
      this.rows = rows;
      this.at = at;
      this.count = count;
    }
  }

  /** The text's grams and rows, and the probability per family in {@link #families} order. */
  Reading reading(NormalizedText n, String category) {
    int f = families.length;
    // Three passes instead of one: the keys, then every key's row, then the weights. Each
    // pass's loads do not wait on one another, so the memory system fetches many rows at once
    // (a row is a cache miss in a table of this size). The sums are added in the same order as
    // before, so the scores are the same.
    long[] ks = new long[MAX_N * n.length];
    int[] ats = new int[MAX_N * n.length];
    int[] counter = new int[1];
    grams(n.chars, n.length, category, (k, at, len) -> {
      ats[counter[0]] = at;
      ks[counter[0]++] = k;
    });
    int count = counter[0];
    int[] rs = new int[count];
    for (int g = 0; g < count; g++) {
      rs[g] = row(ks[g]);
    }
    double[] z = new double[f];
    for (int g = 0; g < count; g++) {
      int r = rs[g];
      if (r >= 0) {
        for (int j = 0; j < f; j++) {
          z[j] += weight(r, j);
        }
      }
    }
    double scale = 1 / Math.sqrt(Math.max(1, count));
    for (int j = 0; j < f; j++) {
      z[j] = 1 / (1 + Math.exp(-(bias[j] + z[j] * scale)));
    }
    return new Reading(z, ks, rs, ats, count);
  }


  /**
   * Where in the text the family's evidence sits: the stretch of normalised chars whose summed
   * n-gram weights (each gram's weight spread over its chars) is largest, and the grams that
   * weigh most inside it. This is what a learned finding shows as its words.
   */
  int[] span(Reading read, NormalizedText n, int family, List<String> cues) {
    double[] perChar = new double[n.length];
    List<long[]> strong = new ArrayList<>();
    for (int g = 0; g < read.count; g++) {
      int r = read.rows[g];
      if (r < 0) {
        continue;
      }
      long k = read.keys[g];
      int at = read.at[g];
      int len = gramLength(k);
      float w = weight(r, family);
      for (int i = at; i < at + len; i++) {
        perChar[i] += w / len;
      }
      if (w > 0) {
        strong.add(new long[] {k, Float.floatToIntBits(w), at});
      }
    }
    int bestS = 0;
    int bestE = 0;
    double best = 0;
    double run = 0;
    int runS = 0;
    for (int i = 0; i < n.length; i++) {
      if (n.chars[i] == NormalizedText.BOUNDARY) {
        run = 0;
        runS = i + 1;
        continue;
      }
      if (run <= 0) {
        run = 0;
        runS = i;
      }
      run += perChar[i];
      if (run > best) {
        best = run;
        bestS = runS;
        bestE = i + 1;
      }
    }
    final int s = bestS;
    final int e = bestE;
    strong.removeIf(g -> g[2] < s || g[2] + gramLength(g[0]) > e);
    // A word says more to a reader than a character: multi-character grams first, each by
    // weight, single characters only when nothing longer weighs for the family.
    strong.sort((a, b) -> {
      int la = Math.min(2, gramLength(a[0]));
      int lb = Math.min(2, gramLength(b[0]));
      return la != lb ? lb - la : Float.compare(Float.intBitsToFloat((int) b[1]),
          Float.intBitsToFloat((int) a[1]));
    });
    for (long[] g : strong) {
      if (cues.size() == 4) {
        break; // no gram after the fourth cue is shown: none need be spelt out
      }
      String t = gramText(g[0]);
      if (cues.stream().noneMatch(x -> x.contains(t) || t.contains(x))) {
        cues.add(t);
      }
    }
    return new int[] {s, e};
  }

  /** What a learned veto or finding is cleared or raised under, so a user sees the reason. */
  static final Exemption LOOKALIKE = new Exemption("learned_lookalike", "", "",
      "学习模型判断该句更像合法的相似说法（统计判断，不是法律条款；规则命中由模型否决）",
      "学习模型没有判断为合法的相似说法");

  public static ClaimModel read(InputStream in) throws IOException {
    return read(in, RESOURCE);
  }

  /**
   * A model file other than the shipped one (the model in use before an upgrade, for
   * {@code qinglang rules diff}); a malformed file fails naming the file.
   */
  public static ClaimModel read(java.nio.file.Path file) throws IOException {
    try (InputStream in = java.nio.file.Files.newInputStream(file)) {
      return read(in, file.toString());
    }
  }

  private static ClaimModel read(InputStream in, String where) throws IOException {
    JsonNode root = Json.MAPPER.readTree(in);
    List<String> fam = new ArrayList<>();
    root.path("families").forEach(x -> fam.add(x.asText()));
    if (fam.isEmpty()) {
      throw new IllegalArgumentException(where + ": no families");
    }
    int f = fam.size();
    float[] bias = new float[f];
    double[] add = new double[f];
    double[] veto = new double[f];
    String[] borrow = new String[f];
    for (int i = 0; i < f; i++) {
      JsonNode fn = root.path("per_family").path(fam.get(i));
      bias[i] = (float) fn.path("bias").asDouble();
      add[i] = fn.hasNonNull("add") ? fn.path("add").asDouble() : Double.NaN;
      veto[i] = fn.hasNonNull("veto") ? fn.path("veto").asDouble() : Double.NaN;
      borrow[i] = fn.path("rule").asText(null);
      if (borrow[i] == null) {
        throw new IllegalArgumentException(where + ": family " + fam.get(i) + " has no rule");
      }
    }
    Map<Long, float[]> grams = new LinkedHashMap<>();
    root.path("grams").fields().forEachRemaining(e -> {
      float[] w = new float[f];
      JsonNode a = e.getValue();
      if (a.size() != f) {
        throw new IllegalArgumentException(where + ": gram " + e.getKey() + " has " + a.size()
            + " weights, not " + f);
      }
      for (int i = 0; i < f; i++) {
        w[i] = (float) a.get(i).asDouble();
      }
      String g = e.getKey();
      long k;
      if (g.startsWith("@category:")) {
        k = categoryKey(g.substring("@category:".length()));
      } else {
        if (g.isEmpty() || g.length() > MAX_N) {
          throw new IllegalArgumentException(where + ": gram '" + g + "' not 1-" + MAX_N
              + " chars");
        }
        k = key(g.toCharArray(), 0, g.length());
      }
      grams.put(k, w);
    });
    return new ClaimModel(root.path("version").asText(), root.path("trained_with_pack").asText(),
        fam.toArray(new String[0]), bias, add, veto, borrow, grams, root.path("training"));
  }
}
