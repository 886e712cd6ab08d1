package org.qinglang.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.qinglang.event.Event;

/** Tells Flink to ship {@link Bundle}s in {@link EventSerializer}'s compact form. */
public final class BundleTypeInfo extends TypeInformation<Bundle> {
  public static final BundleTypeInfo INSTANCE = new BundleTypeInfo();

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
  public Class<Bundle> getTypeClass() {
    return Bundle.class;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<Bundle> createSerializer(SerializerConfig config) {
    return Serializer.INSTANCE;
  }

  @Override
  public String toString() {
    return "Bundle";
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof BundleTypeInfo;
  }

  @Override
  public int hashCode() {
    return BundleTypeInfo.class.hashCode();
  }

  @Override
  public boolean canEqual(Object obj) {
    return obj instanceof BundleTypeInfo;
  }

  /** Key, count, then the events. Stateless, so one instance serves every thread. */
  public static final class Serializer extends TypeSerializer<Bundle> {
    public static final Serializer INSTANCE = new Serializer();
    private static final EventSerializer EVENTS = EventSerializer.INSTANCE;

    @Override
    public void serialize(Bundle b, DataOutputView o) throws IOException {
      EventSerializer.s(o, b.key());
      EventSerializer.varint(o, b.events().size());
      for (Event e : b.events()) {
        EVENTS.serialize(e, o);
      }
    }

    @Override
    public Bundle deserialize(DataInputView i) throws IOException {
      String key = EventSerializer.s(i);
      int n = EventSerializer.varint(i);
      List<Event> events = new ArrayList<>(n);
      for (int k = 0; k < n; k++) {
        events.add(EVENTS.deserialize(i));
      }
      return new Bundle(key, events);
    }

    @Override
    public Bundle deserialize(Bundle reuse, DataInputView source) throws IOException {
      return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
      serialize(deserialize(source), target);
    }

    @Override
    public boolean isImmutableType() {
      return true;
    }

    @Override
    public TypeSerializer<Bundle> duplicate() {
      return this;
    }

    @Override
    public Bundle createInstance() {
      return null;
    }

    @Override
    public Bundle copy(Bundle from) {
      return from;
    }

    @Override
    public Bundle copy(Bundle from, Bundle reuse) {
      return from;
    }

    @Override
    public int getLength() {
      return -1;
    }

    @Override
    public boolean equals(Object obj) {
      return obj instanceof Serializer;
    }

    @Override
    public int hashCode() {
      return Serializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<Bundle> snapshotConfiguration() {
      return new Snapshot();
    }
  }

  /** Stateless serializer: the snapshot only names it. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<Bundle> {
    public Snapshot() {
      super(() -> Serializer.INSTANCE);
    }
  }
}
