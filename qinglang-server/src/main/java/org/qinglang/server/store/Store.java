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

  /** Embedded PostgreSQL with its files in {@code pgDir} (created when missing). */
  public static Store embedded(Path pgDir) {
    try {
      Files.createDirectories(pgDir);
      EmbeddedPostgres pg = EmbeddedPostgres.builder()
          .setDataDirectory(pgDir)
          .setCleanDataDirectory(false)
          .start();
      try {
        return open(pg, pg.getJdbcUrl("postgres", "postgres"));
      } catch (RuntimeException e) {
        pg.close();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL in " + pgDir, e);
    }
  }

  /** An external PostgreSQL; user and password may be in the URL. */
  public static Store external(String jdbcUrl) {
    return open(null, jdbcUrl);
  }

  private static Store open(EmbeddedPostgres pg, String url) {
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(url);
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
