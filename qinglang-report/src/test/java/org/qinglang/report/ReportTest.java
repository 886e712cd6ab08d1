package org.qinglang.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qinglang.alert.Alert;
import org.qinglang.alert.Severity;
import org.qinglang.detect.DetectorGroup;
import org.qinglang.detect.LocalRunner;
import org.qinglang.event.Event;
import org.qinglang.io.AlertJson;
import org.qinglang.io.JsonlEventReader;
import org.qinglang.sim.Simulator;

/**
 * Every report kind over a simulated evening and the alerts the registered detectors raise on
 * it: each figure of report.json against the same figure recounted by {@link Truth} from the
 * JSON text, and the PDF opened and read back for its Chinese text.
 */
class ReportTest {
  @TempDir
  static Path dir;
  static Path events;
  static Path alerts;
  static Truth truth;
  static int rewritten;

  @BeforeAll
  static void evening() throws Exception {
    Simulator.Result sim = Simulator.run(new Simulator.Config(dir.resolve("sim"), 8, 20, 5,
        "default", Map.of(), null));
    events = sim.events();
    LocalRunner runner = new LocalRunner(DetectorGroup.discover());
    try (JsonlEventReader r = JsonlEventReader.open(events, (n, why, raw) -> { })) {
      Event e;
      while ((e = r.next()) != null) {
        runner.accept(e);
      }
    }
    List<Alert> found = runner.finish();
    alerts = dir.resolve("alerts.jsonl");
    // Every third finding first appears as an earlier, milder version, as the engine rewrites a
    // growing finding under its id: the reports must count it once, in its latest version.
    try (BufferedWriter w = Files.newBufferedWriter(alerts, StandardCharsets.UTF_8)) {
      for (int i = 0; i < found.size(); i++) {
        Alert a = found.get(i);
        if (i % 3 == 0) {
          Alert older = new Alert(a.id(), a.kind(), a.ts() - 60_000, a.platform(), a.room(),
              a.score() / 2, a.severity() == Severity.LOW ? Severity.MEDIUM : Severity.LOW,
              a.subjects(), a.summary(), a.evidence(), a.rule(), a.basis());
          w.write(AlertJson.toLine(older) + "\n");
          rewritten++;
        }
        w.write(AlertJson.toLine(a) + "\n");
      }
    }
    truth = new Truth(events, alerts);
    assertThat(truth.alerts).as("the detectors found something to report").hasSizeGreaterThan(5);
    assertThat(rewritten).isPositive();
  }

  static JsonNode run(String name, Reports.Request req) throws Exception {
    Path out = dir.resolve(name);
    Reports.write(req, alerts, events, out);
    return Truth.M.readTree(out.resolve("report.json").toFile());
  }

  static Reports.Request req(Reports.Kind k, String from, String to, String platform,
      String anchor, String mcn) {
    return new Reports.Request(k, from, to, platform, anchor, mcn);
  }

