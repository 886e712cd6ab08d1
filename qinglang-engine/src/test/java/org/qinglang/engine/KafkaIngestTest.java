package org.qinglang.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qinglang.alert.Alert;
import org.qinglang.detect.OrderLinker;
import org.qinglang.event.Event;
import org.qinglang.io.AlertJson;
import org.qinglang.io.EventParser;
import org.qinglang.io.Json;
import org.qinglang.sim.Simulator;

/**
 * The job reading a real (in-process) Kafka broker: a simulated evening spread over two
 * partitions, with bad records among the events, must give the same findings as the same
 * events read from a file; bad records are set aside by partition and offset; a replay
 * rewrites the same alerts.
 */
class KafkaIngestTest {
  private static final String TOPIC = "events";
  private static final String ALERTS_TOPIC = "alerts";

  @TempDir
  static Path dir;
  static LocalKafka kafka;
  static Simulator.Result sim;
  static List<Alert> fileAlerts;
  /** Dead-letter source and line ("kafka:events/P:OFFSET") of each bad record sent. */
  static Map<String, String> badSent = new TreeMap<>();
  static long goodSent;

  static final Path ALERTS = Path.of("kafka-alerts.jsonl");
  static final Path DEAD = Path.of("kafka-dead.jsonl");
  static String firstRun;

  @BeforeAll
  static void startAndProduce() throws Exception {
    // The broker starts while the evening is simulated and read from its file.
    CompletableFuture<LocalKafka> broker = CompletableFuture.supplyAsync(() -> {
      try {
        return LocalKafka.start(dir.resolve("kafka"));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    sim = Simulator.run(Simulator.Config.of(dir.resolve("sim"), 12, 40, 5));
    Path fileOut = dir.resolve("file-alerts.jsonl");
    Engine.run(List.of(sim.events()), fileOut, dir.resolve("file-dead.jsonl"), List.of(), 2, null);
    fileAlerts = AlertJson.readAlerts(fileOut);
    kafka = broker.get(2, TimeUnit.MINUTES);
    kafka.createTopic(TOPIC, 2, Map.of());
    kafka.createTopic(ALERTS_TOPIC, 1, Map.of("cleanup.policy", "compact"));

    String[] bad = {
        "{not json",
        "{\"type\":\"teleport\",\"ts\":1,\"platform\":\"x\"}",
        "{\"type\":\"comment\",\"ts\":1732345678901,\"platform\":\"douyin\",\"room\":\"r-x\"}",
        "",
        null, // a tombstone
        // Valid, but dated 2100: were it let through, the partition's watermark would jump
        // and every detector's state would expire. The alerts below must still equal the file
        // run's.
        "{\"type\":\"comment\",\"ts\":4102444800000,\"platform\":\"douyin\",\"room\":\"r-x\","
            + "\"user\":\"u-x\",\"text\":\"hi\"}",
    };
    EventParser parser = new EventParser();
    try (KafkaProducer<String, String> p = producer()) {
      List<String> lines = Files.readAllLines(sim.events(), StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        if (i % 5000 == 2500 && i / 5000 < bad.length) {
          // A bad record among good ones, on a chosen partition, keyed like a neighbour.
          int partition = (i / 5000) % 2;
          RecordMetadata m = p.send(new ProducerRecord<>(TOPIC, partition, "bad", bad[i / 5000])).get();
          badSent.put(KafkaEventSchema.source(TOPIC, m.partition()) + ":" + m.offset(),
              bad[i / 5000] == null ? "" : bad[i / 5000]);
        }
        Event e = parser.parse(lines.get(i));
        p.send(new ProducerRecord<>(TOPIC, key(e), lines.get(i)));
        goodSent++;
      }
      p.flush();
    }
    assertThat(badSent).hasSize(bad.length);
    assertThat(goodSent).isEqualTo(sim.eventCount());

    firstRun = UUID.randomUUID().toString();
    runBounded(firstRun);
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }

  /**
   * Producers key by room, so a room's events keep their order in one partition; events
   * without a room by account, then by order.
   */
  static String key(Event e) {
    if (e.room() != null) {
      return e.room();
    }
    if (e.user() != null) {
      return e.user();
    }
    String order = OrderLinker.orderOf(e);
    return order != null ? order : e.type().wire();
  }

  static void runBounded(String run) throws Exception {
    Engine.run(new QinglangJob.Config(List.of(), dir.resolve(ALERTS), dir.resolve(DEAD), List.of(),
        2, run, new KafkaIngest.Options(kafka.bootstrap(), TOPIC, "test", true, ALERTS_TOPIC)));
  }

  @Test
  void kafkaRunFindsWhatTheFileRunFinds() throws Exception {
    List<Alert> fromKafka = AlertJson.readAlerts(dir.resolve(ALERTS));
    assertThat(fileAlerts).isNotEmpty();
    assertThat(ids(fromKafka)).isEqualTo(ids(fileAlerts));
    // Not only the same findings: the same figures and evidence, as events were seen in the
    // same event-time order.
    assertThat(new TreeSet<>(Files.readAllLines(dir.resolve(ALERTS), StandardCharsets.UTF_8)))
        .isEqualTo(new TreeSet<>(Files.readAllLines(dir.resolve("file-alerts.jsonl"),
            StandardCharsets.UTF_8)));
    // Nothing valid lost, every bad record counted.
    assertThat(Progress.of(firstRun).events()).isEqualTo(goodSent);
    assertThat(Progress.of(firstRun).badLines.get()).isEqualTo(badSent.size());
  }

  @Test
  void theTopicIsReadByOneTaskPerPartitionUpToTheParallelism() {
    var o = new KafkaIngest.Options(kafka.bootstrap(), TOPIC, "test", true, null);
    // The run above read the two partitions with two tasks; its findings are the file run's.
    assertThat(KafkaIngest.readers(2, o)).isEqualTo(2);
    assertThat(KafkaIngest.readers(8, o)).isEqualTo(2);
    assertThat(KafkaIngest.readers(1, o)).isEqualTo(1);
  }

  @Test
  void badRecordsAreSetAsideByPartitionAndOffset() throws Exception {
    Map<String, Map<String, Object>> dead = new TreeMap<>();
    for (String line : Files.readAllLines(dir.resolve(DEAD), StandardCharsets.UTF_8)) {
      Map<String, Object> m = Json.MAPPER.readValue(line, Map.class);
      dead.put(m.get("source") + ":" + m.get("line"), m);
    }
    assertThat(dead.keySet()).isEqualTo(badSent.keySet());
    for (var e : dead.entrySet()) {
      assertThat(e.getValue().get("raw")).isEqualTo(badSent.get(e.getKey()));
    }
    List<String> reasons = dead.values().stream().map(m -> (String) m.get("reason")).toList();
    assertThat(reasons).anyMatch(r -> r.contains("invalid JSON"))
        .anyMatch(r -> r.contains("unknown type 'teleport'"))
        .anyMatch(r -> r.contains("missing required field 'user'"))
        .anyMatch(r -> r.equals("empty record"))
        .anyMatch(r -> r.contains("tombstone"))
        .anyMatch(r -> r.startsWith("implausible ts 4102444800000: more than 24 h ahead"));
  }

  @Test
  void alertsTopicHoldsEveryFindingKeyedByIdWithItsLatestVersionLast() throws Exception {
    Map<String, String> latest = new HashMap<>();
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap(),
        // The alerts are written in transactions: only committed ones count.
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
      TopicPartition tp = new TopicPartition(ALERTS_TOPIC, 0);
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      long end = c.endOffsets(List.of(tp)).get(tp);
      while (c.position(tp) < end) {
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofSeconds(1))) {
          latest.put(r.key(), r.value());
        }
      }
    }
    Map<String, String> inFile = new HashMap<>();
    for (String line : Files.readAllLines(dir.resolve(ALERTS), StandardCharsets.UTF_8)) {
      inFile.put(AlertJson.parseAlert(line).id(), line);
    }
    assertThat(latest).isNotEmpty().isEqualTo(inFile);
  }

