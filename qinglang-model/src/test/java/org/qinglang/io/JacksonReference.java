package org.qinglang.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;
import org.qinglang.event.Event;

/**
 * The reader's former parser, on Jackson's streaming API: the reference that
 * {@link ObjectScanner} is checked against. Test code only.
 */
final class JacksonReference {
  private final JsonFactory factory = new JsonFactory();
  private final EventParser target = new EventParser();
  private final Map<String, Integer> slots = new HashMap<>();

  JacksonReference() throws Exception {
    Field f = EventParser.class.getDeclaredField("NAMES");
    f.setAccessible(true);
    String[] names = (String[]) f.get(null);
    for (int i = 0; i < names.length; i++) {
      slots.put(names[i], i);
    }
  }

  Event parse(byte[] buf) throws BadLineException {
    Object[] vals = target.vals;
    long[] longs = target.longs;
    java.util.Arrays.fill(vals, null);
    try (JsonParser p = factory.createParser(buf)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new BadLineException("not a JSON object");
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        Integer slot = slots.get(p.currentName());
        JsonToken v = p.nextToken();
        if (slot == null) {
          p.skipChildren();
          continue;
        }
        vals[slot] = switch (v) {
          case VALUE_STRING -> p.getText();
          case VALUE_NUMBER_INT -> {
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
              yield ObjectScanner.BIG;
            }
            longs[slot] = p.getLongValue();
            yield ObjectScanner.LONG;
          }
          case VALUE_NUMBER_FLOAT -> ObjectScanner.FLOAT;
          case VALUE_TRUE -> Boolean.TRUE;
          case VALUE_FALSE -> Boolean.FALSE;
          case VALUE_NULL -> null;
          case START_OBJECT -> {
            p.skipChildren();
            yield ObjectScanner.OBJECT;
          }
          case START_ARRAY -> {
            p.skipChildren();
            yield ObjectScanner.ARRAY;
          }
          default -> throw new BadLineException("unexpected JSON token " + v);
        };
      }
      if (t != JsonToken.END_OBJECT) {
        throw new BadLineException("not a JSON object");
      }
      if (p.nextToken() != null) {
        throw new BadLineException("text after the JSON object");
      }
    } catch (JsonParseException e) {
      throw new BadLineException("invalid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new BadLineException("invalid JSON: " + e.getMessage());
    }
    return target.build();
  }
}
