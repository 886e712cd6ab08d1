package org.qinglang.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The PostgreSQL behind the server: an embedded one (real PostgreSQL binaries, unpacked and
 * run as a child process, data kept under a directory so it survives restarts) or an external
 * one by JDBC URL. Either way the schema is brought up to date by Flyway on open.
 */
public final class Store implements AutoCloseable {
  private final EmbeddedPostgres embedded;
  private final HikariDataSource pool;

  private Store(EmbeddedPostgres embedded, HikariDataSource pool) {
    this.embedded = embedded;
    this.pool = pool;
  }

  /**
   * Embedded PostgreSQL with its files in {@code pgDir} (created when missing), durable and
   * locked down: fsync and synchronous commit on (zonky's defaults turn both off, which a power
   * cut repays with a corrupt ledger), SCRAM password authentication for every connection,
   * TCP on 127.0.0.1 only. The password is generated once and kept beside the data directory
   * in {@code pg-password} (mode 600); it is never logged. A postmaster left behind by a
   * killed server, or its stale pid file, is dealt with before starting.
   */
  public static Store embedded(Path dir) {
    // absolute, so the postmaster's command line names it as clearStalePostmaster looks for it
    Path pgDir = dir.toAbsolutePath();
    try {
      Files.createDirectories(pgDir);
      String secret = PgSecurity.secret(pgDir);
      PgSecurity.clearStalePostmaster(pgDir);
      if (PgSecurity.trustsLocalUsers(pgDir)) {
        PgSecurity.setPasswordUnderTrust(pgDir, secret);
      }
      if (Files.exists(pgDir.resolve("PG_VERSION"))) {
        PgSecurity.writeHba(pgDir);
      }
      EmbeddedPostgres pg = hardened(EmbeddedPostgres.builder(), pgDir, secret)
          .setDataDirectory(pgDir)
          .setCleanDataDirectory(false)
          .setDataDirectoryCustomizer(d -> PgSecurity.writeHba(d.toPath()))
          .start();
      try {
        return open(pg, pg.getJdbcUrl("postgres", "postgres"), secret);
      } catch (RuntimeException e) {
        pg.close();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL in " + pgDir, e);
    }
  }

  /** An embedded database that must already exist: verification never creates one. */
  public static Store existingEmbedded(Path pgDir) {
    if (!Files.isRegularFile(pgDir.resolve("PG_VERSION"))) {
      throw new IllegalArgumentException("no Qinglang database in " + pgDir.toAbsolutePath()
          + " (give the --data directory a server ran with)");
    }
    return embedded(pgDir);
  }

  static EmbeddedPostgres.Builder hardened(EmbeddedPostgres.Builder b, Path pgDir, String secret) {
    return b
        // zonky passes -F (fsync off); a later -c wins on the postgres command line
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("full_page_writes", "on")
        .setServerConfig("listen_addresses", "127.0.0.1")
        .setServerConfig("password_encryption", "scram-sha-256")
        // initdb: a later --auth overrides zonky's -A trust; the superuser gets the secret
        .setLocaleConfig("auth", "scram-sha-256")
        .setLocaleConfig("pwfile", PgSecurity.secretFile(pgDir).toString())
        .setConnectConfig("password", secret);
  }

  /** The embedded PostgreSQL's TCP port (on 127.0.0.1); -1 for an external database. */
  public int embeddedPort() {
    return embedded == null ? -1 : embedded.getPort();
  }

  /** An external PostgreSQL; user and password may be in the URL. */
  public static Store external(String jdbcUrl) {
    return open(null, jdbcUrl, null);
  }

  private static Store open(EmbeddedPostgres pg, String url, String password) {
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(url);
    if (password != null) {
      hc.setPassword(password);
    }
    hc.setMaximumPoolSize(8);
    hc.setPoolName("qinglang");
    HikariDataSource ds = new HikariDataSource(hc);
    try {
      migrate(ds);
    } catch (RuntimeException e) {
      ds.close();
      throw e;
    }
    return new Store(pg, ds);
  }

  /** Applies the migrations under {@code db/migration}. */
  public static void migrate(DataSource ds) {
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
  }

  public DataSource dataSource() {
    return pool;
  }

  @Override
  public void close() {
    pool.close();
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
