package org.qinglang.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qinglang.io.Json;

/** {@code qinglang report} from the command line, with alert lines written by hand. */
class ReportCommandTest {
  @TempDir
  Path dir;

  @Test
  void writesTheThreeFilesAndRefusesAnIncompleteRequest() throws Exception {
    Path sim = dir.resolve("sim");
    assertThat(Main.run("simulate", "--out", sim.toString(), "--rooms", "3", "--minutes", "10",
        "--seed", "2")).isZero();
    Path events = sim.resolve("events.jsonl");
    JsonNode start = null;
    for (String line : Files.readAllLines(events)) {
      JsonNode e = Json.MAPPER.readTree(line);
      if (e.get("type").asText().equals("room_start")) {
        start = e;
        break;
      }
    }
    String room = start.get("room").asText();
    String platform = start.get("platform").asText();
    // One finding written twice (an update) and another of a second kind: two findings.
    Path alerts = dir.resolve("alerts.jsonl");
    String line = "{\"id\":\"a-%s\",\"kind\":\"%s\",\"ts\":%d,\"platform\":\"%s\",\"room\":\"%s\","
        + "\"score\":0.8,\"severity\":\"%s\",\"subjects\":[{\"type\":\"room\",\"id\":\"%s\"}]}";
    long ts = start.get("ts").asLong();
    Files.write(alerts, List.of(
        String.format(line, "1", "viewer_inflation", ts + 1000, platform, room, "medium", room),
        String.format(line, "1", "viewer_inflation", ts + 9000, platform, room, "high", room),
        String.format(line, "2", "false_claim", ts + 5000, platform, room, "low", room)));

    Path out = dir.resolve("gov");
    assertThat(Main.run("report", "governance", "--alerts", alerts.toString(), "--events",
        events.toString(), "--out", out.toString())).isZero();
    assertThat(out.resolve("report.html")).isNotEmptyFile();
    assertThat(out.resolve("report.pdf")).isNotEmptyFile();
    JsonNode r = Json.MAPPER.readTree(out.resolve("report.json").toFile());
    assertThat(r.at("/figures/total/alerts_by_kind/viewer_inflation").asInt()).isEqualTo(1);
    assertThat(r.at("/figures/total/alerts_by_kind/false_claim").asInt()).isEqualTo(1);
    assertThat(r.at("/figures/total/alerts_by_severity/high").asInt()).isEqualTo(1);
    assertThat(r.at("/figures/total/alerts_by_severity/medium").asInt()).isZero();

    assertThat(Main.run("report", "influencer", "--alerts", alerts.toString(), "--events",
        events.toString(), "--out", dir.resolve("x").toString())).as("no --anchor").isEqualTo(2);
    assertThat(Main.run("report", "esg", "--alerts", alerts.toString(), "--events",
        events.toString(), "--out", dir.resolve("y").toString())).as("no --platform/--mcn").isEqualTo(2);
  }
}
