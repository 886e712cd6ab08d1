package org.qinglang.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.List;
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
 * A JSON Lines file of records that never change once written (dead letters, detector faults),
 * which the job forgets as soon as they are durable: its memory and its checkpoints hold only
 * what arrived since the last checkpoint and the file's committed length, however many lines
 * the file has. A producer sending garbage for hours fills a disk, not the job's heap, and
 * does not make every checkpoint rewrite and snapshot everything set aside so far (what
 * {@link UpsertJsonlSink} would do: it keeps every record because a record may be replaced).
 * Run with parallelism 1.
 *
 * <p>Two-phase: at each checkpoint (and at the end of a bounded input) the writer puts the new
 * lines in a hidden pending file beside the target, named by the offset they start at; the
 * committer appends it to the target once the checkpoint is complete, and deletes it. So the
 * target only ever grows by a completed checkpoint's lines, and a line once there stays. The
 * checkpoint keeps the length the target has once its lines are in; a restored writer cuts
 * the target back to that length (a later, uncompleted checkpoint's lines cannot be there,
 * but an older savepoint's restore can find a longer file) and the source replays what came
 * after, so nothing is lost and nothing written twice. The committer is idempotent by offset:
 * handed a pending file again after a crash, it skips it if the target already holds it and
 * otherwise writes it at its offset, over whatever part of it a crash left there. A reader
 * that takes only complete lines never sees one that a restore from the latest checkpoint
 * takes back.
 */
public final class AppendJsonlSink<T> implements Sink<T>,
    SupportsWriterState<T, AppendJsonlSink.Committed>, SupportsCommitter<String> {

  /**
   * The checkpointed state: the target's length once this checkpoint's lines are in.
   * {@code upgrade}: null, except when restored from an {@link UpsertJsonlSink}'s state (which
   * held the dead letters before this sink), whose lines the restored writer writes as the file.
   */
  public record Committed(long length, List<String> upgrade) {
    Committed(long length) {
      this(length, null);
    }
  }

  private final String file;
  private final JsonlCodec<T> codec;

  public AppendJsonlSink(Path file, JsonlCodec<T> codec) {
    this.file = file.toAbsolutePath().toString();
    this.codec = codec;
  }

  @Override
  public Writer<T> createWriter(WriterInitContext context) throws IOException {
    return restoreWriter(context, List.of());
  }

  @Override
  public Writer<T> restoreWriter(WriterInitContext context, Collection<Committed> recovered)
      throws IOException {
    if (recovered.size() > 1) {
      throw new IllegalStateException("an append sink runs at parallelism 1; restored "
          + recovered.size() + " writer states for " + file);
    }
    Committed restored = recovered.isEmpty() ? new Committed(0) : recovered.iterator().next();
    Path path = Path.of(file);
    SinkFiles.createParent(path);
    return new Writer<>(path, codec, restored, context == null ? null : context.metricGroup());
  }

  @Override
  public Committer<String> createCommitter(CommitterInitContext context) {
    return new Appender(Path.of(file));
  }

  @Override
  public SimpleVersionedSerializer<String> getCommittableSerializer() {
    return new SinkFiles.PendingSerializer();
  }

  @Override
  public SimpleVersionedSerializer<Committed> getWriterStateSerializer() {
    return new CommittedSerializer();
  }

  /**
   * The offset a pending file's lines start at, from its name ({@code .NAME.START.ATTEMPT.pending});
   * -1 for an {@link UpsertJsonlSink}'s pending file ({@code .NAME.ATTEMPT.pending}).
   */
  static long startOf(Path pending) {
    String name = pending.getFileName().toString();
    int end = name.length() - ".pending".length();
    int dot = name.lastIndexOf('.', end - 1);
    String start = name.substring(name.lastIndexOf('.', dot - 1) + 1, dot);
    return start.chars().allMatch(Character::isDigit) && !start.isEmpty()
        ? Long.parseLong(start) : -1;
  }

  /** Collects the lines of one checkpoint interval; the {@link Appender} publishes them. */
  static final class Writer<T> implements StatefulSinkWriter<T, Committed>,
      CommittingSinkWriter<T, String> {
    private final Path path;
    private final JsonlCodec<T> codec;
    private final SinkFiles.Counting<T> counting;
    private final ByteArrayOutputStream batch = new ByteArrayOutputStream();
    /** The target's length once every prepared batch is appended. */
    private long length;
    // Two batches never start at one offset within a run, but an attempt restored after a
    // crash may prepare one at the offset of a pending file the committer has not yet
    // appended: the attempt's clock then tells the two apart.
    private final long epoch = System.currentTimeMillis();
    private long seq;

    Writer(Path path, JsonlCodec<T> codec, Committed restored,
        org.apache.flink.metrics.MetricGroup metrics) throws IOException {
      this.path = path;
      this.codec = codec;
      this.length = restored.length();
      this.counting = new SinkFiles.Counting<>(codec, metrics);
      // Lines the restored checkpoint does not hold were prepared by an attempt that never
      // completed its checkpoint: the source sends them again. Pending files that start before
      // the restored length may still be owed to the target by the committer. An upsert
      // sink's pending files are whole files of an earlier version: the upgrade rewrites it.
      for (Path p : SinkFiles.pendingFiles(path)) {
        long start = startOf(p);
        if (start >= length || start < 0) {
          Files.deleteIfExists(p);
        }
      }
      if (restored.upgrade() != null) {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        Files.write(tmp, restored.upgrade(), StandardCharsets.UTF_8);
        SinkFiles.publish(tmp, path);
      } else if (!Files.exists(path)) {
        Files.createFile(path); // an empty file says "ran, set nothing aside"
      } else {
        SinkFiles.cutTo(path, length);
      }
    }

    @Override
    public void write(T element, Context context) throws IOException {
      counting.count(element);
      batch.write(codec.line(element).getBytes(StandardCharsets.UTF_8));
      batch.write('\n');
    }

    @Override
    public void flush(boolean endOfInput) {
      // Nothing reaches the file before its checkpoint completes: see prepareCommit.
    }

    @Override
    public Collection<String> prepareCommit() throws IOException {
      if (batch.size() == 0) {
        return List.of();
      }
      Path pending = SinkFiles.pending(path,
          String.format("%019d.%013d%06d", length, epoch, seq++));
      try (OutputStream out = Files.newOutputStream(pending)) {
        batch.writeTo(out);
      }
      length += batch.size();
      batch.reset();
      return List.of(pending.toString());
    }

    @Override
    public List<Committed> snapshotState(long checkpointId) {
      // prepareCommit ran just before, for the same checkpoint: its batch is in the length.
      return List.of(new Committed(length));
    }

    /** Bytes held between checkpoints: all the memory the sink keeps. */
    int pendingBytes() {
      return batch.size();
    }

    @Override
    public void close() {
      // Not a commit: a job closing on failure or cancel must leave the last committed file.
    }
  }

  /** Appends a completed checkpoint's pending file to the target, once. */
  static final class Appender extends SinkFiles.InOrder {
    Appender(Path target) {
      super(target);
    }

    @Override
    boolean apply(Path pending) throws IOException {
      // An upsert sink's pending file (an upgraded job's last one): the restored writer
      // writes what it held from its own state.
      boolean owed = Files.exists(pending) && startOf(pending) >= 0 && append(pending);
      Files.deleteIfExists(pending);
      return owed;
    }

    /** True if appended now, false if the target already held it. */
    private boolean append(Path pending) throws IOException {
      long start = startOf(pending);
      byte[] lines = Files.readAllBytes(pending);
      try (FileChannel ch = FileChannel.open(target, StandardOpenOption.CREATE,
          StandardOpenOption.WRITE)) {
        long size = ch.size();
        if (size >= start + lines.length) {
          return false;
        }
        if (size < start) {
          throw new IOException(target + " is " + size + " bytes long, but the lines of "
              + pending.getFileName() + " follow byte " + start
              + ": was the file changed or cut outside the job?");
        }
        // Written at its offset, not at the end: a crash in the middle of an earlier append
        // of these lines left a part of the same bytes there, which this overwrites.
        SinkFiles.writeAt(ch, lines, start);
        return true;
      }
    }
  }

  /**
   * Version 2: the committed length. Version 1 is {@link UpsertJsonlSink}'s (every line), which
   * held the dead letters before this sink: the restored writer writes them as the file.
   */
  static final class CommittedSerializer implements SimpleVersionedSerializer<Committed> {
    @Override
    public int getVersion() {
      return 2;
    }

    @Override
    public byte[] serialize(Committed c) {
      return ByteBuffer.allocate(Long.BYTES).putLong(c.length()).array();
    }

    @Override
    public Committed deserialize(int version, byte[] serialized) throws IOException {
      if (version == 1) {
        List<String> lines =
            new UpsertJsonlSink.LinesSerializer().deserialize(1, serialized).lines();
        long length = 0;
        for (String line : lines) {
          length += line.getBytes(StandardCharsets.UTF_8).length + 1;
        }
        return new Committed(length, lines);
      }
      if (version != 2) {
        throw new IOException("unknown AppendJsonlSink state version " + version);
      }
      return new Committed(ByteBuffer.wrap(serialized).getLong());
    }
  }
}
