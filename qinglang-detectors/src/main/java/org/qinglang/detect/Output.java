package org.qinglang.detect;

import java.util.function.Consumer;
import org.qinglang.alert.Alert;

/** Where a key's detectors send what they produce: alerts, and faults of their own. */
public interface Output {

  void alert(Alert a);

  /** A detector threw on one key; its state for that key was dropped and the run goes on. */
  void fault(DetectorFault f, Throwable cause);

  /**
   * Alerts to {@code alerts}; a fault is rethrown, for callers (unit tests) that want a
   * detector's bug to fail loudly rather than be quarantined.
   */
  static Output failFast(Consumer<Alert> alerts) {
    return new Output() {
      @Override
      public void alert(Alert a) {
        alerts.accept(a);
      }

      @Override
      public void fault(DetectorFault f, Throwable cause) {
        throw new IllegalStateException(f.describe(), cause);
      }
    };
  }
}
