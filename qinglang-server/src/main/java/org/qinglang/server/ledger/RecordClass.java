package org.qinglang.server.ledger;

import org.qinglang.event.EventType;

/**
 * Record classes of the ledger; retention is configured per class. Content is what was shown
 * or said in a room (Guangzhou live-streaming standard: 60 days); transactions are money and
 * listings (SAMR live-commerce rules: 3 years); identity is accounts and sanctions.
 */
public final class RecordClass {
  public static final String CONTENT = "content";
  public static final String TRANSACTION = "transaction";
  public static final String IDENTITY = "identity";
  public static final String ALERT = "alert";
  public static final String CASE = "case";
  /** Expiry records are never expired: they are the proof that a gap is lawful. */
  public static final String EXPIRY = "expiry";

  private RecordClass() {}

  public static String of(EventType t) {
    switch (t) {
      case GIFT: case PRODUCT: case ORDER: case ORDER_CANCEL: case REFUND: case REFERRAL:
      case COMMISSION:
        return TRANSACTION;
      case ACCOUNT: case SANCTION:
        return IDENTITY;
      default:
        return CONTENT;
    }
  }
}
