package org.qinglang.detectors.identity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.qinglang.alert.Alert;
import org.qinglang.alert.Subject;
import org.qinglang.detect.AlertBuilder;
import org.qinglang.detectors.identity.IdentityEvasionDetector.Acts;
import org.qinglang.detectors.identity.IdentityLedger.Ids;

/** Writes the alert of one evading account from its matches. */
final class EvasionAlert {
  private EvasionAlert() {}

  /**
   * What ties the account to a banned person.
   *
   * @param strength "strong" (an identity or phone digest shared) or "weak" (only a device or
   *     payment instrument, which families share)
   * @param matches one per banned account matched: the digests shared, the ban and its history
   * @param accountEvent the account's registration, as an event reference (absent if unseen)
   * @param sellingEvents where it streamed or sold while the ban was in force
   * @param caution what a reviewer should confirm before acting on a weak match
   */
  record Evidence(String strength, List<Map<String, Object>> matches,
      Map<String, Object> accountEvent, List<Map<String, Object>> sellingEvents, String caution)
      implements org.qinglang.alert.Evidence {}

  static Alert build(String kind, String account, Ids ids, Acts acts, List<EvasionMatch> found,
      long now, NegativeList list) {
    found = new ArrayList<>(found);
    found.sort((a, b) -> Double.compare(b.score(), a.score()));
    EvasionMatch top = found.get(0);
    double score = top.score();
    LinkedHashSet<String> kinds = new LinkedHashSet<>();
    for (String k : top.sharedKeys()) {
      kinds.add(IdentityKind.ofKey(k).wire);
    }
    String shared = String.join(" and ", kinds);
    String what = switch (top.breach()) {
      case "streamed" -> "streams as anchor";
      case "sold" -> "sells";
      default -> "was registered";
    };
    String summary;
    if (top.strong()) {
      summary = String.format("account %s shares its %s with %s, banned (%s), and %s while the"
          + " ban is in force", account, shared, top.banned(), top.entry().scope, what);
    } else {
      summary = String.format("weak match, may be innocent: account %s only shares a %s with"
          + " %s, banned (%s); families share these. It %s while the ban is in force",
          account, shared, top.banned(), top.entry().scope, what);
    }
    if (found.size() > 1) {
      summary += String.format(" (%d banned accounts matched)", found.size());
    }
    List<Map<String, Object>> matches = new ArrayList<>();
    for (EvasionMatch m : found) {
      matches.add(m.asEvidence(now, list.history(m.banned())));
    }
    AlertBuilder b = AlertBuilder.of(kind, account)
        .at(now, ids.platform != null ? ids.platform : top.entry().platform)
        .score(score)
        .subject(Subject.account(account))
        .summary(summary)
        .evidence(new Evidence(top.strong() ? "strong" : "weak", matches,
            ids.created == Long.MIN_VALUE ? null : AlertBuilder.ref("account", ids.accountTs,
                "user", account, "created", ids.created),
            acts == null ? List.of() : acts.refs,
            top.strong() ? null : "a device or payment instrument shared with a banned account"
                + " is often a family member's; confirm identity before acting"))
        .rule(top.strong() ? "QL-IDE-001" : "QL-IDE-002")
        .basis("platform_sanction_agreement");
    if (acts != null && acts.streamTs != Long.MIN_VALUE) {
      b.subject(Subject.anchor(account));
    }
    return b.build();
  }
}
