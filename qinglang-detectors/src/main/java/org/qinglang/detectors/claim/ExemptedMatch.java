package org.qinglang.detectors.claim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rule's words found in the text but cleared by an exemption: what {@code qinglang check}
 * shows so that an anchor sees why 我们店里最轻的 passed, not only that it did.
 *
 * @param start offset in the original text, inclusive
 * @param end offset in the original text, exclusive
 */
public record ExemptedMatch(String ruleId, String family, int start, int end, String matched,
    Exemption exemption) {

  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rule", ruleId);
    m.put("family", family);
    m.put("span", java.util.List.of(start, end));
    m.put("matched", matched);
    m.putAll(exemption.asMap(true));
    return m;
  }
}
