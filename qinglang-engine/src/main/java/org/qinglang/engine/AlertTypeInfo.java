package org.qinglang.engine;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.qinglang.alert.Alert;
import org.qinglang.alert.Severity;
import org.qinglang.alert.Subject;

/**
 * Ships {@link Alert}s in a form of their own instead of Kryo's. Kryo rebuilt whatever class a
 * detector happened to put in the evidence, and one {@code subList} view once took down an
 * evening's analysis in the alert writer. Evidence is frozen into a handful of JSON value types
 * when the alert is made ({@link org.qinglang.alert.EvidenceValues}), and this writes exactly
 * those, tagged; anything else is a bug reported with the alert's kind and field.
 */
public final class AlertTypeInfo extends ImmutableTypeInfo<Alert> {
  public static final AlertTypeInfo INSTANCE = new AlertTypeInfo();

  private AlertTypeInfo() {
    super(Alert.class, Serializer.INSTANCE);
  }

  /** Stateless; one instance serves every thread. */
  public static final class Serializer extends ImmutableSerializer<Alert> {
    public static final Serializer INSTANCE = new Serializer();
    private static final Severity[] SEVERITIES = Severity.values();

    private static final int NULL = 0;
    private static final int STRING = 1;
    private static final int INT = 2;
    private static final int LONG = 3;
    private static final int DOUBLE = 4;
    private static final int FLOAT = 5;
    private static final int TRUE = 6;
    private static final int FALSE = 7;
    private static final int LIST = 8;
    private static final int MAP = 9;
    private static final int BIG_INTEGER = 10;
    private static final int BIG_DECIMAL = 11;

    @Override
    public void serialize(Alert a, DataOutputView o) throws IOException {
      EventSerializer.s(o, a.id());
      EventSerializer.s(o, a.kind());
      o.writeLong(a.ts());
      EventSerializer.s(o, a.platform());
      EventSerializer.s(o, a.room());
      o.writeDouble(a.score());
      o.writeByte(a.severity() == null ? 0 : a.severity().ordinal() + 1);
      EventSerializer.varint(o, a.subjects().size());
      for (Subject s : a.subjects()) {
        EventSerializer.s(o, s.type());
        EventSerializer.s(o, s.id());
      }
      EventSerializer.s(o, a.summary());
      value(o, a.evidence(), a.kind(), "evidence");
      EventSerializer.s(o, a.rule());
      EventSerializer.s(o, a.basis());
      o.writeBoolean(a.shadow());
    }

    @Override
    public Alert deserialize(DataInputView i) throws IOException {
      String id = EventSerializer.s(i);
      String kind = EventSerializer.s(i);
      long ts = i.readLong();
      String platform = EventSerializer.s(i);
      String room = EventSerializer.s(i);
      double score = i.readDouble();
      int sev = i.readUnsignedByte();
      int n = EventSerializer.varint(i);
      List<Subject> subjects = new ArrayList<>(n);
      for (int k = 0; k < n; k++) {
        subjects.add(new Subject(EventSerializer.s(i), EventSerializer.s(i)));
      }
      String summary = EventSerializer.s(i);
      @SuppressWarnings("unchecked")
      Map<String, Object> evidence = (Map<String, Object>) value(i);
      String rule = EventSerializer.s(i);
      String basis = EventSerializer.s(i);
      return new Alert(id, kind, ts, platform, room, score, sev == 0 ? null : SEVERITIES[sev - 1],
          subjects, summary, evidence, rule, basis, i.readBoolean());
    }

    private static void value(DataOutputView o, Object v, String kind, String path)
        throws IOException {
      if (v == null) {
        o.writeByte(NULL);
      } else if (v instanceof String s) {
        o.writeByte(STRING);
        EventSerializer.s(o, s);
      } else if (v instanceof Integer x) {
        o.writeByte(INT);
        o.writeInt(x);
      } else if (v instanceof Long x) {
        o.writeByte(LONG);
        o.writeLong(x);
      } else if (v instanceof Double x) {
        o.writeByte(DOUBLE);
        o.writeDouble(x);
      } else if (v instanceof Float x) {
        o.writeByte(FLOAT);
        o.writeFloat(x);
      } else if (v instanceof Boolean b) {
        o.writeByte(b ? TRUE : FALSE);
      } else if (v instanceof List<?> l) {
        o.writeByte(LIST);
        EventSerializer.varint(o, l.size());
        for (int k = 0; k < l.size(); k++) {
          value(o, l.get(k), kind, path + "[" + k + "]");
        }
      } else if (v instanceof Map<?, ?> m) {
        o.writeByte(MAP);
        EventSerializer.varint(o, m.size());
        for (Map.Entry<?, ?> e : m.entrySet()) {
          String name = String.valueOf(e.getKey());
          EventSerializer.s(o, name);
          value(o, e.getValue(), kind, path + "." + name);
        }
      } else if (v instanceof BigInteger b) {
        o.writeByte(BIG_INTEGER);
        EventSerializer.s(o, b.toString());
      } else if (v instanceof BigDecimal b) {
        o.writeByte(BIG_DECIMAL);
        EventSerializer.s(o, b.toString());
      } else {
        throw new IOException("alert " + kind + ": " + path + " holds a "
            + v.getClass().getName() + ", not a JSON value (evidence should have been frozen)");
      }
    }

    private static Object value(DataInputView i) throws IOException {
      int tag = i.readUnsignedByte();
      return switch (tag) {
        case NULL -> null;
        case STRING -> EventSerializer.s(i);
        case INT -> i.readInt();
        case LONG -> i.readLong();
        case DOUBLE -> i.readDouble();
        case FLOAT -> i.readFloat();
        case TRUE -> Boolean.TRUE;
        case FALSE -> Boolean.FALSE;
        case LIST -> {
          int n = EventSerializer.varint(i);
          List<Object> l = new ArrayList<>(n);
          for (int k = 0; k < n; k++) {
            l.add(value(i));
          }
          yield l;
        }
        case MAP -> {
          int n = EventSerializer.varint(i);
          Map<String, Object> m = new LinkedHashMap<>(Math.max(4, n * 2));
          for (int k = 0; k < n; k++) {
            String name = EventSerializer.s(i);
            m.put(name, value(i));
          }
          yield m;
        }
        case BIG_INTEGER -> new BigInteger(EventSerializer.s(i));
        case BIG_DECIMAL -> new BigDecimal(EventSerializer.s(i));
        default -> throw new IOException("malformed serialised alert: value tag " + tag);
      };
    }

    @Override
    public TypeSerializerSnapshot<Alert> snapshotConfiguration() {
      return new Snapshot();
    }
  }

  /** Stateless serializer: the snapshot only names it. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<Alert> {
    public Snapshot() {
      super(() -> Serializer.INSTANCE);
    }
  }
}
