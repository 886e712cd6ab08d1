package org.qinglang.detectors.claim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.qinglang.io.Json;

/**
 * Promotes a shadow rule: a new version of the pack in which the rule is live, everything
 * else as it was. The pack is written in the layout of the shipped file (one-space indent,
 * one value a line), so the new version differs from the old by the rule's shadow line and
 * the version, and a review of the change reads as such.
 */
public final class PackPromotion {

  /** The new pack's text and the versions before and after. */
  public record Result(String json, String ruleId, String oldVersion, String newVersion) {}

  private static final Pattern NUMBERED = Pattern.compile("(.*\\.)(\\d+)");

  private PackPromotion() {}

  /**
   * The pack {@code json} (named {@code where} in messages) with rule {@code ruleId} live and
   * version {@code newVersion}, or when that is null the old version with its last number
   * raised (2026-12-04.1 becomes 2026-12-04.2; a version without one gains ".1"). Fails when
   * the pack is invalid, has no such rule, or the rule is already live.
   */
  public static Result promote(String json, String where, String ruleId, String newVersion) {
    RulePack old = RulePack.parse(json, where);
    ClaimRule rule = old.rules().stream().filter(r -> r.id().equals(ruleId)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(where + ": no rule " + ruleId));
    if (!rule.shadow()) {
      throw new IllegalArgumentException(where + ": rule " + ruleId
          + " is already live (not marked \"shadow\": true)");
    }
    String version = newVersion != null ? newVersion : next(old.version());
    if (version.isBlank() || version.equals(old.version())) {
      throw new IllegalArgumentException("the new version must differ from " + old.version());
    }
    ObjectNode root;
    try {
      root = (ObjectNode) Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("parsed once already", e);
    }
    root.put("version", version);
    for (JsonNode r : root.get("rules")) {
      if (r.path("id").asText().equals(ruleId)) {
        ((ObjectNode) r).remove("shadow");
      }
    }
    String out = write(root);
    RulePack promoted = RulePack.parse(out, where + " promoted");
    if (promoted.shadowRules().stream().anyMatch(r -> r.id().equals(ruleId))) {
      throw new IllegalStateException("rule " + ruleId + " still shadow after promotion");
    }
    return new Result(out, ruleId, old.version(), version);
  }

  static String next(String version) {
    Matcher m = NUMBERED.matcher(version);
    if (m.matches()) {
      return m.group(1) + (Long.parseLong(m.group(2)) + 1);
    }
    return version + ".1";
  }

  /** JSON with one-space indent, "key": value, empty [] and {}, and a final newline. */
  static String write(JsonNode root) {
    DefaultIndenter indent = new DefaultIndenter(" ", "\n");
    DefaultPrettyPrinter pp = new DefaultPrettyPrinter(Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
        .withObjectEmptySeparator("")
        .withArrayEmptySeparator(""));
    pp.indentObjectsWith(indent);
    pp.indentArraysWith(indent);
    try {
      return Json.MAPPER.writer(pp).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
