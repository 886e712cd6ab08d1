package org.qinglang.detect;

import java.util.LinkedHashMap;

/**
 * A map iterated from its least recently used entry, for state that evicts the stalest key at a
 * cap. {@code new LinkedHashMap<>(n, 0.75f, true)} does the same until the state is copied or
 * restored through Kryo: the copy is built by LinkedHashMap's no-argument constructor, in
 * insertion order, so from then on a get no longer moves a key and eviction takes the key first
 * seen, not the one least used (the heap backend copies states at checkpoints, so this happened
 * in a running job, not only after a restore). This class's no-argument constructor is in access
 * order, and the entries are written least recent first, so a copy goes on exactly as the
 * original would have. Declared fields stay {@code LinkedHashMap}, so a state written before this
 * class still reads.
 */
public final class RecencyMap<K, V> extends LinkedHashMap<K, V> {
  private static final long serialVersionUID = 1L;

  public RecencyMap() {
    super(16, 0.75f, true);
  }

  public RecencyMap(int initialCapacity) {
    super(initialCapacity, 0.75f, true);
  }
}
