package org.qinglang.server.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglang.io.AlertJson;
import org.qinglang.server.ServerConfig;
import org.qinglang.server.Services;
import org.qinglang.server.TestPg;
import org.qinglang.server.auth.Forbidden;
import org.qinglang.server.auth.NotFound;
import org.qinglang.server.auth.Role;
import org.qinglang.server.auth.Scope;
import org.qinglang.server.ledger.LedgerVerifier;
import org.qinglang.server.store.Sql;

class CasesTest {
  private static Services sv;
  private static final Scope REG = Scope.regulator("reg");
  private static final Scope DOUYIN = new Scope("dy", Role.PLATFORM_ANALYST, "douyin", Set.of());
  private static final Scope KUAISHOU = new Scope("ks", Role.PLATFORM_ANALYST, "kuaishou", Set.of());
  private static final Scope AGENCY = new Scope("ag", Role.AGENCY, null, Set.of("a-c"));

  @BeforeAll
  static void data() throws Exception {
    sv = Services.over(new Sql(TestPg.fresh()), ServerConfig.defaults());
    String events = "{\"type\":\"room_start\",\"ts\":1000,\"platform\":\"douyin\",\"room\":\"r-c\","
        + "\"anchor\":\"a-c\",\"title\":\"t\",\"merchant\":\"m-c\"}\n"
        + "{\"type\":\"comment\",\"ts\":2000,\"platform\":\"douyin\",\"room\":\"r-c\",\"user\":\"u-1\",\"text\":\"已瘦十斤\"}\n"
        + "{\"type\":\"comment\",\"ts\":2001,\"platform\":\"douyin\",\"room\":\"r-c\",\"user\":\"u-2\",\"text\":\"已瘦十斤\"}\n"
        + "{\"type\":\"comment\",\"ts\":2002,\"platform\":\"douyin\",\"room\":\"r-c\",\"user\":\"u-3\",\"text\":\"无关\"}\n";
    sv.events().ingest(Scope.system("test"), new ByteArrayInputStream(events.getBytes(StandardCharsets.UTF_8)), "t");
    sv.alerts().upsert(AlertJson.parseAlert("{\"id\":\"a-case-1\",\"kind\":\"fake_testimonial\","
        + "\"ts\":3000,\"platform\":\"douyin\",\"room\":\"r-c\",\"score\":0.9,\"severity\":\"high\","
        + "\"subjects\":[{\"type\":\"room\",\"id\":\"r-c\"},{\"type\":\"account\",\"id\":\"u-1\"}],"
        + "\"summary\":\"2 testimonials\",\"evidence\":{\"comments\":[{\"type\":\"comment\",\"ts\":2000,"
        + "\"room\":\"r-c\",\"user\":\"u-1\"},{\"type\":\"comment\",\"ts\":2001,\"room\":\"r-c\","
        + "\"user\":\"u-2\"},{\"type\":\"comment\",\"ts\":999,\"room\":\"r-c\",\"user\":\"u-9\"}]}}"));
  }

  @Test
  void theLoopClosesWithEveryStepTimestampedAttributedAndInTheLedger() {
    long id = sv.cases().open(DOUYIN, List.of("a-case-1"), "虚假证言", 10_000);
    sv.cases().notice(REG, id, 100_000, "请于期限内整改", 11_000);
    sv.cases().respond(DOUYIN, id, "takedown", "直播间已下架", 12_000);
    sv.cases().verify(REG, id, true, "已核实", 13_000);
    sv.cases().penalty(REG, id, "merchant", "m-c", "fine", 500_000L, "罚款", 13_500);
    sv.cases().close(REG, id, "substantiated", "结案", 14_000);

    Map<String, Object> c = sv.cases().get(REG, id, 15_000);
    assertThat(c.get("status")).isEqualTo("closed");
    assertThat(c.get("outcome")).isEqualTo("substantiated");
    List<?> steps = (List<?>) c.get("steps");
    assertThat(col(steps, "step")).containsExactly("clue", "notice", "response", "verification", "penalty", "closure");
    assertThat(col(steps, "at")).containsExactly(10_000L, 11_000L, 12_000L, 13_000L, 13_500L, 14_000L);
    assertThat(col(steps, "actor")).containsExactly("dy", "reg", "dy", "reg", "reg", "reg");
    assertThat(steps).allSatisfy(s -> assertThat(((Map<?, ?>) s).get("ledger_seq")).isNotNull());
    assertThat((List<?>) c.get("penalties")).hasSize(1);
    assertThat(new LedgerVerifier(sv.sql().dataSource()).verify().ok()).isTrue();
  }

