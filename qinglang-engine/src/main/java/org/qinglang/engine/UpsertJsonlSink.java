package org.qinglang.engine;

import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A JSON Lines file holding the latest version of each record by key: an alert that grows is
 * rewritten in place, never appended as a copy, and a replay after a restart overwrites
 * rather than duplicates. The file is rewritten atomically (temp file + rename) at each
 * checkpoint and at the end of input, so a reader never sees half a file. Run with
 * parallelism 1; the records it holds are findings, few enough to keep in memory.
 *
 * <p>The records are also kept in checkpoints: after a failover the restored detectors do not
 * emit again what they emitted before the checkpoint, so a writer starting empty would drop
 * those findings from the file. Restored, it rewrites them, and the source replays from the
 * checkpoint's offsets only what came after.
 */
public final class UpsertJsonlSink<T> implements Sink<T>,
    SupportsWriterState<T, UpsertJsonlSink.Lines> {

  /** The checkpointed content: key and line of every record, in file order. */
  public record Lines(List<String> keys, List<String> lines) {}

  /** Extracts the upsert key and the JSON line of a record. */
  public interface Codec<T> extends Serializable {
    String key(T t);

    String line(T t);
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
  public StatefulSinkWriter<T, Lines> createWriter(WriterInitContext context) throws IOException {
    return restoreWriter(context, List.of());
  }

  @Override
  public StatefulSinkWriter<T, Lines> restoreWriter(WriterInitContext context,
      Collection<Lines> recovered) throws IOException {
    Path path = Path.of(file);
    if (path.getParent() != null) {
      Files.createDirectories(path.getParent());
    }
    return new Writer<>(path, codec, recovered);
  }

  @Override
  public SimpleVersionedSerializer<Lines> getWriterStateSerializer() {
    return new LinesSerializer();
  }

  private static final class Writer<T> implements StatefulSinkWriter<T, Lines> {
    private final Path path;
    private final Codec<T> codec;
    private final Map<String, String> latest = new LinkedHashMap<>();
    private boolean dirty = true;

    Writer(Path path, Codec<T> codec, Collection<Lines> recovered) throws IOException {
      this.path = path;
      this.codec = codec;
      for (Lines l : recovered) {
        for (int i = 0; i < l.keys().size(); i++) {
          latest.put(l.keys().get(i), l.lines().get(i));
        }
      }
      write(); // what was checkpointed, or an empty file that says "ran, found nothing"
    }

    @Override
    public List<Lines> snapshotState(long checkpointId) {
      return List.of(new Lines(new ArrayList<>(latest.keySet()), new ArrayList<>(latest.values())));
    }

    @Override
    public void write(T element, Context context) {
      String line = codec.line(element);
      String old = latest.put(codec.key(element), line);
      dirty |= !line.equals(old);
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
      if (dirty) {
        write();
      }
    }

    private void write() throws IOException {
      Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
      try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        for (String line : latest.values()) {
          w.write(line);
          w.write('\n');
        }
      }
      Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      dirty = false;
    }

    @Override
    public void close() throws IOException {
      flush(true);
    }
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
