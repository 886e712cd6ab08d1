package org.qinglang.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qinglang.engine.LocalKafka;
import org.qinglang.io.AlertJson;
import org.qinglang.sim.Simulator;

/**
 * The "done when": Kafka input, the analysing JVM killed for real ({@code kill -9}
 * through {@link Process#destroyForcibly}) after it completed checkpoints and before it read
 * the whole topic, and the same command run again. The second run must say it resumed first,
 * and reach what a clean run reaches on the same topic: the same alert lines, no id twice, the
 * same dead letters, and the same committed records on the alerts topic (exactly-once: no
 * version written twice). The runs are unbounded, as in production: each is stopped (kill -9
 * again) once its group has committed the end of the topic, and two seconds more (several of
 * the job's 300 ms checkpoints on a quiet machine; a checkpoint takes ~8 s at load 10, see
 * docs/PERFORMANCE.md, and waiting for checkpoints there cost more than it bought).
 */
class KafkaCrashResumeTest {
  /** Longer than the job's start (a child JVM and a MiniCluster) on a loaded machine. */
  static final java.time.Duration STALL = java.time.Duration.ofSeconds(120);

  @TempDir
  Path dir;

  @Test
  void killedMidRunTheSameCommandResumesAndEndsAsACleanRun() throws Exception {
    List<Process> started = new ArrayList<>();
    long t0 = System.nanoTime();
    // The simulation (seconds of CPU) needs no broker: it runs while the broker starts.
    ExecutorService simulating = Executors.newSingleThreadExecutor();
    Future<Simulator.Result> simulated = simulating.submit(
        () -> Simulator.run(Simulator.Config.of(dir.resolve("sim"), 8, 30, 11)));
    simulating.shutdown();
    try (LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"))) {
      phase(t0, "broker up");
      Simulator.Result sim = simulated.get();
      // A bad record and one dated 2100 among the events, so dead letters are part of it.
      List<String> lines = new ArrayList<>(Files.readAllLines(sim.events(), StandardCharsets.UTF_8));
      lines.add(lines.size() / 3, "{not json");
      lines.add(lines.size() / 2, "{\"type\":\"like\",\"ts\":4102444800000,\"platform\":\"x\","
          + "\"room\":\"r-1\",\"user\":\"u-1\"}");
      Path events = dir.resolve("events.jsonl");
      Files.write(events, lines, StandardCharsets.UTF_8);
      String b = kafka.bootstrap();
      long total = KafkaCommand.produce(b, "events", 2, events, null);
      phase(t0, "simulated and produced " + total + " records");
      KafkaCommand.createTopic(b, "alerts-clean", 1, Map.of());
      KafkaCommand.createTopic(b, "alerts", 1, Map.of());

      // The reference: the same command without a crash.
      Path clean = dir.resolve("clean/alerts.jsonl");
      Process ref = start(command(b, "clean", "alerts-clean", clean), dir.resolve("clean.out"));
      started.add(ref);
      long cleanEnd = awaitEnd(kafka, "clean", ref, checkpoints(clean));
      ref.destroyForcibly().waitFor();
      phase(t0, "clean run ended at checkpoint " + cleanEnd);

      Path alerts = dir.resolve("crash/alerts.jsonl");
      List<String> command = command(b, "crash", "alerts", alerts);
      Process first = start(command, dir.resolve("first.out"));
      started.add(first);
      Path checkpoints = checkpoints(alerts);
      // It leaves this loop at its second checkpoint; the bound is for a machine under load.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
      while (completedCheckpoints(checkpoints) < 2 && first.isAlive()
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      long read = committed(kafka, "crash");
      assertThat(first.isAlive()).isTrue();
      first.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no flush, no cancel
      assertThat(read).as("killed before the end of the topic").isLessThan(total);
      phase(t0, "first run killed after 2 checkpoints, " + read + " records committed");

      Process second = start(command, dir.resolve("second.out"));
      started.add(second);
      long crashEnd = awaitEnd(kafka, "crash", second, checkpoints);
      second.destroyForcibly().waitFor();
      phase(t0, "resumed run ended at checkpoint " + crashEnd);
      List<String> said = Files.readAllLines(dir.resolve("second.out"));
      assertThat(said.get(0)).startsWith("resumed from checkpoint ");

      List<String> got = Files.readAllLines(alerts, StandardCharsets.UTF_8);
      assertThat(org.qinglang.engine.UpsertJsonlSink.frozenFile(alerts)).isNotEmptyFile();
      List<String> ids = got.stream().map(l -> {
        try {
          return AlertJson.parseAlert(l).id();
        } catch (java.io.IOException e) {
          throw new IllegalStateException(e);
        }
      }).toList();
      assertThat(ids).isNotEmpty().doesNotHaveDuplicates();
      assertThat(new TreeSet<>(got)).isEqualTo(new TreeSet<>(Files.readAllLines(clean)));
      // Sorted lists, not sets: a dead letter written twice by the resumed run must show.
      assertThat(Files.readAllLines(alerts.resolveSibling("dead-letter.jsonl")).stream().sorted())
          .containsExactlyElementsOf(Files.readAllLines(clean.resolveSibling("dead-letter.jsonl"))
              .stream().sorted().toList())
          .hasSize(2);
      // The alerts topic, read committed: no version twice (what the killed run had not
      // committed was aborted, and the replay wrote it once), and the latest version of each
      // finding is the file's, as a compacted topic keeps it.
      Map<String, Integer> crashed = records(b, "alerts");
      Map<String, Integer> reference = records(b, "alerts-clean");
      assertThat(crashed.values()).isNotEmpty().allMatch(n -> n == 1);
      assertThat(latest(b, "alerts")).isEqualTo(latest(b, "alerts-clean"));
      Map<String, String> inFile = new HashMap<>();
      for (String l : got) {
        inFile.put(AlertJson.parseAlert(l).id(), l);
      }
      assertThat(latest(b, "alerts")).isEqualTo(inFile);
      // Versions the clean run wrote that the resumed one did not (see docs/deploy.md).
      System.out.printf("alerts topic: %d committed records after the crash, %d clean%n",
          crashed.size(), reference.size());
      phase(t0, "checked");
    } finally {
      for (Process p : started) {
        p.destroyForcibly();
      }
      simulating.shutdownNow();
    }
  }

  /** Where the run writing {@code alerts} keeps its checkpoints (the default state directory). */
  private static Path checkpoints(Path alerts) {
    return alerts.resolveSibling(alerts.getFileName() + ".state").resolve("checkpoints");
  }

  /**
   * Seconds since the test began, to stdout (the surefire report): the runs' wall time moves
   * with the machine's load, and these say which phase took it.
   */
  private static void phase(long t0, String what) {
    System.out.printf("KafkaCrashResumeTest %6.1f s: %s%n", (System.nanoTime() - t0) / 1e9, what);
  }

  private static List<String> command(String bootstrap, String group, String alertsTopic,
      Path alerts) {
    return List.of("analyze", "--kafka-bootstrap", bootstrap, "--kafka-topic", "events",
        "--kafka-group", group, "--alerts-topic", alertsTopic, "--alerts", alerts.toString(),
        "--parallelism", "2", "--checkpoint-interval", "300", "--no-progress");
  }

  /**
   * Until the group has committed the end of every partition (at a checkpoint), then two
   * seconds more: the watermark that follows the last events reaches the detectors and the
   * checkpoints after it commit the files. Returns the latest completed checkpoint's number.
   * A run fails when its commits stop moving for
   * {@link #STALL}, not when it is merely slow: on a machine shared with other builds the
   * clean run once needed more than a fixed 150 s while committing all along.
   */
  private static long awaitEnd(LocalKafka kafka, String group, Process p, Path checkpoints)
      throws Exception {
    long cap = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    long stalled = System.nanoTime() + STALL.toNanos();
    long seen = -1;
    try (var admin = kafka.admin()) {
      while (true) {
        assertThat(p.isAlive()).as("analysis of group " + group + " running").isTrue();
        long now = System.nanoTime();
        assertThat(now).as("group " + group + " commits progress within " + STALL).isLessThan(stalled);
        assertThat(now).as("group " + group + " reaches the end within 10 min").isLessThan(cap);
        var offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
            .get(10, TimeUnit.SECONDS);
        long sum = offsets.values().stream().mapToLong(o -> o.offset()).sum();
        if (sum > seen) {
          seen = sum;
          stalled = now + STALL.toNanos();
        }
        Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new HashMap<>();
        for (int i = 0; i < 2; i++) {
          latest.put(new TopicPartition("events", i),
              org.apache.kafka.clients.admin.OffsetSpec.latest());
        }
        var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
        boolean done = true;
        for (var e : ends.entrySet()) {
          var c = offsets.get(e.getKey());
          done &= c != null && c.offset() >= e.getValue().offset();
        }
        if (done) {
          break;
        }
        Thread.sleep(100);
      }
    }
    Thread.sleep(2000);
    return latestCheckpoint(checkpoints);
  }

  /**
   * The number of the latest checkpoint whose metadata (written last) exists, or 0. A resumed
   * job continues its predecessor's numbers.
   */
  private static long latestCheckpoint(Path root) throws Exception {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    long latest = 0;
    List<Path> jobs;
    try (var s = Files.list(root)) {
      jobs = s.toList();
    }
    for (Path job : jobs) {
      // Flink deletes older checkpoints (and a resumed job its predecessor's) meanwhile; the
      // one it is writing or has just completed is never among them.
      try (var s = Files.list(job)) {
        for (Path c : s.toList()) {
          String n = c.getFileName().toString();
          if (n.startsWith("chk-") && Files.exists(c.resolve("_metadata"))) {
            latest = Math.max(latest, Long.parseLong(n.substring(4)));
          }
        }
      } catch (java.io.IOException | java.io.UncheckedIOException gone) {
        // a directory deleted while listed
      }
    }
    return latest;
  }

  /** Records the group has committed, over both partitions. */
  private static long committed(LocalKafka kafka, String group) throws Exception {
    try (var admin = kafka.admin()) {
      return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
          .get(10, TimeUnit.SECONDS).values().stream().mapToLong(o -> o.offset()).sum();
    }
  }

  /** The CLI in a child JVM, as {@code ./qinglang} starts it. */
  private static Process start(List<String> args, Path output) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
        // Alerts left alone for two checkpoints are frozen out of memory into a file beside
        // the alerts: the kill and the restore go through it.
        "-Dqinglang.alerts.freezeAfter=2"));
    for (String pkg : List.of("java.lang", "java.util", "java.util.concurrent",
        "java.util.concurrent.atomic", "java.lang.reflect", "java.io", "java.nio", "java.net",
        "java.time", "java.text", "sun.nio.ch")) {
      cmd.add("--add-opens=java.base/" + pkg + "=ALL-UNNAMED");
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(args);
    Files.createDirectories(output.getParent());
    return new ProcessBuilder(cmd).redirectErrorStream(false)
        .redirectOutput(output.toFile())
        .redirectError(new File(output + ".err")).start();
  }

  /** Checkpoints whose metadata (written last) exists. */
  private static int completedCheckpoints(Path root) throws Exception {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    try (var all = Files.walk(root, 3)) {
      return (int) all.filter(p -> p.getFileName().toString().equals("_metadata")).count();
    }
  }

  /** The last committed value per key of a one-partition topic, in offset order. */
  private static Map<String, String> latest(String bootstrap, String topic) {
    Map<String, String> last = new HashMap<>();
    consume(bootstrap, topic, r -> last.put(r.key(), r.value()));
    return last;
  }

  /** Every committed record of a one-partition topic, as "key value", counted. */
  private static Map<String, Integer> records(String bootstrap, String topic) {
    Map<String, Integer> seen = new HashMap<>();
    consume(bootstrap, topic, r -> seen.merge(r.key() + " " + r.value(), 1, Integer::sum));
    return seen;
  }

  private static void consume(String bootstrap, String topic,
      java.util.function.Consumer<ConsumerRecord<String, String>> each) {
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
      TopicPartition tp = new TopicPartition(topic, 0);
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      long end = c.endOffsets(List.of(tp)).get(tp);
      while (c.position(tp) < end) {
        c.poll(Duration.ofSeconds(1)).forEach(each);
      }
    }
  }
}
