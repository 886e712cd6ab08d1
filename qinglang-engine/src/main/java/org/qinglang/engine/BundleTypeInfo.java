package org.qinglang.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.qinglang.event.Event;

/** Tells Flink to ship {@link Bundle}s in {@link EventSerializer}'s compact form. */
public final class BundleTypeInfo extends ImmutableTypeInfo<Bundle> {
  public static final BundleTypeInfo INSTANCE = new BundleTypeInfo();

  private BundleTypeInfo() {
    super(Bundle.class, Serializer.INSTANCE);
  }

  /** Key, count, then the events. Stateless, so one instance serves every thread. */
  public static final class Serializer extends ImmutableSerializer<Bundle> {
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
