package org.qinglang.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
