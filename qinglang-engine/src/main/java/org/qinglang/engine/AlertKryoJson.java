package org.qinglang.engine;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.qinglang.alert.EvidenceValues;

/**
 * Stop-gap Kryo serializer for the frozen (unmodifiable) maps and lists of an alert's
 * evidence, in-process engine only: Kryo's generic serializers rebuild a collection by calling
 * {@code put}/{@code add} on a new instance of its class, which an unmodifiable view refuses,
 * so every alert crossing the network or a checkpoint failed the job. It writes a plain copy
 * and freezes it again on read. The alert stream's own serializer (in progress on main)
 * replaces it; then this class and its registration in {@link Engine} go.
 */
public final class AlertKryoJson extends Serializer<Object> {
  /** The {@code pipeline.serialization-config} entries that install it for both views. */
  static final java.util.List<String> CONFIG = java.util.List.of(
      "java.util.Collections$UnmodifiableMap: {type: kryo, kryo-type: default, class: "
          + AlertKryoJson.class.getName() + "}",
      "java.util.Collections$UnmodifiableCollection: {type: kryo, kryo-type: default, class: "
          + AlertKryoJson.class.getName() + "}");

  @Override
  public void write(Kryo kryo, Output out, Object v) {
    kryo.writeClassAndObject(out, v instanceof Map<?, ?> m ? new LinkedHashMap<>(m)
        : new ArrayList<>((Collection<?>) v));
  }

  @Override
  public Object read(Kryo kryo, Input in, Class<?> type) {
    return EvidenceValues.freeze(kryo.readClassAndObject(in));
  }
}
