package org.qinglang.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.qinglang.eval.Evaluator;
import org.qinglang.io.AlertJson;
import org.qinglang.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qinglang eval}. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = {"Score alerts against labels.", "",
        "Applies the contract's scoring rules and prints, per kind:",
        "cases, found, alerts, false alarms, recall, precision, F1, and account-level",
        "precision and recall; then the macro-F1 over kinds.",
        "With --events, also false alarms per 100 honest rooms (rooms no label of the",
        "kind names) and the most alerts a kind raised for one case."})
public final class EvalCommand implements Callable<Integer> {
  @Option(names = "--labels", required = true, description = "labels.jsonl (ground truth).")
  Path labels;

  @Option(names = "--alerts", required = true, description = "alerts.jsonl (as written by analyze).")
  Path alerts;

  @Option(names = "--events", description = "events.jsonl (or .gz) of the evening: its"
      + " room_start events give the rooms, for false alarms per 100 honest rooms.")
  Path events;

  @Option(names = "--format", defaultValue = "text", description = "text or json.")
  String format;

  /** The rooms that started in an events file; bad lines are skipped (analyze reports them). */
  static java.util.Set<String> rooms(Path file) throws java.io.IOException {
    java.util.Set<String> out = new java.util.TreeSet<>();
    java.io.InputStream in = java.nio.file.Files.newInputStream(file);
    if (file.toString().endsWith(".gz")) {
      in = new java.util.zip.GZIPInputStream(in);
    }
    try (java.io.BufferedReader r = new java.io.BufferedReader(
        new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.contains("room_start")) {
          continue; // most lines are not, and parsing them all would cost the whole file
        }
        try {
          var n = Json.MAPPER.readTree(line);
          if (n != null && "room_start".equals(n.path("type").asText())
              && n.path("room").isTextual()) {
            out.add(n.get("room").asText());
          }
        } catch (java.io.IOException bad) {
          // not JSON: not a room
        }
      }
    }
    return out;
  }

  @Override
  public Integer call() throws Exception {
    Evaluator.Report r = Evaluator.evaluate(AlertJson.readLabels(labels),
        AlertJson.readAlerts(alerts), events == null ? java.util.List.of() : rooms(events));
    if (format.equals("json")) {
      var m = new java.util.LinkedHashMap<String, Object>(Evaluator.asMap(r));
      m.put("macro_f1", r.macroF1());
      if (r.shadowAlerts() > 0) {
        m.put("shadow_alerts_set_aside", r.shadowAlerts());
      }
      System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(m));
    } else {
      System.out.print(Evaluator.format(r));
    }
    return 0;
  }
}
