package org.qinglang.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qinglang.alert.Alert;
import org.qinglang.io.AlertJson;
import org.qinglang.io.Json;

/**
 * A detector that throws on one key costs that key's state for that detector, not the
 * evening: the Flink job finishes, names the detector, key and event, and the other rooms and
 * detectors are analysed in full. The probe's alerts also carry live {@code subList} views,
 * which the engine must ship (they once crashed the alert writer).
 */
class DetectorQuarantineTest {
  @TempDir
  Path dir;

  @Test
  void aThrowingDetectorIsSetAsideForItsKeyAndTheRestIsAnalysed() throws Exception {
    long t0 = 1_763_636_400_000L;
    StringBuilder in = new StringBuilder();
    for (String room : List.of("r-a", "r-b")) {
      in.append(line("room_start", t0, room, "\"anchor\":\"an-" + room + "\",\"title\":\"t\","
          + "\"venue\":\"kindergarten\""));
    }
    long t = t0 + 1000;
    for (int i = 0; i < 5; i++) {
      in.append(comment(t += 1000, "r-a", "u" + i, ProbeDetector.MARK + " " + i));
      in.append(comment(t += 1000, "r-b", "v" + i, ProbeDetector.MARK + " " + i));
    }
    in.append(comment(t += 1000, "r-a", "u-bad", ProbeDetector.BOOM));
    in.append(comment(t += 1000, "r-a", "u9", ProbeDetector.MARK + " after"));
    for (String room : List.of("r-a", "r-b")) {
      in.append(line("room_end", t += 60_000, room, null));
    }
    Path events = dir.resolve("events.jsonl");
    Files.writeString(events, in);
    Path alerts = dir.resolve("alerts.jsonl");
    Path dead = dir.resolve("dead-letter.jsonl");

    Engine.run(List.of(events), alerts, dead, List.of("test_probe", "minor_venue"), 2, null);

    List<Alert> found = AlertJson.readAlerts(alerts);
    // the other detector saw both rooms in full
    assertThat(found).filteredOn(a -> a.kind().equals("minor_venue")).extracting(Alert::room)
        .containsExactlyInAnyOrder("r-a", "r-b");
    // the probe's room r-b is whole; r-a started afresh after the fault, so only u9 remains
    Alert rb = found.stream().filter(a -> "r-b".equals(a.room()) && a.rule().equals("QL-TEST"))
        .findFirst().orElseThrow();
    assertThat(rb.accounts()).containsExactlyInAnyOrder("v0", "v1", "v2", "v3", "v4");
    assertThat(rb.evidence().get("users")).isEqualTo(List.of("v0", "v1", "v2", "v3", "v4"));
    Alert ra = found.stream().filter(a -> "r-a".equals(a.room()) && a.rule().equals("QL-TEST"))
        .findFirst().orElseThrow();
    assertThat(ra.accounts()).containsExactly("u9");

    List<String> faults = Files.readAllLines(QinglangJob.faultsBeside(dead));
    assertThat(faults).hasSize(1);
    var f = Json.MAPPER.readTree(faults.get(0));
    assertThat(f.path("detector").asText()).isEqualTo("test_probe");
    assertThat(f.path("key").asText()).isEqualTo("r-a");
    assertThat(f.path("event_type").asText()).isEqualTo("comment");
    assertThat(f.path("error").asText()).contains("IllegalStateException")
        .contains("probe told to fail on u-bad");
    assertThat(f.path("event").asText()).contains("u-bad");
  }

  private static String line(String type, long ts, String room, String more) {
    return "{\"type\":\"" + type + "\",\"ts\":" + ts + ",\"platform\":\"douyin\",\"room\":\""
        + room + "\"" + (more == null ? "" : "," + more) + "}\n";
  }

  private static String comment(long ts, String room, String user, String text) {
    return line("comment", ts, room, "\"user\":\"" + user + "\",\"text\":\"" + text + "\"");
  }
}
