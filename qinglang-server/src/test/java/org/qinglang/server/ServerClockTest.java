package org.qinglang.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qinglang.io.AlertJson;
import org.qinglang.server.auth.Role;
import org.qinglang.server.auth.Scope;
import org.qinglang.server.ledger.LedgerVerifier;
import org.qinglang.server.store.Sql;

/**
 * Everything that depends on "now" (token expiry, overdue notices, retention, credit decay)
 * reads the server's clock, so it holds a year from now as it does today. The services are
 * built on a clock a year ahead that the test moves.
 */
class ServerClockTest {
  private static final long DAY = 86_400_000L;
  private static final Scope REG = Scope.regulator("reg");
  private TestClock clock;
  private Services sv;

  @BeforeEach
  void aYearAhead() {
    clock = TestClock.offset(Duration.ofDays(365));
    sv = Services.over(new Sql(TestPg.fresh()), ServerConfig.defaults().withClock(clock));
  }

  @Test
  void aLoginTokenLivesTwelveHoursOfTheServersClock() {
    sv.users().create(Scope.system("test"), "u", "a long password", Role.REGULATOR, null, Set.of());
    String token = sv.users().login("u", "a long password");
    clock.advance(Duration.ofHours(11));
    assertThat(sv.users().resolve(token)).isNotNull();
    clock.advance(Duration.ofHours(2));
    assertThat(sv.users().resolve(token)).isNull();
  }

  @Test
  void aNoticeIsOverdueOnceTheServersClockPassesItsDeadline() throws Exception {
    ingest("{\"type\":\"room_start\",\"ts\":" + sv.now() + ",\"platform\":\"douyin\",\"room\":\"r\","
        + "\"anchor\":\"a\",\"title\":\"t\"}\n");
    sv.alerts().upsert(AlertJson.parseAlert(alert(sv.now())));
    long id = sv.cases().open(REG, List.of("x-1"), "c", sv.now());
    sv.cases().notice(REG, id, sv.now() + DAY, "", sv.now());
    assertThat(sv.cases().get(REG, id).get("overdue")).isEqualTo(false);
    clock.advance(Duration.ofDays(2));
    assertThat(sv.cases().get(REG, id).get("overdue")).isEqualTo(true);
  }

  @Test
  void retentionExpiresContentSixtyDaysAfterItWasStoredByTheServersClock() throws Exception {
    ingest("{\"type\":\"comment\",\"ts\":1,\"platform\":\"douyin\",\"room\":\"r\",\"user\":\"u\","
        + "\"text\":\"hi\"}\n{\"type\":\"gift\",\"ts\":2,\"platform\":\"douyin\",\"room\":\"r\","
        + "\"user\":\"u\",\"value\":100}\n");
    clock.advance(Duration.ofDays(59));
    assertThat(sv.retention().sweep(sv.now())).isZero();
    clock.advance(Duration.ofDays(2));
    assertThat(sv.retention().sweep(sv.now())).isEqualTo(1); // the comment, not the gift
    assertThat(new LedgerVerifier(sv.sql().dataSource()).verify().ok()).isTrue();
  }

  @Test
  void creditHalvesAnAlertsCostEveryHundredAndEightyDaysOfTheServersClock() throws Exception {
    ingest("{\"type\":\"room_start\",\"ts\":" + sv.now() + ",\"platform\":\"douyin\",\"room\":\"r\","
        + "\"anchor\":\"a\",\"title\":\"t\"}\n");
    sv.alerts().upsert(AlertJson.parseAlert(alert(sv.now())));
    assertThat((double) sv.credit().of(REG, sv.registry(), "anchor", "a", sv.now()).get("score"))
        .isEqualTo(80.0);
    clock.advance(Duration.ofDays(180));
    assertThat((double) sv.credit().of(REG, sv.registry(), "anchor", "a", sv.now()).get("score"))
        .isCloseTo(90.0, within(0.05));
  }

  private void ingest(String lines) throws Exception {
    sv.events().ingest(Scope.system("test"),
        new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)), "t");
  }

  private static String alert(long ts) {
    return "{\"id\":\"x-1\",\"kind\":\"order_brushing\",\"ts\":" + ts + ",\"platform\":\"douyin\","
        + "\"room\":\"r\",\"score\":1.0,\"severity\":\"critical\",\"subjects\":[{\"type\":\"room\","
        + "\"id\":\"r\"}],\"summary\":\"s\"}";
  }
}
