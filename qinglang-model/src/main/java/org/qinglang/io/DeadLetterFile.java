package org.qinglang.io;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Bad lines set aside as JSON Lines: {@code {"source", "line", "reason", "raw"}}. The raw text
 * is kept (clipped) so an operator can fix and replay it; it is the producer's data, already
 * hashed where personal, so keeping it adds no exposure.
 */
public final class DeadLetterFile implements JsonlEventReader.BadLineHandler, Closeable {
  private final BufferedWriter out;
  private final String source;
  private long count;

  public DeadLetterFile(Path file, String source) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    this.source = source;
  }

  @Override
  public void badLine(long lineNo, String reason, String raw) {
    count++;
    try {
      out.write(Json.line(g -> {
        g.writeStartObject();
        g.writeStringField("source", source);
        g.writeNumberField("line", lineNo);
        g.writeStringField("reason", reason);
        g.writeStringField("raw", raw.length() > 1000 ? raw.substring(0, 1000) : raw);
        g.writeEndObject();
      }));
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public long count() {
    return count;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
