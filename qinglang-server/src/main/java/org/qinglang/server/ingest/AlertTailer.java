package org.qinglang.server.ingest;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.qinglang.alert.Alert;
import org.qinglang.io.AlertJson;
import org.qinglang.server.store.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows an alerts JSON Lines file (like {@code tail -F}): only complete lines are read, a
 * partial last line waits for its newline, and a file that shrank, was replaced (the engine
 * renames a new one onto it at each checkpoint) or was rewritten is read again from the start.
 * Alerts are upserted by id, so reading a line twice does nothing. A line that is not an alert
 * goes to {@code dead_letter}.
 */
@org.qinglang.server.auth.Unscoped("follows the engine's output file the operator configured")
public final class AlertTailer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertTailer.class);

  private final Path file;
  private final Sql sql;
  private final java.time.Clock clock;
  private final long pollMillis;
  private long offset;
  private long lineNo;
  // What the file was when last read: the engine's sink replaces it whole at each checkpoint
  // (an alert that grows moves every line after it), so reading on from the offset is right
  // only if it is still the same file and the bytes before the offset are still there.
  private Object fileKey;
  private byte[] before = new byte[0];
  // Bad lines already set aside (digests: a bad line may be long): a file read again from the
  // start must not record them twice.
  private final Set<Long> badSeen = new HashSet<>();
  // The line last stored for each alert (a 64-bit digest), and the set of those digests: a
  // file read again from the start parses only the lines not stored as they are, and goes to
  // the database only for the alerts that changed.
  private final Map<String, Long> stored = new HashMap<>();
  private final Set<Long> current = new HashSet<>();
  private volatile boolean running;
  private Thread thread;
  private long upserts;

  public AlertTailer(Path file, Sql sql, long pollMillis, java.time.Clock clock) {
    this.clock = clock;
    this.file = file;
    this.sql = sql;
    this.pollMillis = pollMillis;
  }

  public void start() {
    running = true;
    thread = new Thread(this::loop, "alert-tailer");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    while (running) {
      try {
        pollOnce();
      } catch (Exception e) {
        LOG.warn("tailing {} failed, will retry: {}", file, e.toString());
      }
      try {
        Thread.sleep(pollMillis);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * Reads whatever complete lines were appended since the last call, or the whole file again if
   * it was replaced or rewritten; returns alerts changed.
   */
  public synchronized int pollOnce() throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    var attrs = Files.readAttributes(file, BasicFileAttributes.class);
    long size = attrs.size();
    byte[] chunk;
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      if (offset > 0 && (size < offset || !Objects.equals(attrs.fileKey(), fileKey)
          || !stillBefore(raf))) {
        offset = 0;
        lineNo = 0;
        before = new byte[0];
      }
      if (size == offset) {
        fileKey = attrs.fileKey();
        return 0;
      }
      raf.seek(offset);
      chunk = new byte[(int) Math.min(size - offset, 64L << 20)];
      raf.readFully(chunk);
    }
    if (!Objects.equals(attrs.fileKey(), Files.readAttributes(file,
        BasicFileAttributes.class).fileKey())) {
      return 0; // replaced while being read: read the new one next time
    }
    fileKey = attrs.fileKey();
    int lastNl = -1;
    for (int i = chunk.length - 1; i >= 0; i--) {
      if (chunk[i] == '\n') {
        lastNl = i;
        break;
      }
    }
    if (lastNl < 0) {
      return 0;
    }
    String text = new String(chunk, 0, lastNl, StandardCharsets.UTF_8);
    List<Alert> alerts = new ArrayList<>();
    List<Long> digests = new ArrayList<>();
    List<Object[]> dead = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      lineNo++;
      String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
      if (l.isBlank()) {
        continue;
      }
      long d = digest(l);
      if (current.contains(d)) {
        continue;
      }
      try {
        Alert a = AlertJson.parseAlert(l);
        if (a.id() == null || a.kind() == null) {
          throw new IOException("alert lacks 'id' or 'kind'");
        }
        alerts.add(a);
        digests.add(d);
      } catch (IOException | RuntimeException e) {
        if (badSeen.size() < 1_000_000 && badSeen.add(d)) {
          dead.add(new Object[] {file.toString(), lineNo, "bad alert: " + e.getMessage(), l});
        }
      }
    }
    long now = clock.millis();
    int changed = sql.tx(c -> {
      EventIngest.writeDeadLetters(c, dead, now);
      int n = 0;
      for (Alert a : alerts) {
        if (AlertStore.upsert(c, a, now)) {
          n++;
        }
      }
      return n;
    });
    for (int i = 0; i < alerts.size(); i++) {
      long d = digests.get(i);
      Long old = stored.put(alerts.get(i).id(), d);
      if (old != null && old != d) {
        current.remove(old);
      }
      current.add(d);
    }
    offset += lastNl + 1;
    remember(chunk, lastNl + 1);
    upserts += changed;
    return changed;
  }

  /** FNV-1a over the chars: a collision would hide one update, at odds of about 2^-64. */
  private static long digest(String line) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < line.length(); i++) {
      h = (h ^ line.charAt(i)) * 0x100000001b3L;
    }
    return h;
  }

  /** Up to 4 KiB before the offset: the last line read, or most of it, in a typical file. */
  private static final int BEFORE = 4096;

  private void remember(byte[] chunk, int consumed) {
    int fromChunk = Math.min(consumed, BEFORE);
    int fromOld = Math.min(before.length, BEFORE - fromChunk);
    byte[] b = new byte[fromOld + fromChunk];
    System.arraycopy(before, before.length - fromOld, b, 0, fromOld);
    System.arraycopy(chunk, consumed - fromChunk, b, fromOld, fromChunk);
    before = b;
  }

  private boolean stillBefore(RandomAccessFile raf) throws IOException {
    byte[] now = new byte[before.length];
    raf.seek(offset - before.length);
    raf.readFully(now);
    return Arrays.equals(now, before);
  }

  public long upserts() {
    return upserts;
  }

  @Override
  public void close() {
    running = false;
    if (thread != null) {
      thread.interrupt();
    }
  }
}
