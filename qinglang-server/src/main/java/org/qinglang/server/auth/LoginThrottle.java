package org.qinglang.server.auth;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@link #PER_NAME} failed logins for one name, or
 * {@link #PER_ADDRESS} from one client address, within {@link #WINDOW_MILLIS}, further
 * attempts are refused (429 with Retry-After) until the oldest failure leaves the window, even
 * with the right password: otherwise a guesser learns the answer from the refusal's absence.
 * Kept in memory: a restart forgives, which costs an attacker a restart they cannot cause.
 */
public final class LoginThrottle {
  public static final int PER_NAME = 5;
  public static final int PER_ADDRESS = 20;
  public static final long WINDOW_MILLIS = 15 * 60 * 1000L;

  private final Clock clock;
  private final ConcurrentHashMap<String, Deque<Long>> failures = new ConcurrentHashMap<>();

  public LoginThrottle(Clock clock) {
    this.clock = clock;
  }

  /** Seconds to wait before another attempt, or 0 when one is allowed now. */
  public long retryAfterSeconds(String name, String address) {
    long now = clock.millis();
    long wait = Math.max(waitFor("name:" + name, PER_NAME, now),
        waitFor("addr:" + address, PER_ADDRESS, now));
    return wait == 0 ? 0 : Math.max(1, (wait + 999) / 1000);
  }

  public void failed(String name, String address) {
    long now = clock.millis();
    for (String k : new String[] {"name:" + name, "addr:" + address}) {
      Deque<Long> d = failures.computeIfAbsent(k, x -> new ArrayDeque<>());
      synchronized (d) {
        d.addLast(now);
        while (d.size() > PER_ADDRESS) {
          d.removeFirst();
        }
      }
    }
  }

  /** A correct password clears the name's failures (not the address's: it may guess others). */
  public void succeeded(String name) {
    failures.remove("name:" + name);
  }

  private long waitFor(String key, int limit, long now) {
    Deque<Long> d = failures.get(key);
    if (d == null) {
      return 0;
    }
    synchronized (d) {
      while (!d.isEmpty() && d.peekFirst() <= now - WINDOW_MILLIS) {
        d.removeFirst();
      }
      if (d.size() < limit) {
        return 0;
      }
      // the attempt that would bring the count under the limit again
      long[] ts = d.stream().mapToLong(Long::longValue).toArray();
      return ts[ts.length - limit] + WINDOW_MILLIS - now;
    }
  }
}
