package org.qinglang.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns whatever a detector hands over as evidence into plain, immutable, JSON-shaped values:
 * {@code String}, {@code Boolean}, {@code Integer}, {@code Long}, {@code Double},
 * {@code Float}, {@code BigInteger}, {@code BigDecimal}, unmodifiable {@code ArrayList}s and
 * unmodifiable {@code LinkedHashMap}s with string keys, and null.
 *
 * <p>Why: an alert crosses Flink's network and state boundaries, and a detector that passes a
 * {@code subList} view, a live set or a record there once crashed a whole evening's analysis
 * (Kryo could not rebuild the view). Freezing at the alert's construction makes every alert
 * serialisable by one small serializer, equal after a round trip, and safe from later changes
 * to the detector's own collections.
 */
public final class EvidenceValues {
  // Its own mapper: snake_case names for record components, and a null component written as an
  // absent field; a null inside a map stays (an "until": null ban is a ban for ever).
  private static final ObjectMapper RECORDS = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
          JsonInclude.Include.ALWAYS))
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final int MAX_DEPTH = 64;

  private EvidenceValues() {}

  /** A frozen copy of an evidence map, keys in their order. */
  public static Map<String, Object> freezeMap(Map<String, ?> evidence) {
    if (evidence == null || evidence.isEmpty()) {
      return Map.of();
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) freeze(evidence, 0);
    return m;
  }

  /** The fields of a typed evidence record, as a frozen map in snake_case. */
  public static Map<String, Object> fields(Evidence record) {
    @SuppressWarnings("unchecked")
    Map<String, Object> raw = RECORDS.convertValue(record, Map.class);
    return freezeMap(raw);
  }

  /** The typed record that {@code evidence} holds (fields it does not know are ignored). */
  public static <T extends Evidence> T as(Map<String, Object> evidence, Class<T> type) {
    return RECORDS.convertValue(evidence, type);
  }

  /** Frozen form of one value; anything not JSON-shaped goes through Jackson's tree form. */
  public static Object freeze(Object v) {
    return freeze(v, 0);
  }

  private static Object freeze(Object v, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("evidence nested deeper than " + MAX_DEPTH);
    }
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer
        || v instanceof Long || v instanceof Double || v instanceof Float
        || v instanceof BigInteger || v instanceof BigDecimal) {
      return v;
    }
    if (v instanceof Short || v instanceof Byte) {
      return ((Number) v).intValue();
    }
    if (v instanceof Character || v instanceof Enum<?> || v instanceof CharSequence) {
      return v instanceof Enum<?> e ? e.name() : v.toString();
    }
    if (v instanceof Map<?, ?> m) {
      LinkedHashMap<String, Object> out = new LinkedHashMap<>(Math.max(4, m.size() * 2));
      for (Map.Entry<?, ?> e : m.entrySet()) {
        out.put(String.valueOf(e.getKey()), freeze(e.getValue(), depth + 1));
      }
      return Collections.unmodifiableMap(out);
    }
    if (v instanceof Iterable<?> it) {
      ArrayList<Object> out = new ArrayList<>();
      for (Object o : it) {
        out.add(freeze(o, depth + 1));
      }
      out.trimToSize();
      return Collections.unmodifiableList(out);
    }
    if (v.getClass().isArray()) {
      int n = Array.getLength(v);
      ArrayList<Object> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(freeze(Array.get(v, i), depth + 1));
      }
      return Collections.unmodifiableList(out);
    }
    // a typed record, or another bean: its JSON form, as the alert file will show it
    return freeze(RECORDS.convertValue(v, Object.class), depth + 1);
  }

  /** Whether {@code v} is already in frozen form (for tests and assertions). */
  public static boolean isFrozen(Object v) {
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer
        || v instanceof Long || v instanceof Double || v instanceof Float
        || v instanceof BigInteger || v instanceof BigDecimal) {
      return true;
    }
    if (v instanceof Map<?, ?> m) {
      return m.getClass() == UNMODIFIABLE_MAP
          && m.entrySet().stream().allMatch(e -> e.getKey() instanceof String
              && isFrozen(e.getValue()));
    }
    if (v instanceof List<?> l) {
      return l.getClass() == UNMODIFIABLE_LIST && l.stream().allMatch(EvidenceValues::isFrozen);
    }
    return false;
  }

  private static final Class<?> UNMODIFIABLE_MAP =
      Collections.unmodifiableMap(new LinkedHashMap<>()).getClass();
  private static final Class<?> UNMODIFIABLE_LIST =
      Collections.unmodifiableList(new ArrayList<>()).getClass();
}
