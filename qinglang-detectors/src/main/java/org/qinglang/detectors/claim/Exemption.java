package org.qinglang.detectors.claim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.qinglang.detect.Basis;

/**
 * A reason the law gives for a sentence that uses a rule's words lawfully (a clause of the SAMR
 * guidance on absolute terms, a stated price basis, a quotation of the rules…), as read from the
 * pack's {@code exemptions}. A finding lists the exemptions its rule considered and why none
 * applied; a match that an exemption cleared is reported with it by {@code qinglang check}.
 *
 * @param basisKey key in qinglang/bases.json of the instrument the clause is in; empty when the
 *     exemption is a reading of the sentence (a negation, a quotation) rather than a clause
 * @param clause the clause as numbered in that instrument, or empty when not cited
 * @param says what the exemption covers
 * @param unmet why it did not apply, said of a sentence that was flagged
 */
public record Exemption(String id, String basisKey, String clause, String says, String unmet) {

  /** Law and clause, or the reading itself when there is no instrument behind it. */
  public String cite() {
    if (basisKey.isEmpty()) {
      return says;
    }
    return Basis.of(basisKey).law() + (clause.isEmpty() ? "" : " " + clause);
  }

  public Map<String, Object> asMap(boolean applied) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("exemption", id);
    m.put("cite", cite());
    m.put("says", says);
    if (!applied) {
      m.put("not_applied", unmet);
    }
    return m;
  }
}
