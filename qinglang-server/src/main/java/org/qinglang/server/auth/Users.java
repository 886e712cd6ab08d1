package org.qinglang.server.auth;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qinglang.server.ledger.Hashes;
import org.qinglang.server.store.Sql;

/**
 * Accounts of the server's own users and their API tokens. Only a token's SHA-256 is stored:
 * a leaked table gives no usable token. Tokens are random 256-bit values, so a fast hash is
 * enough for them (passwords, being guessable, get PBKDF2).
 */
public final class Users {
  /** Tokens from a password login live this long; tokens made for scripts may not expire. */
  public static final long LOGIN_TOKEN_MILLIS = 12L * 3600 * 1000;

  private final Sql sql;
  private final java.time.Clock clock;

  public Users(Sql sql, java.time.Clock clock) {
    this.sql = sql;
    this.clock = clock;
  }

  /** Creates a user; only a regulator may. A taken name is a {@link Conflict}. */
  public void create(Scope s, String name, String password, Role role, String platform,
      Set<String> anchors) {
    s.requireRegulator("create users");
    if (name == null || !name.matches("[A-Za-z0-9._@-]{1,64}")) {
      throw new IllegalArgumentException("'name' must be 1 to 64 letters, digits or . _ @ -");
    }
    if (role == Role.PLATFORM_ANALYST && (platform == null || platform.isBlank())) {
      throw new IllegalArgumentException("a platform analyst needs a platform");
    }
    if (role == Role.AGENCY && anchors.isEmpty()) {
      throw new IllegalArgumentException("an agency user needs at least one anchor");
    }
    checkPolicy(name, password);
    sql.tx(c -> {
      if (!Sql.list(c, "select 1 from app_user where name = ?", rs -> 1, name).isEmpty()) {
        throw new Conflict("a user named '" + name + "' exists");
      }
      Sql.update(c, "insert into app_user (name, pw_hash, role, platform, created_at) values"
          + " (?,?,?,?,?)", name, Passwords.hash(password), role.wire(),
          role == Role.PLATFORM_ANALYST ? platform : null, clock.millis());
      for (String a : anchors) {
        Sql.update(c, "insert into user_anchor (name, anchor) values (?,?)", name, a);
      }
      return null;
    });
  }

  @Unscoped("a name, not tenant data")
  public boolean exists(String name) {
    return sql.one("select 1 from app_user where name = ?", rs -> 1, name) != null;
  }

  @Unscoped("a count, asked before any user exists")
  public long count() {
    return sql.one("select count(*) from app_user", rs -> rs.getLong(1));
  }

  /** A fresh token for a correct password, or null. Same answer time for unknown users. */
  @Unscoped("authentication: no caller is known yet")
  public String login(String name, String password) {
    String stored = sql.one("select pw_hash from app_user where name = ? and disabled_at is null",
        rs -> rs.getString(1), name);
    boolean ok = Passwords.verify(password, stored != null ? stored : DUMMY);
    if (stored == null || !ok) {
      return null;
    }
    return newToken(name, "login", clock.millis() + LOGIN_TOKEN_MILLIS);
  }

  private static final String DUMMY = Passwords.hash("not a password", Passwords.ITERATIONS);

  /** Script tokens live at most this long: a leaked one does not work for ever. */
  public static final long MAX_TOKEN_DAYS = 365;

  /** A token for the caller's own account, expiring in {@code days} (1..365). */
  public String issueToken(Scope s, String label, long days) {
    if (days < 1 || days > MAX_TOKEN_DAYS) {
      throw new IllegalArgumentException("'expires_in_days' must be 1 to " + MAX_TOKEN_DAYS);
    }
    if (label != null && label.length() > 100) {
      throw new IllegalArgumentException("'label' is longer than 100 characters");
    }
    return newToken(s.user(), label == null ? "api" : label, clock.millis() + days * 86_400_000L);
  }

  /** The caller's tokens (a regulator: everyone's), by id = first 16 hex digits of the hash. */
  public List<Map<String, Object>> tokens(Scope s) {
    return sql.list("select substr(encode(token_hash, 'hex'), 1, 16) as id, name, label,"
        + " created_at, expires_at from api_token where (name = ? or ?) and (expires_at is null"
        + " or expires_at > ?) order by created_at desc", Sql::row, s.user(), s.isRegulator(),
        clock.millis());
  }

