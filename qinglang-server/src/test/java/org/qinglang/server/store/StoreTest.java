package org.qinglang.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qinglang.server.ledger.LedgerVerifier;

class StoreTest {

  @Test
  void embeddedPostgresKeepsItsDataUnderTheDataDirectoryAcrossRestarts(@TempDir Path dir) {
    Path pg = dir.resolve("pg");
    try (Store s = Store.embedded(pg)) {
      Sql sql = new Sql(s.dataSource());
      String version = sql.one("select version()", rs -> rs.getString(1));
      assertThat(version).startsWith("PostgreSQL 18");
      Integer migrations = sql.one("select count(*) from flyway_schema_history where success",
          rs -> rs.getInt(1));
      assertThat(migrations).isGreaterThanOrEqualTo(1);
      sql.update("insert into audit (at, actor, action, target, status) values (1, 'x', 'y', null, 200)");
    }
    assertThat(Files.exists(pg.resolve("PG_VERSION"))).isTrue();
    try (Store s = Store.embedded(pg)) {
      Sql sql = new Sql(s.dataSource());
      Integer rows = sql.one("select count(*) from audit where actor = 'x'", rs -> rs.getInt(1));
      assertThat(rows).isEqualTo(1);
    }
  }

  @Test
  void aLocalUserWithoutThePasswordCannotConnectAndEveryWriteIsFlushedToDisk(@TempDir Path dir)
      throws Exception {
    Path pg = dir.resolve("pg");
    try (Store s = Store.embedded(pg)) {
      String url = "jdbc:postgresql://127.0.0.1:" + s.embeddedPort() + "/postgres";
      // what `psql -h 127.0.0.1 -U postgres` did under trust authentication
      assertThatThrownBy(() -> DriverManager.getConnection(url + "?user=postgres").close())
          .isInstanceOf(SQLException.class).hasMessageContaining("password");
      assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "guess").close())
          .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
      Sql sql = new Sql(s.dataSource());
      assertThat(List.of("fsync", "synchronous_commit", "full_page_writes", "listen_addresses",
          "password_encryption").stream().map(k -> sql.one("show " + k, rs -> rs.getString(1))))
          .containsExactly("on", "on", "on", "127.0.0.1", "scram-sha-256");
      assertThat(Files.readString(pg.resolve("pg_hba.conf"))).doesNotContain("trust");
    }
    Path secret = dir.resolve("pg-password");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
        .isEqualTo("rw-------");
  }

  @Test
  void aDataDirectoryMadeUnderTrustIsGivenThePasswordAtItsNextStart(@TempDir Path dir)
      throws Exception {
    Path pg = dir.resolve("pg");
    try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(pg)
        .setCleanDataDirectory(false).start()) {
      old.getPostgresDatabase().getConnection().close(); // trust: no password asked
    }
    try (Store s = Store.embedded(pg)) {
      assertThatThrownBy(() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
          + s.embeddedPort() + "/postgres?user=postgres").close()).isInstanceOf(SQLException.class);
      assertThat(new Sql(s.dataSource()).scalar("select 1")).isEqualTo(1);
    }
  }

  @Test
  void aServerKilledWithSigkillLeavesADirectoryTheNextStartOpensWithItsData(@TempDir Path dir)
      throws Exception {
    Path pg = dir.resolve("pg");
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", System.getProperty("java.class.path"), HoldStore.class.getName(),
        pg.toString()).redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.equals("ready")) {
        // start-up log lines
      }
      assertThat(line).as("the child server started").isEqualTo("ready");
      child.destroyForcibly(); // SIGKILL: no shutdown hook runs, the postmaster is orphaned
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(pg.resolve("postmaster.pid")).exists();
    try (Store s = Store.embedded(pg)) {
      assertThat(new Sql(s.dataSource()).scalar("select count(*) from audit where actor ="
          + " 'before-kill'")).isEqualTo(1);
    }
  }

  @Test
  void verifyRefusesADataDirectoryThatDoesNotExistAndCreatesNothing(@TempDir Path dir) {
    Path missing = dir.resolve("typo");
    assertThatThrownBy(() -> LedgerVerifier.verifyEmbedded(missing))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no Qinglang database");
    assertThat(missing).doesNotExist();
  }
}
