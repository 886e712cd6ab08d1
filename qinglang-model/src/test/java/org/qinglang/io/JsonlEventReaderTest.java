package org.qinglang.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.qinglang.event.Event;

class JsonlEventReaderTest {
  static final String GOOD = "{\"type\":\"follow\",\"ts\":%d,\"platform\":\"p\",\"room\":\"r\",\"user\":\"u\"}";

  record Bad(long line, String reason) {}

  static List<Event> readAll(InputStream in, List<Bad> bad) throws IOException {
    List<Event> out = new ArrayList<>();
    try (JsonlEventReader r = new JsonlEventReader(in, (l, why, raw) -> bad.add(new Bad(l, why)))) {
      Event e;
      while ((e = r.next()) != null) {
        out.add(e);
      }
    }
    return out;
  }

  @Test
  void eachKindOfBadLineIsSetAsideWithItsNumberAndNeighboursSurvive() throws Exception {
    String text = String.join("\n",
        GOOD.formatted(1),
        "{oops",                                                            // 2 invalid JSON
        "{\"type\":\"warp\",\"ts\":1,\"platform\":\"p\"}",                  // 3 unknown type
        GOOD.formatted(4),
        "{\"type\":\"follow\",\"ts\":5,\"platform\":\"p\",\"room\":\"r\"}", // 5 missing user
        "{\"type\":\"follow\",\"ts\":\"6\",\"platform\":\"p\",\"room\":\"r\",\"user\":\"u\"}", // 6 wrong kind
        "",                                                                 // 7 blank: skipped
        GOOD.formatted(8)) + "\r\n";
    List<Bad> bad = new ArrayList<>();
    List<Event> events = readAll(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), bad);
    assertThat(events).extracting(Event::ts).containsExactly(1L, 4L, 8L);
    assertThat(bad).extracting(Bad::line).containsExactly(2L, 3L, 5L, 6L);
    assertThat(bad.get(0).reason()).startsWith("invalid JSON");
    assertThat(bad.get(1).reason()).isEqualTo("unknown type 'warp'");
    assertThat(bad.get(2).reason()).isEqualTo("missing required field 'user'");
    assertThat(bad.get(3).reason()).isEqualTo("field 'ts' must be an integer, got a string");
  }

  @Test
  void byteOrderMarksAtTheStartOfLinesAreIgnoredAndElsewhereRefused() throws Exception {
    String bom = "\uFEFF";
    String text = bom + GOOD.formatted(1) + "\n" + bom + GOOD.formatted(2) + "\n"
        + GOOD.formatted(3).replace("{", "{" + bom) + "\n" + bom + "\n";
    List<Bad> bad = new ArrayList<>();
    List<Event> events = readAll(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), bad);
    assertThat(events).extracting(Event::ts).containsExactly(1L, 2L);
    assertThat(bad).hasSize(1);
    assertThat(bad.get(0).line()).isEqualTo(3);
  }

  @Test
  void gzipIsReadTransparentlyAndTheLastLineNeedsNoNewline() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(buf)) {
      gz.write(("\uFEFF" + GOOD.formatted(1) + "\n" + GOOD.formatted(2)).getBytes(StandardCharsets.UTF_8));
    }
    List<Bad> bad = new ArrayList<>();
    List<Event> events = readAll(new ByteArrayInputStream(buf.toByteArray()), bad);
    assertThat(events).extracting(Event::ts).containsExactly(1L, 2L);
    assertThat(bad).isEmpty();
  }

  /**
   * A stream a hundred times larger than the reader's buffer, generated on the fly: the reader
   * goes through it without its buffer growing, so what it holds does not depend on the
   * file's size (a 2 GB file reads in the same 1 MiB).
   */
  @Test
  void streamsInBoundedMemory() throws Exception {
    long lines = 1_500_000; // about 130 MB of JSON
    byte[] one = (GOOD.formatted(1_700_000_000_000L) + "\n").getBytes(StandardCharsets.UTF_8);
    InputStream endless = new InputStream() {
      long pos;
      final long total = lines * one.length;

      @Override
      public int read() {
        return pos < total ? one[(int) (pos++ % one.length)] : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (pos >= total) {
          return -1;
        }
        int n = (int) Math.min(len, total - pos);
        for (int i = 0; i < n; i++) {
          b[off + i] = one[(int) ((pos + i) % one.length)];
        }
        pos += n;
        return n;
      }
    };
    long count = 0;
    int maxBuffer = 0;
    try (JsonlEventReader r = new JsonlEventReader(endless, (l, w, raw) -> {})) {
      while (r.next() != null) {
        count++;
        maxBuffer = Math.max(maxBuffer, r.bufferCapacity());
      }
      assertThat(r.bytesRead()).isGreaterThan(100L * maxBuffer);
    }
    assertThat(count).isEqualTo(lines);
    assertThat(maxBuffer).as("reader buffer").isEqualTo(1 << 20);
  }

  @Test
  void aLineLongerThanTheLimitIsABadLineNotACrash() throws Exception {
    byte[] huge = new byte[JsonlEventReader.MAX_LINE + 10];
    java.util.Arrays.fill(huge, (byte) 'x');
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.write(huge);
    all.write('\n');
    all.write(GOOD.formatted(9).getBytes(StandardCharsets.UTF_8));
    List<Bad> bad = new ArrayList<>();
    List<Event> events = readAll(new ByteArrayInputStream(all.toByteArray()), bad);
    assertThat(events).extracting(Event::ts).containsExactly(9L);
    assertThat(bad).hasSize(1);
    assertThat(bad.get(0).line()).isEqualTo(1);
    assertThat(bad.get(0).reason()).contains("longer than");
  }
}
