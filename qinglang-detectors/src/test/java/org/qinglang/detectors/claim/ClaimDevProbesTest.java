package org.qinglang.detectors.claim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The sentences written while making pack 2026-12-03.4 (claims/dev-probes-2026-12-03.4.jsonl):
 * paraphrases of each family and compliant look-alikes, written from the law and the issue's
 * categories, never from a held-out sentence. The pack was tuned on them, so passing says the
 * causes fixed stay fixed, not how the pack does on new text (that is the held-out halves in
 * ClaimContextCorpusTest). Every sentence must get exactly its labelled families.
 */
class ClaimDevProbesTest {

  @Test
  void everyProbeGetsExactlyItsFamilies() throws IOException {
    ClaimChecker checker = ClaimChecker.standard();
    List<JsonNode> probes =
        ClaimCorpusEvaluationTest.jsonLines("/claims/dev-probes-2026-12-03.4.jsonl");
    assertThat(probes).hasSizeGreaterThan(200);
    List<String> wrong = new ArrayList<>();
    int compliant = 0;
    for (JsonNode p : probes) {
      Set<String> want = new TreeSet<>();
      p.path("families").forEach(f -> want.add(
          ClaimProbes.filed(f.asText(), p.path("category").asText(null))));
      assertThat(p.path("violation").asBoolean()).as(p.path("id").asText())
          .isEqualTo(!want.isEmpty());
      compliant += want.isEmpty() ? 1 : 0;
      Set<String> got = new TreeSet<>();
      checker.check(p.path("text").asText(), p.path("category").asText(null))
          .forEach(f -> got.add(f.family()));
      if (!got.equals(want)) {
        wrong.add(p.path("id").asText() + " " + p.path("text").asText() + " want " + want
            + " got " + got);
      }
    }
    assertThat(compliant).as("compliant look-alikes").isGreaterThan(100);
    assertThat(wrong).isEmpty();
  }
}
