package org.qinglang.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Runs the job in-process on a local MiniCluster: nothing to install. */
public final class Engine {
  private Engine() {}

  /** Timing of a finished run. */
  public record Run(String id, long wallMillis) {}

  /**
   * Runs {@link QinglangJob} on {@code inputs} and blocks until the input is consumed. The
   * in-process counters of {@link Progress#of(String)} under {@code runId} are live meanwhile.
   */
  public static Run run(List<Path> inputs, Path alerts, Path deadLetters, List<String> kinds,
      int parallelism, String runId) throws Exception {
    return run(new QinglangJob.Config(inputs, alerts, deadLetters, kinds, parallelism, runId));
  }

  /**
   * Runs {@link QinglangJob} as configured (a file or a Kafka topic) and blocks until the input
   * is consumed: for an unbounded Kafka source, until the job is cancelled. A null
   * {@code c.run()} gets a fresh id.
   */
  public static Run run(QinglangJob.Config c) throws Exception {
    return run(c, 0);
  }

  /**
   * As {@link #run(QinglangJob.Config)}; with {@code checkpointMillis} > 0 it also checkpoints
   * and restarts after a failure from the last checkpoint, as a long-running deployment would.
   */
  public static Run run(QinglangJob.Config c, long checkpointMillis) throws Exception {
    String id = c.run() != null ? c.run() : UUID.randomUUID().toString();
    int parallelism = c.parallelism();
    UpsertJsonlSink.clear(c.alerts());
    UpsertJsonlSink.clear(c.deadLetters());
    Configuration conf = new Configuration();
    conf.set(RestOptions.BIND_PORT, "0");
    conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
    conf.set(TaskManagerOptions.NUM_TASK_SLOTS, Math.max(1, parallelism));
    // Checkpoints go to files: the default in-memory storage refuses state over 5 MB, and the
    // global detectors (identity evasion, pyramid forest) hold more than that on a busy day.
    conf.setString("execution.checkpointing.storage", "filesystem");
    conf.setString("execution.checkpointing.dir", java.nio.file.Path.of(
        System.getProperty("java.io.tmpdir"), "qinglang-checkpoints", id).toUri().toString());
    conf.set(org.apache.flink.configuration.PipelineOptions.SERIALIZATION_CONFIG,
        AlertKryoJson.CONFIG);
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
    QinglangJob.configure(env);
    if (checkpointMillis > 0) {
      env.enableCheckpointing(checkpointMillis);
      env.configure(org.apache.flink.configuration.Configuration.fromMap(java.util.Map.of(
          "restart-strategy.type", "fixed-delay",
          "restart-strategy.fixed-delay.attempts", "3",
          "restart-strategy.fixed-delay.delay", "100 ms")));
    }
    QinglangJob.build(env, new QinglangJob.Config(c.inputs(), c.alerts(), c.deadLetters(),
        c.kinds(), parallelism, id, c.kafka(), c.failOnceAfter()));
    long t0 = System.nanoTime();
    env.execute("qinglang analyze");
    return new Run(id, (System.nanoTime() - t0) / 1_000_000);
  }

  /** Default parallelism: the machine's cores. */
  public static int defaultParallelism() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }
}
