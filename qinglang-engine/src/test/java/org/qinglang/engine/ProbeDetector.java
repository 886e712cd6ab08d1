package org.qinglang.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.qinglang.alert.Subject;
import org.qinglang.detect.AlertBuilder;
import org.qinglang.detect.Context;
import org.qinglang.detect.DetectorSpec;
import org.qinglang.detect.Scope;
import org.qinglang.detect.SpecDetector;
import org.qinglang.event.Comment;
import org.qinglang.event.Event;
import org.qinglang.event.EventType;

/**
 * A detector with two bugs on purpose, for the engine's tests only: it reports its state as
 * evidence through live views (what crashed the alert writer once), and it throws on a marked
 * comment. It reacts only to comments that start with {@link #MARK}, which no simulator writes,
 * so it is silent in every other test that runs all detectors.
 */
public final class ProbeDetector extends SpecDetector<ProbeDetector.State> {
  static final String KIND = "test_probe";
  static final String MARK = "qinglang-probe";
  static final String BOOM = MARK + "-boom";

  public static final class State {
    final ArrayList<String> users = new ArrayList<>();
  }

  public ProbeDetector() {
    super(DetectorSpec.of(KIND, Scope.ROOM).accepts(EventType.COMMENT));
  }

  @Override
  protected boolean wants(Event e) {
    return ((Comment) e).text().startsWith(MARK);
  }

  @Override
  public State newState() {
    return new State();
  }

  @Override
  public void onEvent(State s, Event e, Context ctx) {
    Comment c = (Comment) e;
    if (c.text().startsWith(BOOM)) {
      throw new IllegalStateException("probe told to fail on " + c.user());
    }
    s.users.add(c.user());
    ctx.emit(AlertBuilder.of("comment_flood", c.room(), "probe").at(ctx.now(), c.platform())
        .room(c.room()).score(0.5).subject(Subject.room(c.room()))
        .subjects("account", new HashSet<>(s.users))
        .summary(s.users.size() + " probe comments")
        .evidence("users", s.users.subList(0, s.users.size()))
        .evidence("by_user", Map.of("first", s.users.get(0)))
        .evidence("empty", List.of())
        .rule("QL-TEST").basis("minor_venue").build());
  }
}
