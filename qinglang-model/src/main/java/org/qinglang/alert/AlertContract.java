package org.qinglang.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The contract's rules for an alert (shared/spec/events.md, "Alerts"), checked one by one so a
 * test or an importer can say which rule an alert breaks, not only that it is wrong.
 */
public final class AlertContract {
  /** The kinds of the contract's table. */
  public static final Set<String> KINDS = Set.of("viewer_inflation", "bot_audience",
      "comment_flood", "fake_testimonial", "order_brushing", "post_show_cancellation",
      "forced_purchase", "sales_claim_mismatch", "false_claim", "price_fraud",
      "counterfeit_risk", "minor_venue", "lockstep_group", "identity_evasion", "pyramid_scheme");
  public static final Set<String> SUBJECT_TYPES = Set.of("room", "account", "anchor",
      "merchant", "mcn", "sku", "order", "device", "ip");

  private AlertContract() {}

  /** What is wrong with {@code a}; empty when it keeps the contract. */
  public static List<String> problems(Alert a) {
    List<String> p = new ArrayList<>();
    if (a.id() == null || a.id().isBlank()) {
      p.add("no id");
    }
    if (!KINDS.contains(a.kind())) {
      p.add("kind '" + a.kind() + "' is not one of the contract's kinds");
    }
    if (a.platform() == null || a.platform().isBlank()) {
      p.add("no platform");
    }
    if (!(a.score() >= 0 && a.score() <= 1)) {
      p.add("score " + a.score() + " outside [0, 1]");
    }
    if (a.severity() == null) {
      p.add("no severity");
    }
    if (a.subjects().isEmpty()) {
      p.add("accuses nobody: no subjects");
    }
    for (Subject s : a.subjects()) {
      if (!SUBJECT_TYPES.contains(s.type())) {
        p.add("subject type '" + s.type() + "' is not one of the contract's");
      }
      if (s.id() == null || s.id().isEmpty()) {
        p.add("subject of type " + s.type() + " without an id");
      }
    }
    if (a.room() != null && a.room().isEmpty()) {
      p.add("empty room");
    }
    if (a.summary() == null || a.summary().isBlank()) {
      p.add("no summary");
    }
    if (a.evidence().isEmpty()) {
      p.add("no evidence: a person cannot re-check it");
    }
    if (a.rule() == null || a.rule().isBlank()) {
      p.add("no rule");
    }
    if (a.basis() == null || a.basis().isBlank()) {
      p.add("no legal basis");
    }
    return p;
  }
}
