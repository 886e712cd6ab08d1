package org.qinglang.io;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.qinglang.event.Event;

/**
 * Pulls events out of a JSON Lines stream one at a time, in bounded memory: it holds one
 * buffer of bytes, never the file. Gzip is recognised by its magic bytes, not by the file
 * name, so a {@code .jsonl.gz} (or a mislabelled one) reads transparently.
 *
 * <p>A bad line is handed to the {@link BadLineHandler} with its 1-based line number and the
 * reason, and reading goes on with the next line: nothing valid is lost to a bad neighbour.
 * Blank lines are skipped without complaint (a trailing newline is not an error).
 */
public final class JsonlEventReader implements Closeable {

  /** Where bad lines go. */
  @FunctionalInterface
  public interface BadLineHandler {
    void badLine(long lineNo, String reason, String raw);
  }

  /** Longest line accepted; a longer one is a bad line, so one broken file can't exhaust memory. */
  public static final int MAX_LINE = 16 << 20;

  private final InputStream in;
  private final BadLineHandler bad;
  private final EventParser parser = new EventParser();
  private byte[] buf = new byte[1 << 20];
  private int start;
  private int end;
  private boolean eof;
  private long lineNo;
  private int lastFrom; // the last good line in buf, for lastLine()
  private int lastTo;
  private long goodLines;
  private long badLines;
  private long bytesRead;
  private boolean skipping; // inside an over-long line

  public JsonlEventReader(InputStream raw, BadLineHandler bad) throws IOException {
    InputStream counted = new java.io.FilterInputStream(raw) {
      @Override
      public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
          bytesRead++;
        }
        return c;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
          bytesRead += n;
        }
        return n;
      }
    };
    InputStream s = new BufferedInputStream(counted, 1 << 16);
    s.mark(2);
    int b0 = s.read();
    int b1 = s.read();
    s.reset();
    this.in = (b0 == 0x1f && b1 == 0x8b) ? new GZIPInputStream(s, 1 << 16) : s;
    this.bad = bad;
  }

  public static JsonlEventReader open(Path file, BadLineHandler bad) throws IOException {
    return new JsonlEventReader(Files.newInputStream(file), bad);
  }

  /** The next valid event, or null at the end of the stream. */
  public Event next() throws IOException {
    while (true) {
      int nl = indexOfNewline();
      if (nl < 0) {
        if (eof) {
          if (start < end) { // last line without a newline
            Event e = line(start, end);
            start = end;
            if (e != null) {
              return e;
            }
          }
          return null;
        }
        fill();
        continue;
      }
      int from = start;
      start = nl + 1;
      if (skipping) {
        skipping = false;
        continue;
      }
      Event e = line(from, nl);
      if (e != null) {
        return e;
      }
    }
  }

  private int indexOfNewline() {
    for (int i = start; i < end; i++) {
      if (buf[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private void fill() throws IOException {
    if (start > 0) {
      System.arraycopy(buf, start, buf, 0, end - start);
      end -= start;
      start = 0;
    }
    if (end == buf.length) {
      if (buf.length >= MAX_LINE) {
        lineNo++;
        badLines++;
        bad.badLine(lineNo, "line longer than " + (MAX_LINE >> 20) + " MiB",
            new String(buf, 0, 200, StandardCharsets.UTF_8));
        end = 0;
        skipping = true;
      } else {
        buf = java.util.Arrays.copyOf(buf, Math.min(MAX_LINE, buf.length * 2));
      }
    }
    int n = in.read(buf, end, buf.length - end);
    if (n < 0) {
      eof = true;
    } else {
      end += n;
    }
  }

  private Event line(int from, int to) {
    lineNo++;
    if (to > from && buf[to - 1] == '\r') {
      to--;
    }
    boolean bom = to - from >= 3 && buf[from] == (byte) 0xEF && buf[from + 1] == (byte) 0xBB
        && buf[from + 2] == (byte) 0xBF; // the parser skips it; a line of only a mark is blank
    if (isBlank(bom ? from + 3 : from, to)) {
      return null;
    }
    try {
      Event e = parser.parse(buf, from, to - from);
      goodLines++;
      lastFrom = from;
      lastTo = to;
      return e;
    } catch (BadLineException ex) {
      badLines++;
      int n = Math.min(to - from, 2000);
      bad.badLine(lineNo, ex.getMessage(), new String(buf, from, n, StandardCharsets.UTF_8));
      return null;
    }
  }

  private boolean isBlank(int from, int to) {
    for (int i = from; i < to; i++) {
      byte c = buf[i];
      if (c != ' ' && c != '\t') {
        return false;
      }
    }
    return true;
  }

  /** The bytes the reader holds: its memory bound, whatever the stream's length. */
  int bufferCapacity() {
    return buf.length;
  }

  /**
   * The text of the line the last {@link #next()} returned (first 2,000 bytes), for a caller
   * that sets a parsed event aside after all (an implausible time). Valid until the next call
   * to {@code next()}; built only when asked, so reading pays nothing for it.
   */
  public String lastLine() {
    return new String(buf, lastFrom, Math.min(lastTo - lastFrom, 2000), StandardCharsets.UTF_8);
  }

  /** Lines read so far, including blank and bad ones. */
  public long lineNo() {
    return lineNo;
  }

  public long goodLines() {
    return goodLines;
  }

  public long badLines() {
    return badLines;
  }

  /** Bytes read from the underlying stream (compressed bytes for gzip input), for progress. */
  public long bytesRead() {
    return bytesRead;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
