package org.qinglang.detectors.claim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The model's table gives each gram its weights, for weights rounded as the shipped model's
 * (four decimals) and as a fit in memory leaves them: a score is the logistic of the bias plus
 * the summed weights of the text's grams found, over the root of the number of grams.
 */
class ClaimModelTableTest {

  private static final String[] FAMILIES = {"a", "b", "c"};

  private static ClaimModel model(Map<Long, float[]> grams) {
    return new ClaimModel("t", "t", FAMILIES, new float[] {0.5f, -1f, 0f},
        new double[] {0.5, 0.5, 0.5}, new double[] {Double.NaN, Double.NaN, Double.NaN},
        new String[] {"x", "y", "z"}, grams, null);
  }

  private static long key(String g) {
    return ClaimModel.key(g.toCharArray(), 0, g.length());
  }

  /** The score written out: every gram of 最好 (最, 好, 最好) looked up in {@code grams}. */
  private static double[] byHand(Map<Long, float[]> grams) {
    double[] z = new double[3];
    float[] bias = {0.5f, -1f, 0f};
    for (String g : new String[] {"最", "最好", "好"}) {
      float[] w = grams.get(key(g));
      for (int j = 0; w != null && j < 3; j++) {
        z[j] += w[j];
      }
    }
    for (int j = 0; j < 3; j++) {
      z[j] = 1 / (1 + Math.exp(-(bias[j] + z[j] * (1 / Math.sqrt(3)))));
    }
    return z;
  }

  private static Map<Long, float[]> grams(Random r, int count, boolean rounded) {
    Map<Long, float[]> grams = new LinkedHashMap<>();
    grams.put(key("最好"), new float[] {1.25f, -0.5f, 0.0001f});
    grams.put(key("好"), new float[] {-0.0f, 0.75f, -2.8605f});
    for (int i = 0; grams.size() < count; i++) {
      char[] c = {(char) (0x4E00 + r.nextInt(20000)), (char) (0x4E00 + r.nextInt(20000))};
      float[] w = new float[3];
      for (int j = 0; j < 3; j++) {
        w[j] = rounded ? Math.round(r.nextGaussian() * 10000) / 10000f : (float) r.nextGaussian();
      }
      grams.putIfAbsent(ClaimModel.key(c, 0, 2), w);
    }
    return grams;
  }

  @Test
  void aTextIsScoredByTheWeightsOfItsGrams() {
    NormalizedText text = RulePack.standard().normalizer.normalize("最好");
    Map<Long, float[]> few = grams(new Random(1), 5_000, true);
    Map<Long, float[]> many = grams(new Random(2), 30_000, false);
    assertThat(model(few).reading(text, "food").p).containsExactly(byHand(few));
    assertThat(model(many).reading(text, "food").p).containsExactly(byHand(many));
  }

  @Test
  void aGramTheModelLacksAddsNothing() {
    NormalizedText text = RulePack.standard().normalizer.normalize("最好");
    Map<Long, float[]> grams = new LinkedHashMap<>();
    grams.put(key("差"), new float[] {3f, 3f, 3f});
    assertThat(model(grams).reading(text, "food").p).containsExactly(byHand(grams));
    assertThat(model(grams).reading(text, "food").p[0]).isEqualTo(1 / (1 + Math.exp(-0.5)));
  }
}
