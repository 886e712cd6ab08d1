package org.qinglang.engine;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
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
   * How a Kafka run keeps its state across crashes. {@code stateDir} null: beside the alerts
   * ({@link #defaultStateDir}). {@code fresh}: forget any earlier state and start over.
   * {@code checkpointMillis} 0: {@link KafkaIngest#CHECKPOINT_INTERVAL}. {@code notices} gets
   * the line saying whether the run resumed (may be null).
   */
  public record Durability(Path stateDir, boolean fresh, long checkpointMillis,
      PrintStream notices) {
    public static Durability defaults() {
      return new Durability(null, false, 0, null);
    }
  }

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
   * {@code c.run()} gets a fresh id. A Kafka run is durable with the default settings.
   */
  public static Run run(QinglangJob.Config c) throws Exception {
    return c.kafka() != null ? run(c, Durability.defaults()) : run(c, 0);
  }

  /**
   * As {@link #run(QinglangJob.Config)} on a file; with {@code checkpointMillis} > 0 it also
   * checkpoints and restarts after a task failure from the last checkpoint (recovery tests).
   * Those checkpoints live under the temporary directory for the run only.
   */
  public static Run run(QinglangJob.Config c, long checkpointMillis) throws Exception {
    String id = c.run() != null ? c.run() : UUID.randomUUID().toString();
    UpsertJsonlSink.clear(c.alerts());
    UpsertJsonlSink.clear(c.deadLetters());
    UpsertJsonlSink.clear(c.faults());
    Path chk = Path.of(System.getProperty("java.io.tmpdir"), "qinglang-checkpoints", id);
    Configuration conf = base(c.parallelism());
    if (checkpointMillis > 0) {
      checkpointing(conf, chk, checkpointMillis);
    }
    try {
      return execute(conf, c, id);
    } finally {
      Checkpoints.deleteTree(chk); // nothing resumes a file run: never leave it behind
    }
  }

  /**
   * A Kafka run that survives a crash: checkpoints (state, source offsets, the output files'
   * content) go to the state directory and are kept when the process dies; the same command
   * then restores the latest completed one, says so on {@code d.notices()} first, and leaves
   * the output files as that checkpoint committed them. A run that ends normally (bounded)
   * deletes its state directory: there is nothing left to resume.
   */
  public static Run run(QinglangJob.Config c, Durability d) throws Exception {
    if (c.kafka() == null) {
      throw new IllegalArgumentException("only a Kafka run keeps state across runs");
    }
    String id = c.run() != null ? c.run() : UUID.randomUUID().toString();
    if (c.kafka().bounded()) {
      // A bounded replay starts over each time. Restored from a checkpoint, the Kafka
      // source of flink-connector-kafka 5.0.0-2.2 read its splits to their end offsets but
      // never finished (its enumerator did not signal the end of splits again; seen on
      // 2026-12-03): a resumed replay would hang. Its outputs are upserts, so a rerun
      // rewrites the same lines.
      UpsertJsonlSink.clear(c.alerts());
      UpsertJsonlSink.clear(c.deadLetters());
      UpsertJsonlSink.clear(c.faults());
      return execute(base(c.parallelism()), c, id);
    }
    Path state = (d.stateDir() != null ? d.stateDir() : defaultStateDir(c.alerts()))
        .toAbsolutePath();
    Path chk = state.resolve("checkpoints");
    String identity = identity(c);
    if (d.fresh()) {
      Checkpoints.deleteTree(state);
    }
    Checkpoints.Completed restore = Checkpoints.latest(chk);
    Path idFile = state.resolve("job.txt");
    if (restore != null && Files.exists(idFile)
        && !Files.readString(idFile, StandardCharsets.UTF_8).equals(identity)) {
      throw new IllegalArgumentException("the state in " + state + " belongs to another job ("
          + Files.readString(idFile, StandardCharsets.UTF_8).strip() + "); give --fresh to"
          + " start over, or another --state-dir");
    }
    Checkpoints.prune(chk, restore);
    Files.createDirectories(state);
    Files.writeString(idFile, identity, StandardCharsets.UTF_8);

    Configuration conf = base(c.parallelism());
    long interval = d.checkpointMillis() > 0 ? d.checkpointMillis()
        : KafkaIngest.CHECKPOINT_INTERVAL.toMillis();
    checkpointing(conf, chk, interval);
    PrintStream notices = d.notices() != null ? d.notices() : System.out;
    if (restore != null) {
      conf.setString("execution.state-recovery.path", restore.dir().toUri().toString());
      // The new job owns the restored checkpoint and deletes it once a newer one completes.
      conf.setString("execution.state-recovery.claim-mode", "CLAIM");
      notices.printf("resumed from checkpoint %d of %s (%s): detector state, Kafka offsets and"
          + " output files as of then%n", restore.number(), restore.time(), restore.dir());
    } else {
      UpsertJsonlSink.clear(c.alerts());
      UpsertJsonlSink.clear(c.deadLetters());
      UpsertJsonlSink.clear(c.faults());
      notices.printf("state in %s (a checkpoint every %s; after a crash the same command"
          + " resumes, --fresh starts over)%n", state, Duration.ofMillis(interval));
    }
    notices.flush();
    Run r = execute(conf, c, id);
    Checkpoints.deleteTree(state); // finished: nothing to resume
    Files.deleteIfExists(UpsertJsonlSink.frozenFile(c.alerts())); // read only by a restore
    return r;
  }

  /** Beside the alerts file: {@code alerts.jsonl} keeps its state in {@code alerts.jsonl.state/}. */
  public static Path defaultStateDir(Path alerts) {
    Path a = alerts.toAbsolutePath();
    return a.resolveSibling(a.getFileName() + ".state");
  }

  /** What must match for a checkpoint to belong to this command: input, group and detectors. */
  private static String identity(QinglangJob.Config c) {
    KafkaIngest.Options k = c.kafka();
    return "kafka " + k.bootstrap() + " topic " + k.topic() + " group " + k.group()
        + (k.bounded() ? " bounded" : "") + " alerts-topic " + k.alertsTopic()
        + " kinds " + c.kinds() + " parallelism " + c.parallelism() + "\n";
  }

  static Configuration base(int parallelism) {
    Configuration conf = new Configuration();
    conf.set(RestOptions.BIND_PORT, "0");
    conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
    conf.set(TaskManagerOptions.NUM_TASK_SLOTS, Math.max(1, parallelism));
    return conf;
  }

  private static void checkpointing(Configuration conf, Path dir, long millis) {
    conf.setString("execution.checkpointing.interval", millis + " ms");
    // Checkpoints go to files: the default in-memory storage refuses state over 5 MB, and the
    // global detectors (identity evasion, pyramid forest) hold more than that on a busy day.
    conf.setString("execution.checkpointing.storage", "filesystem");
    conf.setString("execution.checkpointing.dir", dir.toUri().toString());
    // Kept when the job is cancelled or the process dies: that is what a restart resumes.
    conf.setString("execution.checkpointing.externalized-checkpoint-retention",
        "RETAIN_ON_CANCELLATION");
    conf.setString("execution.checkpointing.num-retained", "1");
    // A slow or failed checkpoint (a full disk for a moment) does not fail the job.
    conf.setString("execution.checkpointing.tolerable-failed-checkpoints", "3");
    // A task failure restarts from the latest checkpoint instead of ending the command.
    conf.setString("restart-strategy.type", "fixed-delay");
    conf.setString("restart-strategy.fixed-delay.attempts", "3");
    conf.setString("restart-strategy.fixed-delay.delay", "1 s");
  }

  private static Run execute(Configuration conf, QinglangJob.Config c, String id)
      throws Exception {
    int parallelism = c.parallelism();
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
    QinglangJob.configure(env);
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

  /** Reads the state directory's checkpoints. */
  static final class Checkpoints {
    private Checkpoints() {}

    /** A completed checkpoint: its directory, number and when it was written. */
    record Completed(Path dir, long number, java.time.Instant time) {}

    /**
     * The latest completed checkpoint under {@code root} ({@code JOB/chk-N/_metadata}; the
     * metadata file is written last, so a checkpoint without it did not complete), or null.
     */
    static Completed latest(Path root) throws IOException {
      if (!Files.isDirectory(root)) {
        return null;
      }
      Completed best = null;
      try (var jobs = Files.list(root)) {
        for (Path job : jobs.filter(Files::isDirectory).toList()) {
          try (var chks = Files.list(job)) {
            for (Path chk : chks.filter(p -> p.getFileName().toString().startsWith("chk-"))
                .toList()) {
              Path meta = chk.resolve("_metadata");
              if (!Files.isRegularFile(meta)) {
                continue;
              }
              long n = Long.parseLong(chk.getFileName().toString().substring(4));
              java.time.Instant t = Files.getLastModifiedTime(meta).toInstant();
              if (best == null || t.isAfter(best.time())
                  || (t.equals(best.time()) && n > best.number())) {
                best = new Completed(chk, n, t);
              }
            }
          }
        }
      }
      return best;
    }

    /**
     * Deletes what no restore will read: other jobs' checkpoint directories and incomplete
     * checkpoints (a kill during a checkpoint leaves one).
     */
    static void prune(Path root, Completed keep) throws IOException {
      if (!Files.isDirectory(root)) {
        return;
      }
      Path keepJob = keep == null ? null : keep.dir().getParent();
      try (var jobs = Files.list(root)) {
        for (Path job : jobs.toList()) {
          if (!job.equals(keepJob)) {
            deleteTree(job);
            continue;
          }
          try (var chks = Files.list(job)) {
            for (Path chk : chks.filter(p -> p.getFileName().toString().startsWith("chk-"))
                .toList()) {
              if (!chk.equals(keep.dir())) {
                deleteTree(chk);
              }
            }
          }
        }
      }
    }

    /**
     * Deletes a tree that Flink may still be pruning: its checkpoint coordinator removes
     * subsumed {@code chk-N} directories asynchronously, even as the job ends, so a file can
     * vanish between listing and deleting (a CI run failed on exactly that). Vanished entries
     * are skipped; anything else that cannot be deleted is an error.
     */
    static void deleteTree(Path p) throws IOException {
      for (int attempt = 0; Files.exists(p, LinkOption.NOFOLLOW_LINKS); attempt++) {
        try {
          Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path f,
                BasicFileAttributes a) throws IOException {
              Files.deleteIfExists(f);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e)
                throws IOException {
              if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
              }
              throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e)
                throws IOException {
              if (e != null && !(e instanceof NoSuchFileException)) {
                throw e;
              }
              Files.deleteIfExists(d);
              return FileVisitResult.CONTINUE;
            }
          });
        } catch (NoSuchFileException
            | DirectoryNotEmptyException e) {
          // Something was removed or written while walking: walk again, a bounded number
          // of times, so a writer that never stops is reported rather than waited on.
          if (attempt >= 10) {
            throw e;
          }
        }
      }
    }
  }
}