  /** Revokes a token by id: one's own, or anyone's for a regulator. */
  public void revokeTokenById(Scope s, String id) {
    if (id == null || !id.matches("[0-9a-f]{16}")) {
      throw new NotFound("token " + id);
    }
    int n = sql.update("delete from api_token where substr(encode(token_hash, 'hex'), 1, 16) = ?"
        + " and (name = ? or ?)", id, s.user(), s.isRegulator());
    if (n == 0) {
      throw new NotFound("token " + id);
    }
  }

  /** Disables a user and revokes their tokens; a regulator may, not on themselves. */
  public void disable(Scope s, String name) {
    s.requireRegulator("disable users");
    if (s.user().equals(name)) {
      throw new IllegalArgumentException("a regulator cannot disable their own account");
    }
    sql.tx(c -> {
      if (Sql.update(c, "update app_user set disabled_at = ? where name = ? and disabled_at is"
          + " null", clock.millis(), name) == 0) {
        throw new NotFound("user " + name);
      }
      Sql.update(c, "delete from api_token where name = ?", name);
      return null;
    });
  }

  /** Changes the caller's password, given the current one; their other tokens are revoked. */
  public void changePassword(Scope s, String current, String next, String keepToken) {
    String stored = sql.one("select pw_hash from app_user where name = ?", rs -> rs.getString(1),
        s.user());
    if (stored == null || !Passwords.verify(current, stored)) {
      throw new Forbidden("the current password is wrong");
    }
    checkPolicy(s.user(), next);
    sql.tx(c -> {
      Sql.update(c, "update app_user set pw_hash = ? where name = ?", Passwords.hash(next),
          s.user());
      Sql.update(c, "delete from api_token where name = ? and token_hash <> ?", s.user(),
          tokenHash(keepToken));
      return null;
    });
  }

  static void checkPolicy(String name, String password) {
    if (password == null || password.length() < 10) {
      throw new IllegalArgumentException("password must have at least 10 characters");
    }
    if (password.length() > 200) {
      throw new IllegalArgumentException("password must have at most 200 characters");
    }
    if (password.equalsIgnoreCase(name)) {
      throw new IllegalArgumentException("password must not be the user name");
    }
  }

  private String newToken(String name, String label, Long expiresAt) {
    String token = "qlt_" + Passwords.randomSecret();
    sql.update("insert into api_token (token_hash, name, label, created_at, expires_at) values"
        + " (?,?,?,?,?)", tokenHash(token), name, label, clock.millis(), expiresAt);
    return token;
  }

  /** Revokes one of the caller's own tokens (logout revokes the one it came with). */
  public void revokeToken(Scope s, String token) {
    sql.update("delete from api_token where token_hash = ? and name = ?", tokenHash(token),
        s.user());
  }

  /** The scope of a valid token, or null. */
  @Unscoped("authentication: turns a token into the caller's scope")
  public Scope resolve(String token) {
    if (token == null || token.isBlank()) {
      return null;
    }
    Map<String, Object> u = sql.one("select u.name, u.role, u.platform from api_token t join"
        + " app_user u on u.name = t.name where t.token_hash = ? and u.disabled_at is null and"
        + " (t.expires_at is null or"
        + " t.expires_at > ?)", Sql::row, tokenHash(token), clock.millis());
    if (u == null) {
      return null;
    }
    String name = (String) u.get("name");
    List<String> anchors = sql.list("select anchor from user_anchor where name = ?",
        rs -> rs.getString(1), name);
    return new Scope(name, Role.ofWire((String) u.get("role")), (String) u.get("platform"),
        new HashSet<>(anchors));
  }

  private static byte[] tokenHash(String token) {
    return Hashes.sha256(token.getBytes(StandardCharsets.UTF_8));
  }

  public List<Map<String, Object>> list(Scope s) {
    s.requireRegulator("list users");
    return sql.list("select u.name, u.role, u.platform, u.created_at, u.disabled_at, (select"
        + " array_agg(anchor) from user_anchor a where a.name = u.name) as anchors from app_user u"
        + " order by u.name", rs -> {
          Map<String, Object> m = Sql.row(rs);
          java.sql.Array arr = rs.getArray("anchors");
          m.put("anchors", arr == null ? List.of() : List.of((Object[]) arr.getArray()));
          return m;
        });
  }
}
