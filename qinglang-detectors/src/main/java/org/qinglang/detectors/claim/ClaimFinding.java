package org.qinglang.detectors.claim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qinglang.alert.Severity;
import org.qinglang.detect.Basis;

/**
 * One rule broken by one span of text.
 *
 * @param start offset of the span in the ORIGINAL text (UTF-16 chars), inclusive
 * @param end offset of the span in the original text, exclusive
 * @param matched the original text of the span, as said or written (before normalisation)
 * @param basisKey the key in qinglang/bases.json that applies for the category checked
 * @param alsoKeys further bases that apply
 * @param considered the exemptions the rule has, none of which applied to this span
 * @param learned null for a rule's finding; for a family raised by the learned model, what it
 *     read (the rule named is the one whose basis and rewrite the finding takes)
 */
public record ClaimFinding(String ruleId, String family, String title, Severity severity,
    int start, int end, String matched, String category, String basisKey, List<String> alsoKeys,
    String rewrite, List<Exemption> considered, Learned learned) {

  /**
   * @param model the model file's version
   * @param probability the model's probability for the family
   * @param cues the n-grams of the span that weigh most for the family
   */
  public record Learned(String model, double probability, List<String> cues) {
    public Learned {
      cues = List.copyOf(cues);
    }
  }

  public ClaimFinding {
    alsoKeys = List.copyOf(alsoKeys);
    considered = List.copyOf(considered);
  }

  public ClaimFinding(String ruleId, String family, String title, Severity severity, int start,
      int end, String matched, String category, String basisKey, List<String> alsoKeys,
      String rewrite, List<Exemption> considered) {
    this(ruleId, family, title, severity, start, end, matched, category, basisKey, alsoKeys,
        rewrite, considered, null);
  }

  public Basis basis() {
    return Basis.of(basisKey);
  }

  /** A JSON-ready view for alert evidence and {@code qinglang check --format json}. */
  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rule", ruleId);
    m.put("family", family);
    m.put("title", title);
    m.put("severity", severity.wire());
    m.put("span", List.of(start, end));
    m.put("matched", matched);
    m.put("category", category);
    m.put("basis", basis().cite());
    m.put("legal_basis", basis().asEvidence());
    if (!alsoKeys.isEmpty()) {
      List<String> also = new ArrayList<>();
      for (String k : alsoKeys) {
        also.add(Basis.of(k).cite());
      }
      m.put("also", also);
    }
    m.put("rewrite", rewrite);
    if (learned != null) {
      Map<String, Object> l = new LinkedHashMap<>();
      l.put("model", learned.model());
      l.put("probability", Math.round(learned.probability() * 1000) / 1000.0);
      l.put("cues", learned.cues());
      m.put("learned", l);
    }
    if (!considered.isEmpty()) {
      List<Map<String, Object>> c = new ArrayList<>();
      for (Exemption x : considered) {
        c.add(x.asMap(false));
      }
      m.put("exemptions_considered", c);
    }
    return m;
  }
}
