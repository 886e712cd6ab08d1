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

  /** A checkpoint: prepare, snapshot, and the bytes Flink would keep of the snapshot. */
  byte[] checkpoint(AppendJsonlSink.Writer<String> w, List<String> prepared) throws IOException {
    prepared.addAll(w.prepareCommit());
    return sink.getWriterStateSerializer().serialize(w.snapshotState(1).get(0));
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
      List<String> prepared = new ArrayList<>();
      states.add(checkpoint(w, prepared));
      assertThat(w.pendingBytes()).isZero();
      assertThat(values()).hasSize(c * 1_000); // not before the checkpoint completes
      complete(prepared);
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
    w.write("a", null);
    List<String> one = new ArrayList<>();
    byte[] state1 = checkpoint(w, one);
    complete(one);
    w.write("b", null);
    List<String> two = new ArrayList<>();
    checkpoint(w, two);
    w.write("c", null);

    var again = restore(state1);
    assertThat(Path.of(two.get(0))).doesNotExist();
    assertThat(values()).containsExactly("a");
    again.write("b", null);
    again.write("c", null);
    List<String> three = new ArrayList<>();
    checkpoint(again, three);
    complete(three);
    assertThat(values()).containsExactly("a", "b", "c");
  }

  /**
   * Restored from a checkpoint whose commit had not happened: the writer keeps the pending file
   * the committer owes the target, whichever of the two starts first.
   */
  @Test
  void aCompletedCheckpointNotYetAppliedIsAppendedAfterTheRestore() throws Exception {
    var w = fresh();
    w.write("a", null);
    List<String> one = new ArrayList<>();
    byte[] state1 = checkpoint(w, one); // completed; the crash came before its commit
    restore(state1);
    assertThat(Path.of(one.get(0))).exists();
    byte[] pending = Files.readAllBytes(Path.of(one.get(0)));
    complete(one); // the restored committer commits it again
    assertThat(values()).containsExactly("a");
    // kill -9 after the append, before the pending file was deleted: handed it again, the
    // committer finds its lines already there.
    Files.write(Path.of(one.get(0)), pending);
    complete(one);
    assertThat(values()).containsExactly("a");
    assertThat(Path.of(one.get(0))).doesNotExist();
  }

  @Test
  void aHalfAppendedCheckpointIsWrittenWholeOverItsPart() throws Exception {
    var w = fresh();
    w.write("a", null);
    List<String> one = new ArrayList<>();
    checkpoint(w, one);
    complete(one);
    w.write("b", null);
    w.write("c", null);
    List<String> two = new ArrayList<>();
    checkpoint(w, two);
    byte[] half = Files.readAllBytes(Path.of(two.get(0)));
    Files.write(file, java.util.Arrays.copyOf(half, half.length / 2 + 1),
        StandardOpenOption.APPEND); // kill -9 in the middle of the append
    complete(two);
    assertThat(values()).containsExactly("a", "b", "c");
  }

  @Test
  void aFileCutOutsideTheJobIsAnErrorNotAGap() throws Exception {
    var w = fresh();
    w.write("a", null);
    List<String> one = new ArrayList<>();
    checkpoint(w, one);
    complete(one);
    w.write("b", null);
    List<String> two = new ArrayList<>();
    checkpoint(w, two);
    Files.write(file, new byte[0]);
    assertThatThrownBy(() -> complete(two)).isInstanceOf(IOException.class)
        .hasMessageContaining("dead.jsonl is 0 bytes long");
  }

  /** A longer file than the checkpoint says (a restore from an older savepoint) is cut back. */
  @Test
  void aRestoreFromAnOlderCheckpointCutsTheFileBack() throws Exception {
    var w = fresh();
    w.write("a", null);
    List<String> one = new ArrayList<>();
    byte[] state1 = checkpoint(w, one);
    complete(one);
    w.write("b", null);
    List<String> two = new ArrayList<>();
    checkpoint(w, two);
    complete(two);
    assertThat(values()).containsExactly("a", "b");
    restore(state1);
    assertThat(values()).containsExactly("a");
  }

  /** A job whose dead letters an {@link UpsertJsonlSink} kept resumes from that state. */
  @Test
  void anUpsertSinksStateIsReadAndItsLinesBecomeTheFile() throws Exception {
    fresh();
    byte[] old = new UpsertJsonlSink.LinesSerializer().serialize(new UpsertJsonlSink.Lines(
        List.of("x:1", "x:2"), List.of("{\"v\":\"甲\"}", "{\"v\":\"b\"}")));
    Path stale = dir.resolve(".dead.jsonl.1733000000000000001.pending");
    Files.writeString(stale, "{\"v\":\"old\"}\n");
    var w = sink.restoreWriter(null,
        List.of(sink.getWriterStateSerializer().deserialize(1, old)));
    assertThat(values()).containsExactly("甲", "b");
    assertThat(stale).doesNotExist();
    w.write("c", null);
    List<String> next = new ArrayList<>();
    checkpoint(w, next);
    complete(next);
    assertThat(values()).containsExactly("甲", "b", "c");
  }
}
