package org.qinglang.detectors.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qinglang.alert.Alert;
import org.qinglang.detect.LocalRunner;
import org.qinglang.event.Event;
import org.qinglang.event.RoomStart;
import org.qinglang.event.Speech;
import org.qinglang.io.AlertJson;
import org.qinglang.io.Json;

/**
 * Shadow rules: a rule marked {@code "shadow": true} raises its own alerts, marked shadow and
 * with ids of their own, and never changes a live alert.
 */
class ShadowRulesTest {
  private static final long T0 = 1_790_000_000_000L;

  @TempDir
  Path dir;

  /** 闭眼入 ("buy it with your eyes closed"): no rule of the shipped pack reads it. */
  static final String TRIAL_WORDS = "闭眼入";

  /**
   * The shipped pack plus two rules on trial: one for words no rule reads (an absolute term,
   * the family the learned model also reads 闭眼入 as, so its veto leaves the trial alone), one
   * that would take 驰名商标 over from the live endorsement rule QL-CLM-033 (a longer match
   * that suppresses it).
   */
  static String packWithShadowRules() throws Exception {
    ObjectNode pack;
    try (InputStream in = RulePack.class.getResourceAsStream(RulePack.RESOURCE)) {
      pack = (ObjectNode) Json.MAPPER.readTree(in);
    }
    pack.put("version", "test-shadow");
    ArrayNode rules = (ArrayNode) pack.get("rules");
    rules.add(rule("QL-CLM-901", "absolute_terms", TRIAL_WORDS).put("shadow", true));
    ObjectNode takeover = rule("QL-CLM-902", "endorsement", "中国驰名商标")
        .put("severity", "high").put("shadow", true);
    takeover.putArray("suppresses").add("QL-CLM-033");
    rules.add(takeover);
    return Json.MAPPER.writeValueAsString(pack);
  }

  private static ObjectNode rule(String id, String family, String words) {
    ObjectNode r = Json.MAPPER.createObjectNode();
    r.put("id", id).put("family", family).put("title", "试行：" + words)
        .put("severity", "medium");
    r.putArray("categories").add("*");
    r.putArray("patterns").add(words);
    r.put("negation", true).put("rewrite", "删去“" + words + "”").put("basis", "trademark_14");
    return r;
  }

  private static List<Event> evening() {
    return List.of(
        new RoomStart(T0, "douyin", "r1", "anchor-r1", "秋冬上新", null, null, null, "studio"),
        new Speech(T0 + 1000, "douyin", "r1", "这款面霜闭眼入，姐妹们放心买", null),
        new Speech(T0 + 2000, "douyin", "r1", "这是最好的面霜", null),
        new Speech(T0 + 3000, "douyin", "r1", "我们是中国驰名商标", null),
        new RoomStart(T0 + 4000, "douyin", "r2", "anchor-r2", "日用百货", null, null, null,
            "studio"),
        new Speech(T0 + 5000, "douyin", "r2", "纸巾闭眼入就对了", null));
  }

  private static List<Alert> run(FalseClaimDetector d) {
    LocalRunner r = LocalRunner.of(d);
    evening().forEach(r::accept);
    return r.finish();
  }

  @Test
  void aShadowRuleRaisesAnAlertMarkedShadowWithAnIdOfItsOwn() throws Exception {
    List<Alert> alerts = run(new FalseClaimDetector(ClaimRules.of(packWithShadowRules(),
        "test pack")));
    List<Alert> shadow = alerts.stream().filter(Alert::shadow).toList();

    assertThat(shadow).extracting(Alert::room).containsExactlyInAnyOrder("r1", "r2");
    assertThat(shadow).allSatisfy(a -> {
      assertThat(a.kind()).isEqualTo("false_claim");
      assertThat(a.rule()).isEqualTo("QL-CLM-901");
      assertThat(Json.MAPPER.readTree(AlertJson.toLine(a)).get("shadow").booleanValue())
          .isTrue();
      // the id the live alert of the same room and family would have
      assertThat(a.id()).isNotEqualTo(Alert.idFor("false_claim", a.room(), "absolute_terms"));
    });
    // 中国驰名商标 is already a live endorsement finding (QL-CLM-033): the trial rule adds
    // nothing there, so r1's shadow alert holds the one 闭眼入 sentence only.
    Alert r1 = shadow.stream().filter(a -> a.room().equals("r1")).findFirst().orElseThrow();
    assertThat(r1.evidence().get("findings")).isEqualTo(1);
    assertThat(r1.evidence().get("rule_pack")).isEqualTo("test-shadow");
  }

  @Test
  void theShippedPackWritesNoShadowField() {
    List<Alert> alerts = run(new FalseClaimDetector());
    assertThat(alerts).isNotEmpty().noneMatch(Alert::shadow);
    assertThat(alerts).extracting(AlertJson::toLine).noneMatch(l -> l.contains("shadow"));
    assertThat(alerts).noneMatch(a -> a.room().equals("r2")); // 闭眼入 is not flagged live
  }

  @Test
  void shadowRulesLeaveEveryLiveAlertAsItWas() throws Exception {
    List<String> shipped = run(new FalseClaimDetector()).stream().map(AlertJson::toLine)
        .sorted().toList();
    List<String> live = run(new FalseClaimDetector(ClaimRules.of(packWithShadowRules(),
        "test pack"))).stream().filter(a -> !a.shadow())
        .map(a -> AlertJson.toLine(a).replace("\"rule_pack\":\"test-shadow\"",
            "\"rule_pack\":\"" + RulePack.standard().version() + "\""))
        .sorted().toList();
    // the live 驰名商标 alert keeps QL-CLM-033 although the trial rule would suppress it
    assertThat(live).isEqualTo(shipped).anyMatch(l -> l.contains("\"rule\":\"QL-CLM-033\""));
  }

