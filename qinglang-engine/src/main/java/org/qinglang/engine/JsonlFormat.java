package org.qinglang.engine;

import java.io.IOException;
import java.util.ArrayDeque;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;
import org.qinglang.event.Event;
import org.qinglang.io.JsonlEventReader;

/**
 * The contract's JSON Lines as a Flink file format, on top of {@link JsonlEventReader}: bounded
 * memory, gzip by magic bytes, strict parsing, and bad lines passed on in-band. Not
 * splittable, so line numbers are exact; an event whose {@code ts} is implausible
 * ({@link TimeGuard}) is set aside as a bad line too; on restore Flink re-reads and skips the records
 * already emitted, which keeps the numbering right.
 */
public final class JsonlFormat extends SimpleStreamFormat<Parsed> {
  private final String source;
  private final String run;

  public JsonlFormat(String source, String run) {
    this.source = source;
    this.run = run;
  }

  @Override
  public StreamFormat.Reader<Parsed> createReader(Configuration config, FSDataInputStream stream)
      throws IOException {
    ArrayDeque<Parsed> bad = new ArrayDeque<>();
    Progress progress = run == null ? null : Progress.of(run);
    JsonlEventReader reader = new JsonlEventReader(stream, (line, reason, raw) -> {
      bad.add(Parsed.bad(source, line, reason, raw));
      if (progress != null) {
        progress.badLines.incrementAndGet();
      }
    });
    TimeGuard clock = new TimeGuard();
    return new StreamFormat.Reader<>() {
      private long lastBytes;

      @Override
      public Parsed read() throws IOException {
        if (!bad.isEmpty()) {
          return bad.poll();
        }
        Event e;
        String implausible;
        // Parsed, but not on the stream's clock: set aside like a bad line, before it can reach
        // the watermark.
        while ((e = reader.next()) != null && (implausible = clock.check(e.ts())) != null) {
          bad.add(Parsed.bad(source, reader.lineNo(), implausible, reader.lastLine()));
          if (progress != null) {
            progress.badLines.incrementAndGet();
          }
        }
        if (progress != null) {
          long b = reader.bytesRead();
          progress.bytes.addAndGet(b - lastBytes);
          lastBytes = b;
          if (e != null) {
            progress.byType.incrementAndGet(e.type().ordinal());
          }
        }
        if (!bad.isEmpty()) {
          // Bad lines read while looking for this event come first, in line order.
          if (e != null) {
            bad.add(Parsed.ok(e));
          }
          return bad.poll();
        }
        return e == null ? null : Parsed.ok(e);
      }

      @Override
      public void close() throws IOException {
        reader.close();
      }
    };
  }

  @Override
  public TypeInformation<Parsed> getProducedType() {
    return TypeInformation.of(Parsed.class);
  }
}
