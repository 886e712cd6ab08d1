package org.qinglang.server.auth;

import io.javalin.security.RouteRole;
import java.util.Locale;

/** Who a user is towards the data: the regulator sees every platform, the others a slice. */
public enum Role implements RouteRole {
  /** Market regulator: all platforms, may send notices, verify, close and penalise. */
  REGULATOR,
  /** A platform's own analyst: that platform only; answers notices. */
  PLATFORM_ANALYST,
  /** An MCN agency or brand: reads its own anchors' rooms, alerts and cases. */
  AGENCY;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role ofWire(String s) {
    for (Role r : values()) {
      if (r.wire().equals(s)) {
        return r;
      }
    }
    throw new IllegalArgumentException("role must be regulator, platform_analyst or agency; got "
        + s);
  }
}
