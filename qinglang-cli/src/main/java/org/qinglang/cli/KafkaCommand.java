package org.qinglang.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.qinglang.detect.OrderLinker;
import org.qinglang.engine.LocalKafka;
import org.qinglang.event.Event;
import org.qinglang.io.BadLineException;
import org.qinglang.io.EventParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qinglang kafka serve | produce}: a local Kafka to try the Kafka path with. */
@Command(name = "kafka", mixinStandardHelpOptions = true,
    description = "A local Kafka for trying the Kafka path: serve a broker, produce events into it.",
    subcommands = {KafkaCommand.Serve.class, KafkaCommand.Produce.class})
public final class KafkaCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.out.println("give a subcommand: serve or produce (qinglang kafka --help)");
    return 2;
  }

  /** {@code qinglang kafka serve}. */
  @Command(name = "serve", mixinStandardHelpOptions = true,
      description = {"Starts a single-node Kafka broker (KRaft: broker and controller in one",
          "process) on 127.0.0.1, for development and trying things out: the same broker the",
          "tests use. Storage under --data is kept: topics survive a restart. Runs until",
          "stopped (Ctrl-C). Plain text, no authentication: not for production."})
  static final class Serve implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "9092", description = "Broker port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data", defaultValue = "kafka-data", description = "Storage directory (default ${DEFAULT-VALUE}).")
    Path data;

    @Override
    public Integer call() throws Exception {
      LocalKafka k = LocalKafka.start(data, port);
      Runtime.getRuntime().addShutdownHook(new Thread(k::close, "kafka-stop"));
      System.out.println("kafka: " + k.bootstrap() + "  (storage " + data.toAbsolutePath()
          + "; Ctrl-C to stop)");
      Thread.currentThread().join();
      return 0;
    }
  }

  /** {@code qinglang kafka produce}. */
  @Command(name = "produce", mixinStandardHelpOptions = true,
      description = {"Loads an event file (JSONL or JSONL.gz) into a topic, one line per",
          "record, keyed by room (events without a room by user, then by order), so a room's",
          "events keep their order in one partition. Creates the topic with --partitions if it",
          "does not exist. A line that is not a valid event is sent as it is, unkeyed: the",
          "engine sets it aside as a dead letter."})
  static final class Produce implements Callable<Integer> {
    @Option(names = "--bootstrap", required = true, paramLabel = "HOST:PORT", description = "Kafka brokers.")
    String bootstrap;

    @Option(names = "--topic", required = true, description = "The events topic.")
    String topic;

    @Option(names = "--partitions", defaultValue = "3", description = "Partitions of a new topic (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--input", required = true, description = "Events, .jsonl or .jsonl.gz.")
    Path input;

    @Option(names = "--no-progress", description = "No progress line, even on a terminal.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
      long n = produce(bootstrap, topic, partitions, input,
          !noProgress && System.console() != null ? System.out : null);
      System.out.printf("produced %,d records from %s to %s on %s%n", n, input, topic, bootstrap);
      return 0;
    }
  }

  /** Creates {@code topic} unless it exists. */
  static void createTopic(String bootstrap, String topic, int partitions,
      Map<String, String> configs) throws Exception {
    try (Admin a = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      a.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(configs)))
          .all().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }

  /**
   * Sends every non-blank line of {@code input} to {@code topic}, keyed by room; returns the
   * number of records. {@code progress} (may be null) gets a progress line.
   */
  static long produce(String bootstrap, String topic, int partitions, Path input,
      PrintStream progress) throws Exception {
    createTopic(bootstrap, topic, partitions, Map.of());
    long size = Files.size(input);
    EventParser parser = new EventParser();
    long n = 0;
    try (var counted = new CountingStream(Files.newInputStream(input));
        var reader = new java.io.BufferedReader(new java.io.InputStreamReader(
            gz(input) ? new GZIPInputStream(counted, 1 << 16) : counted, StandardCharsets.UTF_8),
            1 << 16);
        KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
            ProducerConfig.LINGER_MS_CONFIG, 20,
            ProducerConfig.ACKS_CONFIG, "all",
            // Retries must not reorder a room's events.
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true))) {
      String line;
      long last = 0;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        p.send(new ProducerRecord<>(topic, key(parser, line), line));
        n++;
        if (progress != null && System.nanoTime() - last > 250_000_000L) {
          last = System.nanoTime();
          double share = size == 0 ? 1 : Math.min(1, counted.count / (double) size);
          int filled = (int) (share * 30);
          progress.printf("\r[%s%s] %5.1f%%  %,d records   ", "#".repeat(filled),
              " ".repeat(30 - filled), share * 100, n);
          progress.flush();
        }
      }
      p.flush();
    }
    if (progress != null) {
      progress.print("\r" + " ".repeat(60) + "\r");
    }
    return n;
  }

  /**
   * The producer convention of docs/deploy.md: by room, else by user, else by order; a line
   * that is not a valid event has no key.
   */
  static String key(EventParser parser, String line) {
    Event e;
    try {
      e = parser.parse(line);
    } catch (BadLineException ex) {
      return null;
    }
    if (e.room() != null) {
      return e.room();
    }
    if (e.user() != null) {
      return e.user();
    }
    return OrderLinker.orderOf(e);
  }

  private static boolean gz(Path p) throws java.io.IOException {
    try (InputStream in = Files.newInputStream(p)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    }
  }

  /** Counts the bytes read from the file, for the progress line. */
  private static final class CountingStream extends java.io.FilterInputStream {
    long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws java.io.IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws java.io.IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
