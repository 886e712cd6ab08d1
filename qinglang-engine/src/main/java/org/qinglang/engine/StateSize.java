package org.qinglang.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.qinglang.detect.KeyState;

/**
 * The bytes a checkpoint would write for keys' {@link KeyState}s: the serializer is made the
 * way {@link DetectorGroupFunction}'s state descriptor gets it, with the engine's own
 * configuration, so the figure is the job's and not a stand-in (Java serialisation would
 * measure a different encoding).
 */
public final class StateSize {
  private final TypeSerializer<KeyState> serializer;
  private final DataOutputSerializer out = new DataOutputSerializer(1 << 16);

  public StateSize() {
    SerializerConfigImpl config = new SerializerConfigImpl();
    config.configure(Engine.base(1), StateSize.class.getClassLoader());
    serializer = TypeInformation.of(KeyState.class).createSerializer(config);
  }

  /** One key's state as a checkpoint writes it. */
  public byte[] write(KeyState ks) throws IOException {
    out.clear();
    serializer.serialize(ks, out);
    return out.getCopyOfBuffer();
  }

  /** A key's state as a restore reads it back. */
  public KeyState read(byte[] bytes) throws IOException {
    return serializer.deserialize(new org.apache.flink.core.memory.DataInputDeserializer(bytes));
  }

  /** Serialised size of all of {@code states}, in bytes. */
  public long bytes(Iterable<KeyState> states) {
    long total = 0;
    for (KeyState ks : states) {
      out.clear();
      try {
        serializer.serialize(ks, out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      total += out.length();
    }
    return total;
  }
}
