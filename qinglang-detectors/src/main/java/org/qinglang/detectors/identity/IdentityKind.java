package org.qinglang.detectors.identity;

/**
 * The kinds of hashed identity the contract carries, and how much a shared one says. An
 * identity document or a phone number belongs to one person; a device or a payment
 * instrument is often shared within a family, so it is weak evidence on its own.
 */
enum IdentityKind {
  ID_HASH("id_hash", true),
  PHONE("phone_hash", true),
  DEVICE("device", false),
  PAYMENT("payment", false);

  /** How many hex digits of a hash an alert may show. */
  static final int SHOWN_PREFIX = 8;

  final String wire;
  final boolean strong;

  IdentityKind(String wire, boolean strong) {
    this.wire = wire;
    this.strong = strong;
  }

  String key(String value) {
    return wire + ":" + value;
  }

  static IdentityKind ofKey(String key) {
    String wire = key.substring(0, key.indexOf(':'));
    for (IdentityKind k : values()) {
      if (k.wire.equals(wire)) {
        return k;
      }
    }
    throw new IllegalArgumentException("not an identity key: " + wire);
  }

  /** The shareable form of a key: kind and a short prefix of the digest, never the digest. */
  static String shown(String key) {
    int colon = key.indexOf(':');
    String value = key.substring(colon + 1);
    // Half of a short digest at most, so a test value or a truncated hash is never shown whole.
    int n = Math.min(SHOWN_PREFIX, value.length() / 2);
    return key.substring(0, colon) + ":" + value.substring(0, n) + "…";
  }
}
