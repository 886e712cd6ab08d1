package org.qinglang.engine;

import java.io.Serializable;

/** How a sink writes a record as one JSON line, and what it counts it under. */
public interface JsonlCodec<T> extends Serializable {
  String line(T t);

  /**
   * The metric the sink counts records under ({@code alertsOut}, {@code badLines}), with a
   * label of {@link #labelName()} = {@link #label}: per kind, per reason. Null: none.
   */
  default String metric() {
    return null;
  }

  default String labelName() {
    return "category";
  }

  default String label(T t) {
    return "all";
  }
}
