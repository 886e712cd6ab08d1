package org.qinglang.cli;

import org.qinglang.sim.Knobs;
import picocli.CommandLine.Option;

/**
 * The evening to simulate, shared by every command that simulates one, so that the same flags
 * mean the same thing (and default the same way) wherever a user meets them.
 */
final class SimulationOptions {
  @Option(names = "--rooms", defaultValue = "40", description = "Organic rooms (default ${DEFAULT-VALUE}); injectors add rooms when they need more.")
  int rooms;

  @Option(names = "--minutes", defaultValue = "60", description = "Length of a show in minutes (default ${DEFAULT-VALUE}).")
  int minutes;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed; the same seed gives the same files (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--scenario", defaultValue = "default", description = "Knob set: ${COMPLETION-CANDIDATES}.", completionCandidates = Scenarios.class)
  String scenario;

  /** Scenario names for help and completion. */
  static final class Scenarios implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Knobs.scenarios().iterator();
    }
  }
}
