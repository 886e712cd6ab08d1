package org.qinglang.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
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
 * A KEYED detector for the engine's routing tests: a comment {@code "qinglang-keyed k1 k2"}
 * belongs to keys k1 and k2, and each key reports, in one alert, the users it saw in the order
 * it saw them. So a key missing an event, seeing one twice or out of event-time order, shows in
 * its alert. No simulator writes the mark, so it is silent in every other test.
 */
public final class KeyedProbeDetector extends SpecDetector<KeyedProbeDetector.State> {
  static final String KIND = "test_keyed_probe";
  static final String MARK = "qinglang-keyed";

  public static final class State {
    final ArrayList<String> users = new ArrayList<>();
  }

  public KeyedProbeDetector() {
    super(DetectorSpec.of(KIND, Scope.KEYED).accepts(EventType.COMMENT));
  }

  @Override
  protected boolean wants(Event e) {
    return ((Comment) e).text().startsWith(MARK);
  }

  @Override
  public Collection<String> keysOf(Event e) {
    String[] words = ((Comment) e).text().split(" ");
    return Arrays.asList(words).subList(1, words.length);
  }

  @Override
  public State newState() {
    return new State();
  }

  @Override
  public void onEvent(State s, Event e, Context ctx) {
    Comment c = (Comment) e;
    s.users.add(c.user());
    ctx.emit(AlertBuilder.of("comment_flood", "keyed-probe", ctx.key()).at(ctx.now(),
            c.platform())
        .room(c.room()).score(0.5).subject(Subject.room(c.room()))
        .summary(ctx.key() + ": " + s.users.size() + " comments")
        .evidence("key", ctx.key())
        .evidence("users", List.copyOf(s.users))
        .rule("QL-TEST").basis("minor_venue").build());
  }
}
