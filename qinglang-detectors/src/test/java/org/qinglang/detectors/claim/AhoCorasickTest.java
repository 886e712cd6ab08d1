package org.qinglang.detectors.claim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The automaton finds exactly what a naive substring search finds: every occurrence of every
 * keyword, overlapping ones and keywords inside other keywords included, in the order of their
 * end and then of the keyword's failure chain (longest first).
 */
class AhoCorasickTest {

  private static List<String> naive(List<String> keys, String text) {
    List<String> out = new ArrayList<>();
    for (int end = 1; end <= text.length(); end++) {
      for (int k = 0; k < keys.size(); k++) {
        String key = keys.get(k);
        int start = end - key.length();
        if (start >= 0 && text.startsWith(key, start)) {
          out.add(k + "@" + start + "-" + end);
        }
      }
    }
    return out;
  }

  private static List<String> found(AhoCorasick ac, String text) {
    List<String> out = new ArrayList<>();
    ac.search(text.toCharArray(), text.length(), (id, s, e) -> out.add(id + "@" + s + "-" + e));
    return out;
  }

  private static List<String> sorted(List<String> hits) {
    List<String> s = new ArrayList<>(hits);
    s.sort(null);
    return s;
  }

  @Test
  void findsOverlappingAndNestedKeywords() {
    List<String> keys = List.of("最低", "全网最低", "最低价", "低价", "网最", "价");
    AhoCorasick ac = new AhoCorasick(keys);
    String text = "全网最低价，不是最低价格";
    assertThat(sorted(found(ac, text))).isEqualTo(sorted(naive(keys, text)));
    assertThat(found(ac, text)).contains("1@0-4", "0@2-4", "2@2-5", "3@3-5", "5@4-5", "4@1-3");
  }

  @Test
  void aMissFallsBackThroughTheFailureChainNotToTheRoot() {
    // After 最好的 fails on 药, the automaton must still be inside 好的药 (via 好的), which a
    // fallback straight to the root would lose.
    List<String> keys = List.of("最好的酒", "好的药", "的药");
    AhoCorasick ac = new AhoCorasick(keys);
    assertThat(found(ac, "最好的药")).containsExactly("1@1-4", "2@2-4");
  }

  @Test
  void agreesWithANaiveSearchOnRandomKeywordsAndTexts() {
    Random r = new Random(20261207);
    String alphabet = "最好低价治病药a1，";
    for (int round = 0; round < 300; round++) {
      List<String> keys = new ArrayList<>();
      int n = 1 + r.nextInt(30);
      for (int k = 0; k < n; k++) {
        StringBuilder b = new StringBuilder();
        int len = 1 + r.nextInt(5);
        for (int i = 0; i < len; i++) {
          b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        keys.add(b.toString());
      }
      AhoCorasick ac = new AhoCorasick(keys);
      StringBuilder t = new StringBuilder();
      int len = r.nextInt(60);
      for (int i = 0; i < len; i++) {
        t.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      String text = t.toString();
      assertThat(sorted(found(ac, text))).as(keys + " in " + text)
          .isEqualTo(sorted(naive(keys, text)));
    }
  }
}
