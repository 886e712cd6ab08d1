package org.qinglang.server.web;

/**
 * One resource's routes. A controller parses the request, calls one domain method with the
 * caller's scope and writes the answer; who may call a route is declared where it is
 * registered, and what the caller may see or change is decided by the domain.
 */
interface Controller {
  void routes(Api api);
}
