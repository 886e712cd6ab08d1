package org.qinglang.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qinglang.io.AlertJson;
import org.qinglang.server.Server;
import org.qinglang.server.ServerConfig;
import org.qinglang.server.ServerMain;
import org.qinglang.server.Services;
import org.qinglang.server.TestPg;
import org.qinglang.server.auth.Role;
import org.qinglang.server.auth.Scope;

/**
 * Walks EVERY authenticated route the server registered, with path parameters pointing at
 * another tenant's rows, and checks that nothing of that tenant comes back. The same walk as
 * the regulator must return those rows, which proves the probes really aim at existing data.
 */
class TenancyTest {
  private static final String SECRET = "ks-secret";
  private static Server server;
  private static Http http;
  private static String admin;
  private static long ksCase;
  private static long ksSanction;
  private static long ksSeq;
  private static String ksToken;
  private static String ksTokenId;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    server = ServerMain.start(ServerConfig.defaults().withPort(0).withDataDir(dir)
        .withJdbcUrl(TestPg.freshJdbcUrl()).withAdminPassword("admin password"));
    http = new Http(server.url());
    admin = http.login("admin", "admin password");
    Services sv = server.services();
    String events = String.join("\n",
        "{\"type\":\"room_start\",\"ts\":1000,\"platform\":\"douyin\",\"room\":\"r-dy\",\"anchor\":\"a-dy\",\"title\":\"dy\",\"merchant\":\"m-dy\",\"mcn\":\"mcn-dy\"}",
        "{\"type\":\"room_start\",\"ts\":1000,\"platform\":\"douyin\",\"room\":\"r-dy2\",\"anchor\":\"a-dy2\",\"title\":\"dy2\"}",
        "{\"type\":\"room_start\",\"ts\":1000,\"platform\":\"kuaishou\",\"room\":\"r-ks-secret\",\"anchor\":\"a-ks-secret\",\"title\":\"secret\",\"merchant\":\"m-ks-secret\",\"mcn\":\"mcn-ks-secret\"}",
        "{\"type\":\"comment\",\"ts\":2000,\"platform\":\"kuaishou\",\"room\":\"r-ks-secret\",\"user\":\"u-ks-secret\",\"text\":\"ks-secret comment\"}",
        "{\"type\":\"comment\",\"ts\":2000,\"platform\":\"douyin\",\"room\":\"r-dy\",\"user\":\"u-dy\",\"text\":\"hello\"}",
        "{\"type\":\"product\",\"ts\":2100,\"platform\":\"kuaishou\",\"room\":\"r-ks-secret\",\"sku\":\"sku-ks-secret\",\"title\":\"ks-secret item\",\"price\":100,\"category\":\"food\",\"merchant\":\"m-ks-secret\"}",
        "{\"type\":\"account\",\"ts\":500,\"platform\":\"kuaishou\",\"user\":\"u-ks-secret\",\"created\":1,\"id_hash\":\"idh-ks-secret\",\"device\":\"dev-ks-secret\"}",
        "{\"type\":\"account\",\"ts\":500,\"platform\":\"douyin\",\"user\":\"a-dy\",\"created\":1,\"id_hash\":\"IDH-SHARED\"}",
        "{\"type\":\"account\",\"ts\":500,\"platform\":\"kuaishou\",\"user\":\"u-ks-secret-2\",\"created\":1,\"id_hash\":\"IDH-SHARED\"}",
        "{\"type\":\"sanction\",\"ts\":3000,\"platform\":\"kuaishou\",\"user\":\"u-ks-secret\",\"scope\":\"selling\",\"reason\":\"ks-secret fraud\"}",
        "");
    // the merchant is registered by its room, then its food licence, which lapses before the
    // product is listed (a qualification is registered for a known actor only)
    int split = events.indexOf("{\"type\":\"comment\"");
    sv.events().ingest(Scope.system("test"), new ByteArrayInputStream(events.substring(0, split).getBytes(StandardCharsets.UTF_8)), "t");
    sv.registry().addQualification(Scope.regulator("admin"), "merchant", "m-ks-secret", "food_licence", "ks-secret-no", 0L, 2000L);
    sv.events().ingest(Scope.system("test"), new ByteArrayInputStream(events.substring(split).getBytes(StandardCharsets.UTF_8)), "t");
    sv.alerts().upsert(AlertJson.parseAlert(alert("a-ks-secret-1", "kuaishou", "r-ks-secret", "u-ks-secret")));
    sv.alerts().upsert(AlertJson.parseAlert(alert("a-dy-1", "douyin", "r-dy", "u-dy")));
    ksCase = sv.cases().open(Scope.regulator("admin"), List.of("a-ks-secret-1"), "ks-secret case", 4000);
    sv.cases().open(Scope.regulator("admin"), List.of("a-dy-1"), "dy case", 4000);
    ksSanction = ((Number) sv.negative().entries(Scope.regulator("admin"), null).stream()
        .filter(e -> "kuaishou".equals(e.get("platform"))).findFirst().orElseThrow().get("id")).longValue();
    ksSeq = sv.sql().scalar("select seq from event where room = 'r-ks-secret' limit 1");
    sv.users().create(Scope.system("test"), "dy", "dy password", Role.PLATFORM_ANALYST, "douyin", Set.of());
    sv.users().create(Scope.system("test"), "agency", "agency password", Role.AGENCY, null, Set.of("a-dy"));
    sv.users().create(Scope.system("test"), "ks-analyst", "ks password", Role.PLATFORM_ANALYST, "kuaishou", Set.of());
    ksToken = http.login("ks-analyst", "ks password");
    ksTokenId = sv.users().tokens(Scope.regulator("admin")).stream()
        .filter(t -> "ks-analyst".equals(t.get("name"))).findFirst().orElseThrow().get("id").toString();
  }

  static String alert(String id, String platform, String room, String user) {
    return "{\"id\":\"" + id + "\",\"kind\":\"comment_flood\",\"ts\":3000,\"platform\":\"" + platform
        + "\",\"room\":\"" + room + "\",\"score\":0.9,\"severity\":\"high\",\"subjects\":[{\"type\":"
        + "\"room\",\"id\":\"" + room + "\"},{\"type\":\"account\",\"id\":\"" + user + "\"}],"
        + "\"summary\":\"flood in " + room + "\",\"evidence\":{\"comments\":[{\"type\":\"comment\","
        + "\"ts\":2000,\"room\":\"" + room + "\",\"user\":\"" + user + "\"}]}}";
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A route with its path parameters aimed at the other tenant. */
  static String aim(String path) {
    if (path.equals("/api/alerts/live")) {
      return path + "?after=0&seconds=0"; // from the first alert, and the stream ends at once
    }
    String p = path.replace("{room}", "r-ks-secret").replace("{seq}", String.valueOf(ksSeq));
    if (p.startsWith("/api/alerts/")) {
      p = p.replace("{id}", "a-ks-secret-1");
    } else if (p.startsWith("/api/cases/")) {
      p = p.replace("{id}", String.valueOf(ksCase));
    } else if (p.startsWith("/api/tokens/")) {
      p = p.replace("{id}", ksTokenId);
    } else if (p.startsWith("/api/users/")) {
      p = p.replace("{name}", "ks-analyst");
    } else if (p.startsWith("/api/negative/")) {
      p = p.replace("{id}", String.valueOf(ksSanction));
    } else {
      p = p.replace("{kind}", "merchant").replace("{id}", "m-ks-secret");
    }
    return p;
  }

  static List<String> getProbes() {
    List<String> out = new ArrayList<>();
    for (String r : server.routes()) {
      if (r.startsWith("GET ")) {
        out.add(aim(r.substring(4)));
      }
    }
    out.addAll(List.of("/api/alerts?room=r-ks-secret", "/api/alerts?kind=comment_flood",
        "/api/alerts?platform=kuaishou", "/api/alerts?anchor=a-ks-secret", "/api/alerts?q=secret",
        "/api/rooms/r-ks-secret/events?type=comment", "/api/registry/anchor",
        "/api/registry/anchor/a-ks-secret", "/api/registry/mcn/mcn-ks-secret",
        "/api/registry/item/sku-ks-secret", "/api/credit/anchor", "/api/credit/anchor/a-ks-secret",
        "/api/credit/mcn/mcn-ks-secret", "/api/negative?at=3500",
        "/api/rooms?anchor=a-ks-secret", "/api/cases?anchor=a-ks-secret",
        "/api/registry/anchor/a-dy")); // a-dy shares an id_hash with a kuaishou account
    return out;
  }

  @Test
  void theRegulatorSeesTheOtherTenantsRowsSoTheProbesAimAtRealData() throws Exception {
    List<String> without = new ArrayList<>();
    for (String p : getProbes()) {
      Http.Resp r = http.get(p, admin);
      assertThat(r.status()).as(p).isIn(200);
      if (!r.body().contains(SECRET)) {
        without.add(p);
      }
    }
    // only routes that carry nothing of a tenant by nature may lack the secret (dead letters
    // and audit hold it or not depending on which test ran first); series are bare numbers
    // and the export is compressed: both are checked by status in the walk
    without.removeAll(List.of("/api/dead-letters", "/api/audit"));
    assertThat(without).containsExactlyInAnyOrder("/api/me", "/api/tokens", "/api/ledger/root",
        "/api/ledger/proof/" + ksSeq, "/api/users", "/api/rooms/r-ks-secret/series",
        "/api/cases/" + ksCase + "/export", "/api/meta/labels", "/api/meta/bases",
        "/api/meta/routes", "/api/overview/stats");
    assertThat(http.get("/api/rooms/r-ks-secret/series", admin).json()).isNotEmpty();
    assertThat(http.get("/api/cases/" + ksCase + "/export", admin).bytes()).hasSizeGreaterThan(500);
  }

  @Test
  void aPlatformAnalystGetsNothingOfAnotherPlatformThroughAnyRoute() throws Exception {
    walk(http.login("dy", "dy password"), "dy");
  }

  @Test
  void anAgencyGetsNothingBeyondItsAnchorsThroughAnyRoute() throws Exception {
    String token = http.login("agency", "agency password");
    walk(token, "agency");
    // nor another anchor of the same platform
    assertThat(http.get("/api/rooms/r-dy2", token).status()).isEqualTo(404);
    assertThat(http.get("/api/rooms", token).body()).contains("r-dy").doesNotContain("r-dy2");
  }

  // ---- writes: the attacks of issue 16, each refused with its reason --------------------

  @Test
  void aRoomStartForAnotherPlatformsRoomIsRefusedAndTheRoomItsAnchorsCreditAndAgencyAreUntouched()
      throws Exception {
    String dy = http.login("dy", "dy password");
    Object creditBefore = http.get("/api/credit/anchor/a-ks-secret", admin).json().get("score");
    Http.Resp r = http.post("/api/events", dy, "{\"type\":\"room_start\",\"ts\":5000,"
        + "\"platform\":\"douyin\",\"room\":\"r-ks-secret\",\"anchor\":\"a-dy\",\"title\":\"hijacked\","
        + "\"merchant\":\"m-dy\",\"venue\":\"school\"}\n");
    assertThat(r.status()).isEqualTo(207);
    assertThat(r.json().get("accepted").asLong()).isZero();
    assertThat(r.json().at("/badLines/0/reason").asText())
        .isEqualTo("room 'r-ks-secret' belongs to another platform");
    JsonNode room = http.get("/api/rooms/r-ks-secret", admin).json();
    assertThat(room.get("anchor").asText()).isEqualTo("a-ks-secret");
    assertThat(room.get("title").asText()).isEqualTo("secret");
    assertThat(room.get("platform").asText()).isEqualTo("kuaishou");
    assertThat(http.get("/api/credit/anchor/a-ks-secret", admin).json().get("score"))
        .isEqualTo(creditBefore);
    // the agency of a-dy would have gained the room had its anchor been rewritten
    assertThat(http.get("/api/rooms/r-ks-secret", http.login("agency", "agency password"))
        .status()).isEqualTo(404);
  }

  @Test
  void speechPostedIntoAnotherPlatformsRoomNeverReachesItsTranscript() throws Exception {
    String dy = http.login("dy", "dy password");
    Http.Resp r = http.post("/api/events", dy, "{\"type\":\"speech\",\"ts\":5100,"
        + "\"platform\":\"douyin\",\"room\":\"r-ks-secret\",\"text\":\"planted words\"}\n"
        + "{\"type\":\"viewer_count\",\"ts\":5100,\"platform\":\"douyin\",\"room\":\"r-ks-secret\","
        + "\"online\":999999}\n");
    assertThat(r.json().get("accepted").asLong()).isZero();
    assertThat(r.json().get("bad").asLong()).isEqualTo(2);
    assertThat(http.get("/api/rooms/r-ks-secret/events", admin).body())
        .doesNotContain("planted words").doesNotContain("999999");
  }

  @Test
  void aSanctionOfAnotherPlatformsAccountIsRefusedSoItsIdentityDigestsNeverReachTheCaller()
      throws Exception {
    String dy = http.login("dy", "dy password");
    Http.Resp r = http.post("/api/events", dy, "{\"type\":\"sanction\",\"ts\":5200,"
        + "\"platform\":\"douyin\",\"user\":\"u-ks-secret\",\"scope\":\"account\"}\n");
    assertThat(r.json().get("accepted").asLong()).isZero();
    assertThat(r.json().at("/badLines/0/reason").asText())
        .startsWith("account 'u-ks-secret' belongs to another platform");
    // nor by hand, naming the account
    Http.Resp manual = http.post("/api/negative", dy, "{\"account\":\"u-ks-secret\","
        + "\"identity_kind\":\"account\",\"identity_value\":\"u-ks-secret\",\"scope\":\"selling\"}");
    assertThat(manual.status()).isEqualTo(400);
    assertThat(manual.json().get("error").asText()).contains("belongs to another platform");
    assertThat(http.get("/api/negative", dy).body()).doesNotContain("idh-ks-secret")
        .doesNotContain("dev-ks-secret").doesNotContain("u-ks-secret");
    assertThat(http.post("/api/negative/match", dy, "{\"id_hash\":\"idh-ks-secret\"}").json())
        .isEmpty();
  }

  @Test
  void anAccountProfileOfAnotherPlatformsAccountIsRefusedSoItsDigestsCannotBeSwapped()
      throws Exception {
    String dy = http.login("dy", "dy password");
    Http.Resp r = http.post("/api/events", dy, "{\"type\":\"account\",\"ts\":5300,"
        + "\"platform\":\"douyin\",\"user\":\"a-ks-secret\",\"created\":1,\"id_hash\":\"IDH-SHARED\"}\n");
    assertThat(r.json().at("/badLines/0/reason").asText())
        .isEqualTo("account 'a-ks-secret' belongs to another platform");
    // and a new douyin room cannot name kuaishou's anchor, merchant or MCN as its own
    Http.Resp room = http.post("/api/events", dy, "{\"type\":\"room_start\",\"ts\":5300,"
        + "\"platform\":\"douyin\",\"room\":\"r-dy-new\",\"anchor\":\"a-ks-secret\",\"title\":\"t\"}\n"
        + "{\"type\":\"room_start\",\"ts\":5300,\"platform\":\"douyin\",\"room\":\"r-dy-new2\","
        + "\"anchor\":\"a-dy\",\"title\":\"t\",\"merchant\":\"m-ks-secret\"}\n"
        + "{\"type\":\"product\",\"ts\":5300,\"platform\":\"douyin\",\"room\":\"r-dy\","
        + "\"sku\":\"sku-ks-secret\",\"title\":\"x\",\"price\":1}\n");
    assertThat(room.json().get("accepted").asLong()).isZero();
    assertThat(room.json().get("badLines").findValuesAsText("reason")).containsExactly(
        "anchor 'a-ks-secret' belongs to another platform",
        "merchant 'm-ks-secret' belongs to another platform",
        "item 'sku-ks-secret' belongs to another platform");
  }

  @Test
  void theRuleHoldsForTheRegulatorAndTheStartUpImportToo() throws Exception {
    Http.Resp r = http.post("/api/events", admin, "{\"type\":\"room_end\",\"ts\":5400,"
        + "\"platform\":\"douyin\",\"room\":\"r-ks-secret\"}\n");
    assertThat(r.json().at("/badLines/0/reason").asText())
        .isEqualTo("room 'r-ks-secret' belongs to another platform");
    assertThat(http.get("/api/rooms/r-ks-secret", admin).json().get("ended").isNull()).isTrue();
  }

  @Test
  void usersTokensAndQualificationsOfAnotherTenantCannotBeWritten() throws Exception {
    String dy = http.login("dy", "dy password");
    assertThat(http.post("/api/users", dy, "{\"name\":\"dy-admin\",\"password\":\"long enough\","
        + "\"role\":\"regulator\"}").status()).isEqualTo(403);
    assertThat(http.post("/api/registry/merchant/m-ks-secret/qualifications", dy,
        "{\"kind\":\"food_licence\",\"expires\":99999999999}").status()).isEqualTo(404);
    // the domain refuses an analyst's qualification on another platform even without the route
    Scope dyScope = new Scope("dy", Role.PLATFORM_ANALYST, "douyin", Set.of());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> server.services().registry()
        .addQualification(dyScope, "merchant", "m-ks-secret", "food_licence", null, null, null))
        .isInstanceOf(org.qinglang.server.auth.NotFound.class);
    // a token revoked by someone else's session stays valid: revocation is per owner
    String other = http.login("dy", "dy password");
    server.services().users().revokeToken(Scope.regulator("admin"), other);
    assertThat(http.get("/api/me", other).status()).isEqualTo(200);
  }

  private void walk(String token, String user) throws Exception {
    for (String p : getProbes()) {
      Http.Resp r = http.get(p, token);
      assertThat(r.status()).as(p).isIn(200, 403, 404);
      if (!p.contains("?") && (p.contains("r-ks-secret") || p.contains("/cases/" + ksCase)
          || p.contains("ks-secret/") || p.endsWith("ks-secret") || p.startsWith("/api/ledger") || p.startsWith("/api/users"))) {
        // a single foreign row (or a regulator-only route) is refused, not just emptied
        assertThat(r.status()).as("%s must be refused", p).isIn(403, 404);
      }
      if (p.startsWith("/api/audit")) {
        for (JsonNode row : r.json()) {
          assertThat(row.get("actor").asText()).as(p).isEqualTo(user);
        }
        continue;
      }
      assertThat(r.body()).as(p).doesNotContain(SECRET).doesNotContain("kuaishou");
    }
    long before = server.services().sql().scalar("select count(*) from ledger");
    for (String route : server.routes()) {
      if (!route.startsWith("POST ")) {
        continue;
      }
      String p = aim(route.substring(5));
      String body = switch (p.replaceAll("/[0-9]+", "/N")) {
        case "/api/cases" -> "{\"alerts\":[\"a-ks-secret-1\"],\"title\":\"x\"}";
        case "/api/cases/N/notice" -> "{\"deadline\":99999999}";
        case "/api/cases/N/respond" -> "{\"action\":\"takedown\"}";
        case "/api/cases/N/verify" -> "{\"ok\":true}";
        case "/api/cases/N/close" -> "{\"outcome\":\"unsubstantiated\"}";
        case "/api/cases/N/title" -> "{\"title\":\"renamed\"}";
        case "/api/alerts/dismiss" -> "{\"alerts\":[\"a-ks-secret-1\"],\"reason\":\"x\"}";
        case "/api/cases/N/penalties" -> "{\"subject_kind\":\"merchant\",\"subject_id\":\"m-ks-secret\",\"kind\":\"fine\"}";
        case "/api/negative/match" -> "{\"id_hash\":\"idh-ks-secret\",\"device\":\"dev-ks-secret\",\"account\":\"u-ks-secret\"}";
        case "/api/negative" -> "{\"platform\":\"kuaishou\",\"identity_kind\":\"device\",\"identity_value\":\"d\",\"scope\":\"selling\"}";
        case "/api/events" -> "{\"type\":\"room_end\",\"ts\":9,\"platform\":\"kuaishou\",\"room\":\"r-ks-secret\"}\n";
        case "/api/registry/merchant/m-ks-secret/qualifications" -> "{\"kind\":\"food_licence\"}";
        case "/api/logout" -> null; // would end the session under test
        default -> "{}";
      };
      if (body == null) {
        continue;
      }
      Http.Resp r = http.post(p, token, body);
      if (p.equals("/api/events")) { // refused outright, or the line rejected as not theirs
        assertThat(r.status() == 403 || r.json().get("accepted").asLong() == 0).as(p + " " + r.body())
            .isTrue();
        continue;
      }
      if (p.equals("/api/negative") && user.equals("dy")) {
        // an analyst may add a sanction, but only on their own platform, whatever they ask
        assertThat(r.status()).isEqualTo(201);
        long id = r.json().get("id").asLong();
        assertThat(server.services().sql().scalar("select count(*) from sanction where id = ? and"
            + " platform = 'douyin'", id)).isEqualTo(1);
        continue;
      }
      if (p.equals("/api/tokens")) {
        assertThat(r.status()).isEqualTo(201);
        continue;
      }
      assertThat(r.status()).as(p + " " + r.body()).isIn(200, 400, 403, 404);
      assertThat(r.body()).as(p).doesNotContain(SECRET).doesNotContain("kuaishou");
    }
    // nothing about kuaishou changed: no case step, penalty, alert or event was recorded
    assertThat(server.services().sql().scalar("select count(*) from ledger where seq > ? and"
        + " convert_from(payload, 'UTF8') like '%ks-secret%'", before)).isZero();
    // nor the kuaishou analyst's account: still enabled, their token still valid
    assertThat(http.get("/api/me", ksToken).status()).isEqualTo(200);
    Map<String, Object> ks = server.services().cases().get(Scope.regulator("admin"), ksCase);
    assertThat(ks.get("status")).isEqualTo("open");
    assertThat((List<?>) ks.get("penalties")).isEmpty();
  }
}
