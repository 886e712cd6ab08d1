package org.qinglang.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** Shared Jackson plumbing; one place so every writer escapes and orders things alike. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
  public static final JsonFactory FACTORY = MAPPER.getFactory();

  private Json() {}

  /** Writes one JSON value with {@code body} and returns it as a single line. */
  public static String line(GeneratorBody body) {
    StringWriter w = new StringWriter(256);
    try (JsonGenerator g = FACTORY.createGenerator(w)) {
      g.setCodec(MAPPER);
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  /** A piece of JSON writing. */
  @FunctionalInterface
  public interface GeneratorBody {
    void write(JsonGenerator g) throws IOException;
  }

  static void str(JsonGenerator g, String name, String v) throws IOException {
    if (v != null) {
      g.writeStringField(name, v);
    }
  }

  static void num(JsonGenerator g, String name, Long v) throws IOException {
    if (v != null) {
      g.writeNumberField(name, v);
    }
  }
}
