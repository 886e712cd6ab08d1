package org.qinglang.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
 * rather than duplicates. Run with parallelism 1.
 *
 * <p>What it keeps: a record written in the last {@code freezeAfter} checkpoints is <i>open</i>,
 * its line in memory and in the checkpoint. One left alone longer is <i>frozen</i>: its line is
 * appended to a hidden file beside the target ({@code .NAME.frozen}) and only its key and
 * offset are kept. An alert that goes on growing stays open; a finding that is over costs a
 * key, not its evidence, so a job that runs for weeks does not hold (and checkpoint every
 * 10 s) every alert it ever wrote. A frozen record written again with another line is opened
 * again, and its old line is skipped from then on. The frozen file only grows between
 * checkpoints, so a restore cuts it back to the checkpoint's length. A run without checkpoints
 * (a file) freezes nothing.
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

  /**
   * The checkpointed content: key and line of every open record, in file order; the length of
   * the frozen file, the offset of each frozen record's line in it, and the offsets of frozen
   * lines superseded since.
   */
  public record Lines(List<String> keys, List<String> lines, long frozenLength,
      Map<String, Long> frozen, List<Long> superseded) {
    public Lines(List<String> keys, List<String> lines) {
      this(keys, lines, 0, Map.of(), List.of());
    }
  }

  /** Checkpoints a record may go unwritten before it is frozen, by default. */
  public static final int FREEZE_AFTER = 30;

  /** Extracts the upsert key and the JSON line of a record. */
  public interface Codec<T> extends JsonlCodec<T> {
    String key(T t);
  }

  private final String file;
  private final Codec<T> codec;
  private final int freezeAfter;

  public UpsertJsonlSink(Path file, Codec<T> codec) {
    this(file, codec, FREEZE_AFTER);
  }

  public UpsertJsonlSink(Path file, Codec<T> codec, int freezeAfter) {
    this.file = file.toAbsolutePath().toString();
    this.codec = codec;
    this.freezeAfter = freezeAfter;
  }

  /** The hidden file of frozen records' lines beside {@code target}. */
  public static Path frozenFile(Path target) {
    return target.resolveSibling("." + target.getFileName() + ".frozen");
  }

  /**
   * Removes the output of an earlier run before a fresh one (a restored job keeps its lines in
   * checkpoints instead).
   */
  public static void clear(Path file) throws IOException {
    Files.deleteIfExists(file);
    Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".tmp"));
    Files.deleteIfExists(frozenFile(file));
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
    if (recovered.size() > 1) {
      throw new IllegalStateException("an upsert sink runs at parallelism 1; restored "
          + recovered.size() + " writer states for " + file);
    }
    return new Writer<>(path, codec, freezeAfter,
        recovered.isEmpty() ? new Lines(List.of(), List.of()) : recovered.iterator().next(),
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
    private final int freezeAfter;
    /** Open records by key: the line and the count of prepares when it was last written. */
    private final Map<String, Open> open = new LinkedHashMap<>();
    private final FrozenLines frozen;
    private long prepares;
    private boolean dirty;
    // Pending files sort in the order they were written, across restarts too (the clock's
    // millisecond, then a counter), so the committer can apply them in order.
    private final long epoch = System.currentTimeMillis();
    private long seq;

    private final SinkFiles.Counting<T> counting;

    private static final class Open {
      String line;
      long written;

      Open(String line, long written) {
        this.line = line;
        this.written = written;
      }
    }

    Writer(Path path, Codec<T> codec, int freezeAfter, Lines restored,
        org.apache.flink.metrics.MetricGroup metrics) throws IOException {
      this.path = path;
      this.codec = codec;
      this.freezeAfter = freezeAfter;
      this.counting = new SinkFiles.Counting<>(codec, metrics);
      for (int i = 0; i < restored.keys().size(); i++) {
        open.put(restored.keys().get(i), new Open(restored.lines().get(i), 0));
      }
      frozen = new FrozenLines(frozenFile(path), restored.frozenLength(), restored.frozen(),
          restored.superseded());
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
      List<String> keys = new ArrayList<>(open.size());
      List<String> lines = new ArrayList<>(open.size());
      open.forEach((k, o) -> {
        keys.add(k);
        lines.add(o.line);
      });
      return List.of(new Lines(keys, lines, frozen.length(), frozen.index(),
          frozen.superseded()));
    }

    @Override
    public void write(T element, Context context) throws IOException {
      counting.count(element);
      String line = codec.line(element);
      String key = codec.key(element);
      Open o = open.get(key);
      if (o != null) {
        if (!line.equals(o.line)) {
          o.line = line;
          o.written = prepares;
          dirty = true;
        }
        return;
      }
      if (frozen.holds(key, line)) {
        return; // a replay of what the frozen line holds
      }
      open.put(key, new Open(line, prepares));
      dirty = true;
    }

    /** Records held open: what the sink keeps in memory and checkpoints beyond keys. */
    int openRecords() {
      return open.size();
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
      freeze();
      Path pending = SinkFiles.pending(path, String.format("%013d%06d", epoch, seq++));
      write(pending);
      dirty = false;
      prepares++;
      return List.of(pending.toString());
    }

    /** Moves records not written in the last {@code freezeAfter} prepares to the frozen file. */
    private void freeze() throws IOException {
      Map<String, String> done = new LinkedHashMap<>();
      for (var it = open.entrySet().iterator(); it.hasNext(); ) {
        var e = it.next();
        if (prepares - e.getValue().written >= freezeAfter) {
          done.put(e.getKey(), e.getValue().line);
          it.remove();
        }
      }
      frozen.freeze(done);
    }

    /** The frozen lines not superseded, then the open ones. */
    private Path write(Path to) throws IOException {
      try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(to),
          1 << 16)) {
        frozen.copyTo(out);
        for (Open o : open.values()) {
          out.write(o.line.getBytes(StandardCharsets.UTF_8));
          out.write('\n');
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
  static final class FileCommitter extends SinkFiles.InOrder {
    FileCommitter(Path target) {
      super(target);
    }

    @Override
    boolean apply(Path pending) throws IOException {
      if (!Files.exists(pending)) {
        return false;
      }
      SinkFiles.publish(pending, target);
      return true;
    }
  }

  /**
   * Version 2: the open records as version 1 has them (a count, then key and line pairs;
   * strings as length and UTF-8 bytes, since modified UTF-8 stops at 64 KiB), then the frozen
   * length, the frozen keys with their offsets, and the superseded offsets. Version 1 (every
   * record open) is read.
   */
  static final class LinesSerializer implements SimpleVersionedSerializer<Lines> {
    @Override
    public int getVersion() {
      return 2;
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
        out.writeLong(l.frozenLength());
        out.writeInt(l.frozen().size());
        for (var e : l.frozen().entrySet()) {
          str(out, e.getKey());
          out.writeLong(e.getValue());
        }
        out.writeInt(l.superseded().size());
        for (long at : l.superseded()) {
          out.writeLong(at);
        }
      }
      return bytes.toByteArray();
    }

    @Override
    public Lines deserialize(int version, byte[] serialized) throws IOException {
      if (version != 1 && version != 2) {
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
        if (version == 1) {
          return new Lines(keys, lines);
        }
        long frozenLength = in.readLong();
        int f = in.readInt();
        Map<String, Long> frozen = new HashMap<>(f * 2);
        for (int i = 0; i < f; i++) {
          frozen.put(str(in), in.readLong());
        }
        int st = in.readInt();
        List<Long> superseded = new ArrayList<>(st);
        for (int i = 0; i < st; i++) {
          superseded.add(in.readLong());
        }
        return new Lines(keys, lines, frozenLength, frozen, superseded);
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
