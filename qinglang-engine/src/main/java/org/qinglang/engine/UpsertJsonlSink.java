package org.qinglang.engine;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A JSON Lines file holding the latest version of each record by key: an alert that grows is
 * rewritten in place, never appended as a copy, and a replay after a restart overwrites
 * rather than duplicates. The file is rewritten atomically (temp file + rename) at each
 * checkpoint and at the end of input, so a reader never sees half a file. Run with
 * parallelism 1; the records it holds are findings, few enough to keep in memory.
 *
 * <p>A writer starts from the file as it finds it: when Flink restarts a failed job, the new
 * writer keeps what the old one wrote and the replayed records overwrite their own lines, so a
 * crash loses nothing and duplicates nothing. A fresh run must therefore start from no file
 * ({@link #clear}), which the launchers do before submitting.
 */
public final class UpsertJsonlSink<T> implements Sink<T> {

  /** Extracts the upsert key and the JSON line of a record, and the key of a written line. */
  public interface Codec<T> extends Serializable {
    String key(T t);

    String line(T t);

    String keyOfLine(String line);
  }

  private final String file;
  private final Codec<T> codec;

  public UpsertJsonlSink(Path file, Codec<T> codec) {
    this.file = file.toAbsolutePath().toString();
    this.codec = codec;
  }

  /** Removes the output of an earlier run, before a fresh one. */
  public static void clear(Path file) throws IOException {
    Files.deleteIfExists(file);
    Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".tmp"));
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
    Path path = Path.of(file);
    if (path.getParent() != null) {
      Files.createDirectories(path.getParent());
    }
    return new Writer<>(path, codec);
  }

  private static final class Writer<T> implements SinkWriter<T> {
    private final Path path;
    private final Codec<T> codec;
    private final Map<String, String> latest = new LinkedHashMap<>();
    private boolean dirty = true;

    Writer(Path path, Codec<T> codec) throws IOException {
      this.path = path;
      this.codec = codec;
      if (Files.exists(path)) {
        for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
          if (!line.isBlank()) {
            latest.put(codec.keyOfLine(line), line);
          }
        }
      }
      write(); // an empty file says "ran, found nothing"
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
}
