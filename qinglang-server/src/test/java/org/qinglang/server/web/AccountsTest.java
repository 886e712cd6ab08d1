package org.qinglang.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qinglang.io.AlertJson;
import org.qinglang.server.Server;
import org.qinglang.server.ServerConfig;
import org.qinglang.server.ServerMain;
import org.qinglang.server.TestClock;
import org.qinglang.server.TestPg;
import org.qinglang.server.auth.Role;
import org.qinglang.server.auth.Scope;

/** Accounts as an attacker tries them: guessing, stolen tokens, bad bodies, framing. */
class AccountsTest {
  private static final TestClock CLOCK = TestClock.offset(Duration.ZERO);
  private static Server server;
  private static Http http;
  private static String admin;
  private static long caseId;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    server = ServerMain.start(ServerConfig.defaults().withPort(0).withDataDir(dir)
        .withJdbcUrl(TestPg.freshJdbcUrl()).withAdminPassword("admin password").withClock(CLOCK));
    http = new Http(server.url());
    admin = http.login("admin", "admin password");
    var sv = server.services();
    sv.events().ingest(Scope.system("test"), new ByteArrayInputStream(("{\"type\":\"room_start\","
        + "\"ts\":1,\"platform\":\"douyin\",\"room\":\"r\",\"anchor\":\"a\",\"title\":\"t\"}\n")
        .getBytes(StandardCharsets.UTF_8)), "t");
    sv.alerts().upsert(AlertJson.parseAlert(TenancyTest.alert("x-1", "douyin", "r", "u")));
    caseId = sv.cases().open(Scope.regulator("admin"), List.of("x-1"), "c", sv.now());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void forgiveEarlierFailures() throws Exception {
    CLOCK.advance(Duration.ofMinutes(16)); // past the throttle window
    admin = http.login("admin", "admin password"); // an earlier test may have moved past 12 h
  }

  private static String newUser(String name) throws Exception {
    server.services().users().create(Scope.system("test"), name, "right password", Role.PLATFORM_ANALYST,
        "douyin", Set.of());
    return http.login(name, "right password");
  }

  private static Http.Resp login(String name, String password) throws Exception {
    return http.post("/api/login", null, "{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}");
  }

  @Test
  void twentyWrongPasswordsThenTheRightOneIsRefusedWithRetryAfter() throws Exception {
    newUser("guessed");
    for (int i = 0; i < 20; i++) {
      assertThat(login("guessed", "guess " + i).status()).isIn(401, 429);
    }
    Http.Resp r = login("guessed", "right password");
    assertThat(r.status()).isEqualTo(429);
    assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, 15 * 60L);
    CLOCK.advance(Duration.ofMinutes(16));
    assertThat(login("guessed", "right password").status()).isEqualTo(200);
    // the failed logins are in the audit trail with the client's address
    JsonNode audit = http.get("/api/audit?limit=100", admin).json();
    assertThat(audit.findValuesAsText("actor")).contains("guessed");
    assertThat(audit.get(0).get("address").asText()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
  }

  @Test
  void oneAddressGuessingManyNamesIsThrottledToo() throws Exception {
    newUser("sprayed");
    for (int i = 0; i < 20; i++) {
      login("nobody-" + i, "guess");
    }
    assertThat(login("sprayed", "right password").status()).isEqualTo(429);
  }

  @Test
  void logoutRevokesTheTokenAndTokensCanBeListedRevokedAndExpire() throws Exception {
    String t = newUser("tokens");
    assertThat(http.post("/api/logout", t, "").status()).isEqualTo(200);
    assertThat(http.get("/api/me", t).status()).isEqualTo(401);

    String session = http.login("tokens", "right password");
    String script = http.post("/api/tokens", session, "{\"label\":\"cron\",\"expires_in_days\":1}")
        .json().get("token").asText();
    JsonNode list = http.get("/api/tokens", session).json();
    assertThat(list.findValuesAsText("label")).containsExactlyInAnyOrder("login", "cron");
    assertThat(http.post("/api/tokens", session, "{\"expires_in_days\":0}").status()).isEqualTo(400);
    CLOCK.advance(Duration.ofDays(2));
    assertThat(http.get("/api/me", script).status()).isEqualTo(401); // expired
    String fresh = http.login("tokens", "right password");
    String id = http.get("/api/tokens", fresh).json().get(0).get("id").asText();
    // another analyst cannot revoke it; its owner can
    assertThat(http.post("/api/tokens/" + id + "/revoke", newUser("other"), "").status())
        .isEqualTo(404);
    assertThat(http.post("/api/tokens/" + id + "/revoke", fresh, "").status()).isEqualTo(200);
    assertThat(http.get("/api/me", fresh).status()).isEqualTo(401);
  }

