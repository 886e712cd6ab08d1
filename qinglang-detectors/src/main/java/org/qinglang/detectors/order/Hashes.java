package org.qinglang.detectors.order;

/**
 * Evidence shows hashed personal data by prefix only: enough for an analyst to match it against
 * the platform's records, short enough that an alert does not become a copy of the identity.
 */
final class Hashes {
  static final int PREFIX = 12;

  private Hashes() {}

  static String prefix(String digest) {
    if (digest == null) {
      return null;
    }
    return digest.length() <= PREFIX ? digest : digest.substring(0, PREFIX) + "…";
  }
}
