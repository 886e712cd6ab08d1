package org.qinglang.server.ingest;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.qinglang.alert.Alert;
import org.qinglang.io.AlertJson;
import org.qinglang.server.store.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows an alerts JSON Lines file as the engine appends to it (like {@code tail -F}): only
 * complete lines are read, a partial last line waits for its newline, a file that shrinks was
 * rotated or truncated and is read again from the start. Alerts are upserted by id, so reading
 * a line twice does nothing. A line that is not an alert goes to {@code dead_letter}.
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

  /** Reads whatever complete lines were appended since the last call; returns alerts changed. */
  public synchronized int pollOnce() throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    long size = Files.size(file);
    if (size < offset) {
      offset = 0;
      lineNo = 0;
    }
    if (size == offset) {
      return 0;
    }
    byte[] chunk;
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      raf.seek(offset);
      chunk = new byte[(int) Math.min(size - offset, 64L << 20)];
      raf.readFully(chunk);
    }
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
    List<Object[]> dead = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      lineNo++;
      String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
      if (l.isBlank()) {
        continue;
      }
      try {
        Alert a = AlertJson.parseAlert(l);
        if (a.id() == null || a.kind() == null) {
          throw new IOException("alert lacks 'id' or 'kind'");
        }
        alerts.add(a);
      } catch (IOException | RuntimeException e) {
        dead.add(new Object[] {file.toString(), lineNo, "bad alert: " + e.getMessage(), l});
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
    offset += lastNl + 1;
    upserts += changed;
    return changed;
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
