package org.qinglang.server.auth;

/**
 * No such thing, or not in the caller's scope: the two are deliberately indistinguishable so a
 * tenant cannot probe which ids exist elsewhere.
 */
public final class NotFound extends RuntimeException {
  public NotFound(String what) {
    super(what);
  }
}
