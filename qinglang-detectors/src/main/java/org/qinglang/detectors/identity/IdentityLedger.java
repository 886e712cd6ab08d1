package org.qinglang.detectors.identity;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;

/**
 * The hashed identities seen for each account: {@code id_hash}, {@code phone_hash} and
 * {@code device} from its {@code account} event, and the devices and payment instruments of
 * its orders and joins, with the reverse index "identity -> accounts holding it".
 *
 * <p>Bounded: at most {@link #MAX_ACCOUNTS} accounts (oldest first out, except accounts the
 * caller pins, i.e. sanctioned ones), {@link #MAX_PER_KIND} devices and payments per account,
 * and {@link #MAX_HOLDERS} accounts per identity. An identity held by more accounts than that
 * (a shared terminal, a test device) is marked crowded: it identifies nobody.
 */
final class IdentityLedger implements Serializable {
  static final int MAX_ACCOUNTS = 500_000;
  static final int MAX_PER_KIND = 4;
  static final int MAX_HOLDERS = 16;

  /** What is known of one account. */
  static final class Ids implements Serializable {
    String idHash;
    String phoneHash;
    final ArrayList<String> devices = new ArrayList<>(1);
    /** Null until the account pays with something: most accounts only watch. */
    ArrayList<String> payments;
    /** Registration time from the account event; Long.MIN_VALUE when not (yet) known. */
    long created = Long.MIN_VALUE;
    long accountTs;
    String platform;

    /** Every identity key of the account: "id_hash:…", "phone_hash:…", "device:…", … */
    List<String> keys() {
      List<String> k = new ArrayList<>(4);
      if (idHash != null) {
        k.add(IdentityKind.ID_HASH.key(idHash));
      }
      if (phoneHash != null) {
        k.add(IdentityKind.PHONE.key(phoneHash));
      }
      for (String d : devices) {
        k.add(IdentityKind.DEVICE.key(d));
      }
      if (payments != null) {
        for (String p : payments) {
          k.add(IdentityKind.PAYMENT.key(p));
        }
      }
      return k;
    }
  }

  private final HashMap<String, Ids> accounts = new HashMap<>();
  private final ArrayDeque<String> arrival = new ArrayDeque<>();
  private final HashMap<String, ArrayList<String>> holders = new HashMap<>();
  private final HashSet<String> crowded = new HashSet<>();

  Ids get(String account) {
    return accounts.get(account);
  }

  List<String> holdersOf(String key) {
    ArrayList<String> h = holders.get(key);
    return h == null ? List.of() : h;
  }

  boolean isCrowded(String key) {
    return crowded.contains(key);
  }

  /** Ids of {@code account}, created if new; evicts the oldest unpinned account when full. */
  Ids ids(String account, HashSet<String> pinned) {
    Ids ids = accounts.get(account);
    if (ids == null) {
      if (accounts.size() >= MAX_ACCOUNTS) {
        evictOne(pinned);
      }
      ids = new Ids();
      accounts.put(account, ids);
      arrival.addLast(account);
    }
    return ids;
  }

  private void evictOne(HashSet<String> pinned) {
    for (int i = arrival.size(); i > 0; i--) {
      String old = arrival.pollFirst();
      if (pinned.contains(old)) {
        arrival.addLast(old);
        continue;
      }
      Ids gone = accounts.remove(old);
      if (gone != null) {
        for (String k : gone.keys()) {
          ArrayList<String> h = holders.get(k);
          if (h != null) {
            h.remove(old);
            if (h.isEmpty()) {
              holders.remove(k);
            }
          }
        }
      }
      return;
    }
  }

  /**
   * Records that {@code account} holds identity {@code value} of {@code kind}.
   *
   * @return the identity key when it is new for this account, else null
   */
  String record(String account, Ids ids, IdentityKind kind, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    switch (kind) {
      case ID_HASH:
        if (value.equals(ids.idHash)) {
          return null;
        }
        ids.idHash = value;
        break;
      case PHONE:
        if (value.equals(ids.phoneHash)) {
          return null;
        }
        ids.phoneHash = value;
        break;
      case DEVICE:
        if (!addBounded(ids.devices, value)) {
          return null;
        }
        break;
      case PAYMENT:
        if (ids.payments == null) {
          ids.payments = new ArrayList<>(1);
        }
        if (!addBounded(ids.payments, value)) {
          return null;
        }
        break;
      default:
        throw new IllegalStateException(kind.name());
    }
    String key = kind.key(value);
    if (!crowded.contains(key)) {
      ArrayList<String> h = holders.computeIfAbsent(key, k -> new ArrayList<>(2));
      if (!h.contains(account)) {
        if (h.size() >= MAX_HOLDERS) {
          crowded.add(key);
          holders.remove(key);
        } else {
          h.add(account);
        }
      }
    }
    return key;
  }

  private static boolean addBounded(ArrayList<String> list, String value) {
    if (list.contains(value) || list.size() >= MAX_PER_KIND) {
      return false;
    }
    list.add(value);
    return true;
  }
}
