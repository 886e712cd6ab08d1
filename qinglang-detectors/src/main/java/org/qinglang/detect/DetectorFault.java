package org.qinglang.detect;

import java.util.ArrayList;
import java.util.List;
import org.qinglang.event.Event;
import org.qinglang.io.EventJson;

/**
 * A detector that threw while handling one key: which detector, which key, on which event (or
 * wake-up), and why. The engine sets the key's state for that detector aside and analyses the
 * rest of the stream, as the reader does with a bad line: one unusual shape of input must not
 * cost the whole evening, and a person must be able to find and replay the event that did it.
 *
 * @param event the event as a contract line (null for a wake-up), cut at 2,000 characters
 * @param trace the first frames of the deepest cause, for the bug report
 */
public record DetectorFault(String detector, String key, String eventType, long ts, String event,
    String error, List<String> trace) {

  private static final int MAX_EVENT_CHARS = 2_000;
  private static final int MAX_FRAMES = 8;

  public DetectorFault {
    trace = trace == null ? List.of() : List.copyOf(trace);
  }

  static DetectorFault of(Detector<?> d, String key, Event e, long wakeTime, Throwable t) {
    String line = null;
    if (e != null) {
      try {
        line = EventJson.toLine(e);
      } catch (RuntimeException unwritable) {
        line = String.valueOf(e);
      }
      if (line.length() > MAX_EVENT_CHARS) {
        line = line.substring(0, MAX_EVENT_CHARS);
      }
    }
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    List<String> frames = new ArrayList<>();
    for (StackTraceElement f : root.getStackTrace()) {
      if (frames.size() == MAX_FRAMES) {
        break;
      }
      frames.add(f.toString());
    }
    String error = root.getClass().getName()
        + (root.getMessage() == null ? "" : ": " + root.getMessage());
    return new DetectorFault(d.kind(), key, e == null ? "wake" : e.type().wire(),
        e == null ? wakeTime : e.ts(), line, error, frames);
  }

  /** As a JSON line, for the faults file. */
  public String toLine() {
    return org.qinglang.io.Json.line(g -> {
      g.writeStartObject();
      g.writeStringField("detector", detector);
      g.writeStringField("key", key);
      g.writeStringField("event_type", eventType);
      g.writeNumberField("ts", ts);
      g.writeStringField("error", error);
      g.writeArrayFieldStart("trace");
      for (String f : trace) {
        g.writeString(f);
      }
      g.writeEndArray();
      if (event != null) {
        g.writeStringField("event", event);
      }
      g.writeEndObject();
    });
  }

  /** One line for logs and summaries. */
  public String describe() {
    return "detector " + detector + " failed on key '" + key + "' at " + eventType + " ts=" + ts
        + ": " + error + (trace.isEmpty() ? "" : " (at " + trace.get(0) + ")");
  }
}
