package org.qinglang.detectors.social;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qinglang.io.Json;

/**
 * The legal tests of {@code pyramid_scheme}, read from the data file
 * {@code qinglang/rules/pyramid_scheme.json}: thresholds, the reading of how levels count, and
 * rules made of named tests. The tests themselves (what "entry fee" means in events) are in
 * {@link #test}; which of them make a finding, and at which numbers, is data.
 */
final class PyramidRules {
  static final String RESOURCE = "/qinglang/rules/pyramid_scheme.json";

  /** One rule: every test of {@code all} passes and, when {@code any} is non-empty, one of it. */
  record Rule(String id, String name, List<String> all, List<String> any, String basis,
      String alsoBasis, double baseScore) {}

  /** The outcome of one test, with the figure and the threshold it was held against. */
  record Test(String name, boolean passed, Object value, String threshold) {
    Map<String, Object> asEvidence() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("passed", passed);
      m.put("value", value);
      m.put("threshold", threshold);
      return m;
    }
  }

  /** Every test's outcome and the first rule that fired (null: none). */
  record Verdict(Rule rule, Map<String, Test> tests) {}

  final boolean levelsIncludeOrganiser;
  final int minParticipants;
  final int minLevels;
  final double feeMinShare;
  final long disguisedWindowMillis;
  final double disguisedMinShare;
  final int disguisedMinCount;
  final long headsWindowMillis;
  final int minPaidRecruiters;
  final int minTeamCommissions;
  final int deepMinDepth;
  final double layeredMinShare;
  final int leaderMinSubtree;
  final int leaderMinLevels;
  final List<Rule> rules;

  static final List<String> TESTS = List.of("participants", "levels", "layered", "entry_fee",
      "pay_for_heads", "team_commission", "deep_commission");

  private static final PyramidRules DEFAULT = load();

  static PyramidRules get() {
    return DEFAULT;
  }

  private PyramidRules(JsonNode n) {
    levelsIncludeOrganiser = n.path("levels_include_organiser").asBoolean(true);
    minParticipants = required(n, "min_participants").asInt();
    minLevels = required(n, "min_levels").asInt();
    feeMinShare = required(n.path("entry_fee"), "min_share").asDouble();
    JsonNode d = n.path("disguised_fee");
    disguisedWindowMillis = hours(required(d, "window_hours"));
    disguisedMinShare = required(d, "min_share").asDouble();
    disguisedMinCount = required(d, "min_count").asInt();
    JsonNode h = n.path("pay_for_heads");
    headsWindowMillis = hours(required(h, "window_hours"));
    minPaidRecruiters = required(h, "min_paid_recruiters").asInt();
    minTeamCommissions = required(n.path("team_commission"), "min_commissions").asInt();
    deepMinDepth = required(n.path("deep_commission"), "min_depth").asInt();
    layeredMinShare = required(n.path("layered"), "min_share").asDouble();
    leaderMinSubtree = required(n.path("leader"), "min_subtree_persons").asInt();
    leaderMinLevels = required(n.path("leader"), "min_subtree_levels").asInt();
    List<Rule> list = new ArrayList<>();
    for (JsonNode r : required(n, "rules")) {
      list.add(new Rule(required(r, "id").asText(), r.path("name").asText(),
          names(r.path("all")), names(r.path("any")), required(r, "basis").asText(),
          r.hasNonNull("also_basis") ? r.get("also_basis").asText() : null,
          required(r, "base_score").asDouble()));
    }
    rules = List.copyOf(list);
    for (Rule r : rules) {
      for (String t : r.all()) {
        requireKnown(r, t);
      }
      for (String t : r.any()) {
        requireKnown(r, t);
      }
    }
  }

  private static void requireKnown(Rule r, String test) {
    if (!TESTS.contains(test)) {
      throw new IllegalStateException(RESOURCE + ": rule " + r.id() + " names unknown test '"
          + test + "'");
    }
  }

  private static PyramidRules load() {
    try (InputStream in = PyramidRules.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing rule file " + RESOURCE);
      }
      return new PyramidRules(Json.MAPPER.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  private static JsonNode required(JsonNode n, String field) {
    if (!n.hasNonNull(field)) {
      throw new IllegalStateException(RESOURCE + ": missing field '" + field + "'");
    }
    return n.get(field);
  }

  private static long hours(JsonNode n) {
    return Math.round(n.asDouble() * 3_600_000L);
  }

  private static List<String> names(JsonNode arr) {
    List<String> out = new ArrayList<>();
    arr.forEach(x -> out.add(x.asText()));
    return out;
  }

  /** Levels as the law counts them, from the depth of the deepest member below the root. */
  int levels(int maxDepth) {
    return levelsIncludeOrganiser ? maxDepth + 1 : maxDepth;
  }

  Verdict judge(SchemeFigures f) {
    Map<String, Test> tests = new LinkedHashMap<>();
    for (String name : TESTS) {
      tests.put(name, test(name, f));
    }
    for (Rule r : rules) {
      boolean ok = r.all().stream().allMatch(t -> tests.get(t).passed())
          && (r.any().isEmpty() || r.any().stream().anyMatch(t -> tests.get(t).passed()));
      if (ok) {
        return new Verdict(r, tests);
      }
    }
    return new Verdict(null, tests);
  }

  private Test test(String name, SchemeFigures f) {
    switch (name) {
      case "participants":
        return new Test(name, f.persons >= minParticipants, f.persons,
            ">= " + minParticipants + " persons, organiser included");
      case "levels":
        return new Test(name, f.levels >= minLevels, f.levels, ">= " + minLevels + " levels, "
            + (levelsIncludeOrganiser ? "organiser counted as level 1" : "organiser not counted"));
      case "layered": {
        int deep = 0;
        for (var e : f.personsPerLevel.entrySet()) {
          if (e.getKey() >= levels(2)) { // two generations below the organiser
            deep += e.getValue();
          }
        }
        double share = f.persons <= 1 ? 0 : deep / (double) (f.persons - 1);
        return new Test(name, share >= layeredMinShare, round(share),
            ">= " + layeredMinShare + " of members at level 3 or below");
      }
      case "entry_fee": {
        double share = f.persons <= 1 ? 0 : f.feePayers / (double) (f.persons - 1);
        return new Test(name, f.persons > 1 && share >= feeMinShare, round(share),
            ">= " + feeMinShare + " of members paid to join (explicit or disguised fee)");
      }
      case "pay_for_heads":
        return new Test(name, f.paidRecruiters >= minPaidRecruiters
            || f.indirectHeadCommissions >= minPaidRecruiters,
            ordered("paid_recruiters", f.paidRecruiters,
                "indirect_head_commissions", f.indirectHeadCommissions),
            ">= " + minPaidRecruiters + " members besides the organiser, or >= "
                + minPaidRecruiters + " payments for heads 2+ levels down; a payment is for a"
                + " head when the downline paid to join or it came within "
                + disguisedHours(headsWindowMillis) + " h of the join");
      case "team_commission":
        return new Test(name, f.teamCommissions >= minTeamCommissions, f.teamCommissions,
            ">= " + minTeamCommissions + " commissions from downlines 2+ levels below");
      case "deep_commission":
        return new Test(name, f.maxCommissionDepth >= deepMinDepth, f.maxCommissionDepth,
            ">= " + deepMinDepth + " levels between earner and source");
      default:
        throw new IllegalStateException(RESOURCE + ": unknown test '" + name + "'");
    }
  }

  private static long disguisedHours(long millis) {
    return millis / 3_600_000L;
  }

  static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  /** Two evidence entries in a fixed order: a re-run writes the same alert byte for byte. */
  static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }
}