  @Test
  void stepsOutOfOrderOrByTheWrongRoleAreRefused() {
    long id = sv.cases().open(REG, List.of("a-case-1"), "x", 1);
    assertThatThrownBy(() -> sv.cases().respond(DOUYIN, id, "takedown", "", 2))
        .isInstanceOf(CaseRuleException.class).hasMessageContaining("open");
    assertThatThrownBy(() -> sv.cases().notice(DOUYIN, id, 10, "", 2)).isInstanceOf(Forbidden.class);
    assertThatThrownBy(() -> sv.cases().close(REG, id, "substantiated", "", 2))
        .isInstanceOf(CaseRuleException.class);
    assertThatThrownBy(() -> sv.cases().respond(KUAISHOU, id, "takedown", "", 2))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> sv.cases().open(AGENCY, List.of("a-case-1"), "x", 1))
        .isInstanceOf(Forbidden.class);
    assertThatThrownBy(() -> sv.cases().open(KUAISHOU, List.of("a-case-1"), "x", 1))
        .isInstanceOf(NotFound.class);
    sv.cases().notice(REG, id, 10, "", 2);
    sv.cases().respond(REG, id, "rectification", "on behalf", 3);
    sv.cases().verify(REG, id, false, "not rectified", 4);
    assertThat(sv.cases().get(REG, id, 5).get("status")).isEqualTo("open");
  }

  @Test
  void aNoticePastItsDeadlineWithoutResponseIsOverdue() {
    long id = sv.cases().open(REG, List.of("a-case-1"), "deadline", 1);
    sv.cases().notice(REG, id, 1_000, "", 2);
    assertThat(sv.cases().get(REG, id, 999).get("overdue")).isEqualTo(false);
    assertThat(sv.cases().get(REG, id, 1_001).get("overdue")).isEqualTo(true);
    sv.cases().respond(DOUYIN, id, "suspension", "", 1_500);
    assertThat(sv.cases().get(REG, id, 2_000).get("overdue")).isEqualTo(false);
  }

  @Test
  void evidencePackageVerifiesOfflineAndAnyChangeToItIsCaught() throws Exception {
    long id = sv.cases().open(REG, List.of("a-case-1"), "export", 1);
    sv.cases().notice(REG, id, 1_000, "通知", 2);
    byte[] zip = new EvidencePackage(sv.sql(), sv.cases(), sv.queries()).export(REG, id, 5);
    Map<String, byte[]> files = unzip(zip);
    assertThat(files).containsOnlyKeys("case.json", "alerts.jsonl", "events.jsonl", "steps.jsonl",
        "export.json", "ledger.json", "manifest.json");
    String events = new String(files.get("events.jsonl"), StandardCharsets.UTF_8);
    assertThat(events.split("\n")).hasSize(2); // the two cited comments, not the third
    assertThat(events).contains("\"ts\":2000").contains("\"ts\":2001").doesNotContain("无关");
    assertThat(new String(files.get("manifest.json"), StandardCharsets.UTF_8))
        .contains("\"ts\" : 999"); // the reference that matches no stored event is listed
    assertThat(new String(files.get("steps.jsonl"), StandardCharsets.UTF_8).split("\n")).hasSize(2);

    EvidenceVerifier.Result ok = EvidenceVerifier.verify(zip);
    assertThat(ok.problems()).isEmpty();
    assertThat(ok.records()).isEqualTo(6); // 1 alert version + 2 events + 2 steps + the export
    assertThat(ok.treeSize()).isEqualTo(sv.ledger().size()); // the export is the last record

    // change one character of a cited event, fix up the manifest hash so only the ledger can tell
    Map<String, byte[]> forged = new LinkedHashMap<>(files);
    forged.put("events.jsonl", events.replace("已瘦十斤", "已瘦九斤").getBytes(StandardCharsets.UTF_8));
    String manifest = new String(files.get("manifest.json"), StandardCharsets.UTF_8).replace(
        org.qinglang.server.ledger.Hashes.hex(org.qinglang.server.ledger.Hashes.sha256(files.get("events.jsonl"))),
        org.qinglang.server.ledger.Hashes.hex(org.qinglang.server.ledger.Hashes.sha256(forged.get("events.jsonl"))));
    forged.put("manifest.json", manifest.getBytes(StandardCharsets.UTF_8));
    EvidenceVerifier.Result bad = EvidenceVerifier.verify(zip(forged));
    assertThat(bad.ok()).isFalse();
    assertThat(bad.problems()).anySatisfy(p -> assertThat(p).contains("events.jsonl line 1"));

    // without fixing the manifest, the manifest check itself fails
    Map<String, byte[]> naive = new LinkedHashMap<>(files);
    naive.put("alerts.jsonl", "{}\n".getBytes(StandardCharsets.UTF_8));
    assertThat(EvidenceVerifier.verify(zip(naive)).problems())
        .anySatisfy(p -> assertThat(p).startsWith("alerts.jsonl: SHA-256"));
  }

  // ---- the forgeries of issue 16: each verified as intact before, each rejected now ------

  private static Map<String, byte[]> closedCasePackage() throws Exception {
    long id = sv.cases().open(REG, List.of("a-case-1"), "forgery", 1);
    sv.cases().notice(REG, id, 1_000, "通知", 2);
    sv.cases().respond(DOUYIN, id, "takedown", "", 3);
    sv.cases().verify(REG, id, true, "", 4);
    sv.cases().close(REG, id, "substantiated", "", 5);
    byte[] zip = sv.evidence().export(REG, id, 6);
    assertThat(EvidenceVerifier.verify(zip).problems()).isEmpty();
    return unzip(zip);
  }

  /** What a forger does so that the manifest alone cannot tell: fixes up every file hash. */
  static void fixManifest(Map<String, byte[]> files) throws Exception {
    var m = (com.fasterxml.jackson.databind.node.ObjectNode) org.qinglang.io.Json.MAPPER
        .readTree(files.get("manifest.json"));
    for (var f : m.withArray("files")) {
      byte[] b = files.get(f.get("name").asText());
      ((com.fasterxml.jackson.databind.node.ObjectNode) f).put("sha256",
          org.qinglang.server.ledger.Hashes.hex(org.qinglang.server.ledger.Hashes.sha256(b)));
      ((com.fasterxml.jackson.databind.node.ObjectNode) f).put("bytes", b.length);
    }
    files.put("manifest.json", org.qinglang.io.Json.MAPPER.writeValueAsBytes(m));
  }

  private static String text(Map<String, byte[]> f, String name) {
    return new String(f.get(name), StandardCharsets.UTF_8);
  }

  @Test
  void aCaseJsonTurnedUnsubstantiatedWithTheManifestUpdatedIsRejected() throws Exception {
    Map<String, byte[]> f = closedCasePackage();
    assertThat(text(f, "case.json")).contains("\"outcome\" : \"substantiated\"");
    f.put("case.json", text(f, "case.json").replace("\"substantiated\"", "\"unsubstantiated\"")
        .getBytes(StandardCharsets.UTF_8));
    fixManifest(f);
    assertThat(EvidenceVerifier.verify(zip(f)).problems())
        .containsExactly("case.json: differs from what the ledgered steps say (status, outcome,"
            + " deadline, penalties or steps edited)");
  }

  @Test
  void aMadeUpLineAppendedToEventsIsRejected() throws Exception {
    Map<String, byte[]> f = closedCasePackage();
    f.put("events.jsonl", (text(f, "events.jsonl") + "{\"type\":\"comment\",\"ts\":2003,"
        + "\"platform\":\"douyin\",\"room\":\"r-c\",\"user\":\"u-9\",\"text\":\"我也瘦了\"}\n")
        .getBytes(StandardCharsets.UTF_8));
    fixManifest(f);
    assertThat(EvidenceVerifier.verify(zip(f)).problems())
        .containsExactly("events.jsonl line 3: no ledger record vouches for it");
  }

  @Test
  void aClosureStepRemovedWithItsLedgerRecordIsRejected() throws Exception {
    Map<String, byte[]> f = closedCasePackage();
    String[] steps = text(f, "steps.jsonl").split("\n");
    assertThat(steps[steps.length - 1]).contains("\"step\":\"closure\"");
    f.put("steps.jsonl", (String.join("\n", List.of(steps).subList(0, steps.length - 1)) + "\n")
        .getBytes(StandardCharsets.UTF_8));
    var ledger = (com.fasterxml.jackson.databind.node.ObjectNode) org.qinglang.io.Json.MAPPER
        .readTree(f.get("ledger.json"));
    var records = ledger.withArray("records");
    long closureSeq = -1;
    for (int i = 0; i < records.size(); i++) {
      if (records.get(i).get("file").asText().equals("steps.jsonl")
          && records.get(i).get("line").asInt() == steps.length) {
        closureSeq = records.get(i).get("seq").asLong();
        records.remove(i);
        break;
      }
    }
    f.put("ledger.json", org.qinglang.io.Json.MAPPER.writeValueAsBytes(ledger));
    f.put("case.json", CaseRecord.fromSteps(
        org.qinglang.io.Json.MAPPER.readTree(f.get("manifest.json")).get("case").asLong(),
        List.of(steps).subList(0, steps.length - 1)).getBytes(StandardCharsets.UTF_8));
    fixManifest(f);
    List<String> problems = EvidenceVerifier.verify(zip(f)).problems();
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).startsWith("steps.jsonl: the export record lists ledger records")
        .endsWith("(missing [" + closureSeq + "])");
  }

  @Test
  void aDuplicateZipEntryWithTheForgedFileFirstIsRejected() throws Exception {
    Map<String, byte[]> f = closedCasePackage();
    // Java's ZipOutputStream refuses a second entry of one name (other tools do not): write the
    // forged one under a same-length name, then rename it in the bytes (the CRC covers data only)
    java.io.ByteArrayOutputStream bo = new java.io.ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bo)) {
      z.putNextEntry(new ZipEntry("case.jsoX")); // first: what a first-entry reader shows
      z.write(text(f, "case.json").replace("\"substantiated\"", "\"unsubstantiated\"")
          .getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
      for (var e : f.entrySet()) {
        z.putNextEntry(new ZipEntry(e.getKey()));
        z.write(e.getValue());
        z.closeEntry();
      }
    }
    byte[] bytes = new String(bo.toByteArray(), StandardCharsets.ISO_8859_1)
        .replace("case.jsoX", "case.json").getBytes(StandardCharsets.ISO_8859_1);
    assertThat(unzipAll(bytes)).filteredOn(n -> n.equals("case.json")).hasSize(2);
    assertThat(EvidenceVerifier.verify(bytes).problems())
        .contains("case.json: appears more than once in the zip");
  }

  @Test
  void anUnknownFileInThePackageIsRejected() throws Exception {
    Map<String, byte[]> f = closedCasePackage();
    f.put("README.txt", "this package was checked and found in order".getBytes(StandardCharsets.UTF_8));
    assertThat(EvidenceVerifier.verify(zip(f)).problems())
        .anySatisfy(p -> assertThat(p).startsWith("README.txt: unknown file"));
  }

  @Test
  void anAgencySeesCasesOfItsAnchorsButCannotActOnThem() {
    long id = sv.cases().open(REG, List.of("a-case-1"), "agency", 1);
    assertThat(sv.cases().get(AGENCY, id, 2).get("id")).isEqualTo(id);
    Scope other = new Scope("ag2", Role.AGENCY, null, Set.of("someone-else"));
    assertThatThrownBy(() -> sv.cases().get(other, id, 2)).isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> sv.cases().respond(AGENCY, id, "takedown", "", 2))
        .isInstanceOf(Forbidden.class);
  }

  static List<Object> col(List<?> rows, String key) {
    return rows.stream().map(r -> (Object) ((Map<?, ?>) r).get(key)).toList();
  }

  static Map<String, byte[]> unzip(byte[] zip) throws Exception {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry e;
      while ((e = z.getNextEntry()) != null) {
        out.put(e.getName(), z.readAllBytes());
      }
    }
    return out;
  }

  static List<String> unzipAll(byte[] zip) throws Exception {
    List<String> names = new java.util.ArrayList<>();
    try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry e;
      while ((e = z.getNextEntry()) != null) {
        names.add(e.getName());
      }
    }
    return names;
  }

  static byte[] zip(Map<String, byte[]> files) throws Exception {
    ByteArrayOutputStream bo = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bo)) {
      for (var f : files.entrySet()) {
        z.putNextEntry(new ZipEntry(f.getKey()));
        z.write(f.getValue());
        z.closeEntry();
      }
    }
    return bo.toByteArray();
  }
}