  @Test
  void aBoundedReplayRewritesTheSameAlertsWithoutDuplicates() throws Exception {
    Set<String> before = new TreeSet<>(Files.readAllLines(dir.resolve(ALERTS), StandardCharsets.UTF_8));
    Set<String> deadBefore = new TreeSet<>(Files.readAllLines(dir.resolve(DEAD), StandardCharsets.UTF_8));
    runBounded(UUID.randomUUID().toString());
    List<String> after = Files.readAllLines(dir.resolve(ALERTS), StandardCharsets.UTF_8);
    List<String> ids = new ArrayList<>();
    for (String line : after) {
      ids.add(AlertJson.parseAlert(line).id());
    }
    assertThat(ids).doesNotHaveDuplicates().isNotEmpty();
    assertThat(new TreeSet<>(after)).isEqualTo(before);
    List<String> deadAfter = Files.readAllLines(dir.resolve(DEAD), StandardCharsets.UTF_8);
    assertThat(deadAfter).doesNotHaveDuplicates();
    assertThat(new TreeSet<>(deadAfter)).isEqualTo(deadBefore);
  }

  private static KafkaProducer<String, String> producer() {
    return new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap(),
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
        ProducerConfig.LINGER_MS_CONFIG, 5,
        ProducerConfig.ACKS_CONFIG, "all"));
  }

  private static Map<String, String> ids(List<Alert> alerts) {
    Map<String, String> m = new TreeMap<>();
    for (Alert a : alerts) {
      m.put(a.id(), a.kind() + "@" + a.room());
    }
    return m;
  }
}
