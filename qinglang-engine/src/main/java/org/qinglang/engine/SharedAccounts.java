package org.qinglang.engine;

import org.qinglang.event.AccountEvent;

/**
 * One {@link AccountEvent} instance per distinct account record for every task in this JVM, as
 * {@link SharedStrings} is for ids.
 *
 * <p>Why: the directory of accounts is broadcast, so every detector task that reads it decodes
 * and keeps its own copy of every account (four at parallelism 2: the two ROOM tasks,
 * identity_evasion and fake_testimonial). On a 4 M-event evening with 377,000 accounts the heap
 * held 1.5 M {@code AccountEvent}s mid-run, one per task per account. The copies arrive close
 * together (one broadcast record, decoded by each task as it gets to it), so a small
 * direct-mapped table catches them; the account facts are immutable records, so sharing one
 * instance is as correct as holding four.
 *
 * <p>Racy on purpose, like {@link SharedStrings}: a slot holds the last record that hashed
 * there, a collision replaces it and the caller keeps its own (always correct), and a record is
 * safely published through its final fields.
 */
final class SharedAccounts {
  private static final int SLOTS = 1 << 17;
  private static final AccountEvent[] TABLE = new AccountEvent[SLOTS];

  private SharedAccounts() {}

  /** {@code a}, or an equal record decoded earlier by any task. */
  static AccountEvent of(AccountEvent a) {
    int h = (a.user() == null ? 0 : a.user().hashCode()) * 31 + Long.hashCode(a.ts());
    int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
    AccountEvent seen = TABLE[slot];
    if (seen != null && seen.equals(a)) {
      return seen;
    }
    TABLE[slot] = a;
    return a;
  }
}
