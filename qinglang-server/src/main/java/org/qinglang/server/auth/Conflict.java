package org.qinglang.server.auth;

/** The request clashes with what exists (a taken name); the web layer answers 409. */
public final class Conflict extends RuntimeException {
  public Conflict(String what) {
    super(what);
  }
}
