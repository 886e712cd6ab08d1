package org.qinglang.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.qinglang.detectors.claim.ClaimRules;
import org.qinglang.detectors.claim.RulePack;
import org.qinglang.detectors.order.AfterSalesBaselines;
import org.qinglang.engine.Engine;
import org.qinglang.engine.KafkaIngest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qinglang analyze}. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
    description = {"Runs the detectors over an event file (JSONL or JSONL.gz) on an in-process",
        "Apache Flink cluster and writes alerts (one line per finding, updated in place).",
        "Bad lines go to the dead-letter file with their line number and the reason.",
        "With --kafka-bootstrap and --kafka-topic instead of --input, it reads events",
        "from Kafka (one per record value) until cancelled, checkpointing every 10 s;",
        "with --kafka-bounded, up to the latest offsets seen at start.",
        "Bad records go to the dead-letter file with their partition and offset.",
        "A Kafka run keeps its checkpoints in a state directory: after a crash the same",
        "command resumes from the latest one (--fresh starts over)."})
public final class AnalyzeCommand implements Callable<Integer> {
  @Option(names = "--input", description = "Events, .jsonl or .jsonl.gz.")
  Path input;

  @Option(names = "--kafka-bootstrap", paramLabel = "HOST:PORT", description = "Kafka brokers to read events from (instead of --input).")
  String kafkaBootstrap;

  @Option(names = "--kafka-topic", paramLabel = "TOPIC", description = "The topic of events: one JSON Lines event per record value.")
  String kafkaTopic;

  @Option(names = "--kafka-group", paramLabel = "ID", description = "Consumer group; offsets are committed on checkpoints (default: qinglang).")
  String kafkaGroup;

  @Option(names = "--kafka-bounded", description = "Read from the earliest offsets to the latest seen at start, then stop (replays).")
  boolean kafkaBounded;

  @Option(names = "--alerts-topic", paramLabel = "TOPIC", description = "Also write every alert version to this Kafka topic, keyed by alert id (make it compacted).")
  String alertsTopic;

  @Option(names = "--state-dir", paramLabel = "DIR", description = "Kafka runs: where checkpoints are kept (default: beside the alerts, ALERTS.state).")
  Path stateDir;

  @Option(names = "--fresh", description = "Kafka runs: forget the state of an earlier run and start over.")
  boolean fresh;

  @Option(names = "--checkpoint-interval", paramLabel = "MILLIS", description = "Kafka runs: milliseconds between checkpoints (default: 10000).")
  long checkpointMillis;

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

  @Option(names = "--aftersales-baselines", paramLabel = "CSV", description = "Normal after-sale shares learned by qinglang baselines, for post_show_cancellation.")
  Path aftersalesBaselines;

  @Option(names = "--rules-pack", paramLabel = "FILE", description = "A marketing-claim rule pack for false_claim instead of the shipped one (e.g. with rules marked \"shadow\": true, whose alerts are written with \"shadow\": true).")
  Path rulesPack;

  @Override
  public Integer call() throws Exception {
    // Each file is read now, so a bad one fails before the job starts, naming its line or
    // rule. The detectors are built during the run from the properties; each is put back
    // afterwards, so a second command in the same JVM (tests, the demo) does not inherit it.
    java.util.Map<String, String> properties = new java.util.LinkedHashMap<>();
    if (aftersalesBaselines != null) {
      int rows = AfterSalesBaselines.read(aftersalesBaselines).rows().size();
      System.out.println("after-sales baselines: " + rows + " rows from " + aftersalesBaselines);
      properties.put(AfterSalesBaselines.PROPERTY, aftersalesBaselines.toAbsolutePath().toString());
    }
    if (rulesPack != null) {
      RulePack pack = ClaimRules.read(rulesPack).pack();
      System.out.println("rule pack: " + pack.version() + " from " + rulesPack + " ("
          + pack.rules().size() + " rules, " + pack.shadowRules().size() + " shadow)");
      properties.put(ClaimRules.PROPERTY, rulesPack.toAbsolutePath().toString());
    }
    java.util.Map<String, String> before = new java.util.HashMap<>();
    properties.forEach((k, v) -> before.put(k, System.setProperty(k, v)));
    try {
      return analyze();
    } finally {
      before.forEach((k, v) -> {
        if (v == null) {
          System.clearProperty(k);
        } else {
          System.setProperty(k, v);
        }
      });
    }
  }

  private int analyze() throws Exception {
    Path dead = deadLetter != null ? deadLetter : alerts.toAbsolutePath().resolveSibling("dead-letter.jsonl");
    int par = parallelism != null ? parallelism : Engine.defaultParallelism();
    boolean bar = !noProgress && System.console() != null;
    Analysis.Summary s;
    if (kafkaBootstrap != null || kafkaTopic != null) {
      if (input != null) {
        throw new IllegalArgumentException("give --input or --kafka-topic, not both");
      }
      s = Analysis.run(new KafkaIngest.Options(kafkaBootstrap, kafkaTopic, kafkaGroup,
          kafkaBounded, alertsTopic), alerts, dead, kinds, par, System.out, bar,
          new Engine.Durability(stateDir, fresh, checkpointMillis, System.out));
    } else if (input == null) {
      throw new IllegalArgumentException("give --input FILE, or --kafka-bootstrap and --kafka-topic");
    } else if (kafkaGroup != null || kafkaBounded || alertsTopic != null) {
      throw new IllegalArgumentException("--kafka-group, --kafka-bounded and --alerts-topic need --kafka-topic");
    } else {
      s = Analysis.run(input, alerts, dead, kinds, par, System.out, bar);
    }
    Analysis.print(s, alerts, dead, System.out);
    return 0;
  }
}
