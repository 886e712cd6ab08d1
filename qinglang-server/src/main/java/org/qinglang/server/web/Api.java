package org.qinglang.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.qinglang.io.Json;
import org.qinglang.server.auth.Scope;
import org.qinglang.server.auth.Users;

/**
 * Route registration that cannot forget authentication: a handler of {@link #get} or
 * {@link #post} receives the caller's {@link Scope}, resolved from the bearer token before
 * it runs, and a request without a valid token never reaches it. Every route is also listed
 * in {@link #routes()}, which the tenancy test walks.
 */
final class Api {
  /** A handler that knows who is calling. */
  @FunctionalInterface
  interface ScopedHandler {
    void handle(Context ctx, Scope scope) throws Exception;
  }

  /** A registered route. */
  record Route(String method, String path) {}

  static final String SCOPE_ATTR = "ql.scope";

  private final JavalinConfig cfg;
  private final Users users;
  private final List<Route> routes = new ArrayList<>();

  Api(JavalinConfig cfg, Users users) {
    this.cfg = cfg;
    this.users = users;
  }

  void get(String path, ScopedHandler h) {
    add(HandlerType.GET, path, h);
  }

  void post(String path, ScopedHandler h) {
    add(HandlerType.POST, path, h);
  }

  private void add(HandlerType type, String path, ScopedHandler h) {
    routes.add(new Route(type.name(), path));
    cfg.routes.addHttpHandler(type, path, ctx -> h.handle(ctx, scope(ctx)));
  }

  List<Route> routes() {
    return List.copyOf(routes);
  }

  private Scope scope(Context ctx) {
    String auth = ctx.header("Authorization");
    String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7).trim() : null;
    Scope s = users.resolve(token);
    if (s == null) {
      throw new Unauthorized("a valid bearer token is required");
    }
    ctx.attribute(SCOPE_ATTR, s);
    return s;
  }

  static JsonNode body(Context ctx) {
    try {
      JsonNode n = Json.MAPPER.readTree(ctx.body());
      if (n == null || !n.isObject()) {
        throw new IllegalArgumentException("request body must be a JSON object");
      }
      return n;
    } catch (IOException e) {
      throw new IllegalArgumentException("request body is not valid JSON: " + e.getMessage());
    }
  }

  static String text(JsonNode n, String field, boolean required) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new IllegalArgumentException("missing field '" + field + "'");
      }
      return null;
    }
    return v.asText();
  }

  static int intParam(Context ctx, String name, int dflt, int max) {
    String v = ctx.queryParam(name);
    if (v == null) {
      return dflt;
    }
    try {
      return Math.max(1, Math.min(max, Integer.parseInt(v)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("query parameter '" + name + "' must be an integer");
    }
  }

  static long longParam(Context ctx, String name, long dflt) {
    String v = ctx.queryParam(name);
    if (v == null) {
      return dflt;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("query parameter '" + name + "' must be an integer");
    }
  }
}
