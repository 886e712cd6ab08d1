package org.qinglang.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.Committer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The append-only sink of dead letters and faults: what a checkpoint prepared reaches the file
 * once, when the checkpoint completes, whatever crashes in between; and the job forgets it
 * once it is there.
 */
class AppendJsonlSinkTest {
  static final class Plain implements JsonlCodec<String> {
    @Override
    public String line(String s) {
      return "{\"v\":\"" + s + "\"}";
    }
  }

  @TempDir
  Path dir;

  Path file;
  AppendJsonlSink<String> sink;

  AppendJsonlSink.Writer<String> fresh() throws IOException {
    file = dir.resolve("dead.jsonl");
    sink = new AppendJsonlSink<>(file, new Plain());
    return sink.createWriter(null);
  }

  /** What a checkpoint leaves: the committables to commit once it completes, and its state. */
  record Taken(List<String> committables, byte[] state) {
    String pending() {
      return committables.get(0);
    }
  }

  /** Writes the values, then a checkpoint: prepare and snapshot, in Flink's order. */
  Taken take(AppendJsonlSink.Writer<String> w, String... values) throws IOException {
    for (String v : values) {
      w.write(v, null);
    }
    List<String> prepared = List.copyOf(w.prepareCommit());
    return new Taken(prepared,
        sink.getWriterStateSerializer().serialize(w.snapshotState(1).get(0)));
  }

  /** As {@link #take}, and the checkpoint completes. */
  Taken completed(AppendJsonlSink.Writer<String> w, String... values) throws Exception {
    Taken t = take(w, values);
    complete(t.committables());
    return t;
  }

  AppendJsonlSink.Writer<String> restore(byte[] state) throws IOException {
    var s = sink.getWriterStateSerializer();
    return sink.restoreWriter(null, List.of(s.deserialize(s.getVersion(), state)));
  }

  void complete(Collection<String> committables) throws IOException, InterruptedException {
    List<Committer.CommitRequest<String>> rs = new ArrayList<>();
    for (String c : committables) {
      rs.add(UpsertJsonlSinkTest.request(c));
    }
    sink.createCommitter(null).commit(rs);
  }

  List<String> values() throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
        .map(l -> l.substring(6, l.length() - 2)).toList();
  }

  @Test
  void linesReachTheFileWhenTheirCheckpointCompletesAndAreThenForgotten() throws Exception {
    var w = fresh();
    assertThat(file).exists().isEmptyFile(); // ran, set nothing aside
    List<byte[]> states = new ArrayList<>();
    for (int c = 0; c < 50; c++) {
      for (int i = 0; i < 1_000; i++) {
        w.write(c + "-" + i, null);
      }
      Taken t = take(w);
      states.add(t.state());
      assertThat(w.pendingBytes()).isZero();
      assertThat(values()).hasSize(c * 1_000); // not before the checkpoint completes
      complete(t.committables());
      assertThat(values()).hasSize((c + 1) * 1_000);
    }
    assertThat(values().get(0)).isEqualTo("0-0");
    assertThat(values().get(49_999)).isEqualTo("49-999");
    // The state of the fiftieth checkpoint is as small as the first's: a length.
    assertThat(states.get(49).length).isEqualTo(states.get(0).length).isEqualTo(8);
    try (var left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly("dead.jsonl");
    }
  }

  /**
   * kill -9 after checkpoint 2 was taken but before it completed: the restore from checkpoint
   * 1 drops the prepared lines, the source replays them, and each is in the file once.
   */
  @Test
  void aCrashBeforeTheCheckpointCompletesWritesEachLineOnce() throws Exception {
    var w = fresh();
    Taken one = completed(w, "a");
    Taken two = take(w, "b");
    w.write("c", null);

    var again = restore(one.state());
    assertThat(Path.of(two.pending())).doesNotExist();
    assertThat(values()).containsExactly("a");
    completed(again, "b", "c");
    assertThat(values()).containsExactly("a", "b", "c");
  }

  /**
   * Restored from a checkpoint whose commit had not happened: the writer keeps the pending file
   * the committer owes the target, whichever of the two starts first.
   */
  @Test
  void aCompletedCheckpointNotYetAppliedIsAppendedAfterTheRestore() throws Exception {
    var w = fresh();
    Taken one = take(w, "a"); // completed; the crash came before its commit
    restore(one.state());
    assertThat(Path.of(one.pending())).exists();
    byte[] pending = Files.readAllBytes(Path.of(one.pending()));
    complete(one.committables()); // the restored committer commits it again
    assertThat(values()).containsExactly("a");
    // kill -9 after the append, before the pending file was deleted: handed it again, the
    // committer finds its lines already there.
    Files.write(Path.of(one.pending()), pending);
    complete(one.committables());
    assertThat(values()).containsExactly("a");
    assertThat(Path.of(one.pending())).doesNotExist();
  }

  @Test
  void aHalfAppendedCheckpointIsWrittenWholeOverItsPart() throws Exception {
    var w = fresh();
    completed(w, "a");
    Taken two = take(w, "b", "c");
    byte[] half = Files.readAllBytes(Path.of(two.pending()));
    Files.write(file, java.util.Arrays.copyOf(half, half.length / 2 + 1),
        StandardOpenOption.APPEND); // kill -9 in the middle of the append
    complete(two.committables());
    assertThat(values()).containsExactly("a", "b", "c");
  }

  @Test
  void aFileCutOutsideTheJobIsAnErrorNotAGap() throws Exception {
    var w = fresh();
    completed(w, "a");
    Taken two = take(w, "b");
    Files.write(file, new byte[0]);
    assertThatThrownBy(() -> complete(two.committables())).isInstanceOf(IOException.class)
        .hasMessageContaining("dead.jsonl is 0 bytes long");
  }

  /** A longer file than the checkpoint says (a restore from an older savepoint) is cut back. */
  @Test
  void aRestoreFromAnOlderCheckpointCutsTheFileBack() throws Exception {
    var w = fresh();
    Taken one = completed(w, "a");
    completed(w, "b");
    assertThat(values()).containsExactly("a", "b");
    restore(one.state());
    assertThat(values()).containsExactly("a");
  }

  /** A job whose dead letters an {@link UpsertJsonlSink} kept resumes from that state. */
  @Test
  void anUpsertSinksStateIsReadAndItsLinesBecomeTheFile() throws Exception {
    fresh();
    byte[] old = UpsertJsonlSinkTest.versionOne(
        List.of("x:1", "x:2"), List.of("{\"v\":\"甲\"}", "{\"v\":\"b\"}"));
    Path stale = dir.resolve(".dead.jsonl.1733000000000000001.pending");
    Files.writeString(stale, "{\"v\":\"old\"}\n");
    var w = sink.restoreWriter(null,
        List.of(sink.getWriterStateSerializer().deserialize(1, old)));
    assertThat(values()).containsExactly("甲", "b");
    assertThat(stale).doesNotExist();
    completed(w, "c");
    assertThat(values()).containsExactly("甲", "b", "c");
  }
}
