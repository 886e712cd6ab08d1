package org.qinglang.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One finding. The {@code id} is derived from what the finding is about (kind and a finding
 * key), never from when it was seen, so a finding that grows keeps its id and a replay of the
 * same input gives the same ids: that is what lets sinks upsert instead of append.
 *
 * @param evidence kind-specific figures and event references, frozen into plain JSON values
 *     by {@link EvidenceValues} (so no view or live collection of a detector crosses the
 *     engine); kept in insertion order for people who read it. Typed: {@link #evidenceAs}.
 * @param shadow raised by a rule that is on trial ({@code "shadow": true} in a rule pack):
 *     written to the alert file so its effect can be seen, but not counted by scoring, the
 *     inbox or credit until the rule is promoted. The contract allows extra fields, so other
 *     readers of the file see an ordinary alert; the field is written only when true.
 */
public record Alert(String id, String kind, long ts, String platform, String room, double score,
    Severity severity, List<Subject> subjects, String summary, Map<String, Object> evidence,
    String rule, String basis, boolean shadow) {

  public Alert {
    if (score < 0 || score > 1 || Double.isNaN(score)) {
      throw new IllegalArgumentException("score out of [0, 1]: " + score);
    }
    subjects = List.copyOf(subjects);
    evidence = EvidenceValues.freezeMap(evidence);
  }

  /** A live alert: what every detector raises unless a rule on trial raised it. */
  public Alert(String id, String kind, long ts, String platform, String room, double score,
      Severity severity, List<Subject> subjects, String summary, Map<String, Object> evidence,
      String rule, String basis) {
    this(id, kind, ts, platform, room, score, severity, subjects, summary, evidence, rule, basis,
        false);
  }

  /** The evidence as its typed record, e.g. {@code evidenceAs(PriceEvidence.class)}. */
  public <T extends Evidence> T evidenceAs(Class<T> type) {
    return EvidenceValues.as(evidence, type);
  }

  /** A stable id for a finding: "a-" + the first 16 hex digits of SHA-256(kind, key parts). */
  public static String idFor(String kind, String... keyParts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(kind.getBytes(StandardCharsets.UTF_8));
      for (String p : keyParts) {
        md.update((byte) 0);
        md.update(String.valueOf(p).getBytes(StandardCharsets.UTF_8));
      }
      return "a-" + HexFormat.of().formatHex(md.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Accounts named among the subjects. */
  public List<String> accounts() {
    return subjects.stream().filter(s -> s.type().equals("account")).map(Subject::id).toList();
  }
}
