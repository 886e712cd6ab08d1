package org.qinglang.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.qinglang.engine.Engine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qinglang analyze}. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
    description = {"Run the detectors over an event file and write alerts.", "",
        "Runs on an in-process Apache Flink cluster (nothing to install). Input is JSON Lines",
        "in the contract's format, plain or gzip. Alerts: one line per finding, rewritten in",
        "place as it grows. Bad lines go to the dead-letter file with their line number and",
        "the reason; the good lines around them are processed. Shows a progress bar on a",
        "terminal and a summary at the end."})
public final class AnalyzeCommand implements Callable<Integer> {
  @Option(names = "--input", required = true, description = "Events, .jsonl or .jsonl.gz.")
  Path input;

  @Option(names = "--alerts", required = true, description = "Where to write alerts.jsonl.")
  Path alerts;

  @Option(names = "--dead-letter", description = "Where bad lines go (default: beside the alerts, dead-letter.jsonl).")
  Path deadLetter;

  @Option(names = "--kinds", split = ",", description = "Only these detector kinds (default: all).")
  List<String> kinds = new ArrayList<>();

  @Option(names = "--parallelism", description = "Flink parallelism (default: the machine's cores).")
  Integer parallelism;

  @Option(names = "--no-progress", description = "No progress line, even on a terminal.")
  boolean noProgress;

  @Override
  public Integer call() throws Exception {
    Path dead = deadLetter != null ? deadLetter : alerts.toAbsolutePath().resolveSibling("dead-letter.jsonl");
    Analysis.Summary s = Analysis.run(input, alerts, dead, kinds,
        parallelism != null ? parallelism : Engine.defaultParallelism(), System.out,
        !noProgress && System.console() != null);
    Analysis.print(s, alerts, dead, System.out);
    return 0;
  }
}
