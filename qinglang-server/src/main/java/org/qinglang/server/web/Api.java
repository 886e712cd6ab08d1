package org.qinglang.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.qinglang.io.Json;
import org.qinglang.server.auth.Forbidden;
import org.qinglang.server.auth.Role;
import org.qinglang.server.auth.Scope;
import org.qinglang.server.auth.Users;

/**
 * Route registration that cannot forget authentication or the role: every route names the
 * roles allowed on it, a handler receives the caller's {@link Scope} resolved from the bearer
 * token before it runs, a request without a valid token never reaches it (401) and a caller of
 * another role neither (403). Every route is also listed in {@link #routes()}, which the tenancy
 * and API tests walk. The domain checks scope again, so a route declared too widely still
 * leaks nothing; the role on the route is what a reader of the controller sees.
 */
public final class Api {
  /** A handler that knows who is calling. */
  @FunctionalInterface
  interface ScopedHandler {
    void handle(Context ctx, Scope scope) throws Exception;
  }

  /** A registered route with the roles allowed on it. */
  public record Route(String method, String path, Set<Role> roles) {
    public Route {
      roles = Set.copyOf(roles);
    }
  }

  static final Set<Role> ANYONE = EnumSet.allOf(Role.class);
  static final Set<Role> REGULATOR = EnumSet.of(Role.REGULATOR);
  /** Those who act on a platform's data: the regulator and the platform's own analysts. */
  static final Set<Role> PLATFORM_WRITERS = EnumSet.of(Role.REGULATOR, Role.PLATFORM_ANALYST);

  static final String SCOPE_ATTR = "ql.scope";
  static final String TOKEN_ATTR = "ql.token";

  private final JavalinConfig cfg;
  private final Users users;
  private final List<Route> routes = new ArrayList<>();

  Api(JavalinConfig cfg, Users users) {
    this.cfg = cfg;
    this.users = users;
  }

  void get(String path, Set<Role> roles, ScopedHandler h) {
    add(HandlerType.GET, path, roles, h);
  }

  void post(String path, Set<Role> roles, ScopedHandler h) {
    add(HandlerType.POST, path, roles, h);
  }

  private void add(HandlerType type, String path, Set<Role> roles, ScopedHandler h) {
    Route route = new Route(type.name(), path, roles);
    routes.add(route);
    cfg.routes.addHttpHandler(type, path, ctx -> {
      Scope s = scope(ctx);
      if (!route.roles().contains(s.role())) {
        throw new Forbidden(path + " is not open to the role " + s.role().wire());
      }
      h.handle(ctx, s);
    }, roles.toArray(new Role[0]));
  }

  List<Route> routes() {
    return List.copyOf(routes);
  }

  private Scope scope(Context ctx) {
    String token = bearer(ctx);
    Scope s = users.resolve(token);
    if (s == null) {
      throw new Unauthorized("a valid bearer token is required");
    }
    ctx.attribute(SCOPE_ATTR, s);
    ctx.attribute(TOKEN_ATTR, token);
    return s;
  }

  static String bearer(Context ctx) {
    String auth = ctx.header("Authorization");
    return auth != null && auth.startsWith("Bearer ") ? auth.substring(7).trim() : null;
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
    if (!v.isTextual()) {
      throw new IllegalArgumentException("field '" + field + "' must be a string");
    }
    return v.asText();
  }

  /** An optional integral field; a value of another kind is refused, not ignored. */
  static Long optLong(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new IllegalArgumentException("field '" + field + "' must be an integer");
    }
    return v.asLong();
  }

  static long reqLong(JsonNode n, String field, String what) {
    Long v = optLong(n, field);
    if (v == null) {
      throw new IllegalArgumentException("missing field '" + field + "' (" + what + ")");
    }
    return v;
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

  static long pathId(Context ctx, String name) {
    String v = ctx.pathParam(name);
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new org.qinglang.server.auth.NotFound("no such id " + v);
    }
  }
}
