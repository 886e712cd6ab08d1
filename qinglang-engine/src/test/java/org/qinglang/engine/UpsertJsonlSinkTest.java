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

    var restored = sink.getWriterStateSerializer().deserialize(
        sink.getWriterStateSerializer().getVersion(), one);
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

  /** One checkpoint, completed: prepare, snapshot (as Flink does, in that order), commit. */
  static byte[] checkpoint(UpsertJsonlSink<String> sink, UpsertJsonlSink.Writer<String> w)
      throws Exception {
    List<Committer.CommitRequest<String>> rs = new java.util.ArrayList<>();
    for (String c : w.prepareCommit()) {
      rs.add(request(c));
    }
    byte[] state = sink.getWriterStateSerializer().serialize(w.snapshotState(1).get(0));
    sink.createCommitter(null).commit(rs);
    return state;
  }

  static UpsertJsonlSink.Writer<String> restore(UpsertJsonlSink<String> sink, byte[] state)
      throws Exception {
    var s = sink.getWriterStateSerializer();
    return sink.restoreWriter(null, List.of(s.deserialize(s.getVersion(), state)));
  }

  /**
   * A long run: findings that are over are frozen out of memory and out of the checkpoint (a
   * key and an offset stay), the one still growing stays open, and the file keeps every
   * record's latest line once.
   */
  @Test
  void recordsLeftAloneAreFrozenAndTheFileStillHoldsEachOnce() throws Exception {
    Path file = dir.resolve("out.jsonl");
    UpsertJsonlSink<String> sink = new UpsertJsonlSink<>(file, new KeyValue(), 3);
    var w = sink.createWriter(null);
    String evidence = "e".repeat(1_000); // an alert line is a few KiB, its key a few dozen bytes
    byte[] last = null;
    for (int c = 0; c < 20; c++) {
      for (int i = 0; i < 100; i++) {
        w.write("k" + c + "x" + i + "=" + c + evidence, null); // written once, never again
      }
      w.write("grows=" + c, null);
      last = checkpoint(sink, w);
    }
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(2_001).doesNotHaveDuplicates()
        .contains("{\"k0x0\":\"0" + evidence + "\"}", "{\"k19x99\":\"19" + evidence + "\"}",
            "{\"grows\":\"19\"}")
        .noneMatch(l -> l.startsWith("{\"grows\"") && !l.equals("{\"grows\":\"19\"}"));
    // Open: the records of the last three checkpoints and the one that grows.
    assertThat(w.openRecords()).isEqualTo(301);
    var state = sink.getWriterStateSerializer().deserialize(2, last);
    assertThat(state.keys()).hasSize(301);
    assertThat(state.frozen()).hasSize(1_700);
    // What the checkpoint holds per record frozen: a key and an offset, not the line. Every
    // line would be 2 MB; the open ones and the frozen keys are a sixth of it.
    long everyLine = lines.stream().mapToLong(l -> l.length() + 16).sum();
    assertThat((long) last.length).isLessThan(everyLine / 6);
    assertThat(UpsertJsonlSink.frozenFile(file)).exists();

    // Two records frozen long ago grow again: their old lines, somewhere in 2 MB of frozen
    // lines read in 64 KiB blocks, are left out; every other line is copied whole.
    w.write("k0x5=again", null);
    w.write("k7x50=again", null);
    checkpoint(sink, w);
    List<String> expected = new java.util.ArrayList<>(lines);
    expected.replaceAll(l -> l.startsWith("{\"k0x5\"") || l.startsWith("{\"k7x50\"")
        ? l.substring(0, l.indexOf(':') + 1) + "\"again\"}" : l);
    assertThat(Files.readAllLines(file)).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void aFrozenRecordWrittenAgainIsOpenedAndItsOldLineSkipped() throws Exception {
    Path file = dir.resolve("out.jsonl");
    UpsertJsonlSink<String> sink = new UpsertJsonlSink<>(file, new KeyValue(), 1);
    var w = sink.createWriter(null);
    w.write("a=1", null);
    w.write("b=1", null);
    checkpoint(sink, w);
    w.write("c=1", null);
    checkpoint(sink, w); // a and b frozen
    assertThat(w.openRecords()).isEqualTo(1);
    w.write("b=1", null); // the same line again (a replay): nothing to write
    assertThat(w.prepareCommit()).isEmpty();
    w.write("b=2", null);
    checkpoint(sink, w);
    assertThat(Files.readAllLines(file)).containsExactlyInAnyOrder(
        "{\"a\":\"1\"}", "{\"b\":\"2\"}", "{\"c\":\"1\"}");
    w.write("d=1", null);
    checkpoint(sink, w); // b frozen again, after its old line
    w.write("e=1", null);
    byte[] state = checkpoint(sink, w);
    assertThat(Files.readAllLines(file)).containsExactlyInAnyOrder("{\"a\":\"1\"}",
        "{\"b\":\"2\"}", "{\"c\":\"1\"}", "{\"d\":\"1\"}", "{\"e\":\"1\"}");
    // The restored writer writes the same file from the frozen file and its checkpoint.
    restore(sink, state);
    assertThat(Files.readAllLines(file)).containsExactlyInAnyOrder("{\"a\":\"1\"}",
        "{\"b\":\"2\"}", "{\"c\":\"1\"}", "{\"d\":\"1\"}", "{\"e\":\"1\"}");
  }

  /**
   * kill -9 after later checkpoints froze more records but before any completed: the restore
   * cuts the frozen file back to its checkpoint's length, and the replay freezes them again.
   */
  @Test
  void aRestoreCutsTheFrozenFileBackToItsCheckpoint() throws Exception {
    Path file = dir.resolve("out.jsonl");
    UpsertJsonlSink<String> sink = new UpsertJsonlSink<>(file, new KeyValue(), 1);
    var w = sink.createWriter(null);
    w.write("a=1", null);
    checkpoint(sink, w);
    w.write("b=1", null);
    byte[] one = checkpoint(sink, w); // a frozen
    long frozenAtOne = Files.size(UpsertJsonlSink.frozenFile(file));
    w.write("c=1", null);
    w.prepareCommit(); // b frozen, checkpoint never completes
    w.write("a=3", null);
    w.prepareCommit(); // c frozen, a opened again
    assertThat(Files.size(UpsertJsonlSink.frozenFile(file))).isGreaterThan(frozenAtOne);

    var again = restore(sink, one);
    assertThat(Files.size(UpsertJsonlSink.frozenFile(file))).isEqualTo(frozenAtOne);
    assertThat(Files.readAllLines(file)).containsExactly("{\"a\":\"1\"}", "{\"b\":\"1\"}");
    again.write("c=1", null);
    again.write("a=3", null);
    checkpoint(sink, again);
    assertThat(Files.readAllLines(file)).containsExactlyInAnyOrder(
        "{\"a\":\"3\"}", "{\"b\":\"1\"}", "{\"c\":\"1\"}");

    Files.delete(UpsertJsonlSink.frozenFile(file));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> restore(sink, one))
        .hasMessageContaining("was it deleted or cut?");
  }

  /** A checkpoint of the sink before records froze (every line in it) is read as all open. */
  @Test
  void aStateOfVersionOneIsReadAsEveryRecordOpen() throws Exception {
    Path file = dir.resolve("out.jsonl");
    UpsertJsonlSink<String> sink = new UpsertJsonlSink<>(file, new KeyValue());
    var l = sink.getWriterStateSerializer().deserialize(1,
        versionOne(List.of("a"), List.of("{\"a\":\"1\"}")));
    sink.restoreWriter(null, List.of(l));
    assertThat(Files.readAllLines(file)).containsExactly("{\"a\":\"1\"}");
  }

  /** A state as version 1 wrote it: a count, then key and line as length and UTF-8 bytes. */
  static byte[] versionOne(List<String> keys, List<String> lines) throws java.io.IOException {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    try (var out = new java.io.DataOutputStream(b)) {
      out.writeInt(keys.size());
      for (int i = 0; i < keys.size(); i++) {
        for (String s : List.of(keys.get(i), lines.get(i))) {
          byte[] u = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
          out.writeInt(u.length);
          out.write(u);
        }
      }
    }
    return b.toByteArray();
  }

  @Test
  void aFreshWriterStartsAnEmptyFile() throws Exception {
    Path file = dir.resolve("out.jsonl");
    Files.writeString(file, "{\"old\":\"run\"}\n");
    new UpsertJsonlSink<>(file, new KeyValue()).createWriter(null);
    assertThat(Files.readAllLines(file)).isEmpty();
  }
}
