package org.qinglang.detect;

import java.util.Map;
import java.util.function.Supplier;
import org.qinglang.event.Event;
import org.qinglang.event.Speech;

/**
 * Small shared shapes of detector state. Every per-key map a detector grows from the input is
 * capped, so that one hostile room or key cannot exhaust the task's heap; what happens at the
 * cap (a flag in the evidence, a count of what was dropped) is the detector's own decision.
 */
public final class Capped {
  private Capped() {}

  /**
   * The value of {@code key}, made and added when absent; null when it is absent and the map
   * already holds {@code max} entries, so the caller records the overflow its own way.
   */
  public static <K, V> V entry(Map<K, V> map, K key, int max, Supplier<V> make) {
    V v = map.get(key);
    if (v == null) {
      if (map.size() >= max) {
        return null;
      }
      v = make.get();
      map.put(key, v);
    }
    return v;
  }

  /**
   * For detectors that take the anchor's speech only for its link drops (上链接: the moment a
   * listing goes live, which times the honest buying bursts): every event that is not speech,
   * and speech that mentions a link.
   */
  public static boolean notSpeechOrLinkDrop(Event e) {
    return !(e instanceof Speech s) || s.text().contains("链接");
  }
}
