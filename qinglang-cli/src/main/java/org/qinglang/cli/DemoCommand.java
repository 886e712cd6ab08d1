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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code qinglang demo}. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Simulate, analyze and score in one go.", "",
        "Simulates an evening, analyzes it on the in-process Flink engine and scores the",
        "alerts against the labels, printing where everything is."})
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--dir", defaultValue = "qinglang-demo", description = "Working directory (default ${DEFAULT-VALUE}).")
  Path dir;

  @Mixin
  SimulationOptions evening;

  @Option(names = "--no-serve", description = "Stop after scoring instead of starting the console.")
  boolean noServe;

  @Option(names = "--port", defaultValue = "8080", description = "Console port (default ${DEFAULT-VALUE}).")
  int port;

  @Override
  public Integer call() throws Exception {
    System.out.println("1/3 simulating " + evening.rooms + " rooms of " + evening.minutes + " minutes (seed " + evening.seed
        + ", scenario " + evening.scenario + ") ...");
    Simulator.Result sim = Simulator.run(new Simulator.Config(dir.resolve("sim"), evening.rooms, evening.minutes,
        evening.seed, evening.scenario, Map.of(), null));
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
    if (noServe) {
      System.out.println("Next: qinglang eval --labels " + sim.labels() + " --alerts " + alerts);
      return 0;
    }
    System.out.println();
    System.out.println("4/4 starting the console on an embedded PostgreSQL (" + dir.resolve("data")
        + "), importing the evening ...");
    org.qinglang.server.Server server = ServeCommand.start(port, dir.resolve("data"), null,
        alerts, sim.events());
    server.importDone().get();
    System.out.println("console: " + server.url() + "  user admin, password in "
        + dir.resolve("data").resolve("admin-password.txt") + "  (Ctrl-C to stop)");
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    Thread.currentThread().join();
    return 0;
  }
}
