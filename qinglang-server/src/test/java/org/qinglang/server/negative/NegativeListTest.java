package org.qinglang.server.negative;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglang.server.ServerConfig;
import org.qinglang.server.Services;
import org.qinglang.server.TestPg;
import org.qinglang.server.auth.Scope;
import org.qinglang.server.store.Sql;

class NegativeListTest {
  private static final Scope REG = Scope.regulator("reg");
  private static Services sv;

  @BeforeAll
  static void data() throws Exception {
    sv = Services.over(new Sql(TestPg.fresh()), ServerConfig.defaults());
    String ev = "{\"type\":\"account\",\"ts\":1,\"platform\":\"douyin\",\"user\":\"u-bad\",\"created\":1,"
        + "\"id_hash\":\"ID1\",\"phone_hash\":\"PH1\",\"device\":\"DEV1\"}\n"
        + "{\"type\":\"order\",\"ts\":2,\"platform\":\"douyin\",\"room\":\"r\",\"user\":\"u-bad\","
        + "\"order\":\"o\",\"sku\":\"s\",\"qty\":1,\"amount\":100,\"payment\":\"PAY1\"}\n"
        + "{\"type\":\"sanction\",\"ts\":100,\"platform\":\"douyin\",\"user\":\"u-bad\",\"scope\":"
        + "\"selling\",\"until\":1000,\"reason\":\"刷单\"}\n";
    sv.events().ingest(Scope.system("test"), new ByteArrayInputStream(ev.getBytes(StandardCharsets.UTF_8)), "t");
  }

  @Test
  void aSanctionEventBansTheAccountAndEveryIdentityItWasSeenWith() {
    List<Map<String, Object>> e = sv.negative().entries(Scope.regulator("r"), null);
    assertThat(e.stream().filter(m -> "event".equals(m.get("source")))
        .map(m -> m.get("identity_kind") + "=" + m.get("identity_value")).toList())
        .containsExactlyInAnyOrder("account=u-bad", "id_hash=ID1", "phone_hash=PH1",
            "device=DEV1", "payment=PAY1");
    assertThat(e).allSatisfy(m -> assertThat(String.valueOf(m.get("history"))).contains("added"));
  }

  @Test
  void matchesAreStrongOnIdentityAndWeakOnSharedThingsAndEndWithTheSanction() {
    List<NegativeList.Match> m = sv.negative().match(REG, Map.of("phone_hash", "PH1", "device", "DEV1"), 500);
    assertThat(m.stream().map(x -> x.identityKind() + ":" + x.strength()).toList())
        .containsExactlyInAnyOrder("phone_hash:strong", "device:weak");
    assertThat(sv.negative().match(REG, Map.of("phone_hash", "PH1"), 50)).isEmpty();   // before
    assertThat(sv.negative().match(REG, Map.of("phone_hash", "PH1"), 1000)).isEmpty(); // expired
    assertThat(sv.negative().match(REG, Map.of("phone_hash", "OTHER"), 500)).isEmpty();
  }

  @Test
  void revokedEntriesStopMatchingButStayInHistory() {
    long id = sv.negative().add(REG, "douyin", "u-x", "id_hash", "ID-X", "account", "manual", 0, null);
    assertThat(sv.negative().match(REG, Map.of("id_hash", "ID-X"), 10)).hasSize(1);
    sv.negative().revoke(Scope.regulator("reg"), id, "appeal upheld");
    assertThat(sv.negative().match(REG, Map.of("id_hash", "ID-X"), sv.now() + 1)).isEmpty();
    Map<String, Object> row = sv.negative().entries(Scope.regulator("r"), null).stream()
        .filter(r -> ((Number) r.get("id")).longValue() == id).findFirst().orElseThrow();
    assertThat(row.get("history").toString()).contains("added").contains("revoked").contains("appeal upheld");
  }
}
