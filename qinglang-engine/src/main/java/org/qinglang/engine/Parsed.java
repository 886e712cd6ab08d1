package org.qinglang.engine;

import java.io.Serializable;
import org.qinglang.event.Event;

/**
 * What the source yields for one line: an event, or a bad line with its number and reason.
 * Bad lines travel in-band from the reader so they can go to a side output and on to the
 * dead-letter sink without stopping the stream.
 */
public record Parsed(Event event, String source, long line, String reason, String raw)
    implements Serializable {

  public static Parsed ok(Event e) {
    return new Parsed(e, null, 0, null, null);
  }

  public static Parsed bad(String source, long line, String reason, String raw) {
    return new Parsed(null, source, line, reason, raw);
  }

  public boolean isBad() {
    return event == null;
  }
}
