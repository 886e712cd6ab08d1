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
        "precision and recall; then the macro-F1 over kinds."})
public final class EvalCommand implements Callable<Integer> {
  @Option(names = "--labels", required = true, description = "labels.jsonl (ground truth).")
  Path labels;

  @Option(names = "--alerts", required = true, description = "alerts.jsonl (as written by analyze).")
  Path alerts;

  @Option(names = "--format", defaultValue = "text", description = "text or json.")
  String format;

  @Override
  public Integer call() throws Exception {
    Evaluator.Report r = Evaluator.evaluate(AlertJson.readLabels(labels),
        AlertJson.readAlerts(alerts));
    if (format.equals("json")) {
      var m = new java.util.LinkedHashMap<String, Object>(Evaluator.asMap(r));
      m.put("macro_f1", r.macroF1());
      System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(m));
    } else {
      System.out.print(Evaluator.format(r));
    }
    return 0;
  }
}
