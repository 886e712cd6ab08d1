package org.qinglang.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.qinglang.alert.Alert;
import org.qinglang.alert.Evidence;
import org.qinglang.alert.Severity;
import org.qinglang.alert.Subject;

/** Alerts of every shape a detector can build cross the engine unchanged. */
class AlertSerializerTest {

  record Crew(List<String> accounts, Map<String, Integer> postsByAccount, double share)
      implements Evidence {}

  @Test
  void viewsSetsNestedMapsRecordsAndEmptyListsRoundTrip() throws Exception {
    List<String> ips = new ArrayList<>(List.of("10.0.0.1", "10.0.0.2", "10.0.0.3", "::1"));
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("ips", ips.subList(1, 3)); // the view that crashed Kryo in the alert writer
    ev.put("empty", List.of());
    ev.put("one", List.of(1));
    ev.put("truncated", Arrays.asList(1L, 2L, 3L).subList(0, 2));
    ev.put("set", new LinkedHashSet<>(List.of("b", "a")));
    ev.put("sorted", new TreeMap<>(Map.of("z", 1.5, "a", -0.0)));
    ev.put("nested", Map.of("level", Map.of("deeper", List.of(Map.of("k", true)))));
    ev.put("crew", new Crew(List.of("u1", "u2"), Map.of("u1", 3), 0.25));
    ev.put("big", new BigInteger("123456789012345678901234567890"));
    ev.put("dec", new BigDecimal("0.1"));
    ev.put("nothing", null);
    ev.put("text", "含中文与emoji 🎥 and \u0000 control");
    ev.put("float", 0.1f);
    Alert a = new Alert("a-1", "comment_flood", 1_763_636_400_000L, "douyin", null, 0.93,
        Severity.HIGH, List.of(Subject.room("r-1"), Subject.account("u1")), "summary", ev,
        "QL-CMT-001", "反不正当竞争法 第八条");
    Alert back = RobustnessSweepTest.roundTrip(a);
    assertThat(back).isEqualTo(a);
    assertThat(back.evidence().get("ips")).isEqualTo(List.of("10.0.0.2", "10.0.0.3"));
    assertThat(back.evidenceAs(CrewHolder.class).crew())
        .isEqualTo(new Crew(List.of("u1", "u2"), Map.of("u1", 3), 0.25));
  }

  record CrewHolder(Crew crew) implements Evidence {}

  @Test
  void anEmptyAlertWithNullsRoundTrips() throws Exception {
    Alert a = new Alert("a-2", "minor_venue", 0, "p", null, 0, null, List.of(), null, null, null,
        null);
    assertThat(RobustnessSweepTest.roundTrip(a)).isEqualTo(a);
  }

  @Test
  void aShadowAlertStaysShadowAcrossTheEngine() throws Exception {
    Alert a = new Alert("a-3", "false_claim", 5, "p", "r-1", 0.6, Severity.MEDIUM,
        List.of(Subject.room("r-1")), "s", Map.of(), "QL-CLM-001", null, true);
    Alert back = RobustnessSweepTest.roundTrip(a);
    assertThat(back.shadow()).isTrue();
    assertThat(back).isEqualTo(a);
  }
}
