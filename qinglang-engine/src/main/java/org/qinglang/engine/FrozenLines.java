package org.qinglang.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The records an {@link UpsertJsonlSink} no longer holds in memory: their lines in a file that
 * only grows, and per key the offset of its line. A key written again with another line leaves
 * the file's index, and its old line is <i>superseded</i>: kept in the file, skipped on copy.
 * Appends happen between checkpoints, so the file can run ahead of a checkpoint's
 * {@link #length()}; a restore cuts it back.
 */
final class FrozenLines {
  private final Path file;
  private long length;
  private final Map<String, Long> index;
  private final TreeSet<Long> superseded;

  /** As a checkpoint left it: refuses a file shorter than it says, cuts back a longer one. */
  FrozenLines(Path file, long length, Map<String, Long> index, Collection<Long> superseded)
      throws IOException {
    this.file = file;
    this.length = length;
    this.index = new HashMap<>(index);
    this.superseded = new TreeSet<>(superseded);
    if (length == 0) {
      Files.deleteIfExists(file); // made when a record is first frozen
    } else if (!Files.exists(file) || Files.size(file) < length) {
      throw new IOException(file + " holds less than the " + length + " bytes of frozen records"
          + " the checkpoint restored counts on: was it deleted or cut?");
    } else {
      SinkFiles.cutTo(file, length); // lines frozen after the restored checkpoint
    }
  }

  long length() {
    return length;
  }

  Map<String, Long> index() {
    return new HashMap<>(index);
  }

  List<Long> superseded() {
    return new ArrayList<>(superseded);
  }

  /**
   * True if {@code key} is frozen with exactly {@code line} (a replay: nothing to do). If it is
   * frozen with another line, that line is superseded and the key leaves the index: the caller
   * holds it open again.
   */
  boolean holds(String key, String line) throws IOException {
    Long at = index.get(key);
    if (at == null) {
      return false;
    }
    if (line.equals(lineAt(at))) {
      return true;
    }
    index.remove(key);
    superseded.add(at);
    return false;
  }

  private String lineAt(long at) throws IOException {
    try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
      in.skipNBytes(at);
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
        b.write(c);
      }
      return b.toString(StandardCharsets.UTF_8);
    }
  }

  /** Appends the records' lines, durably, and indexes them. */
  void freeze(Map<String, String> lines) throws IOException {
    if (lines.isEmpty()) {
      return;
    }
    ByteArrayOutputStream add = new ByteArrayOutputStream();
    lines.forEach((key, line) -> {
      index.put(key, length + add.size());
      add.writeBytes(line.getBytes(StandardCharsets.UTF_8));
      add.write('\n');
    });
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE)) {
      SinkFiles.writeAt(ch, add.toByteArray(), length);
    }
    length += add.size();
  }

  /** Every line not superseded, in file order, in 64 KiB blocks. */
  void copyTo(OutputStream out) throws IOException {
    if (length == 0) {
      return;
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      long at = 0;
      boolean skip = superseded.contains(0L);
      while (at < length) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, length - at));
        if (n < 0) {
          throw new IOException(file + " ends at byte " + at + ", before " + length);
        }
        int from = 0;
        if (!superseded.isEmpty()) {
          for (int i = 0; i < n; i++) {
            if (buf[i] == '\n') {
              if (!skip) {
                out.write(buf, from, i + 1 - from);
              }
              from = i + 1;
              skip = superseded.contains(at + from);
            }
          }
        }
        if (!skip) {
          out.write(buf, from, n - from);
        }
        at += n;
      }
    }
  }
}
