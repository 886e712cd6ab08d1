package org.qinglang.engine;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.qinglang.event.Event;
import org.qinglang.io.BadLineException;
import org.qinglang.io.EventParser;

/**
 * One Kafka record = one JSON Lines event (the record value, UTF-8), parsed as strictly as a
 * file line. A bad record is passed on in-band like a bad file line, with
 * {@code kafka:TOPIC/PARTITION} as its source and the offset as its line number: that pair
 * names the record for good, so a replay sets it aside under the same key. A record whose
 * {@code ts} is implausible ({@link TimeGuard}) is set aside the same way, with that reason: it
 * never gets an event time, so it cannot move its partition's watermark.
 */
final class KafkaEventSchema implements KafkaRecordDeserializationSchema<Parsed> {
  private static final int MAX_RAW = 2000;

  private final String run;
  private transient EventParser parser;
  // One for all partitions: "ahead of the stream's time" only needs an upper bound, and the
  // latest time over partitions is the most lenient one.
  private transient TimeGuard clock;
  private transient Progress progress;

  /** {@code run} names the in-process {@link Progress} counters to update (may be null). */
  KafkaEventSchema(String run) {
    this.run = run;
  }

  @Override
  public void open(DeserializationSchema.InitializationContext context) {
    parser = new EventParser();
    clock = new TimeGuard();
    progress = run == null ? null : Progress.of(run);
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Parsed> out) {
    if (parser == null) {
      open(null);
    }
    byte[] v = record.value();
    int len = v == null ? 0 : trimmedLength(v);
    if (progress != null && v != null) {
      progress.bytes.addAndGet(v.length);
    }
    String reason;
    if (v == null) {
      reason = "record has no value (a tombstone is not an event)";
    } else if (len == 0) {
      reason = "empty record";
    } else {
      try {
        Event e = parser.parse(v, 0, len);
        reason = clock.check(e.ts());
        if (reason == null) {
          if (progress != null) {
            progress.byType.incrementAndGet(e.type().ordinal());
          }
          out.collect(Parsed.ok(e));
          return;
        }
      } catch (BadLineException ex) {
        reason = ex.getMessage();
      }
    }
    if (progress != null) {
      progress.badLines.incrementAndGet();
    }
    String raw = v == null ? "" : new String(v, 0, Math.min(v.length, MAX_RAW), StandardCharsets.UTF_8);
    out.collect(Parsed.bad(source(record.topic(), record.partition()), record.offset(), reason, raw));
  }

  /** The dead-letter source name of a partition. */
  static String source(String topic, int partition) {
    return "kafka:" + topic + "/" + partition;
  }

  /**
   * Producers that forward file lines often keep the line end; it is framing, not content,
   * exactly as in a file. Anything else stays for the parser to judge.
   */
  private static int trimmedLength(byte[] v) {
    int n = v.length;
    while (n > 0 && (v[n - 1] == '\n' || v[n - 1] == '\r')) {
      n--;
    }
    return n;
  }

  @Override
  public TypeInformation<Parsed> getProducedType() {
    return TypeInformation.of(Parsed.class);
  }
}
