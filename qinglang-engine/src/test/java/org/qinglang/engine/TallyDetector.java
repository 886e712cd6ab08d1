package org.qinglang.engine;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeMap;
import org.qinglang.alert.Subject;
import org.qinglang.detect.AlertBuilder;
import org.qinglang.detect.Context;
import org.qinglang.detect.Detector;
import org.qinglang.detect.Directory;
import org.qinglang.detect.Scope;
import org.qinglang.event.Comment;
import org.qinglang.event.Event;

/**
 * A detector whose state class is not on the test's class path: it is {@value #STATE_CLASS},
 * loaded from the thread's context class loader, so one test can run it with the class as it
 * was (version 1) and then as it became (version 2, with a field more), under one name, as an
 * upgraded job would. It counts comments that start with {@value #MARK} per room and reports
 * every public field of its state in the alert's evidence.
 */
final class TallyDetector implements Detector<Object> {
  static final String KIND = "test_tally";
  static final String MARK = "tally";
  static final String STATE_CLASS = "qlevolve.TallyState";

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Scope scope() {
    return Scope.ROOM;
  }

  @Override
  public boolean accepts(Event e) {
    return e instanceof Comment c && c.text().startsWith(MARK);
  }

  @Override
  public Set<Directory.Part> reads() {
    return NO_PARTS;
  }

  @Override
  public Object newState() {
    try {
      return Class.forName(STATE_CLASS, true, Thread.currentThread().getContextClassLoader())
          .getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void onEvent(Object state, Event e, Context ctx) {
    Comment c = (Comment) e;
    TreeMap<String, Object> fields = new TreeMap<>();
    try {
      Field count = state.getClass().getField("count");
      count.setLong(state, count.getLong(state) + 1);
      for (Field f : state.getClass().getFields()) {
        if (!Modifier.isStatic(f.getModifiers())) {
          fields.put(f.getName(), String.valueOf(f.get(state)));
        }
      }
    } catch (ReflectiveOperationException ex) {
      throw new IllegalStateException(ex);
    }
    fields.put("class", state.getClass().getName() + "@" + state.getClass().getClassLoader());
    ctx.emit(AlertBuilder.of("comment_flood", c.room(), "tally").at(ctx.now(), c.platform())
        .room(c.room()).score(0.5).subject(Subject.room(c.room()))
        .summary("tally").evidence("fields", fields)
        .rule("QL-TEST").basis("minor_venue").build());
  }
}
