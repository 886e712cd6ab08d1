package org.qinglang.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.qinglang.io.AlertJson;
import org.qinglang.server.Server;
import org.qinglang.server.ServerConfig;
import org.qinglang.server.ServerMain;
import org.qinglang.server.Services;
import org.qinglang.server.TestPg;
import org.qinglang.server.auth.Role;
import org.qinglang.server.auth.Scope;
import org.qinglang.server.cases.EvidenceVerifier;

/**
 * The inbox API over HTTP: every filter narrows to exactly the rows it names, cursor paging
 * visits every alert once in order, triage status follows cases and dismissals, and each
 * caller sees its tenancy only (room-less alerts included). Also the catalogue and meta routes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertInboxApiTest {
  private static final long T0 = 1_732_000_000_000L;
  private static final int DY_ALERTS = 37;
  private static Server server;
  private static Http http;
  private static String admin;
  private static String dy;
  private static String agency;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    server = ServerMain.start(ServerConfig.defaults().withPort(0).withDataDir(dir)
        .withJdbcUrl(TestPg.freshJdbcUrl()).withAdminPassword("admin password"));
    http = new Http(server.url());
    Services sv = server.services();
    String ev = "{\"type\":\"room_start\",\"ts\":" + T0 + ",\"platform\":\"douyin\",\"room\":\"r-dy\","
        + "\"anchor\":\"an-dy\",\"title\":\"dy\"}\n"
        + "{\"type\":\"room_start\",\"ts\":" + T0 + ",\"platform\":\"douyin\",\"room\":\"r-dy2\","
        + "\"anchor\":\"an-dy2\",\"title\":\"dy2\"}\n"
        + "{\"type\":\"room_start\",\"ts\":" + T0 + ",\"platform\":\"kuaishou\",\"room\":\"r-ks\","
        + "\"anchor\":\"an-ks\",\"title\":\"ks\"}\n";
    sv.events().ingest(Scope.system("test"),
        new ByteArrayInputStream(ev.getBytes(StandardCharsets.UTF_8)), "t");
    String[] kinds = {"fake_testimonial", "comment_flood", "false_claim"};
    String[] sevs = {"low", "medium", "high", "critical"};
    for (int i = 0; i < DY_ALERTS; i++) {
      // some share a timestamp, so the id must break ties for the cursor to be exact
      sv.alerts().upsert(AlertJson.parseAlert(alert("a-dy-" + i, kinds[i % 3], T0 + (i / 2) * 60_000L,
          "douyin", i % 5 == 0 ? "r-dy2" : "r-dy", sevs[i % 4], 0.5 + (i % 7) / 20.0,
          "testimonial burst " + i)));
    }
    sv.alerts().upsert(AlertJson.parseAlert(alert("a-ks-1", "comment_flood", T0 + 5_000, "kuaishou",
        "r-ks", "critical", 0.99, "kuaishou flood")));
    // no room: reachable only through the inbox, and for the agency only by naming its anchor
    sv.alerts().upsert(AlertJson.parseAlert("{\"id\":\"a-dy-pyramid\",\"kind\":\"pyramid_scheme\","
        + "\"ts\":" + (T0 + 3_600_000L * 30) + ",\"platform\":\"douyin\",\"score\":0.8,\"severity\":"
        + "\"high\",\"subjects\":[{\"type\":\"account\",\"id\":\"an-dy\"}],\"summary\":\"5 levels\"}"));
    // A rule on trial's alert: every count below is of live alerts, so it must stay out of
    // them (it sits in the minutes-2-to-3 window and is the most severe of all).
    String shadow = alert("a-dy-shadow", "false_claim", T0 + 150_000, "douyin", "r-dy",
        "critical", 0.99, "shadow: trial rule");
    sv.alerts().upsert(AlertJson.parseAlert(shadow.substring(0, shadow.length() - 1)
        + ",\"shadow\":true}"));
    sv.users().create(Scope.system("test"), "dy", "dy password", Role.PLATFORM_ANALYST, "douyin",
        Set.of());
    sv.users().create(Scope.system("test"), "agency", "agency password", Role.AGENCY, null,
        Set.of("an-dy"));
    admin = http.login("admin", "admin password");
    dy = http.login("dy", "dy password");
    agency = http.login("agency", "agency password");
  }

  static String alert(String id, String kind, long ts, String platform, String room, String sev,
      double score, String summary) {
    return "{\"id\":\"" + id + "\",\"kind\":\"" + kind + "\",\"ts\":" + ts + ",\"platform\":\""
        + platform + "\",\"room\":\"" + room + "\",\"score\":" + score + ",\"severity\":\"" + sev
        + "\",\"subjects\":[{\"type\":\"room\",\"id\":\"" + room + "\"}],\"summary\":\"" + summary
        + "\"}";
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static List<JsonNode> all(String query, String token) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    String next = null;
    int pages = 0;
    do {
      String sep = query.isEmpty() ? "" : "&";
      Http.Resp r = http.get("/api/alerts?limit=7" + sep + query
          + (next == null ? "" : "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)), token);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      r.json().get("items").forEach(out::add);
      next = r.json().get("next").isNull() ? null : r.json().get("next").asText();
      pages++;
    } while (next != null && pages < 100);
    return out;
  }

  private static List<String> ids(List<JsonNode> items) {
    return items.stream().map(n -> n.get("id").asText()).toList();
  }

  @Test
  void cursorPagingVisitsEveryAlertOnceInEachSortOrder() throws Exception {
    for (String sort : List.of("ts", "score", "severity")) {
      List<JsonNode> items = all("sort=" + sort, admin);
      assertThat(ids(items)).as(sort).doesNotHaveDuplicates().hasSize(DY_ALERTS + 2);
      for (int i = 1; i < items.size(); i++) {
        JsonNode a = items.get(i - 1);
        JsonNode b = items.get(i);
        String field = sort.equals("severity") ? "severity" : sort;
        double ka = field.equals("severity") ? rank(a) : a.get(field).asDouble();
        double kb = field.equals("severity") ? rank(b) : b.get(field).asDouble();
        assertThat(ka).as(sort + " order at " + i).isGreaterThanOrEqualTo(kb);
      }
    }
  }

  private static int rank(JsonNode a) {
    return List.of("low", "medium", "high", "critical").indexOf(a.get("severity").asText());
  }

  @Test
  void eachFilterNarrowsToTheRowsItNames() throws Exception {
    List<JsonNode> ft = all("kind=fake_testimonial", admin);
    assertThat(ft).isNotEmpty().allMatch(n -> n.get("kind").asText().equals("fake_testimonial"));
    assertThat(ft).hasSize((DY_ALERTS + 2) / 3);
    assertThat(all("kind=fake_testimonial,false_claim&severity=critical", admin))
        .isNotEmpty().allMatch(n -> n.get("severity").asText().equals("critical")
            && !n.get("kind").asText().equals("comment_flood"));
    assertThat(ids(all("room=r-dy2", admin))).isNotEmpty()
        .allMatch(id -> Integer.parseInt(id.substring(5)) % 5 == 0);
    assertThat(ids(all("platform=kuaishou", admin))).containsExactly("a-ks-1");
    assertThat(ids(all("q=BURST%2012", admin))).containsExactly("a-dy-12");
    assertThat(ids(all("anchor=an-dy2", admin))).hasSize((DY_ALERTS + 4) / 5);
    // the room-less alert names the anchor's account, so it is the anchor's too
    assertThat(ids(all("anchor=an-dy", admin))).contains("a-dy-pyramid").doesNotContain("a-dy-0");
    List<JsonNode> window = all("from=" + (T0 + 120_000) + "&to=" + (T0 + 240_000), admin);
    assertThat(window).isNotEmpty().allMatch(n -> n.get("ts").asLong() >= T0 + 120_000
        && n.get("ts").asLong() < T0 + 240_000);
    assertThat(window).hasSize(4); // minutes 2 and 3, two alerts each
    assertThat(http.get("/api/alerts?sort=oldest", admin).status()).isEqualTo(400);
    assertThat(http.get("/api/alerts?next=garbage!", admin).status()).isEqualTo(400);
    assertThat(http.get("/api/alerts?severity=urgent", admin).status()).isEqualTo(400);
  }

  @Test
  void aCaseFromSeveralAlertsAndADismissalChangeTheirStatus() throws Exception {
    Http.Resp c = http.post("/api/cases", dy,
        "{\"alerts\":[\"a-dy-3\",\"a-dy-6\",\"a-dy-9\"],\"title\":\"three testimonials\"}");
    assertThat(c.status()).as(c.body()).isEqualTo(201);
    long caseId = c.json().get("id").asLong();
    Http.Resp d = http.post("/api/alerts/dismiss", dy, "{\"alerts\":[\"a-dy-4\"],\"reason\":\"organic\"}");
    assertThat(d.json().get("dismissed").asInt()).isEqualTo(1);
    // a dismissal is a decision on record: the ledger holds it
    assertThat(server.services().sql().scalar("select count(*) from ledger where ref ="
        + " 'alert-dismissal:a-dy-4'")).isEqualTo(1);
    assertThat(http.post("/api/alerts/dismiss", dy, "{\"alerts\":[\"a-dy-3\"]}").status())
        .isEqualTo(400);
    assertThat(http.post("/api/alerts/dismiss", dy, "{\"alerts\":[\"a-ks-1\"]}").status())
        .isEqualTo(404);
    assertThat(http.post("/api/alerts/dismiss", agency, "{\"alerts\":[\"a-dy-5\"]}").status())
        .isEqualTo(403);

    assertThat(ids(all("status=in_case", dy))).containsExactlyInAnyOrder("a-dy-3", "a-dy-6", "a-dy-9");
    assertThat(ids(all("status=dismissed", dy))).containsExactly("a-dy-4");
    List<JsonNode> fresh = all("status=new", dy);
    assertThat(fresh).hasSize(DY_ALERTS + 1 - 4).allMatch(n -> n.get("status").asText().equals("new"));
    JsonNode three = all("q=burst%203&status=in_case", dy).get(0);
    assertThat(three.get("cases").get(0).asLong()).isEqualTo(caseId);

    Http.Resp t = http.post("/api/cases/" + caseId + "/title", dy, "{\"title\":\"renamed\"}");
    assertThat(t.json().get("title").asText()).isEqualTo("renamed");
    assertThat(t.json().get("steps").get(1).get("step").asText()).isEqualTo("title");
    assertThat(http.post("/api/cases/" + caseId + "/title", agency, "{\"title\":\"x\"}").status())
        .isEqualTo(403);
    // the package tells the case under its new name, rebuilt from the ledgered steps
    Path zip = Files.createTempFile("renamed", ".zip");
    Files.write(zip, http.get("/api/cases/" + caseId + "/export", admin).bytes());
    EvidenceVerifier.Result v = EvidenceVerifier.verify(zip);
    assertThat(v.problems()).isEmpty();
    try (var z = new java.util.zip.ZipFile(zip.toFile())) {
      assertThat(new String(z.getInputStream(z.getEntry("case.json")).readAllBytes(),
          StandardCharsets.UTF_8)).contains("\"title\" : \"renamed\"");
    }
  }

  @Test
  void shadowAlertsAreListedOnlyWhenAskedFor() throws Exception {
    assertThat(ids(all("", admin))).doesNotContain("a-dy-shadow");
    assertThat(ids(all("q=trial", dy))).isEmpty();
    List<JsonNode> trial = all("shadow=true", dy);
    assertThat(ids(trial)).containsExactly("a-dy-shadow");
    assertThat(ids(all("shadow=true&platform=kuaishou", admin))).isEmpty();
    assertThat(ids(all("shadow=false&q=trial", dy))).isEmpty();
    assertThat(http.get("/api/alerts?shadow=yes", dy).status()).isEqualTo(400);
    // one alert by id is still there to read: the rules owner follows a trial alert's link
    assertThat(http.get("/api/alerts/a-dy-shadow", dy).status()).isEqualTo(200);
  }

  @Test
  void eachCallerSeesItsTenancyOnly() throws Exception {
    Set<String> dyIds = new HashSet<>(ids(all("", dy)));
    assertThat(dyIds).hasSize(DY_ALERTS + 1).doesNotContain("a-ks-1");
    assertThat(ids(all("platform=kuaishou", dy))).isEmpty();
    List<JsonNode> ag = all("", agency);
    assertThat(ids(ag)).contains("a-dy-pyramid", "a-dy-1").doesNotContain("a-dy-0", "a-ks-1");
    assertThat(ag).allMatch(n -> n.get("anchor").asText().equals("an-dy")
        || n.get("id").asText().equals("a-dy-pyramid"));
    assertThat(ids(all("room=r-dy2", agency))).isEmpty();
  }

  @Test
  @Order(Integer.MAX_VALUE) // last: the alerts it adds would change the other tests' counts
  void theLiveStreamSendsArrivingAlertsInScopeOnlyInArrivalOrder() throws Exception {
    // from the start of the ledger: everything already there counts as arriving
    String dyStream = http.get("/api/alerts/live?after=0&seconds=0", dy).body();
    assertThat(dyStream).contains("event: alert").contains("\"a-dy-pyramid\"")
        .doesNotContain("a-ks-1").doesNotContain("kuaishou");
    List<Long> ids = new ArrayList<>();
    for (String line : dyStream.split("\n")) {
      if (line.startsWith("id: ")) {
        ids.add(Long.parseLong(line.substring(4)));
      }
    }
    assertThat(ids).hasSize(DY_ALERTS + 1).isSorted();
    // by default a stream starts at the head: nothing old, then what arrives while it is open
    java.util.concurrent.CompletableFuture<String> open = java.util.concurrent.CompletableFuture
        .supplyAsync(() -> {
          try {
            return http.get("/api/alerts/live?seconds=3", dy).body();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    Thread.sleep(1000);
    server.services().alerts().upsert(AlertJson.parseAlert(alert("a-ks-live", "comment_flood",
        T0, "kuaishou", "r-ks", "high", 0.9, "ks live")));
    server.services().alerts().upsert(AlertJson.parseAlert(alert("a-dy-live", "comment_flood",
        T0, "douyin", "r-dy", "high", 0.9, "dy live")));
    String live = open.get(20, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(live).contains("\"a-dy-live\"").doesNotContain("a-ks-live").doesNotContain("a-dy-1\"");
  }

  @Test
  void statsCountTheCallersAlertsOverTheRangeWithEveryHourItsOwnBucket() throws Exception {
    JsonNode s = http.get("/api/overview/stats?from=" + T0 + "&to=" + (T0 + 3_600_000L * 48), dy)
        .json();
    assertThat(s.get("rooms_watched").asInt()).isEqualTo(2);
    assertThat(s.get("alerts").asInt()).isEqualTo(DY_ALERTS + 1);
    int bySev = 0;
    for (JsonNode n : s.get("alerts_by_severity")) {
      bySev += n.asInt();
    }
    assertThat(bySev).isEqualTo(DY_ALERTS + 1);
    List<Long> hours = new ArrayList<>();
    s.get("alerts_by_hour").forEach(h -> hours.add(h.get("hour").asLong()));
    assertThat(hours).contains(T0 / 3_600_000L * 3_600_000L, (T0 + 3_600_000L * 30) / 3_600_000L * 3_600_000L);
    JsonNode ks = http.get("/api/overview/stats", admin).json();
    assertThat(ks.get("alerts").asInt()).isEqualTo(DY_ALERTS + 2);
  }

  @Test
  void labelsComeInBothLanguagesFromOneCatalogueAndRoutesFollowTheRole() throws Exception {
    JsonNode zh = http.get("/api/meta/labels?lang=zh", dy).json();
    JsonNode en = http.get("/api/meta/labels?lang=en", dy).json();
    for (String group : List.of("kind", "severity", "alert_status", "case_status", "step")) {
      assertThat(zh.get(group).size()).as(group).isPositive().isEqualTo(en.get(group).size());
    }
    assertThat(zh.at("/kind/pyramid_scheme").asText()).isEqualTo("传销");
    assertThat(en.at("/case_status/notice_sent").asText()).isEqualTo("notice sent");
    // every kind of the contract has a name in both languages
    assertThat(zh.get("kind").size()).isEqualTo(15);
    assertThat(http.get("/api/meta/labels?lang=fr", dy).status()).isEqualTo(400);
    assertThat(http.get("/api/meta/bases", dy).body()).contains("广告法");

    String agencyRoutes = http.get("/api/meta/routes", agency).body();
    assertThat(agencyRoutes).contains("/api/alerts").doesNotContain("/api/users")
        .doesNotContain("/api/cases/{id}/notice");
    assertThat(http.get("/api/meta/routes", admin).body()).contains("/api/users");
  }
}
