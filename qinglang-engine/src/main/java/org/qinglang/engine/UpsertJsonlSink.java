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
 */
public final class UpsertJsonlSink<T> implements Sink<T> {

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
