package org.qinglang.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qinglang.alert.Alert;

/** A report rests on live alerts only; a rule on trial's alerts are counted, not published. */
class InputsShadowTest {
  @TempDir
  Path dir;

  @Test
  void shadowAlertsAreLeftOutOfWhatAReportCounts() throws Exception {
    String live = "{\"id\":\"a-1\",\"kind\":\"false_claim\",\"ts\":1,\"platform\":\"douyin\","
        + "\"room\":\"r-1\",\"score\":0.6,\"severity\":\"medium\",\"subjects\":[{\"type\":"
        + "\"room\",\"id\":\"r-1\"}],\"summary\":\"s\"}";
    String other = live.replace("a-1", "a-2");
    String shadow = other.substring(0, other.length() - 1) + ",\"shadow\":true}";
    Path alerts = dir.resolve("alerts.jsonl");
    Files.writeString(alerts, live + "\n" + shadow + "\n");
    Path events = dir.resolve("events.jsonl");
    Files.writeString(events, "");
    Inputs in = Inputs.read(alerts, events);
    assertThat(in.alerts()).extracting(Alert::id).containsExactly("a-1");
    assertThat(in.shadowAlerts()).isEqualTo(1);
    assertThat(in.alertsFile().badLines()).isZero();
  }
}
