package org.qinglang.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.qinglang.engine.Engine;
import org.qinglang.eval.Evaluator;
import org.qinglang.io.AlertJson;
import org.qinglang.sim.Simulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qinglang demo}. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Simulate, analyze and score in one go.", "",
        "Simulates an evening, analyzes it on the in-process Flink engine and scores the",
        "alerts against the labels, printing where everything is."})
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--dir", defaultValue = "qinglang-demo", description = "Working directory (default ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--rooms", defaultValue = "40", description = "Organic rooms (default ${DEFAULT-VALUE}).")
  int rooms;

  @Option(names = "--minutes", defaultValue = "60", description = "Show length (default ${DEFAULT-VALUE}).")
  int minutes;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--scenario", defaultValue = "default", description = "Simulator scenario (default ${DEFAULT-VALUE}).")
  String scenario;

  @Override
  public Integer call() throws Exception {
    System.out.println("1/3 simulating " + rooms + " rooms of " + minutes + " minutes (seed " + seed
        + ", scenario " + scenario + ") ...");
    Simulator.Result sim = Simulator.run(new Simulator.Config(dir.resolve("sim"), rooms, minutes,
        seed, scenario, Map.of(), null));
    System.out.printf("    %,d events, %d labelled cases %s%n", sim.eventCount(),
        sim.labelsByKind().values().stream().mapToLong(Long::longValue).sum(), sim.labelsByKind());
    System.out.println("2/3 analyzing on the in-process Flink engine ...");
    Path alerts = dir.resolve("alerts.jsonl");
    Path dead = dir.resolve("dead-letter.jsonl");
    Analysis.Summary s = Analysis.run(sim.events(), alerts, dead, List.of(),
        Engine.defaultParallelism(), System.out, System.console() != null);
    Analysis.print(s, alerts, dead, System.out);
    System.out.println("3/3 scoring alerts against labels ...");
    Evaluator.Report rep = Evaluator.evaluate(AlertJson.readLabels(sim.labels()), s.alerts());
    System.out.print(Evaluator.format(rep));
    System.out.println();
    System.out.println("Files:");
    System.out.println("  events  " + sim.events());
    System.out.println("  labels  " + sim.labels());
    System.out.println("  traps   " + sim.traps());
    System.out.println("  alerts  " + alerts);
    System.out.println("Next: qinglang eval --labels " + sim.labels() + " --alerts " + alerts);
    return 0;
  }
}
