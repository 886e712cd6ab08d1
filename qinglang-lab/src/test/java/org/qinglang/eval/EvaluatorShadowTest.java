package org.qinglang.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qinglang.alert.Alert;
import org.qinglang.alert.Label;
import org.qinglang.alert.Severity;
import org.qinglang.alert.Subject;

/** Scoring leaves shadow alerts out: a rule on trial neither finds a case nor raises a false alarm. */
class EvaluatorShadowTest {

  private static Alert claim(String id, String room, boolean shadow) {
    return new Alert(id, "false_claim", 1, "douyin", room, 0.6, Severity.MEDIUM,
        List.of(Subject.room(room)), "s", Map.of(), "QL-CLM-001", null, shadow);
  }

  private static final List<Label> LABELS = List.of(
      new Label("false_claim", "r-guilty", List.of(Subject.room("r-guilty"))));

  @Test
  void aShadowAlertOnAnUnlabelledRoomIsNotAFalseAlarm() {
    Evaluator.Report r = Evaluator.evaluate(LABELS, List.of(claim("a-1", "r-guilty", false),
        claim("a-2", "r-honest", true)), List.of("r-guilty", "r-honest"));
    Evaluator.KindScore k = r.kind("false_claim");
    assertThat(k.alerts()).isEqualTo(1);
    assertThat(k.falseAlarms()).isZero();
    assertThat(k.precision()).isEqualTo(1.0);
    assertThat(r.shadowAlerts()).isEqualTo(1);
    assertThat(Evaluator.format(r)).contains("shadow alerts set aside").doesNotContain(
        "false alarms false_claim");
  }

  @Test
  void aShadowAlertOnALabelledRoomDoesNotFindTheCase() {
    Evaluator.Report r = Evaluator.evaluate(LABELS, List.of(claim("a-1", "r-guilty", true)),
        List.of("r-guilty"));
    assertThat(r.kind("false_claim").found()).isZero();
    assertThat(r.kind("false_claim").missedRooms()).containsExactly("r-guilty");
  }

  @Test
  void theSameAlertLiveIsScored() {
    Evaluator.Report r = Evaluator.evaluate(LABELS, List.of(claim("a-1", "r-guilty", false),
        claim("a-2", "r-honest", false)), List.of("r-guilty", "r-honest"));
    assertThat(r.kind("false_claim").falseAlarms()).isEqualTo(1);
    assertThat(r.shadowAlerts()).isZero();
    assertThat(Evaluator.format(r)).doesNotContain("shadow");
  }
}
