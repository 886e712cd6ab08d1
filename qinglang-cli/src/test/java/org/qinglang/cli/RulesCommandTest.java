package org.qinglang.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qinglang.detectors.claim.ClaimModel;
import org.qinglang.detectors.claim.RulePack;
import org.qinglang.io.Json;
import picocli.CommandLine;

class RulesCommandTest {
  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();

  private int run(String... args) {
    CommandLine cl = new CommandLine(new RulesCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(new StringWriter()));
    return cl.execute(args);
  }

  /** The pack shipped in this build, as a file. */
  private Path shipped(String name) throws Exception {
    Path p = dir.resolve(name);
    try (InputStream in = RulePack.class.getResourceAsStream(RulePack.RESOURCE)) {
      Files.copy(in, p);
    }
    return p;
  }

  /** The shipped pack without one rule, as the version before that rule was written. */
  private Path shippedWithout(String ruleId) throws Exception {
    return edited("old.json", "before-" + ruleId, rules -> {
      for (int i = rules.size() - 1; i >= 0; i--) {
        if (rules.get(i).get("id").asText().equals(ruleId)) {
          rules.remove(i);
        }
      }
    });
  }

  /** The shipped pack with its rules edited, written under another version. */
  private Path edited(String name, String version,
      java.util.function.Consumer<ArrayNode> edit) throws Exception {
    JsonNode pack;
    try (InputStream in = RulePack.class.getResourceAsStream(RulePack.RESOURCE)) {
      pack = Json.MAPPER.readTree(in);
    }
    edit.accept((ArrayNode) pack.get("rules"));
    ((ObjectNode) pack).put("version", version);
    Path p = dir.resolve(name);
    Json.MAPPER.writeValue(p.toFile(), pack);
    return p;
  }

  @Test
  void diffShowsPerFamilyWhatTheNewPackAddsWithWhereAndWhy() throws Exception {
    Path old = shippedWithout("QL-CLM-065");
    Path shipped = shipped("new.json");
    Path tsv = dir.resolve("script.tsv");
    Files.writeString(tsv, "# tonight's script\n这个价格只有今天有，明天就涨价了\tfood\n"
        + "全网最低价，错过再等一年\tfood\n今天给家人们讲讲怎么挑毛衣\n", StandardCharsets.UTF_8);
    assertThat(run("diff", "--old", old.toString(), "--new", shipped.toString(),
        "--input", tsv.toString())).isZero();
    String s = out.toString();
    assertThat(s).contains("rule pack before-QL-CLM-065 -> " + RulePack.standard().version()
        + " over 3 texts");
    // 全网最低价 is flagged by both; the rise claim only by the new pack.
    assertThat(s).contains("| fictitious_price | 1 | 2 | 1 | 0 |");
    assertThat(s).contains("added, fictitious_price (1):")
        .contains("script.tsv:2 [QL-CLM-065: ").contains("明天就涨价了 (food)");
    assertThat(s).doesNotContain("removed, ");

    out.getBuffer().setLength(0);
    assertThat(run("diff", "--old", shipped.toString(), "--new", old.toString(),
        "--input", tsv.toString())).isZero();
    assertThat(out.toString()).contains("removed, fictitious_price (1):");
  }

  @Test
  void anEventsFileIsReadAsTheDetectorReadsItSpeechUnderTheRoomsListing() throws Exception {
    Path old = shippedWithout("QL-CLM-065");
    Path shipped = shipped("new.json");
    Path events = dir.resolve("events.jsonl");
    Files.writeString(events, String.join("\n",
        "{\"type\":\"product\",\"ts\":1761130800000,\"platform\":\"douyin\",\"room\":\"r-1\","
            + "\"sku\":\"s-1\",\"title\":\"有机燕麦片\",\"price\":3990,\"category\":\"food\"}",
        "{\"type\":\"speech\",\"ts\":1761130860000,\"platform\":\"douyin\",\"room\":\"r-1\","
            + "\"text\":\"这个价格只有今天有，明天就涨价了\"}",
        "{\"type\":\"comment\",\"ts\":1761130870000,\"platform\":\"douyin\",\"room\":\"r-1\","
            + "\"user\":\"u-1\",\"text\":\"明天就涨价了吗\"}") + "\n", StandardCharsets.UTF_8);
    assertThat(run("diff", "--old", old.toString(), "--new", shipped.toString(),
        "--input", events.toString())).isZero();
    // The listing title and the speech are read; a viewer's comment is not the seller's claim.
    assertThat(out.toString()).contains("over 2 texts")
        .contains("events.jsonl:2 [QL-CLM-065: ").contains("(food)");
  }

  @Test
  void aPackAgainstItselfSaysNothingChanged() throws Exception {
    Path tsv = dir.resolve("s.tsv");
    Files.writeString(tsv, "全网最低价\tfood\n", StandardCharsets.UTF_8);
    Path shipped = shipped("same.json");
    assertThat(run("diff", "--new", shipped.toString(), "--input", tsv.toString())).isZero();
    assertThat(out.toString()).contains("no text changes its verdict in any family");
  }

