package org.qinglang.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upsert file sink across a failover: what was checkpointed is back in the file. */
class UpsertJsonlSinkTest {
  /** "key=value" records, upserted by key. */
  static final class KeyValue implements UpsertJsonlSink.Codec<String> {
    @Override
    public String key(String s) {
      return s.substring(0, s.indexOf('='));
    }

    @Override
    public String line(String s) {
      return "{\"" + key(s) + "\":\"" + s.substring(s.indexOf('=') + 1) + "\"}";
    }
  }

  @TempDir
  Path dir;

  @Test
  void aRestoredWriterRewritesTheCheckpointedRecordsAndUpsertsOnTop() throws Exception {
    Path file = dir.resolve("out.jsonl");
    UpsertJsonlSink<String> sink = new UpsertJsonlSink<>(file, new KeyValue());
    StatefulSinkWriter<String, UpsertJsonlSink.Lines> w = sink.createWriter(null);
    w.write("a=1", null);
    w.write("b=1", null);
    w.write("a=2", null);
    w.flush(false);
    var serializer = sink.getWriterStateSerializer();
    byte[] checkpoint = serializer.serialize(w.snapshotState(1).get(0));
    w.write("c=lost", null); // after the checkpoint: the source replays it after a failover

    UpsertJsonlSink.Lines restored = serializer.deserialize(serializer.getVersion(), checkpoint);
    StatefulSinkWriter<String, UpsertJsonlSink.Lines> again =
        sink.restoreWriter(null, List.of(restored));
    assertThat(Files.readAllLines(file)).containsExactly("{\"a\":\"2\"}", "{\"b\":\"1\"}");
    again.write("b=3", null);
    again.write("中=文", null);
    again.close();
    assertThat(Files.readAllLines(file))
        .containsExactly("{\"a\":\"2\"}", "{\"b\":\"3\"}", "{\"中\":\"文\"}");
  }

  @Test
  void aFreshWriterStartsAnEmptyFile() throws Exception {
    Path file = dir.resolve("out.jsonl");
    Files.writeString(file, "{\"old\":\"run\"}\n");
    new UpsertJsonlSink<>(file, new KeyValue()).createWriter(null);
    assertThat(Files.readAllLines(file)).isEmpty();
  }
}
