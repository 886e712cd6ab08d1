package org.qinglang.engine;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.qinglang.alert.Alert;
import org.qinglang.detect.LocalRunner;
import org.qinglang.io.AlertJson;

/**
 * Kafka at the edge of the job: events in from a topic, alert versions out to another.
 *
 * <p>Event time is assigned inside the source, per partition, with the job's usual strategy
 * (10 s bounded lateness, idle after 1 min). It cannot be assigned after the merge as the file
 * path does: the reader fetches partitions in batches, so one partition can run minutes of
 * event time ahead of another, and a watermark taken over the merged stream would call the
 * slower partition's events late. Per partition, only the producer's own lateness counts, and
 * the job's watermark is the minimum over partitions.
 */
public final class KafkaIngest {
  /** Where no group is given. */
  public static final String DEFAULT_GROUP = "qinglang";
  /** How often an unbounded job checkpoints: sinks rewrite and offsets are committed then. */
  public static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

  /**
   * The Kafka options of a run. {@code bounded}: read from the earliest offsets to the latest
   * ones seen at start, then finish (replays, tests); otherwise resume from the group's committed
   * offsets (earliest if it has none) and run until cancelled. {@code alertsTopic} may be null.
   */
  public record Options(String bootstrap, String topic, String group, boolean bounded,
      String alertsTopic) implements Serializable {
    public Options {
      if (bootstrap == null || bootstrap.isBlank()) {
        throw new IllegalArgumentException("--kafka-bootstrap HOST:PORT is required with Kafka");
      }
      if (topic == null || topic.isBlank()) {
        throw new IllegalArgumentException("--kafka-topic TOPIC is required with Kafka");
      }
      group = group == null || group.isBlank() ? DEFAULT_GROUP : group;
    }
  }

  private KafkaIngest() {}

  /** The events of the topic, parsed, with per-partition event time. */
  static DataStream<Parsed> events(StreamExecutionEnvironment env, Options o, String run) {
    KafkaSourceBuilder<Parsed> b = KafkaSource.<Parsed>builder()
        .setBootstrapServers(o.bootstrap())
        .setTopics(o.topic())
        .setGroupId(o.group())
        .setDeserializer(new KafkaEventSchema(run))
        .setProperty("client.id.prefix", "qinglang-" + o.group());
    if (o.bounded()) {
      b.setStartingOffsets(OffsetsInitializer.earliest()).setBounded(OffsetsInitializer.latest());
    } else {
      b.setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST));
    }
    return env.fromSource(b.build(), watermarks(run), "kafka " + o.topic()).uid("kafka-source")
        .setParallelism(readers(env.getParallelism(), o));
  }

  /**
   * Readers for the topic: one per partition up to the job's parallelism, so parsing, the
   * split of bad records and the routing into detector groups (everything chained to the source)
   * spread over the cores instead of one task. More readers than partitions would only sit idle
   * and, until the idleness timeout, hold the watermark back. Each reader keeps event time per
   * partition, and the job's watermark is the minimum over readers, so the result does not
   * depend on how partitions are spread over them.
   */
  static int readers(int parallelism, Options o) {
    int partitions = partitions(o);
    return Math.max(1, Math.min(parallelism, partitions));
  }

  /**
   * The topic's partition count, asked of the broker when the job is built; 1 when it cannot
   * say (a client that builds the job where the broker is not reachable), which is correct,
   * only not parallel.
   */
  static int partitions(Options o) {
    java.util.Map<String, Object> conf = java.util.Map.of(
        org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, o.bootstrap(),
        org.apache.kafka.clients.admin.AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
        org.apache.kafka.clients.admin.AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
    try (org.apache.kafka.clients.admin.Admin admin =
        org.apache.kafka.clients.admin.Admin.create(conf)) {
      return admin.describeTopics(java.util.List.of(o.topic())).allTopicNames()
          .get(20, java.util.concurrent.TimeUnit.SECONDS).get(o.topic()).partitions().size();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      org.slf4j.LoggerFactory.getLogger(KafkaIngest.class).warn(
          "could not read the partition count of topic {} ({}); reading it with one task",
          o.topic(), e.toString());
      return 1;
    }
  }

  /** The job's event-time strategy, applied per partition; bad records do not move it. */
  static WatermarkStrategy<Parsed> watermarks(String run) {
    return EventTime.strategy((p, ts) -> p.isBad() ? Long.MIN_VALUE : p.event().ts(), run);
  }

  /**
   * Every alert version to {@code topic}, keyed by alert id, so a compacted topic keeps the
   * latest version of each finding. Versions of one id go through one writer in order (keyBy),
   * or a later version could overtake an earlier one.
   *
   * <p>Exactly-once (an unbounded run, which checkpoints): records are written in a Kafka transaction per checkpoint, committed when
   * the checkpoint completes; after a crash the restored job aborts what the dead one left
   * open, so a consumer reading committed records ({@code isolation.level=read_committed})
   * sees each version once. The transactional ids start with {@link #transactionalIdPrefix},
   * stable across restarts of the same command (the restore finds and aborts its own lingering
   * transactions by it) and distinct between jobs. The transaction timeout must outlast a
   * checkpoint interval plus a restart, and stay under the broker's
   * {@code transaction.max.timeout.ms} (15 min by default).
   */
  static void alerts(DataStream<Alert> alerts, Options o) {
    // Transactions are committed on checkpoints: without them (a bounded replay, which
    // starts over each time anyway) the sink writes at-least-once.
    boolean transactional =
        alerts.getExecutionEnvironment().getCheckpointConfig().isCheckpointingEnabled();
    KafkaSink<Alert> sink = KafkaSink.<Alert>builder()
        .setBootstrapServers(o.bootstrap())
        .setDeliveryGuarantee(transactional ? DeliveryGuarantee.EXACTLY_ONCE
            : DeliveryGuarantee.AT_LEAST_ONCE)
        .setTransactionalIdPrefix(transactionalIdPrefix(o))
        .setProperty("transaction.timeout.ms", String.valueOf(TRANSACTION_TIMEOUT.toMillis()))
        .setRecordSerializer(KafkaRecordSerializationSchema.<Alert>builder()
            .setTopic(o.alertsTopic())
            .setKeySerializationSchema(new AlertKey())
            .setValueSerializationSchema(new AlertValue())
            .build())
        .build();
    alerts.keyBy(Alert::id, Types.STRING).sinkTo(sink).name("alerts to kafka " + o.alertsTopic())
        .uid("alerts-to-kafka");
  }

  /** How long an open alerts transaction may live: 10 min, under the broker's 15 min cap. */
  static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(10);

  /** One per group and alerts topic: two jobs writing at once must use different groups. */
  static String transactionalIdPrefix(Options o) {
    return "qinglang-" + o.group() + "-" + o.alertsTopic();
  }

  static final class AlertKey implements SerializationSchema<Alert> {
    @Override
    public byte[] serialize(Alert a) {
      return a.id().getBytes(StandardCharsets.UTF_8);
    }
  }

  static final class AlertValue implements SerializationSchema<Alert> {
    @Override
    public byte[] serialize(Alert a) {
      return AlertJson.toLine(a).getBytes(StandardCharsets.UTF_8);
    }
  }
}
