package org.qinglang.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import java.util.Set;
import org.qinglang.server.TestPg;
import org.qinglang.server.auth.Role;
import org.qinglang.server.auth.Scope;
import org.qinglang.server.ledger.LedgerVerifier;
import org.qinglang.server.negative.NegativeList;
import org.qinglang.server.registry.Registry;
import org.qinglang.server.store.Sql;

class EventIngestTest {
  private static Sql sql;
  private static EventIngest ingest;

  @BeforeAll
  static void db() {
    sql = new Sql(TestPg.fresh());
    ingest = new EventIngest(sql, new Registry(sql, java.time.Clock.systemUTC()), new NegativeList(sql, java.time.Clock.systemUTC()), java.time.Clock.systemUTC());
  }

  private static IngestResult post(String body) throws Exception {
    return ingest.ingest(Scope.system("test"), new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), "test");
  }

  @Test
  void badLinesAreCountedWithLineNumbersAndReasonsAndTheRestIsStored() throws Exception {
    String body = String.join("\n",
        "{\"type\":\"room_start\",\"ts\":1000,\"platform\":\"douyin\",\"room\":\"r-in-1\","
            + "\"anchor\":\"a-1\",\"title\":\"今晚特价\",\"merchant\":\"m-1\",\"mcn\":\"mcn-1\"}",
        "{\"type\":\"comment\",\"ts\":1001,\"platform\":\"douyin\",\"room\":\"r-in-1\"}",
        "not json at all",
        "",
        "{\"type\":\"comment\",\"ts\":1002,\"platform\":\"douyin\",\"room\":\"r-in-1\","
            + "\"user\":\"u-1\",\"text\":\"好用！\"}",
        "{\"type\":\"teleport\",\"ts\":1003,\"platform\":\"douyin\"}",
        "{\"type\":\"order\",\"ts\":1004,\"platform\":\"douyin\",\"room\":\"r-in-1\","
            + "\"user\":\"u-1\",\"order\":\"o-1\",\"sku\":\"s-1\",\"qty\":1,\"amount\":\"9900\"}",
        "{\"type\":\"room_end\",\"ts\":5000,\"platform\":\"douyin\",\"room\":\"r-in-1\"}");
    IngestResult r = post(body);
    assertThat(r.accepted()).isEqualTo(3);
    assertThat(r.bad()).isEqualTo(4);
    assertThat(r.badLines()).extracting(IngestResult.BadLine::line).containsExactly(2L, 3L, 6L, 7L);
    assertThat(r.badLines().get(0).reason()).contains("'user'");
    assertThat(r.badLines().get(2).reason()).contains("teleport");
    assertThat(r.badLines().get(3).reason()).contains("amount");

    List<Map<String, Object>> dead = sql.list("select line, reason, raw from dead_letter where"
        + " source = 'test' order by line", Sql::row);
    assertThat(dead).extracting(m -> m.get("line")).containsExactly(2L, 3L, 6L, 7L);
    assertThat(dead.get(1).get("raw")).isEqualTo("not json at all");

    List<String> types = sql.list("select e.type from event e join ledger l on l.seq = e.seq"
        + " where e.room = 'r-in-1' order by e.seq", rs -> rs.getString(1));
    assertThat(types).containsExactly("room_start", "comment", "room_end");
    Map<String, Object> room = sql.one("select * from room where room = 'r-in-1'", Sql::row);
    assertThat(room.get("anchor")).isEqualTo("a-1");
    assertThat(room.get("ended")).isEqualTo(5000L);
    List<String> actors = sql.list("select kind || ':' || id from actor order by 1",
        rs -> rs.getString(1));
    assertThat(actors).contains("anchor:a-1", "merchant:m-1", "mcn:mcn-1");
    assertThat(new LedgerVerifier(sql.dataSource()).verify().ok()).isTrue();
  }

  @Test
  void anotherPlatformsEventsAreBadLinesForAPlatformScopedPoster() throws Exception {
    String body = "{\"type\":\"room_end\",\"ts\":1,\"platform\":\"douyin\",\"room\":\"r-x\"}\n"
        + "{\"type\":\"room_end\",\"ts\":2,\"platform\":\"kuaishou\",\"room\":\"r-y\"}\n";
    IngestResult r = ingest.ingest(new Scope("dy", Role.PLATFORM_ANALYST, "douyin", Set.of()),
        new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), "scoped");
    assertThat(r.accepted()).isEqualTo(1);
    assertThat(r.badLines()).containsExactly(new IngestResult.BadLine(2,
        "platform 'kuaishou' is not the caller's platform 'douyin'"));
  }

  @Test
  void registeredQualificationThatLapsedWhileTheMerchantSellsIsFlagged() throws Exception {
    Registry reg = new Registry(sql, java.time.Clock.systemUTC());
    // a qualification is registered for a merchant the registry knows, on its platform
    post("{\"type\":\"product\",\"ts\":1,\"platform\":\"douyin\",\"room\":\"r-f\",\"sku\":\"s-0\","
        + "\"title\":\"袋子\",\"price\":100,\"category\":\"other\",\"merchant\":\"m-food\"}\n");
    Scope reg0 = Scope.regulator("t");
    reg.addQualification(reg0, "merchant", "m-food", "food_licence", "JY123", 0L, 10_000L);
    reg.addQualification(reg0, "merchant", "m-food", "business_licence", "91XX", 0L, null);
    post("{\"type\":\"product\",\"ts\":5000,\"platform\":\"douyin\",\"room\":\"r-f\",\"sku\":\"s-f\","
        + "\"title\":\"土蜂蜜\",\"price\":3900,\"category\":\"food\",\"merchant\":\"m-food\"}\n"
        + "{\"type\":\"product\",\"ts\":20000,\"platform\":\"douyin\",\"room\":\"r-f\",\"sku\":\"s-g\","
        + "\"title\":\"T恤\",\"price\":3900,\"category\":\"apparel\",\"merchant\":\"m-food\"}\n");
    assertThat(sql.list("select kind from qualification_lapse where actor_id = 'm-food'",
        rs -> rs.getString(1))).isEmpty(); // valid at 5000; apparel needs no food licence
    post("{\"type\":\"product\",\"ts\":20001,\"platform\":\"douyin\",\"room\":\"r-f\",\"sku\":\"s-f\","
        + "\"title\":\"土蜂蜜\",\"price\":3900,\"category\":\"food\",\"merchant\":\"m-food\"}\n");
    assertThat(sql.list("select kind || '@' || expired_at from qualification_lapse where"
        + " actor_id = 'm-food'", rs -> rs.getString(1))).containsExactly("food_licence@10000");
  }
}