  /**
   * A model upgrade is diffed like a pack change: the shipped model against the same weights
   * with its additions and vetoes off (the rules alone, under a model's name), same pack.
   */
  @Test
  void diffShowsWhatAModelUpgradeAddsAndVetoes() throws Exception {
    ObjectNode model;
    try (InputStream in = ClaimModel.class.getResourceAsStream(ClaimModel.RESOURCE)) {
      model = (ObjectNode) Json.MAPPER.readTree(in);
    }
    model.put("version", "no-op");
    model.get("per_family").forEach(f -> ((ObjectNode) f).putNull("add").putNull("veto"));
    Path old = dir.resolve("old-model.json");
    Json.MAPPER.writeValue(old.toFile(), model);
    Path tsv = dir.resolve("own.tsv");
    Files.writeString(tsv, "这个枕头能矫正孩子的扁头\tother\n"
        + "这款桌游是冷场的特效药，聚会一开局大家都嗨\tother\n"
        + "今天给家人们讲讲怎么挑毛衣\n", StandardCharsets.UTF_8);
    assertThat(run("diff", "--old-model", old.toString(), "--input", tsv.toString())).isZero();
    String s = out.toString();
    assertThat(s).contains("learned model no-op -> " + ClaimModel.standard().version());
    // The model finds a medical claim no rule reads, and clears a figure the rules read as one
    // (治愈 said of a colour, its first example, has been the pack's own exemption since pack
    // 2026-12-07.1).
    assertThat(s).contains("| medical_efficacy | 1 | 1 | 1 | 1 |")
        .contains("added, medical_efficacy (1):").contains("own.tsv:1 [QL-CLM-011-M: ")
        .contains("removed, medical_efficacy (1):").contains("own.tsv:2 [QL-CLM-013: 特效药]");
  }

  @Test
  void aModelFileThatIsNotOneIsRefusedNamingIt() throws Exception {
    Path bad = dir.resolve("bad-model.json");
    Files.writeString(bad, "{\"version\": \"x\"}", StandardCharsets.UTF_8);
    Path tsv = dir.resolve("s.tsv");
    Files.writeString(tsv, "全网最低价\tfood\n", StandardCharsets.UTF_8);
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new RulesCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    assertThat(cl.execute("diff", "--old-model", bad.toString(), "--input", tsv.toString()))
        .isNotZero();
    assertThat(err.toString()).contains("bad-model.json").contains("no families");
    assertThat(run("diff", "--input", tsv.toString())).isEqualTo(2);
  }

  /** The shipped pack with one of its rules put on trial. */
  private Path shippedWithShadow(String ruleId) throws Exception {
    return edited("trial.json", "trial-" + ruleId, rules -> {
      for (JsonNode r : rules) {
        if (r.get("id").asText().equals(ruleId)) {
          ((ObjectNode) r).put("shadow", true);
        }
      }
    });
  }

  @Test
  void diffCountsAShadowRuleAsAbsentAndShowsItsTrialApart() throws Exception {
    Path trial = shippedWithShadow("QL-CLM-065");
    Path tsv = dir.resolve("script.tsv");
    Files.writeString(tsv, "这个价格只有今天有，明天就涨价了\tfood\n全网最低价\tfood\n",
        StandardCharsets.UTF_8);
    assertThat(run("diff", "--new", trial.toString(), "--input", tsv.toString())).isZero();
    String s = out.toString();
    int trialAt = s.indexOf("shadow rules of trial-QL-CLM-065 (QL-CLM-065)");
    assertThat(trialAt).isPositive();
    // live: the rule on trial no longer flags the rise claim the shipped pack flags
    assertThat(s.substring(0, trialAt)).contains("| fictitious_price | 2 | 1 | 0 | 1 |");
    // on trial: promoting it would add exactly that text back
    assertThat(s.substring(trialAt)).contains("| live | promoted |")
        .contains("| fictitious_price | 1 | 2 | 1 | 0 |")
        .contains("script.tsv:1 [QL-CLM-065: ");
  }

  @Test
  void promoteWritesANewVersionWithTheRuleLive() throws Exception {
    Path trial = shippedWithShadow("QL-CLM-065");
    Path promoted = dir.resolve("promoted.json");
    assertThat(run("promote", "--pack", trial.toString(), "--rule", "QL-CLM-065", "--out",
        promoted.toString(), "--version", "2027-01-01.1")).isZero();
    assertThat(out.toString()).contains("rule QL-CLM-065 is live in " + promoted)
        .contains("trial-QL-CLM-065 -> 2027-01-01.1");
    RulePack p = RulePack.read(promoted);
    assertThat(p.shadowRules()).isEmpty();
    assertThat(p.version()).isEqualTo("2027-01-01.1");
    assertThat(p.rules()).extracting(r -> r.id()).contains("QL-CLM-065");

    Path again = dir.resolve("again.json");
    assertThat(run("promote", "--pack", promoted.toString(), "--rule", "QL-CLM-065", "--out",
        again.toString())).isNotZero();
    assertThat(again).doesNotExist();
    assertThat(run("promote", "--pack", trial.toString(), "--rule", "QL-CLM-065", "--out",
        trial.toString())).isNotZero();
    assertThat(RulePack.read(trial).shadowRules()).hasSize(1);
  }
  @Test
  void costListsTheRegexesTheTextsRanCostliestFirst() throws Exception {
    Path tsv = dir.resolve("s.tsv");
    Files.writeString(tsv, "原价九百九十九，今天只要九十九，其实这个原价是我们自己定的\tfood\n"
        + "这款面霜用了一周皱纹少了一半\tcosmetics\n嗯嗯\n");
    assertThat(run("cost", "--input", tsv.toString(), "--rounds", "2", "--top", "3")).isZero();
    String text = out.toString();
    assertThat(text).contains("over 3 texts, 2 timed passes")
        .contains("rule pack " + RulePack.standard().version());
    long rows = text.lines().filter(l -> l.startsWith("| QL-CLM-")).count();
    assertThat(rows).isBetween(1L, 3L);
    assertThat(run("cost", "--input", tsv.toString(), "--rounds", "0")).isEqualTo(2);
  }
}
