package org.qinglang.server.auth;

/** The caller may not do this; the web layer answers 403 (or 404 to hide existence). */
public final class Forbidden extends RuntimeException {
  public Forbidden(String what) {
    super(what);
  }
}
