package org.qinglang.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;
import org.qinglang.detect.RecencyMap;

/**
 * A detector's map that evicts its least recently used key must still be in use order after the
 * state serializer has copied it (the heap backend copies states at checkpoints, and a restore
 * reads them back the same way): else eviction after a checkpoint drops the key seen first
 * instead of the stalest one.
 */
class RecencyMapCopyTest {

  /** A detector state's shape: the field declared as LinkedHashMap, as the detectors do. */
  static final class Holder {
    LinkedHashMap<String, Integer> seen;
  }

  @Test
  void aCopyKeepsTheUseOrderAndGoesOnReordering() {
    Holder h = new Holder();
    h.seen = new RecencyMap<>();
    h.seen.put("a", 1);
    h.seen.put("b", 2);
    h.seen.put("c", 3);
    h.seen.get("a");
    assertThat(h.seen.keySet()).containsExactly("b", "c", "a");

    Holder copy = copy(h);
    assertThat(copy.seen).isInstanceOf(RecencyMap.class);
    assertThat(copy.seen.keySet()).containsExactly("b", "c", "a");
    copy.seen.get("b");
    assertThat(copy.seen.keySet()).containsExactly("c", "a", "b");
  }

  /** Why the class exists: the plain access-ordered map comes back in insertion order. */
  @Test
  void aPlainAccessOrderedMapComesBackInInsertionOrder() {
    Holder h = new Holder();
    h.seen = new LinkedHashMap<>(16, 0.75f, true);
    h.seen.put("a", 1);
    h.seen.put("b", 2);
    h.seen.get("a");
    Holder copy = copy(h);
    copy.seen.get("b");
    assertThat(copy.seen.keySet()).containsExactly("b", "a");
  }

  private static Holder copy(Holder h) {
    Kryo k = KeyStateSerializer.newKryo(RecencyMapCopyTest.class.getClassLoader());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Output out = new Output(bytes)) {
      k.writeClassAndObject(out, h);
    }
    try (Input in = new Input(bytes.toByteArray())) {
      return (Holder) k.readClassAndObject(in);
    }
  }
}
