package org.qinglang.server.web;

/** No valid token with the request (answered 401). */
final class Unauthorized extends RuntimeException {
  Unauthorized(String what) {
    super(what);
  }
}
