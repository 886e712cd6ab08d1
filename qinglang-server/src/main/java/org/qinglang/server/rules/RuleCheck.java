package org.qinglang.server.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.qinglang.alert.Alert;
import org.qinglang.detect.Detector;
import org.qinglang.detect.LocalRunner;
import org.qinglang.event.Event;
import org.qinglang.event.RoomEnd;
import org.qinglang.event.RoomStart;
import org.qinglang.event.Speech;

/**
 * Checks a script before it is spoken: each non-blank line becomes a {@code speech} event of a
 * synthetic room (10 s apart), the room's title and venue come from the request, and every
 * detector registered in META-INF/services runs over it exactly as on a live room. Nothing is
 * stored. Which findings appear depends on the detectors present (false_claim catches
 * advertising-law terms, minor_venue school venues and child-directed selling, …).
 */
public final class RuleCheck {
  public static final String ROOM = "rule-check";
  private static final long STEP = 10_000;

  private RuleCheck() {}

  public static List<Alert> check(String title, String venue, String script) {
    List<Detector<?>> detectors = new ArrayList<>();
    ServiceLoader.load(Detector.class).forEach(detectors::add);
    LocalRunner runner = new LocalRunner(detectors);
    long ts = 0;
    List<Event> events = new ArrayList<>();
    events.add(new RoomStart(ts, "rule-check", ROOM, "rule-check-anchor",
        title == null || title.isBlank() ? "rule check" : title, null, null, null, venue));
    for (String line : script.split("\r?\n")) {
      if (!line.isBlank()) {
        ts += STEP;
        events.add(new Speech(ts, "rule-check", ROOM, line.strip(), ts + STEP - 1));
      }
    }
    events.add(new RoomEnd(ts + STEP, "rule-check", ROOM));
    events.forEach(runner::accept);
    return runner.finish();
  }
}
