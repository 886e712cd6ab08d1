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
 */
public record ClaimFinding(String ruleId, String family, String title, Severity severity,
    int start, int end, String matched, String category, String basisKey, List<String> alsoKeys,
    String rewrite, List<Exemption> considered) {

  public ClaimFinding {
    alsoKeys = List.copyOf(alsoKeys);
    considered = List.copyOf(considered);
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
