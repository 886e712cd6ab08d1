package org.qinglang.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qinglang.alert.Alert;
import org.qinglang.alert.Severity;
import org.qinglang.alert.Subject;

/** The alert file's {@code shadow} field: written only when true, read back as written. */
class AlertJsonTest {

  private static Alert alert(boolean shadow) {
    return new Alert("a-1", "false_claim", 1_000, "douyin", "r-1", 0.6, Severity.MEDIUM,
        List.of(Subject.room("r-1")), "1 finding", Map.of("family", "absolute"), "QL-CLM-001",
        "广告法 第九条", shadow);
  }

  @Test
  void aLiveAlertHasNoShadowField() throws Exception {
    String line = AlertJson.toLine(alert(false));
    assertThat(line).doesNotContain("shadow");
    assertThat(AlertJson.parseAlert(line).shadow()).isFalse();
  }

  @Test
  void aShadowAlertRoundTripsWithTopLevelTrue() throws Exception {
    Alert a = alert(true);
    String line = AlertJson.toLine(a);
    assertThat(Json.MAPPER.readTree(line).get("shadow").booleanValue()).isTrue();
    assertThat(AlertJson.parseAlert(line)).isEqualTo(a);
    assertThat(AlertJson.toLine(AlertJson.parseAlert(line))).isEqualTo(line);
  }

  @Test
  void onlyAJsonTrueMakesAnAlertShadow() throws Exception {
    String line = AlertJson.toLine(alert(false));
    String quoted = line.substring(0, line.length() - 1) + ",\"shadow\":\"true\"}";
    String no = line.substring(0, line.length() - 1) + ",\"shadow\":false}";
    assertThat(AlertJson.parseAlert(quoted).shadow()).isFalse();
    assertThat(AlertJson.parseAlert(no).shadow()).isFalse();
  }
}
