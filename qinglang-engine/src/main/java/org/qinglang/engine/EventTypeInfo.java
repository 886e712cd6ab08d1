package org.qinglang.engine;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.qinglang.event.Event;

/** Tells Flink to use {@link EventSerializer} for {@link Event} streams. */
public final class EventTypeInfo extends TypeInformation<Event> {
  public static final EventTypeInfo INSTANCE = new EventTypeInfo();

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @Override
  public Class<Event> getTypeClass() {
    return Event.class;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<Event> createSerializer(SerializerConfig config) {
    return EventSerializer.INSTANCE;
  }

  @Override
  public String toString() {
    return "Event";
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof EventTypeInfo;
  }

  @Override
  public int hashCode() {
    return EventTypeInfo.class.hashCode();
  }

  @Override
  public boolean canEqual(Object obj) {
    return obj instanceof EventTypeInfo;
  }
}
