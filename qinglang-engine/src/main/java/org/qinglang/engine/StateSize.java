package org.qinglang.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.qinglang.detect.DetectorGroup;
import org.qinglang.detect.KeyState;
import org.qinglang.detect.LocalRunner;

/**
 * The bytes a checkpoint would write for keys' {@link KeyState}s, with the serializer
 * {@link DetectorGroupFunction} gives its state descriptor (one per group, since a group's
 * state names its detectors' kinds), so the figure is the job's and not a stand-in.
 */
public final class StateSize {
  private final Map<DetectorGroup, KeyStateSerializer> serializers = new HashMap<>();
  private final DataOutputSerializer out = new DataOutputSerializer(1 << 16);

  private KeyStateSerializer serializer(DetectorGroup group) {
    return serializers.computeIfAbsent(group, DetectorGroupFunction::serializer);
  }

  /** One key's state as a checkpoint writes it. */
  public byte[] write(DetectorGroup group, KeyState ks) throws IOException {
    out.clear();
    serializer(group).serialize(ks, out);
    return out.getCopyOfBuffer();
  }

  /** A key's state as a restore reads it back. */
  public KeyState read(DetectorGroup group, byte[] bytes) throws IOException {
    return KeyStateSerializer.fit(serializer(group).deserialize(new DataInputDeserializer(bytes)),
        serializer(group).kinds());
  }

  /** A key's state written and read back, as a checkpoint and its restore pass it on. */
  public KeyState roundTrip(DetectorGroup group, KeyState ks) throws IOException {
    return read(group, write(group, ks));
  }

  /** Serialised size of every key's state the runner holds, in bytes. */
  public long bytes(LocalRunner runner) {
    long[] total = {0};
    runner.forEachKeyState((group, ks) -> {
      out.clear();
      try {
        serializer(group).serialize(ks, out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      total[0] += out.length();
    });
    return total[0];
  }
}
