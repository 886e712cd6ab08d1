package org.qinglang.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.qinglang.server.store.Store;

/**
 * One embedded PostgreSQL per test JVM (starting one costs seconds); each test class gets its
 * own fresh database in it, migrated, so classes cannot see each other's rows.
 */
public final class TestPg {
  private static EmbeddedPostgres pg;
  private static final AtomicInteger N = new AtomicInteger();

  private TestPg() {}

  private static synchronized EmbeddedPostgres pg() {
    if (pg == null) {
      try {
        pg = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return pg;
  }

  /** JDBC URL of a new, migrated database. */
  public static String freshJdbcUrl() {
    String name = "t" + ProcessHandle.current().pid() + "_" + N.incrementAndGet();
    try (Connection c = pg().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("create database " + name);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return pg().getJdbcUrl("postgres", name);
  }

  /** A DataSource of a new, migrated database. */
  public static DataSource fresh() {
    String url = freshJdbcUrl();
    org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setUrl(url);
    Store.migrate(ds);
    return ds;
  }
}
