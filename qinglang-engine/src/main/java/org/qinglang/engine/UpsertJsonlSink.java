package org.qinglang.engine;

import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A JSON Lines file holding the latest version of each record by key: an alert that grows is
 * rewritten in place, never appended as a copy, and a replay after a restart overwrites
 * rather than duplicates. Run with parallelism 1; the records it holds are findings, few
 * enough to keep in memory.
 *
 * <p>Two-phase: at each checkpoint (and at the end of a bounded input) the writer writes the
 * whole content to a hidden pending file beside the target, and the committer renames it onto
 * the target (atomic, so a reader never sees half a file) only once the checkpoint is
 * complete. The file therefore always shows a completed checkpoint's content: a crash never
 * leaves a line there that the restore would then contradict, and a restore from the latest
 * completed checkpoint finds the file as it left it.
 *
 * <p>The records are also kept in checkpoints: after a failover the restored detectors do not
 * emit again what they emitted before the checkpoint, so a writer starting empty would drop
 * those findings from the file. Restored, it rewrites them, and the source replays from the
 * checkpoint's offsets only what came after.
 */
public final class UpsertJsonlSink<T> implements Sink<T>,
    SupportsWriterState<T, UpsertJsonlSink.Lines>, SupportsCommitter<String> {

  /** The checkpointed content: key and line of every record, in file order. */
  public record Lines(List<String> keys, List<String> lines) {}

  /** Extracts the upsert key and the JSON line of a record. */
  public interface Codec<T> extends JsonlCodec<T> {
    String key(T t);
  }

  private final String file;
  private final Codec<T> codec;

  public UpsertJsonlSink(Path file, Codec<T> codec) {
    this.file = file.toAbsolutePath().toString();
    this.codec = codec;
  }

  /**
   * Removes the output of an earlier run before a fresh one (a restored job keeps its lines in
   * checkpoints instead).
   */
  public static void clear(Path file) throws IOException {
    Files.deleteIfExists(file);
    Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".tmp"));
  }


  @Override
  public Writer<T> createWriter(WriterInitContext context) throws IOException {
    return restoreWriter(context, List.of());
  }

  @Override
  public Writer<T> restoreWriter(WriterInitContext context,
      Collection<Lines> recovered) throws IOException {
    Path path = Path.of(file);
    SinkFiles.createParent(path);
    return new Writer<>(path, codec, recovered,
        context == null ? null : context.metricGroup());
  }

  @Override
  public Committer<String> createCommitter(CommitterInitContext context) {
    return new FileCommitter(Path.of(file));
  }

  @Override
  public SimpleVersionedSerializer<String> getCommittableSerializer() {
    return new SinkFiles.PendingSerializer();
  }

  @Override
  public SimpleVersionedSerializer<Lines> getWriterStateSerializer() {
    return new LinesSerializer();
  }

  /** Writes pending files; the {@link FileCommitter} publishes them. */
  static final class Writer<T> implements StatefulSinkWriter<T, Lines>,
      CommittingSinkWriter<T, String> {
    private final Path path;
    private final Codec<T> codec;
    private final Map<String, String> latest = new LinkedHashMap<>();
    private boolean dirty;
    // Pending files sort in the order they were written, across restarts too (the clock's
    // millisecond, then a counter), so the committer can apply them in order.
    private final long epoch = System.currentTimeMillis();
    private long seq;

    private final SinkFiles.Counting<T> counting;

    Writer(Path path, Codec<T> codec, Collection<Lines> recovered,
        org.apache.flink.metrics.MetricGroup metrics) throws IOException {
      this.path = path;
      this.codec = codec;
      this.counting = new SinkFiles.Counting<>(codec, metrics);
      for (Lines l : recovered) {
        for (int i = 0; i < l.keys().size(); i++) {
          latest.put(l.keys().get(i), l.lines().get(i));
        }
      }
      // Pending files of an earlier attempt are not needed: the content of the checkpoint
      // restored (or nothing, fresh) is written now, and the committer skips a pending file
      // that is gone.
      for (Path p : SinkFiles.pendingFiles(path)) {
        Files.deleteIfExists(p);
      }
      // What was checkpointed, or an empty file that says "ran, found nothing".
      SinkFiles.publish(write(path.resolveSibling(path.getFileName() + ".tmp")), path);
    }

    @Override
    public List<Lines> snapshotState(long checkpointId) {
      return List.of(new Lines(new ArrayList<>(latest.keySet()), new ArrayList<>(latest.values())));
    }

    @Override
    public void write(T element, Context context) {
      counting.count(element);
      String line = codec.line(element);
      String old = latest.put(codec.key(element), line);
      dirty |= !line.equals(old);
    }

    @Override
    public void flush(boolean endOfInput) {
      // Nothing reaches the file before its checkpoint completes: see prepareCommit.
    }

    @Override
    public Collection<String> prepareCommit() throws IOException {
      if (!dirty) {
        return List.of();
      }
      Path pending = path.resolveSibling(SinkFiles.pendingPrefix(path)
          + String.format("%013d%06d", epoch, seq++) + ".pending");
      write(pending);
      dirty = false;
      return List.of(pending.toString());
    }

    private Path write(Path to) throws IOException {
      try (BufferedWriter w = Files.newBufferedWriter(to, StandardCharsets.UTF_8)) {
        for (String line : latest.values()) {
          w.write(line);
          w.write('\n');
        }
      }
      return to;
    }

    @Override
    public void close() {
      // Not a commit: a job closing on failure or cancel must leave the last committed file.
    }
  }

  /**
   * Renames a completed checkpoint's pending file onto the target. Idempotent: after a restore
   * Flink may hand a committable again whose file was already renamed (or dropped by the
   * restored writer, which wrote the same content itself); it is then skipped.
   */
  static final class FileCommitter implements Committer<String> {
    private final Path target;

    FileCommitter(Path target) {
      this.target = target;
    }

    @Override
    public void commit(Collection<CommitRequest<String>> requests) throws IOException {
      List<CommitRequest<String>> inOrder = new ArrayList<>(requests);
      inOrder.sort(java.util.Comparator.comparing(CommitRequest::getCommittable));
      for (CommitRequest<String> r : inOrder) {
        Path pending = Path.of(r.getCommittable());
        if (Files.exists(pending)) {
          SinkFiles.publish(pending, target);
        } else {
          r.signalAlreadyCommitted();
        }
      }
    }

    @Override
    public void close() {}
  }

  /** Version 1: a count, then key and line pairs (modified UTF-8 is limited to 64 KiB: bytes). */
  static final class LinesSerializer implements SimpleVersionedSerializer<Lines> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(Lines l) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeInt(l.keys().size());
        for (int i = 0; i < l.keys().size(); i++) {
          str(out, l.keys().get(i));
          str(out, l.lines().get(i));
        }
      }
      return bytes.toByteArray();
    }

    @Override
    public Lines deserialize(int version, byte[] serialized) throws IOException {
      if (version != 1) {
        throw new IOException("unknown UpsertJsonlSink state version " + version);
      }
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
        int n = in.readInt();
        List<String> keys = new ArrayList<>(n);
        List<String> lines = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          keys.add(str(in));
          lines.add(str(in));
        }
        return new Lines(keys, lines);
      }
    }

    private static void str(DataOutputStream out, String s) throws IOException {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      out.writeInt(b.length);
      out.write(b);
    }

    private static String str(DataInputStream in) throws IOException {
      byte[] b = new byte[in.readInt()];
      in.readFully(b);
      return new String(b, StandardCharsets.UTF_8);
    }
  }
}