  @Test
  void aDisabledUserLosesTheirTokensAndCannotLogIn() throws Exception {
    String t = newUser("leaver");
    assertThat(http.post("/api/users/leaver/disable", admin, "").status()).isEqualTo(200);
    assertThat(http.get("/api/me", t).status()).isEqualTo(401);
    assertThat(login("leaver", "right password").status()).isEqualTo(401);
  }

  @Test
  void aPasswordChangeNeedsTheCurrentOneAndEndsTheOtherSessions() throws Exception {
    String t = newUser("changer");
    String other = http.login("changer", "right password");
    assertThat(http.post("/api/password", t, "{\"current\":\"wrong one\",\"new\":\"new password 1\"}")
        .status()).isEqualTo(403);
    assertThat(http.post("/api/password", t, "{\"current\":\"right password\",\"new\":\"short\"}")
        .json().get("error").asText()).contains("at least 10 characters");
    assertThat(http.post("/api/password", t, "{\"current\":\"right password\",\"new\":\"new password 1\"}")
        .status()).isEqualTo(200);
    assertThat(http.get("/api/me", t).status()).isEqualTo(200);
    assertThat(http.get("/api/me", other).status()).isEqualTo(401);
    assertThat(login("changer", "right password").status()).isEqualTo(401);
    assertThat(login("changer", "new password 1").status()).isEqualTo(200);
  }

  @Test
  void aDuplicateUserNameIsAConflictNotAServerError() throws Exception {
    String body = "{\"name\":\"twice\",\"password\":\"long password\",\"role\":\"regulator\"}";
    assertThat(http.post("/api/users", admin, body).status()).isEqualTo(201);
    Http.Resp r = http.post("/api/users", admin, body);
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.json().get("error").asText()).contains("twice");
  }

  @Test
  void invalidBodyFieldsAreRefusedWithTheReason() throws Exception {
    String c = "/api/cases/" + caseId;
    assertThat(error(c + "/penalties", "{\"subject_kind\":\"merchant\",\"subject_id\":\"m\","
        + "\"kind\":\"fine\",\"amount\":-500}")).contains("positive 'amount'");
    assertThat(error(c + "/penalties", "{\"subject_kind\":\"merchant\",\"subject_id\":\"\","
        + "\"kind\":\"warning\"}")).contains("'subject_id'");
    assertThat(error(c + "/penalties", "{\"subject_kind\":\"merchant\",\"subject_id\":\"m\","
        + "\"kind\":\"fine\",\"amount\":\"lots\"}")).contains("'amount' must be an integer");
    assertThat(error(c + "/notice", "{\"deadline\":86400000}")).contains("'deadline'");
    assertThat(error("/api/negative", "{\"platform\":\"douyin\",\"identity_kind\":\"device\","
        + "\"identity_value\":\"d\",\"scope\":\"everything\"}")).contains("'scope'");
    assertThat(error("/api/users", "{\"name\":\"a:b\",\"password\":\"long password\","
        + "\"role\":\"regulator\"}")).contains("'name'");
    assertThat(error("/api/users", "{\"name\":\"ok\",\"password\":\"long password\","
        + "\"role\":\"king\"}")).contains("role must be");
  }

  private static String error(String path, String body) throws Exception {
    Http.Resp r = http.post(path, admin, body);
    assertThat(r.status()).as(path + " " + body).isEqualTo(400);
    return r.json().get("error").asText();
  }

  @Test
  void everyAnswerCarriesTheSecurityHeaders() throws Exception {
    for (Http.Resp r : List.of(http.get("/", null), http.get("/app.js", null),
        http.get("/api/me", admin), http.get("/api/me", null))) {
      assertThat(r.header("Content-Security-Policy")).contains("script-src 'self';")
          .contains("frame-ancestors 'none'").doesNotContain("unsafe-eval");
      assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
      assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
    }
    // the CSP forbids inline script: the console has none
    assertThat(http.get("/", null).body()).doesNotContainPattern("<script>|<script [^s]|\\son[a-z]+=");
  }
}
