package org.qinglang.io;

/** A line that breaks the contract; the message names what is wrong and where in the line. */
public final class BadLineException extends Exception {
  public BadLineException(String reason) {
    super(reason, null, false, false);
  }
}