  @Test
  void aPackCrossesTheEngineWithTheDetector() throws Exception {
    FalseClaimDetector d = new FalseClaimDetector(ClaimRules.of(packWithShadowRules(),
        "test pack"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(d);
    }
    FalseClaimDetector copy;
    try (ObjectInputStream in = new ObjectInputStream(
        new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (FalseClaimDetector) in.readObject();
    }
    assertThat(run(copy)).anyMatch(Alert::shadow);
  }

  @Test
  void thePropertyNamesThePackDetectorsAreBuiltWith() throws Exception {
    Path file = dir.resolve("trial.json");
    Files.writeString(file, packWithShadowRules());
    System.setProperty(ClaimRules.PROPERTY, file.toString());
    try {
      assertThat(run(new FalseClaimDetector())).anyMatch(Alert::shadow);
    } finally {
      System.clearProperty(ClaimRules.PROPERTY);
    }
    assertThat(run(new FalseClaimDetector())).noneMatch(Alert::shadow);
  }

  @Test
  void theShippedPackHasNoShadowRule() throws Exception {
    assertThat(RulePack.standard().shadowRules()).isEmpty();
    try (InputStream in = RulePack.class.getResourceAsStream(RulePack.RESOURCE)) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).doesNotContain(
          "\"shadow\"");
    }
  }

  @Test
  void aMalformedPackFailsNamingTheFileAndTheMistake() throws Exception {
    Path notJson = dir.resolve("broken.json");
    Files.writeString(notJson, "{\"version\": \"x\",\n \"rules\": [ }");
    assertThatThrownBy(() -> ClaimRules.read(notJson))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(notJson.toString())
        .hasMessageContaining("not valid JSON").hasMessageContaining("line 2");

    Path badFlag = dir.resolve("flag.json");
    Files.writeString(badFlag, packWithShadowRules().replace("\"shadow\":true",
        "\"shadow\":\"yes\""));
    assertThatThrownBy(() -> ClaimRules.read(badFlag))
        .hasMessageStartingWith(badFlag.toString())
        .hasMessageContaining("rule QL-CLM-901").hasMessageContaining("'shadow' must be true");

    Path badBasis = dir.resolve("basis.json");
    Files.writeString(badBasis, packWithShadowRules().replace("\"basis\":\"trademark_14\"",
        "\"basis\":\"no_such_law\""));
    assertThatThrownBy(() -> ClaimRules.read(badBasis))
        .hasMessageStartingWith(badBasis.toString()).hasMessageContaining("no_such_law");

    // A ratio needs the two numerals it compares; without them every match would stand.
    Path badRatio = dir.resolve("ratio.json");
    Files.writeString(badRatio, packWithShadowRules().replace("(?<now>", "(?<today>"));
    assertThatThrownBy(() -> ClaimRules.read(badRatio))
        .hasMessageStartingWith(badRatio.toString()).hasMessageContaining("QL-CLM-067")
        .hasMessageContaining("min_ratio");
    // The price the goods really sold at is compared with today's only inside a ratio rule.
    Path badStated = dir.resolve("stated.json");
    String stated = packWithShadowRules();
    assertThat(stated).contains(",\"min_ratio\":1.1");
    Files.writeString(badStated, stated.replace(",\"min_ratio\":1.1", ""));
    assertThatThrownBy(() -> ClaimRules.read(badStated))
        .hasMessageStartingWith(badStated.toString()).hasMessageContaining("QL-CLM-068")
        .hasMessageContaining("(?<stated>...)");

    // The rule another reads the text as must stand above it, and must match on its own.
    Path badMatching = dir.resolve("matching.json");
    Files.writeString(badMatching, packWithShadowRules().replace(
        "\"matches_as\":\"QL-CLM-011\"", "\"matches_as\":\"QL-CLM-099\""));
    assertThatThrownBy(() -> ClaimRules.read(badMatching))
        .hasMessageStartingWith(badMatching.toString()).hasMessageContaining("QL-CLM-083")
        .hasMessageContaining("matches_as names 'QL-CLM-099'");

    // A rule borrows the exemption conditions of a rule above it, and only ones it has.
    String lent = "\"exempt_if_of\":[{\"rule\":\"QL-CLM-001\",\"exemption\":\"samr_9_1_self\"}]";
    assertThat(packWithShadowRules()).contains(lent);
    Path badLender = dir.resolve("lender.json");
    Files.writeString(badLender, packWithShadowRules().replace(lent,
        lent.replace("QL-CLM-001", "QL-CLM-099")));
    assertThatThrownBy(() -> ClaimRules.read(badLender))
        .hasMessageStartingWith(badLender.toString()).hasMessageContaining("QL-CLM-062")
        .hasMessageContaining("exempt_if_of names 'QL-CLM-099'");
    Path nothingLent = dir.resolve("nothing-lent.json");
    Files.writeString(nothingLent, packWithShadowRules().replace(lent,
        lent.replace("samr_9_1_self", "special_registration")));
    assertThatThrownBy(() -> ClaimRules.read(nothingLent))
        .hasMessageStartingWith(nothingLent.toString()).hasMessageContaining("QL-CLM-062")
        .hasMessageContaining("lends nothing");

    Path missing = dir.resolve("missing.json");
    assertThatThrownBy(() -> ClaimRules.read(missing))
        .hasMessageContaining(missing.toString()).hasMessageContaining("cannot read");

    Path noRules = dir.resolve("empty.json");
    Files.writeString(noRules, "{\"version\": \"x\"}");
    assertThatThrownBy(() -> ClaimRules.read(noRules))
        .hasMessageStartingWith(noRules.toString()).hasMessageContaining("\"rules\"");
  }
}
