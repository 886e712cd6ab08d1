package org.qinglang.engine;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoCopyable;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.SerializerFactory;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.CompatibleFieldSerializer;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.util.Util;
import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;
import org.objenesis.strategy.StdInstantiatorStrategy;
import org.qinglang.detect.KeyState;
import org.qinglang.event.Event;

/**
 * The keyed state of one {@link DetectorGroupFunction} in a form that outlives changes to the
 * detectors, so a savepoint taken before an upgrade restores after it.
 *
 * <p>Flink's generic Kryo serialisation wrote {@link KeyState} and every detector's state
 * field by field, in an order derived from the class, without names: a detector state class
 * that gained a field read the old bytes shifted (or failed), and a scope that gained a detector
 * handed each state to its neighbour, because states are kept by position in the group.
 *
 * <p>Here each state is written under its detector's kind, so a restore matches states to
 * detectors by kind whatever their order ({@link #fit}), and drops those of a detector no
 * longer there. A
 * detector's own state object goes through Kryo with {@link CompatibleFieldSerializer}, which
 * writes field names: a field the class gained is left at what its constructor set (its
 * initialiser, or the type's default without a no-argument constructor), a field it lost is
 * skipped. Records are written by component name for the same reason; events in the form of
 * {@link EventSerializer}. Each state is length-prefixed so that the state of a removed
 * detector can be skipped without loading its classes.
 *
 * <p>Two versions are kept apart: {@link #FORMAT}, the layout of one value, which is written in
 * front of every value so an old one can still be read after the layout changes; and the
 * {@link Snapshot}'s version, the layout of what a savepoint says about this serializer.
 */
public final class KeyStateSerializer extends TypeSerializer<KeyState> {
  /** Layout of one value; a reader accepts every layout up to its own. */
  static final int FORMAT = 1;

  private final List<String> kinds;
  private transient Kryo kryo;
  private transient Output buffer;
  // States copied through bytes because Kryo could not copy them in memory (tests read it).
  transient long copiedThroughBytes;

  /** @param kinds the kinds of the group's detectors, in the group's order */
  public KeyStateSerializer(List<String> kinds) {
    this.kinds = List.copyOf(kinds);
  }

  List<String> kinds() {
    return kinds;
  }

  @Override
  public void serialize(KeyState ks, DataOutputView o) throws IOException {
    o.writeByte(FORMAT);
    o.writeLong(ks.processedUntil());
    List<Event> pending = ks.pendingEvents();
    o.writeInt(pending.size());
    for (Event e : pending) {
      EventSerializer.INSTANCE.serialize(e, o);
    }
    Object[] states = ks.detectorStates();
    long[] lastSeen = ks.lastSeen();
    byte[] faults = ks.faultCounts();
    long quarantined = ks.quarantinedMask();
    // A state restored but not touched since is still laid out as it was written.
    List<String> names = ks.layout() != null ? ks.layout() : kinds;
    int slots = states == null ? 0 : states.length;
    if (slots != 0 && slots != names.size()) {
      throw new IOException("detector state has " + slots + " slots for " + names);
    }
    o.writeBoolean(states != null);
    o.writeBoolean(faults != null);
    o.writeInt(slots);
    for (int i = 0; i < slots; i++) {
      o.writeUTF(names.get(i));
      o.writeLong(lastSeen[i]);
      o.writeByte(faults == null ? 0 : faults[i]);
      o.writeBoolean((quarantined & (1L << i)) != 0);
      if (states[i] == null) {
        o.writeInt(-1);
      } else {
        Output out = kryoBuffer();
        out.reset();
        kryo().writeClassAndObject(out, states[i]);
        o.writeInt(out.position());
        o.write(out.getBuffer(), 0, out.position());
      }
    }
    // Wake-up masks refer to the slots written above.
    o.writeInt(ks.wakeUps().size());
    for (Map.Entry<Long, Long> w : ks.wakeUps().entrySet()) {
      o.writeLong(w.getKey());
      o.writeLong(w.getValue());
    }
  }

