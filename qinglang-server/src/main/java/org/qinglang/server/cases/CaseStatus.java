package org.qinglang.server.cases;

import java.util.Locale;

/**
 * The closed loop between regulator and platform: a clue opens a case, a notice with a deadline
 * goes to the platform, the platform responds, the regulator verifies the response and closes
 * the case. A failed verification sends the case back to OPEN for a new notice.
 */
public enum CaseStatus {
  OPEN, NOTICE_SENT, RESPONDED, VERIFIED, CLOSED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static CaseStatus ofWire(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }
}
