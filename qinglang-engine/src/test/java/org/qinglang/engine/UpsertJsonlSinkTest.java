package org.qinglang.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.connector.sink2.Committer;
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
    // Closing (as on a failure) publishes nothing; a checkpoint's commit does.
    assertThat(Files.readAllLines(file)).containsExactly("{\"a\":\"2\"}", "{\"b\":\"1\"}");
    commit(sink, (UpsertJsonlSink.Writer<String>) again);
    assertThat(Files.readAllLines(file))
        .containsExactly("{\"a\":\"2\"}", "{\"b\":\"3\"}", "{\"中\":\"文\"}");
  }

  /**
   * Two-phase: what a checkpoint prepared reaches the file only when the checkpoint completes;
   * a crash in between leaves the previous checkpoint's file, which the restore agrees with,
   * and the stale pending file is removed by the restored writer.
   */
  @Test
  void nothingReachesTheFileBeforeItsCheckpointCommits() throws Exception {
    Path file = dir.resolve("out.jsonl");
    UpsertJsonlSink<String> sink = new UpsertJsonlSink<>(file, new KeyValue());
    UpsertJsonlSink.Writer<String> w = sink.createWriter(null);
    w.write("a=1", null);
    commit(sink, w); // checkpoint 1 completes
    byte[] one = sink.getWriterStateSerializer().serialize(w.snapshotState(1).get(0));
    w.write("a=2", null);
    w.write("b=1", null);
    var prepared = w.prepareCommit(); // checkpoint 2 taken, not completed: then a kill -9
    assertThat(prepared).hasSize(1);
    assertThat(Files.readAllLines(file)).containsExactly("{\"a\":\"1\"}");
    // Nothing new, nothing to commit.
    assertThat(w.prepareCommit()).isEmpty();

    var restored = sink.getWriterStateSerializer().deserialize(1, one);
    sink.restoreWriter(null, List.of(restored));
    assertThat(Files.readAllLines(file)).containsExactly("{\"a\":\"1\"}");
    assertThat(Files.exists(Path.of(prepared.iterator().next()))).isFalse();
    // Flink hands the restored checkpoint's committable again: already done, skipped.
    List<Committer.CommitRequest<String>> again = List.of(request(prepared.iterator().next()));
    sink.createCommitter(null).commit(again);
    assertThat(Files.readAllLines(file)).containsExactly("{\"a\":\"1\"}");
    try (var left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly("out.jsonl");
    }
  }

  static void commit(UpsertJsonlSink<String> sink, UpsertJsonlSink.Writer<String> w)
      throws Exception {
    List<Committer.CommitRequest<String>> rs = new java.util.ArrayList<>();
    for (String c : w.prepareCommit()) {
      rs.add(request(c));
    }
    sink.createCommitter(null).commit(rs);
  }

  static Committer.CommitRequest<String> request(String committable) {
    return new Committer.CommitRequest<>() {
      @Override
      public String getCommittable() {
        return committable;
      }

      @Override
      public int getNumberOfRetries() {
        return 0;
      }

      @Override
      public void signalFailedWithKnownReason(Throwable t) {
        throw new AssertionError(t);
      }

      @Override
      public void signalFailedWithUnknownReason(Throwable t) {
        throw new AssertionError(t);
      }

      @Override
      public void retryLater() {}

      @Override
      public void updateAndRetryLater(String c) {}

      @Override
      public void signalAlreadyCommitted() {}
    };
  }

  @Test
  void aFreshWriterStartsAnEmptyFile() throws Exception {
    Path file = dir.resolve("out.jsonl");
    Files.writeString(file, "{\"old\":\"run\"}\n");
    new UpsertJsonlSink<>(file, new KeyValue()).createWriter(null);
    assertThat(Files.readAllLines(file)).isEmpty();
  }
}
