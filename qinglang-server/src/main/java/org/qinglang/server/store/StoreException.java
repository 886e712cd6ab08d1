package org.qinglang.server.store;

/** A database failure, unchecked, with the SQL state kept in the message. */
public final class StoreException extends RuntimeException {
  public StoreException(java.sql.SQLException e) {
    super(e.getMessage() + " (SQL state " + e.getSQLState() + ")", e);
  }
}
