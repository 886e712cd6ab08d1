package org.qinglang.server.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglang.io.AlertJson;
import org.qinglang.server.ServerConfig;
import org.qinglang.server.Services;
import org.qinglang.server.TestPg;
import org.qinglang.server.auth.Scope;
import org.qinglang.server.store.Sql;

class CreditTest {
  private static final long DAY = 86_400_000L;
  private static Services sv;
  private static final Scope REG = Scope.regulator("reg");

  @Test
  void formulaDecaysByHalfEveryHalfLifeAndGradesByThreshold() {
    List<CreditFormula.Item> items = List.of(new CreditFormula.Item(0, 20, "critical", "a"));
    assertThat(CreditFormula.score(items, 0)).isEqualTo(80.0);
    assertThat(CreditFormula.score(items, 180 * DAY)).isCloseTo(90.0, within(0.05));
    assertThat(CreditFormula.score(items, -1)).isEqualTo(100.0); // not yet happened
    assertThat(CreditFormula.grade(90)).isEqualTo("A");
    assertThat(CreditFormula.grade(89.9)).isEqualTo("B");
    assertThat(CreditFormula.grade(39.9)).isEqualTo("E");
    assertThat(CreditFormula.alertPoints("high", 0.5)).isEqualTo(5.0);
    List<CreditFormula.Point> h = CreditFormula.history(List.of(
        new CreditFormula.Item(10, 10, "x", "1"), new CreditFormula.Item(5, 10, "y", "2")), 20);
    assertThat(h).extracting(CreditFormula.Point::ts).containsExactly(5L, 10L, 20L);
  }

  @BeforeAll
  static void data() throws Exception {
    sv = Services.over(new Sql(TestPg.fresh()), ServerConfig.defaults());
    String ev = "{\"type\":\"room_start\",\"ts\":0,\"platform\":\"douyin\",\"room\":\"r-1\","
        + "\"anchor\":\"an-1\",\"title\":\"t\",\"merchant\":\"me-1\",\"mcn\":\"mc-1\"}\n"
        + "{\"type\":\"room_start\",\"ts\":0,\"platform\":\"douyin\",\"room\":\"r-2\","
        + "\"anchor\":\"an-2\",\"title\":\"t\",\"mcn\":\"mc-1\"}\n"
        + "{\"type\":\"room_start\",\"ts\":0,\"platform\":\"douyin\",\"room\":\"r-3\","
        + "\"anchor\":\"an-3\",\"title\":\"t\",\"mcn\":\"mc-3\"}\n";
    sv.events().ingest(Scope.system("test"), new ByteArrayInputStream(ev.getBytes(StandardCharsets.UTF_8)), "t");
    sv.alerts().upsert(AlertJson.parseAlert(alert("x-1", "r-1", "critical", 1.0, 0)));
    sv.alerts().upsert(AlertJson.parseAlert(alert("x-2", "r-2", "medium", 0.6, 0)));
    String trial = alert("x-3", "r-3", "critical", 1.0, 0);
    sv.alerts().upsert(AlertJson.parseAlert(trial.substring(0, trial.length() - 1)
        + ",\"shadow\":true}"));
  }

  @Test
  void aShadowAlertCostsNothingUntilItsRuleIsLive() throws Exception {
    assertThat(sv.credit().of(REG, sv.registry(), "anchor", "an-3", 0).get("score"))
        .isEqualTo(100.0);
    assertThat(sv.credit().of(REG, sv.registry(), "mcn", "mc-3", 0).get("items"))
        .asList().isEmpty();
    // the same finding from the promoted rule is a live alert, with an id of its own
    sv.alerts().upsert(AlertJson.parseAlert(alert("x-4", "r-3", "critical", 1.0, 0)));
    assertThat(sv.credit().of(REG, sv.registry(), "anchor", "an-3", 0).get("score"))
        .isEqualTo(80.0);
  }

  static String alert(String id, String room, String sev, double score, long ts) {
    return "{\"id\":\"" + id + "\",\"kind\":\"order_brushing\",\"ts\":" + ts + ",\"platform\":"
        + "\"douyin\",\"room\":\"" + room + "\",\"score\":" + score + ",\"severity\":\"" + sev
        + "\",\"subjects\":[{\"type\":\"room\",\"id\":\"" + room + "\"}],\"summary\":\"s\"}";
  }

  @Test
  void alertsCaseOutcomesAndPenaltiesReachTheAnchorMerchantAndMcnOfTheRoom() {
    long now = 0;
    assertThat(sv.credit().of(REG, sv.registry(), "anchor", "an-1", now).get("score")).isEqualTo(80.0);
    assertThat(sv.credit().of(REG, sv.registry(), "merchant", "me-1", now).get("score")).isEqualTo(80.0);
    // the MCN carries both of its anchors' alerts: 20 + 5 * 0.6
    assertThat(sv.credit().of(REG, sv.registry(), "mcn", "mc-1", now).get("score")).isEqualTo(77.0);

    long c = sv.cases().open(REG, List.of("x-1"), "c", 0);
    sv.cases().notice(REG, c, 10, "", 0);
    sv.cases().respond(REG, c, "takedown", "", 0);
    sv.cases().verify(REG, c, true, "", 0);
    sv.cases().penalty(REG, c, "anchor", "an-1", "suspension", null, "", 0);
    sv.cases().close(REG, c, "substantiated", "", 0);
    Map<String, Object> an1 = sv.credit().of(REG, sv.registry(), "anchor", "an-1", 1);
    assertThat((double) an1.get("score")).isCloseTo(100 - 20 - 15 - 20, within(0.05));
    assertThat(an1.get("grade")).isEqualTo("D"); // 45: D is 40-60

    // a case closed as unsubstantiated takes its alerts' cost away
    long d = sv.cases().open(REG, List.of("x-2"), "d", 0);
    sv.cases().close(REG, d, "unsubstantiated", "", 0);
    assertThat(sv.credit().of(REG, sv.registry(), "anchor", "an-2", 1).get("score")).isEqualTo(100.0);
    assertThat(sv.credit().ranking(REG, sv.registry(), "anchor", 1).get(0).get("id")).isEqualTo("an-1");
  }
}
