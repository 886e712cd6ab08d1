package org.qinglang.detectors.identity;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The negative list: every sanction seen, per sanctioned account, with its history kept
 * (expired and superseded entries stay, for the record), and the index from a hashed identity
 * to the sanctioned accounts that hold it.
 *
 * <p>Bounded: {@link #MAX_ACCOUNTS} sanctioned accounts, {@link #MAX_HISTORY} entries each,
 * {@link #MAX_PER_IDENTITY} sanctioned accounts per identity.
 */
final class NegativeList implements Serializable {
  static final int MAX_ACCOUNTS = 200_000;
  static final int MAX_HISTORY = 16;
  static final int MAX_PER_IDENTITY = 16;

  /** One sanction: {@code scope} from {@code from} until {@code until} (exclusive). */
  static final class Entry implements Serializable {
    final String scope;
    final long from;
    final long until;
    final String reason;
    final String platform;

    Entry(String scope, long from, Long until, String reason, String platform) {
      this.scope = scope;
      this.from = from;
      this.until = until == null ? Long.MAX_VALUE : until;
      this.reason = reason;
      this.platform = platform;
    }

    boolean activeAt(long t) {
      return from <= t && t < until;
    }

    /** Whether acting as {@code act} at {@code t} breaks this sanction. */
    boolean forbids(Act act, long t) {
      if (!activeAt(t)) {
        return false;
      }
      switch (scope) {
        case "account":
          return true;
        case "selling":
          return act == Act.STREAM || act == Act.SELL;
        case "streaming":
          return act == Act.STREAM;
        default:
          return act != Act.NONE; // an unknown scope: treat as at least selling
      }
    }

    Map<String, Object> asEvidence(long now) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("scope", scope);
      m.put("from", from);
      m.put("until", until == Long.MAX_VALUE ? null : until);
      m.put("active", activeAt(now));
      m.put("reason", reason);
      m.put("platform", platform);
      return m;
    }
  }

  /** What the account did that a sanction may forbid. */
  enum Act { NONE, SELL, STREAM }

  private final HashMap<String, ArrayList<Entry>> entries = new HashMap<>();
  private final HashMap<String, ArrayList<String>> byIdentity = new HashMap<>();
  long dropped;

  boolean isListed(String account) {
    return entries.containsKey(account);
  }

  List<Entry> history(String account) {
    ArrayList<Entry> h = entries.get(account);
    return h == null ? List.of() : h;
  }

  List<String> sanctionedHolding(String identityKey) {
    ArrayList<String> s = byIdentity.get(identityKey);
    return s == null ? List.of() : s;
  }

  /** Adds a sanction; false when the list is full. */
  boolean add(String account, Entry e) {
    ArrayList<Entry> h = entries.get(account);
    if (h == null) {
      if (entries.size() >= MAX_ACCOUNTS) {
        dropped++;
        return false;
      }
      h = new ArrayList<>(1);
      entries.put(account, h);
    }
    if (h.size() >= MAX_HISTORY) {
      h.remove(0); // the oldest entry goes; the ban in force is among the latest
    }
    h.add(e);
    return true;
  }

  /** Indexes an identity of a listed account. */
  void index(String account, String identityKey) {
    ArrayList<String> s = byIdentity.computeIfAbsent(identityKey, k -> new ArrayList<>(1));
    if (!s.contains(account) && s.size() < MAX_PER_IDENTITY) {
      s.add(account);
    }
  }
}
