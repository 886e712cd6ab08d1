package org.qinglang.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.qinglang.sim.Knobs;
import org.qinglang.sim.Simulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code qinglang simulate}. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Simulate an evening of live commerce with labelled cases.", "",
        "Writes events.jsonl (the contract's events, in arrival order with up to 9.5 s of",
        "lateness), labels.jsonl (one label per injected case, for eval) and traps.jsonl",
        "(the innocent look-alikes it holds). Every registered injector adds its cases;",
        "--scenario picks a knob set (adversary variants), --knob overrides one knob."})
public final class SimulateCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, description = "Output directory.")
  Path out;

  @Mixin
  SimulationOptions sim;

  @Option(names = "--knob", description = "Override one knob, e.g. --knob viewer_inflation.cases=5 (repeatable).")
  Map<String, String> knobs = new LinkedHashMap<>();

  @Option(names = "--organic-comments", description = "Replay a real comment file (the contract's comment events) as an organic room.")
  Path organicComments;

  @Option(names = "--list-scenarios", description = "List the scenarios and exit.")
  boolean list;

  @Override
  public Integer call() throws Exception {
    if (list) {
      Knobs.scenarios().forEach(System.out::println);
      return 0;
    }
    long t0 = System.nanoTime();
    Simulator.Result r = Simulator.run(new Simulator.Config(out, sim.rooms, sim.minutes, sim.seed, sim.scenario,
        knobs, organicComments));
    System.out.printf("simulated %,d events in %.1f s (seed %d, scenario %s)%n", r.eventCount(),
        (System.nanoTime() - t0) / 1e9, sim.seed, sim.scenario);
    System.out.println("  events: " + r.events());
    System.out.println("  labels: " + r.labels() + "  " + r.labelsByKind());
    System.out.println("  traps:  " + r.traps() + "  (" + r.trapCount() + " entries)");
    return 0;
  }
}
