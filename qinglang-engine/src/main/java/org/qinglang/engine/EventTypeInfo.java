package org.qinglang.engine;

import org.qinglang.event.Event;

/** Tells Flink to use {@link EventSerializer} for {@link Event} streams. */
public final class EventTypeInfo extends ImmutableTypeInfo<Event> {
  public static final EventTypeInfo INSTANCE = new EventTypeInfo();

  private EventTypeInfo() {
    super(Event.class, EventSerializer.INSTANCE);
  }
}
