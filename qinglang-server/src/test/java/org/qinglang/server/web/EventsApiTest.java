package org.qinglang.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.qinglang.server.auth.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qinglang.server.Server;
import org.qinglang.server.ServerConfig;
import org.qinglang.server.ServerMain;
import org.qinglang.server.TestPg;

class EventsApiTest {
  private static Server server;
  private static Http http;
  private static String admin;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    server = ServerMain.start(ServerConfig.defaults().withPort(0).withDataDir(dir)
        .withJdbcUrl(TestPg.freshJdbcUrl()).withAdminPassword("correct horse 1"));
    http = new Http(server.url());
    admin = http.login("admin", "correct horse 1");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void postedJsonlIsStoredAndBadLinesComeBackWithNumbersAndReasons() throws Exception {
    String body = "{\"type\":\"room_start\",\"ts\":1,\"platform\":\"douyin\",\"room\":\"r-api\","
        + "\"anchor\":\"a-api\",\"title\":\"t\"}\n"
        + "{\"type\":\"viewer_count\",\"ts\":2,\"platform\":\"douyin\",\"room\":\"r-api\"}\n"
        + "{\"type\":\"viewer_count\",\"ts\":3,\"platform\":\"douyin\",\"room\":\"r-api\",\"online\":50}\n";
    Http.Resp r = http.post("/api/events", admin, body);
    assertThat(r.status()).isEqualTo(207);
    JsonNode j = r.json();
    assertThat(j.get("accepted").asLong()).isEqualTo(2);
    assertThat(j.get("bad").asLong()).isEqualTo(1);
    assertThat(j.at("/badLines/0/line").asLong()).isEqualTo(2);
    assertThat(j.at("/badLines/0/reason").asText()).contains("online");

    Http.Resp room = http.get("/api/rooms/r-api", admin);
    assertThat(room.status()).isEqualTo(200);
    assertThat(room.json().get("anchor").asText()).isEqualTo("a-api");
    Http.Resp series = http.get("/api/rooms/r-api/series", admin);
    assertThat(series.json().get(0).get("displayed").asLong()).isEqualTo(50);

    Http.Resp verify = http.post("/api/ledger/verify", admin, "");
    assertThat(verify.json().get("ok").asBoolean()).as(verify.body()).isTrue();
  }

  @Test
  void everyApiRouteRefusesAMissingOrBadToken() throws Exception {
    assertThat(server.routes()).hasSizeGreaterThan(30);
    for (String route : server.routes()) {
      String[] mp = route.split(" ", 2);
      String path = mp[1].replaceAll("\\{[^}]+}", "x");
      Http.Resp none = mp[0].equals("GET") ? http.get(path, null) : http.post(path, null, "{}");
      Http.Resp bad = mp[0].equals("GET") ? http.get(path, "qlt_forged")
          : http.post(path, "qlt_forged", "{}");
      assertThat(none.status()).as(route).isEqualTo(401);
      assertThat(bad.status()).as(route).isEqualTo(401);
    }
    assertThat(http.post("/api/login", null, "{\"name\":\"admin\",\"password\":\"wrong pass\"}")
        .status()).isEqualTo(401);
  }

  @Test
  void everyRouteDeclaresItsRolesAndRefusesTheOthersBeforeItsHandlerRuns() throws Exception {
    var users = server.services().users();
    users.create(org.qinglang.server.auth.Scope.system("test"), "roles-dy", "roles password", Role.PLATFORM_ANALYST, "douyin", Set.of());
    users.create(org.qinglang.server.auth.Scope.system("test"), "roles-ag", "roles password", Role.AGENCY, null, Set.of("a-api"));
    Map<Role, String> tokens = Map.of(Role.PLATFORM_ANALYST, http.login("roles-dy", "roles password"),
        Role.AGENCY, http.login("roles-ag", "roles password"));
    long ledgerBefore = server.services().ledger().size();
    int refused = 0;
    for (Api.Route route : server.routeTable()) {
      assertThat(route.roles()).as(route.path()).isNotEmpty().contains(Role.REGULATOR);
      for (var t : tokens.entrySet()) {
        if (route.roles().contains(t.getKey())) {
          continue;
        }
        String path = route.path().replaceAll("\\{[^}]+}", "1");
        Http.Resp r = route.method().equals("GET") ? http.get(path, t.getValue())
            : http.post(path, t.getValue(), "{}");
        assertThat(r.status()).as("%s as %s", route, t.getKey()).isEqualTo(403);
        refused++;
      }
    }
    assertThat(refused).isGreaterThan(10);
    assertThat(server.services().ledger().size()).isEqualTo(ledgerBefore);
  }

  @Test
  void consoleIsServedWithTheVendoredEchartsItsReadmeVouchesFor() throws Exception {
    Http.Resp index = http.get("/", null);
    assertThat(index.status()).isEqualTo(200);
    assertThat(index.body()).contains("清朗").contains("/vendor/echarts-6.1.0.min.js");
    assertThat(http.get("/app.js", null).body()).contains("'/api/overview/stats'");
    assertThat(http.get("/evidence.js", null).body()).contains("QLEvidence");
    // the catalogue is public: the login page needs it before there is a token
    assertThat(http.get("/labels.json", null).body()).contains("\"pyramid_scheme\"");
    byte[] echarts = http.get("/vendor/echarts-6.1.0.min.js", null).bytes();
    String sha = org.qinglang.server.ledger.Hashes.hex(org.qinglang.server.ledger.Hashes.sha256(echarts));
    assertThat(http.get("/vendor/VENDOR.md", null).body()).contains(sha);
  }

  @Test
  void openApiDescriptionIsServedAndNamesEveryRoute() throws Exception {
    Http.Resp r = http.get("/openapi.json", null);
    assertThat(r.status()).isEqualTo(200);
    JsonNode paths = r.json().get("paths");
    for (String route : server.routes()) {
      String[] mp = route.split(" ", 2);
      assertThat(paths.has(mp[1])).as("openapi.json lacks %s", mp[1]).isTrue();
      assertThat(paths.get(mp[1]).has(mp[0].toLowerCase())).as("openapi.json lacks %s", route)
          .isTrue();
    }
  }
}