  static Map<String, Integer> ints(JsonNode n) {
    Map<String, Integer> m = new TreeMap<>();
    n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asInt()));
    return m;
  }

  static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.forEach(x -> out.add(x.asText()));
    return out;
  }

  @Test
  void governanceFiguresMatchARecount() throws Exception {
    // The period starts half-way through the evening's shows, so the previous period holds the
    // earlier shows and the trend compares two non-empty halves.
    long first = truth.roomStart.keySet().stream().mapToLong(truth::start).min().orElseThrow();
    long last = truth.roomStart.keySet().stream().mapToLong(truth::start).max().orElseThrow();
    long from = first + (last - first) / 2 + 1;
    long to = from + (from - first);
    JsonNode r = run("governance", req(Reports.Kind.GOVERNANCE, Long.toString(from),
        Long.toString(to), null, null, null));
    assertThat(r.get("report").asText()).isEqualTo("governance");

    Set<String> platforms = new TreeSet<>();
    for (String room : truth.rooms(from, to, null, null, null)) {
      platforms.add(truth.field(room, "platform"));
    }
    assertThat(platforms).isNotEmpty();
    assertThat(r.at("/figures/platforms").size()).isGreaterThanOrEqualTo(platforms.size());
    List<String> scopes = new ArrayList<>(platforms);
    scopes.add(null);
    for (String p : scopes) {
      JsonNode s = p == null ? r.at("/figures/total") : r.at("/figures/platforms/" + p);
      String as = p == null ? "total" : p;
      List<String> rooms = truth.rooms(from, to, p, null, null);
      List<JsonNode> found = truth.alertsOf(rooms, from, to, p);
      assertThat(s.get("rooms").asInt()).as(as + " rooms").isEqualTo(rooms.size());
      assertThat(s.get("hours_watched").asDouble()).as(as + " hours")
          .isCloseTo(truth.viewerHours(rooms), within(0.0006));
      double broadcast = rooms.stream().mapToLong(x -> truth.roomEnd.get(x) - truth.start(x)).sum() / 3_600_000.0;
      assertThat(s.get("broadcast_hours").asDouble()).isCloseTo(broadcast, within(0.0006));
      assertThat(s.get("findings").asInt()).as(as + " findings").isEqualTo(found.size());
      assertThat(ints(s.get("alerts_by_kind"))).as(as + " by kind").isEqualTo(Truth.byKind(found));
      Map<String, Integer> sev = new TreeMap<>(Map.of("low", 0, "medium", 0, "high", 0, "critical", 0));
      found.forEach(a -> sev.merge(a.get("severity").asText(), 1, Integer::sum));
      assertThat(ints(s.get("alerts_by_severity"))).as(as + " by severity").isEqualTo(sev);
      Set<String> hitRooms = new HashSet<>();
      found.forEach(a -> {
        if (a.has("room") && rooms.contains(a.get("room").asText())) {
          hitRooms.add(a.get("room").asText());
        }
      });
      assertThat(s.get("rooms_with_findings").asInt()).isEqualTo(hitRooms.size());
      Set<String> banned = new HashSet<>();
      for (JsonNode e : truth.ofType("sanction", null)) {
        long ts = e.get("ts").asLong();
        if (ts >= from && ts < to && (p == null || p.equals(e.get("platform").asText()))) {
          banned.add(e.get("user").asText());
        }
      }
      assertThat(s.get("sanctions").asInt()).isEqualTo(banned.size());

      Map<String, Set<String>> anchorRooms = new TreeMap<>();
      for (JsonNode a : found) {
        if (a.has("room") && truth.roomStart.containsKey(a.get("room").asText())) {
          anchorRooms.computeIfAbsent(truth.field(a.get("room").asText(), "anchor"), k -> new TreeSet<>())
              .add(a.get("room").asText());
        }
      }
      Set<String> repeat = new TreeSet<>();
      anchorRooms.forEach((an, rs) -> {
        if (rs.size() >= 2) {
          repeat.add(an);
        }
      });
      Set<String> reported = new TreeSet<>();
      s.get("repeat_offenders").forEach(x -> reported.add(x.get("anchor").asText()));
      assertThat(reported).as(as + " repeat offenders").isEqualTo(repeat);

      long pFrom = from - (to - from);
      List<String> prevRooms = truth.rooms(pFrom, from, p, null, null);
      List<JsonNode> prevFound = truth.alertsOf(prevRooms, pFrom, from, p);
      assertThat(s.at("/previous_period/rooms").asInt()).isEqualTo(prevRooms.size());
      assertThat(s.at("/previous_period/findings").asInt()).isEqualTo(prevFound.size());
      assertThat(ints(s.at("/previous_period/alerts_by_kind"))).isEqualTo(Truth.byKind(prevFound));
      assertThat(s.at("/trend/findings").asInt()).isEqualTo(found.size() - prevFound.size());
      assertThat(s.at("/trend/rooms").asInt()).isEqualTo(rooms.size() - prevRooms.size());
    }
    assertThat(r.at("/figures/total/previous_period/rooms").asInt()).as("both halves hold shows").isPositive();
    assertThat(r.at("/figures/total/rooms").asInt()).isPositive();
    // Case figures are absent from files, said so, never zeros.
    assertThat(r.at("/not_available/cases_opened").asText()).contains("not available");
    assertThat(r.at("/figures/total").has("cases_opened")).isFalse();
    assertThat(r.at("/inputs/alerts/alert_versions").asLong())
        .isEqualTo(truth.alerts.size() + rewritten);
    assertThat(r.at("/inputs/alerts/alerts").asInt()).isEqualTo(truth.alerts.size());
    assertInputsHashed(r);
    assertDefined(r);
    assertPdfShowsChinese("governance", "治理报告");
  }

  @Test
  void influencerFiguresMatchARecount() throws Exception {
    // The anchor with the most rooms that carry findings: the one a brand would worry about.
    Map<String, Set<String>> hit = new TreeMap<>();
    for (JsonNode a : truth.alerts.values()) {
      if (a.has("room") && truth.roomStart.containsKey(a.get("room").asText())) {
        hit.computeIfAbsent(truth.field(a.get("room").asText(), "anchor"), k -> new TreeSet<>())
            .add(a.get("room").asText());
      }
    }
    String anchor = hit.entrySet().stream().max(Comparator.comparingInt(
        (Map.Entry<String, Set<String>> e) -> e.getValue().size()).thenComparing(Map.Entry::getKey))
        .orElseThrow().getKey();
    JsonNode r = run("influencer", req(Reports.Kind.INFLUENCER, null, null, null, anchor, null));
    JsonNode f = r.get("figures");
    List<String> rooms = truth.rooms(Long.MIN_VALUE / 2, Long.MAX_VALUE / 2, null, anchor, null);
    assertThat(f.get("rooms").asInt()).isEqualTo(rooms.size());

    List<JsonNode> against = new ArrayList<>();
    for (JsonNode a : truth.alerts.values()) {
      boolean inRoom = a.has("room") && rooms.contains(a.get("room").asText());
      boolean named = false;
      for (JsonNode s : a.path("subjects")) {
        named |= anchor.equals(s.get("id").asText())
            && (s.get("type").asText().equals("anchor") || s.get("type").asText().equals("account"));
      }
      if (inRoom || named) {
        against.add(a);
      }
    }
    Map<String, Set<String>> kinds = new TreeMap<>();
    against.forEach(a -> kinds.computeIfAbsent(a.get("kind").asText(), k -> new TreeSet<>()).add(a.get("id").asText()));
    Map<String, Set<String>> reportedKinds = new TreeMap<>();
    f.get("alert_kinds").fields().forEachRemaining(e -> reportedKinds.put(e.getKey(), new TreeSet<>(strings(e.getValue()))));
    assertThat(reportedKinds).isEqualTo(kinds).isNotEmpty();

    long online = 0;
    long observed = 0;
    long samples = 0;
    Set<String> viewers = new HashSet<>();
    for (String room : rooms) {
      List<long[]> sessions = truth.sessions(room);
      viewers.addAll(truth.viewers(room));
      for (JsonNode c : truth.ofType("viewer_count", room)) {
        long t = c.get("ts").asLong();
        online += c.get("online").asLong();
        observed += sessions.stream().filter(s -> s[0] <= t && t < s[1]).count();
        samples++;
      }
    }
    JsonNode au = f.get("audience");
    assertThat(au.get("viewer_count_samples").asLong()).isEqualTo(samples).isPositive();
    assertThat(au.get("displayed_mean_online").asDouble()).isCloseTo((double) online / samples, within(0.006));
    assertThat(au.get("observed_mean_online").asDouble()).isCloseTo((double) observed / samples, within(0.006));
    assertThat(au.get("inflation_ratio").asDouble()).isCloseTo((double) online / observed, within(0.00006));
    assertThat(au.get("distinct_viewers").asInt()).isEqualTo(viewers.size());

    Set<String> bots = new HashSet<>();
    Set<String> lock = new HashSet<>();
    for (JsonNode a : against) {
      if (a.get("kind").asText().equals("bot_audience") && rooms.contains(a.path("room").asText())) {
        bots.addAll(Truth.accounts(a));
      }
      if (a.get("kind").asText().equals("lockstep_group")) {
        lock.addAll(Truth.accounts(a));
      }
    }
    // Lockstep groups concern no room: they are in scope by time and platform, not by anchor.
    for (JsonNode a : truth.alerts.values()) {
      if (a.get("kind").asText().equals("lockstep_group")) {
        lock.addAll(Truth.accounts(a));
      }
    }
    bots.retainAll(viewers);
    lock.retainAll(viewers);
    assertThat(f.at("/bot_share/flagged_viewers").asInt()).isEqualTo(bots.size());
    assertThat(f.at("/bot_share/share").asDouble()).isCloseTo((double) bots.size() / viewers.size(), within(0.00006));
    assertThat(f.at("/lockstep_share/flagged_viewers").asInt()).isEqualTo(lock.size());

    long comments = 0;
    long flagged = 0;
    for (String room : rooms) {
      Set<String> paid = new HashSet<>();
      for (JsonNode a : against) {
        String k = a.get("kind").asText();
        if ((k.equals("comment_flood") || k.equals("fake_testimonial")) && room.equals(a.path("room").asText())) {
          paid.addAll(Truth.accounts(a));
        }
      }
      for (JsonNode c : truth.ofType("comment", room)) {
        comments++;
        if (paid.contains(c.get("user").asText())) {
          flagged++;
        }
      }
    }
    assertThat(f.at("/comment_authenticity/comments").asLong()).isEqualTo(comments);
    assertThat(f.at("/comment_authenticity/comments_by_flagged_accounts").asLong()).isEqualTo(flagged);

    long claimed = 0;
    long units = 0;
    for (String room : rooms) {
      Map<String, Long> claims = new HashMap<>();
      truth.ofType("product", room).forEach(p -> {
        if (p.has("claimed_sales")) {
          claims.merge(p.get("sku").asText(), p.get("claimed_sales").asLong(), Math::max);
        }
      });
      Set<String> seen = new HashSet<>();
      for (JsonNode o : truth.ofType("order", room)) {
        if (seen.add(o.get("order").asText()) && claims.containsKey(o.get("sku").asText())) {
          units += o.get("qty").asLong();
        }
      }
      claimed += claims.values().stream().mapToLong(Long::longValue).sum();
    }
    assertThat(f.at("/sales_claims/claimed_sales").asLong()).isEqualTo(claimed);
    assertThat(f.at("/sales_claims/ordered_units").asLong()).isEqualTo(units);

    Set<String> claimIds = new TreeSet<>();
    against.stream().filter(a -> Set.of("false_claim", "price_fraud", "counterfeit_risk", "minor_venue")
        .contains(a.get("kind").asText())).forEach(a -> claimIds.add(a.get("id").asText()));
    Set<String> reportedClaims = new TreeSet<>();
    f.get("claims_findings").forEach(x -> reportedClaims.add(x.get("alert_id").asText()));
    assertThat(reportedClaims).isEqualTo(claimIds);
    assertThat(f.get("shows").size()).isEqualTo(rooms.size());
    // Every figure built on findings names them.
    assertThat(strings(f.at("/audience/alert_ids"))).containsExactlyInAnyOrderElementsOf(
        kinds.getOrDefault("viewer_inflation", Set.of()));
    assertThat(r.at("/not_available/credit_grade").asText()).contains("not available");
    assertInputsHashed(r);
    assertDefined(r);
    assertPdfShowsChinese("influencer", "尽职调查");
  }

  @Test
  void esgIndicatorsMatchARecount() throws Exception {
    // The platform with the most rooms, so every indicator has a denominator.
    Map<String, Integer> perPlatform = new TreeMap<>();
    truth.roomStart.keySet().forEach(x -> perPlatform.merge(truth.field(x, "platform"), 1, Integer::sum));
    String platform = perPlatform.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    JsonNode r = run("esg", req(Reports.Kind.ESG, null, null, platform, null, null));
    long all = Long.MAX_VALUE / 2;
    List<String> rooms = truth.rooms(-all, all, platform, null, null);
    List<JsonNode> found = truth.alertsOf(rooms, -all, all, platform);
    double hours = truth.viewerHours(rooms);
    Map<String, JsonNode> ind = new HashMap<>();
    r.at("/figures/indicators").forEach(x -> ind.put(x.get("indicator").asText(), x));
    assertThat(r.at("/figures/rooms").asInt()).isEqualTo(rooms.size());
    assertThat(r.at("/figures/findings").asInt()).isEqualTo(found.size());

    Set<String> violating = new HashSet<>();
    Set<String> faking = new HashSet<>();
    Set<String> fake = Set.of("viewer_inflation", "bot_audience", "comment_flood", "fake_testimonial",
        "order_brushing", "sales_claim_mismatch");
    long advertising = 0;
    long minors = 0;
    for (JsonNode a : found) {
      String room = a.path("room").asText(null);
      String kind = a.get("kind").asText();
      if (room != null && rooms.contains(room)) {
        violating.add(room);
        if (fake.contains(kind)) {
          faking.add(room);
        }
      }
      advertising += kind.equals("false_claim") || kind.equals("price_fraud") ? 1 : 0;
      minors += kind.equals("minor_venue") ? 1 : 0;
    }
    assertThat(ind.get("violation_room_share").get("numerator").asInt()).isEqualTo(violating.size());
    assertThat(ind.get("violation_room_share").get("value").asDouble())
        .isCloseTo((double) violating.size() / rooms.size(), within(0.00006));
    assertThat(ind.get("fake_engagement_room_share").get("numerator").asInt()).isEqualTo(faking.size());
    assertThat(ind.get("false_advertising_per_1000_hours").get("value").asDouble())
        .isCloseTo(advertising * 1000 / hours, within(0.0002));
    assertThat(ind.get("minors_protection_incidents").get("value").asLong()).isEqualTo(minors);

    Map<String, Long> roomEndOfOrder = new HashMap<>();
    for (String room : rooms) {
      for (JsonNode o : truth.ofType("order", room)) {
        roomEndOfOrder.putIfAbsent(o.get("order").asText(), truth.roomEnd.get(room));
      }
    }
    Map<String, Long> firstCancel = new HashMap<>();
    truth.ofType("order_cancel", null).forEach(c -> firstCancel.merge(c.get("order").asText(), c.get("ts").asLong(), Math::min));
    Set<String> refunded = new HashSet<>();
    truth.ofType("refund", null).forEach(x -> refunded.add(x.get("order").asText()));
    long late = roomEndOfOrder.entrySet().stream().filter(e -> firstCancel.containsKey(e.getKey())
        && firstCancel.get(e.getKey()) >= e.getValue()).count();
    long back = roomEndOfOrder.keySet().stream().filter(refunded::contains).count();
    int orders = roomEndOfOrder.size();
    assertThat(orders).isPositive();
    assertThat(ind.get("post_show_cancellation_rate").get("numerator").asLong()).isEqualTo(late);
    assertThat(ind.get("post_show_cancellation_rate").get("denominator").asLong()).isEqualTo(orders);
    assertThat(ind.get("refund_rate").get("numerator").asLong()).isEqualTo(back);
    assertThat(ind.get("refund_rate").get("value").asDouble()).isCloseTo((double) back / orders, within(0.00006));

    // Every indicator of the data file is reported, each with its definition and framework
    // mapping; those the files cannot support say so instead of showing a number.
    JsonNode file = Truth.M.readTree(getClass().getResourceAsStream("/qinglang/report/esg-indicators.json"));
    assertThat(ind.keySet()).hasSize(file.size());
    for (JsonNode d : file) {
      JsonNode row = ind.get(d.get("id").asText());
      for (String k : List.of("formula", "unit", "source", "direction", "framework")) {
        assertThat(row.get(k).asText()).as(d.get("id") + " " + k).isNotBlank();
      }
      if (d.has("available") && !d.get("available").asText().equals("files")) {
        assertThat(row.get("value").isNull()).isTrue();
        assertThat(row.get("not_available").asText()).contains("not available");
      } else {
        assertThat(row.has("numerator")).as(d.get("id").asText()).isTrue();
      }
    }

    // By agency: the MCN with the most rooms.
    Map<String, Integer> perMcn = new TreeMap<>();
    truth.roomStart.keySet().forEach(x -> {
      if (truth.field(x, "mcn") != null) {
        perMcn.merge(truth.field(x, "mcn"), 1, Integer::sum);
      }
    });
    String mcn = perMcn.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    JsonNode m = run("esg-mcn", req(Reports.Kind.ESG, null, null, null, null, mcn));
    assertThat(m.at("/figures/rooms").asInt()).isEqualTo(truth.rooms(-all, all, null, null, mcn).size());
    assertInputsHashed(r);
    assertDefined(r);
    assertPdfShowsChinese("esg", "社会责任");
  }

  @Test
  void disclosureListsEveryFindingWithoutPersonalData() throws Exception {
    JsonNode r = run("disclosure", req(Reports.Kind.DISCLOSURE, null, null, null, null, null));
    long all = Long.MAX_VALUE / 2;
    List<String> rooms = truth.rooms(-all, all, null, null, null);
    List<JsonNode> found = truth.alertsOf(rooms, -all, all, null);
    assertThat(r.at("/figures/findings").asInt()).isEqualTo(found.size());
    assertThat(r.at("/figures/entries").size()).isEqualTo(found.size());
    assertThat(ints(r.at("/figures/alerts_by_kind"))).isEqualTo(Truth.byKind(found));
    Map<String, Integer> listed = new TreeMap<>();
    r.at("/figures/entries").forEach(e -> listed.merge(e.get("kind").asText(), 1, Integer::sum));
    assertThat(listed).isEqualTo(Truth.byKind(found));
    // Pseudonyms are consistent: two entries share one exactly when their findings share a room.
    Map<String, Integer> perRoom = new TreeMap<>();
    found.forEach(a -> {
      if (a.has("room")) {
        perRoom.merge(a.get("room").asText(), 1, Integer::sum);
      }
    });
    Map<String, Integer> perAlias = new TreeMap<>();
    r.at("/figures/entries").forEach(e -> {
      if (!e.get("room").isNull()) {
        perAlias.merge(e.get("room").asText(), 1, Integer::sum);
      }
    });
    assertThat(new TreeSet<>(perAlias.values()).toString()).isEqualTo(new TreeSet<>(perRoom.values()).toString());
    assertThat(perAlias.values().stream().sorted().toList()).isEqualTo(perRoom.values().stream().sorted().toList());

    // No account, room, anchor, order, device or IP id and no digest survives anywhere in the
    // published files: every string the events carry as an identifier is searched for.
    Set<String> ids = new HashSet<>();
    for (JsonNode e : truth.events) {
      for (String f : List.of("user", "room", "anchor", "order", "device", "ip", "address", "payment",
          "id_hash", "phone_hash", "merchant", "mcn", "referrer")) {
        if (e.hasNonNull(f)) {
          ids.add(e.get(f).asText());
        }
      }
    }
    for (JsonNode a : found) {
      a.path("subjects").forEach(s -> ids.add(s.get("id").asText()));
    }
    Path out = dir.resolve("disclosure");
    String json = Files.readString(out.resolve("report.json"));
    String html = Files.readString(out.resolve("report.html"));
    String pdf = pdfText("disclosure");
    List<String> leaked = new ArrayList<>();
    for (String id : ids) {
      String quoted = "\"" + id + "\"";
      if (json.contains(quoted) || html.contains(">" + id + "<") || html.contains(" " + id + ",")
          || pdf.contains(id)) {
        leaked.add(id);
      }
    }
    assertThat(ids).hasSizeGreaterThan(100);
    assertThat(leaked).as("identifiers in the public disclosure").isEmpty();
    assertThat(json).doesNotContain("\"summary\"").doesNotContain("\"evidence\"");
    assertThat(r.at("/not_available/closed_cases").asText()).contains("not available");
    assertInputsHashed(r);
    assertDefined(r);
    assertPdfShowsChinese("disclosure", "公示");
  }

  @Test
  void docsDefineEveryFigureAndIndicator() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "reports.md"));
    List<String> undocumented = new ArrayList<>();
    Truth.M.readTree(getClass().getResourceAsStream("/qinglang/report/definitions.json"))
        .fieldNames().forEachRemaining(k -> {
          if (!doc.contains("`" + k + "`")) {
            undocumented.add(k);
          }
        });
    Truth.M.readTree(getClass().getResourceAsStream("/qinglang/report/esg-indicators.json"))
        .forEach(d -> {
          if (!doc.contains("`" + d.get("id").asText() + "`")) {
            undocumented.add(d.get("id").asText());
          }
        });
    assertThat(undocumented).as("figures missing from docs/reports.md").isEmpty();
  }

  private static void assertInputsHashed(JsonNode r) throws Exception {
    String a = Inputs.sha256(alerts);
    String e = Inputs.sha256(events);
    assertThat(r.at("/inputs/alerts/sha256").asText()).isEqualTo(a);
    assertThat(r.at("/inputs/events/sha256").asText()).isEqualTo(e);
    java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
    String combined = java.util.HexFormat.of().formatHex(md.digest(
        ("alerts:" + a + "\nevents:" + e + "\n").getBytes(StandardCharsets.UTF_8)));
    assertThat(r.at("/inputs/sha256").asText()).isEqualTo(combined);
  }

  /** Every object key under figures is a defined figure, except keys that are data (kinds…). */
  static void assertDefined(JsonNode r) {
    Set<String> defined = new HashSet<>();
    r.get("definitions").fieldNames().forEachRemaining(defined::add);
    List<String> missing = new ArrayList<>();
    walk(r.get("figures"), defined, missing, false);
    r.get("not_available").fieldNames().forEachRemaining(k -> {
      if (!defined.contains(k)) {
        missing.add(k);
      }
    });
    assertThat(missing).as("figures without a definition").isEmpty();
    r.get("definitions").forEach(d -> assertThat(d.get("definition").asText()).isNotBlank());
  }

  private static final Set<String> DATA_KEYED =
      Set.of("alerts_by_kind", "alerts_by_severity", "alert_kinds", "platforms", "subjects_by_type");

  private static void walk(JsonNode n, Set<String> defined, List<String> missing, boolean dataKeys) {
    if (n.isObject()) {
      n.fields().forEachRemaining(e -> {
        if (dataKeys) {
          // a kind or platform name keys a value that is a count or a section of figures again
          walk(e.getValue(), defined, missing, false);
          return;
        }
        if (!defined.contains(e.getKey())) {
          missing.add(e.getKey());
        }
        walk(e.getValue(), defined, missing, DATA_KEYED.contains(e.getKey()));
      });
    } else if (n.isArray()) {
      n.forEach(x -> walk(x, defined, missing, false));
    }
  }

  static String pdfText(String name) throws Exception {
    try (PDDocument doc = Loader.loadPDF(dir.resolve(name).resolve("report.pdf").toFile())) {
      assertThat(doc.getNumberOfPages()).isPositive();
      return new PDFTextStripper().getText(doc);
    }
  }

  static void assertPdfShowsChinese(String name, String title) throws Exception {
    String text = pdfText(name);
    assertThat(text).contains(title).contains("定义");
    assertThat(text.codePoints().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN).count())
        .as("Chinese characters in the PDF's text").isGreaterThan(50);
  }
}