  /**
   * Reads a value laid out as it was written, naming its detectors in {@link KeyState#layout()}:
   * {@link #fit} moves it to a group's order when the group uses it. (A restore may read with
   * the serializer of the old job, which knows nothing of the new group.) The state of a
   * detector this serializer does not know is skipped unread.
   */
  @Override
  public KeyState deserialize(DataInputView in) throws IOException {
    int format = in.readUnsignedByte();
    if (format < 1 || format > FORMAT) {
      throw new IOException("detector state written in layout " + format
          + ", this version reads up to " + FORMAT);
    }
    long done = in.readLong();
    int n = in.readInt();
    List<Event> pending = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      pending.add(EventSerializer.INSTANCE.deserialize(in));
    }
    boolean hasStates = in.readBoolean();
    boolean hasFaults = in.readBoolean();
    int slots = in.readInt();
    Object[] states = hasStates ? new Object[slots] : null;
    long[] lastSeen = hasStates ? new long[slots] : null;
    byte[] faults = hasFaults ? new byte[slots] : null;
    long quarantined = 0;
    String[] names = new String[slots];
    for (int j = 0; j < slots; j++) {
      names[j] = in.readUTF();
      long seen = in.readLong();
      byte f = in.readByte();
      boolean q = in.readBoolean();
      int len = in.readInt();
      Object state = null;
      if (len >= 0 && !kinds.contains(names[j])) {
        in.skipBytesToRead(len); // a detector no longer in the job: its classes may be gone
      } else if (len >= 0) {
        byte[] bytes = new byte[len];
        in.readFully(bytes);
        state = kryo().readClassAndObject(new Input(bytes));
      }
      if (hasStates) {
        states[j] = state;
        lastSeen[j] = seen;
      }
      if (faults != null) {
        faults[j] = f;
      }
      if (q) {
        quarantined |= 1L << j;
      }
    }
    int w = in.readInt();
    TreeMap<Long, Long> wakes = new TreeMap<>();
    for (int k = 0; k < w; k++) {
      wakes.put(in.readLong(), in.readLong());
    }
    List<String> layout = Arrays.asList(names).equals(kinds) ? kinds : List.of(names);
    return KeyState.of(pending, wakes, states, lastSeen, done, faults, quarantined,
        hasStates ? layout : null);
  }

  /**
   * {@code ks} with its positions in the order of a group with these detector kinds: as it is
   * when it is in that order already (the common case, one list comparison), else a copy where
   * each detector's state, wake-ups, faults and quarantine follow its kind, and the state of a
   * detector that left the group is dropped.
   */
  public static KeyState fit(KeyState ks, List<String> kinds) {
    List<String> from = ks.layout();
    if (from == null || from == kinds || from.equals(kinds)) {
      return ks;
    }
    int size = kinds.size();
    Object[] states = new Object[size];
    long[] lastSeen = new long[size];
    Arrays.fill(lastSeen, Long.MIN_VALUE);
    byte[] faults = ks.faultCounts() == null ? null : new byte[size];
    long quarantined = 0;
    int[] to = new int[from.size()];
    boolean[] taken = new boolean[size];
    for (int j = 0; j < from.size(); j++) {
      int i = -1;
      for (int c = 0; c < size && i < 0; c++) {
        if (!taken[c] && kinds.get(c).equals(from.get(j))) {
          i = c;
        }
      }
      to[j] = i;
      if (i < 0) {
        continue;
      }
      taken[i] = true;
      states[i] = ks.detectorStates()[j];
      lastSeen[i] = ks.lastSeen()[j];
      if (faults != null) {
        faults[i] = ks.faultCounts()[j];
      }
      if ((ks.quarantinedMask() & (1L << j)) != 0) {
        quarantined |= 1L << i;
      }
    }
    TreeMap<Long, Long> wakes = new TreeMap<>();
    for (Map.Entry<Long, Long> w : ks.wakeUps().entrySet()) {
      long moved = 0;
      for (int j = 0; j < to.length; j++) {
        if ((w.getValue() & (1L << j)) != 0 && to[j] >= 0) {
          moved |= 1L << to[j];
        }
      }
      if (moved != 0) {
        wakes.put(w.getKey(), moved);
      }
    }
    return KeyState.of(ks.pendingEvents(), wakes, states, lastSeen, ks.processedUntil(), faults,
        quarantined, null);
  }

  private Output kryoBuffer() {
    if (buffer == null) {
      buffer = new Output(4096, -1);
    }
    return buffer;
  }

  private Kryo kryo() {
    if (kryo == null) {
      kryo = newKryo(Thread.currentThread().getContextClassLoader());
    }
    return kryo;
  }

  /** Kryo as this serializer uses it: by name, tolerant of fields added and removed. */
  static Kryo newKryo(ClassLoader loader) {
    Kryo k = new SharingKryo();
    k.setClassLoader(loader);
    k.setRegistrationRequired(false);
    k.setReferences(true);
    // A no-argument constructor when there is one, so a new field takes its initialiser.
    k.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
    CompatibleFieldSerializer.CompatibleFieldSerializerConfig config =
        new CompatibleFieldSerializer.CompatibleFieldSerializerConfig();
    config.setChunkedEncoding(true); // a removed field's value is skipped even if its class is gone
    // A copy stands for a write and a read, which leave transient fields as a new instance has
    // them (detectors rebuild their caches from that).
    config.setCopyTransient(false);
    k.setDefaultSerializer(new SerializerFactory.BaseSerializerFactory<>() {
      @Override
      public Serializer<?> newSerializer(Kryo kryo, Class type) {
        return new ByName<>(kryo, type, config.clone());
      }
    });
    // Only copy differs from the stock serializers: it sizes a hash map or set as a read does,
    // so a copy iterates in the order a restored state would.
    k.addDefaultSerializer(HashMap.class, new SerializerFactory.BaseSerializerFactory<>() {
      @Override
      public Serializer<?> newSerializer(Kryo kryo, Class type) {
        return new SizedMap();
      }
    });
    k.addDefaultSerializer(java.util.HashSet.class, new SerializerFactory.BaseSerializerFactory<>() {
      @Override
      public Serializer<?> newSerializer(Kryo kryo, Class type) {
        return new SizedCollection();
      }
    });
    ImmutableCollectionsSerializers.addDefaultSerializers(k);
    Unmodifiable.addDefaultSerializers(k);
    // Added before Record: events are records too, and have their own compact form.
    k.addDefaultSerializer(Event.class, new KryoEvent());
    k.addDefaultSerializer(Record.class, new NamedRecord());
    return k;
  }

  @Override
  public KeyState deserialize(KeyState reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    serialize(deserialize(source), target);
  }

  /**
   * What {@link #deserialize} would give for what {@link #serialize} writes, without the bytes:
   * the heap backend copies a key's value before changing it while an asynchronous snapshot
   * still holds it, which with checkpoints back to back is nearly every access, and the byte
   * round trip cost five times a snapshot's write. Each detector state is copied by Kryo with
   * the same serializers (they copy the way they read: fields by name, transient ones left as
   * a new instance has them, hash collections sized as a read sizes them, records through their
   * constructor), so the copy iterates and behaves as a restored state would; the rest is
   * copied part by part exactly as it is written and read, slots past the layout dropped.
   */
  @Override
  public KeyState copy(KeyState from) {
    Object[] states = from.detectorStates();
    List<String> names = from.layout() != null ? from.layout() : kinds;
    int slots = states == null ? 0 : states.length;
    if (slots != 0 && slots != names.size()) {
      throw new IllegalStateException("detector state has " + slots + " slots for " + names);
    }
    if (states == null) {
      return KeyState.of(from.pendingEvents(), from.wakeUps(), null, null,
          from.processedUntil(), from.faultCounts() == null ? null : new byte[0], 0L, null);
    }
    Object[] copies = new Object[slots];
    for (int i = 0; i < slots; i++) {
      // A detector this serializer does not know reads back as nothing; so it copies.
      if (states[i] != null && kinds.contains(names.get(i))) {
        copies[i] = copyState(states[i]);
      }
    }
    long quarantined = slots >= 64 ? from.quarantinedMask()
        : from.quarantinedMask() & ((1L << slots) - 1);
    List<String> layout = names.equals(kinds) ? kinds : List.copyOf(names);
    // Events are immutable records, read back equal: the copy may share them.
    return KeyState.of(from.pendingEvents(), from.wakeUps(), copies,
        Arrays.copyOf(from.lastSeen(), slots), from.processedUntil(),
        from.faultCounts() == null ? null : Arrays.copyOf(from.faultCounts(), slots),
        quarantined, layout);
  }

  private Object copyState(Object state) {
    try {
      return kryo().copy(state);
    } catch (com.esotericsoftware.kryo.KryoException e) {
      // A type Kryo copies only through bytes (a serializer without copy): the old way.
      copiedThroughBytes++;
      Output out = kryoBuffer();
      out.reset();
      kryo().writeClassAndObject(out, state);
      return kryo().readClassAndObject(new Input(out.getBuffer(), 0, out.position()));
    }
  }

  @Override
  public KeyState copy(KeyState from, KeyState reuse) {
    return copy(from);
  }

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public TypeSerializer<KeyState> duplicate() {
    return new KeyStateSerializer(kinds); // Kryo is not thread-safe: one per user
  }

  @Override
  public KeyState createInstance() {
    return new KeyState();
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof KeyStateSerializer k && k.kinds.equals(kinds);
  }

  @Override
  public int hashCode() {
    return kinds.hashCode();
  }

  @Override
  public TypeSerializerSnapshot<KeyState> snapshotConfiguration() {
    return new Snapshot(kinds);
  }

  /**
   * What a checkpoint records about this serializer: its version and the detectors it wrote
   * for. Any earlier snapshot of this class is compatible as is, since each value carries its
   * layout and names its detectors and fields; state written by another serializer (Flink's
   * Kryo, before this one) is not, and Flink refuses the restore instead of misreading it.
   */
  public static final class Snapshot implements TypeSerializerSnapshot<KeyState> {
    static final int VERSION = 1;
    private List<String> kinds;

    /** For Flink, which instantiates it and then reads it. */
    public Snapshot() {}

    Snapshot(List<String> kinds) {
      this.kinds = kinds;
    }

    @Override
    public int getCurrentVersion() {
      return VERSION;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
      out.writeInt(kinds.size());
      for (String k : kinds) {
        out.writeUTF(k);
      }
    }

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader loader)
        throws IOException {
      if (readVersion < 1 || readVersion > VERSION) {
        throw new IOException("KeyStateSerializer snapshot version " + readVersion
            + " is newer than this version reads (" + VERSION + ")");
      }
      int n = in.readInt();
      List<String> k = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        k.add(in.readUTF());
      }
      kinds = List.copyOf(k);
    }

    @Override
    public TypeSerializer<KeyState> restoreSerializer() {
      return new KeyStateSerializer(kinds);
    }

    @Override
    public org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility<KeyState>
        resolveSchemaCompatibility(TypeSerializerSnapshot<KeyState> old) {
      if (old instanceof Snapshot) {
        return org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility
            .compatibleAsIs();
      }
      return org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility
          .incompatible();
    }
  }

  /** Events inside detector state, in {@link EventSerializer}'s form. */
  private static final class KryoEvent extends Serializer<Event> {
    KryoEvent() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo k, Output output, Event e) {
      try {
        EventSerializer.INSTANCE.serialize(e, new DataOutputViewStreamWrapper(output));
      } catch (IOException ex) {
        throw new IllegalStateException(ex);
      }
    }

    @Override
    public Event read(Kryo k, Input input, Class<? extends Event> type) {
      try {
        return EventSerializer.INSTANCE.deserialize(new DataInputViewStreamWrapper(input));
      } catch (IOException ex) {
        throw new IllegalStateException(ex);
      }
    }
  }

  /**
   * A record by component name: a component the record gained reads as null, zero or false, a
   * component it lost is skipped. (Kryo's own record serializer writes them without names.)
   */
  /**
   * The wrappers of {@code Collections.unmodifiable*}, which frozen evidence uses: Kryo's own
   * collection serializers rebuild a value by {@code put}/{@code add} on a new instance of its
   * class, which a wrapper refuses, so a state holding one was written but could not be read
   * back. A wrapper is written as its contents, in iteration order, and wrapped again.
   */
  private static final class Unmodifiable {
    static void addDefaultSerializers(Kryo k) {
      k.addDefaultSerializer(java.util.Collections.unmodifiableMap(new HashMap<>()).getClass(),
          new MapForm());
      k.addDefaultSerializer(java.util.Collections.unmodifiableList(new ArrayList<>()).getClass(),
          new CollectionForm(false));
      k.addDefaultSerializer(
          java.util.Collections.unmodifiableList(new java.util.LinkedList<>()).getClass(),
          new CollectionForm(false));
      k.addDefaultSerializer(
          java.util.Collections.unmodifiableSet(new java.util.HashSet<>()).getClass(),
          new CollectionForm(true));
      k.addDefaultSerializer(
          java.util.Collections.unmodifiableCollection(new ArrayList<>()).getClass(),
          new CollectionForm(false));
    }

    private static final class MapForm extends Serializer<Map<Object, Object>> {
      @Override
      public void write(Kryo kryo, Output out, Map<Object, Object> m) {
        out.writeVarInt(m.size(), true);
        for (Map.Entry<Object, Object> e : m.entrySet()) {
          kryo.writeClassAndObject(out, e.getKey());
          kryo.writeClassAndObject(out, e.getValue());
        }
      }

      @Override
      public Map<Object, Object> read(Kryo kryo, Input in, Class<? extends Map<Object, Object>> t) {
        int n = in.readVarInt(true);
        Map<Object, Object> m = new java.util.LinkedHashMap<>(Math.max(4, n * 2));
        for (int i = 0; i < n; i++) {
          Object key = kryo.readClassAndObject(in);
          m.put(key, kryo.readClassAndObject(in));
        }
        return java.util.Collections.unmodifiableMap(m);
      }

      @Override
      public Map<Object, Object> copy(Kryo kryo, Map<Object, Object> original) {
        Map<Object, Object> m =
            new java.util.LinkedHashMap<>(Math.max(4, original.size() * 2));
        for (Map.Entry<Object, Object> e : original.entrySet()) {
          m.put(kryo.copy(e.getKey()), kryo.copy(e.getValue()));
        }
        return java.util.Collections.unmodifiableMap(m);
      }
    }

    /** A list or set wrapper: the contents in order, then {@code wrap} over a fresh copy. */
    private static final class CollectionForm extends Serializer<java.util.Collection<Object>> {
      private final boolean set;

      CollectionForm(boolean set) {
        this.set = set;
      }

      @Override
      public void write(Kryo kryo, Output out, java.util.Collection<Object> c) {
        out.writeVarInt(c.size(), true);
        for (Object o : c) {
          kryo.writeClassAndObject(out, o);
        }
      }

      @Override
      public java.util.Collection<Object> read(Kryo kryo, Input in,
          Class<? extends java.util.Collection<Object>> t) {
        int n = in.readVarInt(true);
        java.util.Collection<Object> c = set ? new java.util.LinkedHashSet<>(Math.max(4, n * 2))
            : new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          c.add(kryo.readClassAndObject(in));
        }
        return wrap(c);
      }

      @Override
      public java.util.Collection<Object> copy(Kryo kryo, java.util.Collection<Object> original) {
        int n = original.size();
        java.util.Collection<Object> c = set ? new java.util.LinkedHashSet<>(Math.max(4, n * 2))
            : new ArrayList<>(n);
        for (Object o : original) {
          c.add(kryo.copy(o));
        }
        return wrap(c);
      }

      private java.util.Collection<Object> wrap(java.util.Collection<Object> c) {
        return set ? java.util.Collections.unmodifiableSet((java.util.Set<Object>) c)
            : java.util.Collections.unmodifiableList((List<Object>) c);
      }
    }
  }

  /**
   * Kryo with its own bookkeeping for a copy. Kryo remembers one object awaiting its copy at a
   * time, so an object whose serializer copies what is inside before it names the copy (its map
   * serializer; a record or an unmodifiable wrapper, made last) was forgotten: met twice in one
   * state, it came out of a copy as two objects, where a write and a read give one. Here each
   * object awaits its own copy. Immutable values (strings, boxes, enums, events) are their own
   * copy, as Kryo's serializers say, without a table look-up; and the table keeps its size from
   * one state to the next instead of shrinking and growing again.
   */
  static final class SharingKryo extends Kryo {
    private final IdentityTable copies = new IdentityTable();
    private Object awaiting; // the original whose copy the serializer may name by reference()
    private int depth;

    @Override
    public <T> T copy(T object) {
      if (object == null || object instanceof String || object instanceof Enum
          || object instanceof Event || Util.isWrapperClass(object.getClass())) {
        return object;
      }
      @SuppressWarnings("unchecked")
      T seen = (T) copies.value(object);
      if (seen != null) {
        return seen;
      }
      Object outer = awaiting;
      awaiting = object;
      depth++;
      try {
        @SuppressWarnings("unchecked")
        T copy = object instanceof KryoCopyable<?> c ? (T) c.copy(this)
            : (T) getSerializer(object.getClass()).copy(this, object);
        if (awaiting == object) {
          copies.put(object, copy);
        }
        return copy;
      } finally {
        awaiting = outer;
        if (--depth == 0) {
          copies.clear(); // one state's graph at a time, as a write is
        }
      }
    }

    @Override
    public void reference(Object object) {
      if (depth == 0) {
        super.reference(object); // a read
      } else if (awaiting != null) {
        copies.put(awaiting, object);
        awaiting = null;
      }
    }
  }

  /**
   * Kryo's serializer by field name, whose copy leaves a field that is null in the original as
   * a new instance has it, since a read does: a null is written as "no value" and the reader
   * keeps the initialiser (a detector that drops a map at room end gets an empty one back).
   */
  static final class ByName<T> extends CompatibleFieldSerializer<T> {
    ByName(Kryo kryo, Class<T> type, CompatibleFieldSerializer.CompatibleFieldSerializerConfig c) {
      super(kryo, type, c);
    }

    @Override
    public T copy(Kryo kryo, T original) {
      T copy = createCopy(kryo, original);
      kryo.reference(copy);
      for (CachedField f : getCopyFields()) {
        java.lang.reflect.Field field = f.getField();
        if (field.getType().isPrimitive()) {
          f.copy(original, copy);
          continue;
        }
        try {
          Object value = field.get(original);
          if (value != null) {
            field.set(copy, kryo.copy(value));
          }
        } catch (IllegalAccessException e) {
          throw new com.esotericsoftware.kryo.KryoException("copying " + field, e);
        }
      }
      return copy;
    }
  }

  /** Kryo's map serializer, whose copy starts from the map a read of the same size makes. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static final class SizedMap extends com.esotericsoftware.kryo.serializers.MapSerializer<Map> {
    @Override
    protected Map createCopy(Kryo kryo, Map original) {
      return create(kryo, null, original.getClass(), original.size());
    }
  }

  /** Kryo's collection serializer, whose copy starts from the collection a read makes. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static final class SizedCollection
      extends com.esotericsoftware.kryo.serializers.CollectionSerializer<java.util.Collection> {
    @Override
    protected java.util.Collection createCopy(Kryo kryo, java.util.Collection original) {
      return create(kryo, null, original.getClass(), original.size());
    }
  }

  private static final class NamedRecord extends Serializer<Record> {
    @Override
    public void write(Kryo k, Output output, Record r) {
      RecordComponent[] cs = r.getClass().getRecordComponents();
      output.writeVarInt(cs.length, true);
      for (RecordComponent c : cs) {
        output.writeString(c.getName());
        try {
          var accessor = c.getAccessor();
          accessor.setAccessible(true);
          k.writeClassAndObject(output, accessor.invoke(r));
        } catch (ReflectiveOperationException ex) {
          throw new IllegalStateException("reading " + c + " of " + r.getClass(), ex);
        }
      }
    }

    @Override
    public Record read(Kryo k, Input input, Class<? extends Record> type) {
      int n = input.readVarInt(true);
      Map<String, Object> got = new HashMap<>();
      for (int i = 0; i < n; i++) {
        String name = input.readString();
        got.put(name, k.readClassAndObject(input));
      }
      RecordComponent[] cs = type.getRecordComponents();
      Class<?>[] types = new Class<?>[cs.length];
      Object[] args = new Object[cs.length];
      for (int i = 0; i < cs.length; i++) {
        types[i] = cs[i].getType();
        args[i] = got.containsKey(cs[i].getName()) ? got.get(cs[i].getName())
            : types[i].isPrimitive() ? Array.get(Array.newInstance(types[i], 1), 0) : null;
      }
      return build(type, types, args);
    }

    /** Components copied one by one, then the canonical constructor, as a read builds it. */
    @Override
    public Record copy(Kryo k, Record original) {
      RecordComponent[] cs = original.getClass().getRecordComponents();
      Class<?>[] types = new Class<?>[cs.length];
      Object[] args = new Object[cs.length];
      for (int i = 0; i < cs.length; i++) {
        types[i] = cs[i].getType();
        try {
          var accessor = cs[i].getAccessor();
          accessor.setAccessible(true);
          args[i] = k.copy(accessor.invoke(original));
        } catch (ReflectiveOperationException ex) {
          throw new IllegalStateException("reading " + cs[i] + " of " + original.getClass(), ex);
        }
      }
      return build(original.getClass(), types, args);
    }

    private static Record build(Class<? extends Record> type, Class<?>[] types, Object[] args) {
      try {
        Constructor<? extends Record> ctor = type.getDeclaredConstructor(types);
        ctor.setAccessible(true);
        return ctor.newInstance(args);
      } catch (ReflectiveOperationException ex) {
        throw new IllegalStateException("building " + type, ex);
      }
    }
  }
}
