package org.qinglang.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qinglang.server.TestPg;
import org.qinglang.server.ledger.LedgerVerifier;
import org.qinglang.server.store.Sql;

class AlertTailerTest {
  private static Sql sql;

  @BeforeAll
  static void db() {
    sql = new Sql(TestPg.fresh());
  }

  static String alert(String id, long ts, double score, int accounts) {
    StringBuilder subj = new StringBuilder("{\"type\":\"room\",\"id\":\"r-t\"}");
    for (int i = 0; i < accounts; i++) {
      subj.append(",{\"type\":\"account\",\"id\":\"u-").append(i).append("\"}");
    }
    return "{\"id\":\"" + id + "\",\"kind\":\"comment_flood\",\"ts\":" + ts + ",\"platform\":"
        + "\"douyin\",\"room\":\"r-t\",\"score\":" + score + ",\"severity\":\"high\",\"subjects\":["
        + subj + "],\"summary\":\"" + accounts + " accounts\",\"evidence\":{\"accounts\":" + accounts
        + "},\"rule\":\"QL-CMT-001\"}";
  }

  private static void append(Path f, String s) throws Exception {
    Files.writeString(f, s, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  @Test
  void alertsAreUpsertedByIdWithEveryVersionInTheLedger(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("alerts.jsonl");
    AlertTailer t = new AlertTailer(f, sql, 100, java.time.Clock.systemUTC());
    assertThat(t.pollOnce()).isZero(); // no file yet
    append(f, alert("a-1", 1000, 0.8, 3) + "\n" + alert("a-2", 1100, 0.6, 2) + "\n");
    assertThat(t.pollOnce()).isEqualTo(2);

    // an update of a-1, a garbage line, and a partial line still being written
    String update = alert("a-1", 2000, 0.9, 5);
    append(f, update + "\n{oops\n" + update.substring(0, 30));
    assertThat(t.pollOnce()).isEqualTo(1);
    Map<String, Object> a1 = sql.one("select version, ts, first_ts, score from alert where id = 'a-1'",
        Sql::row);
    assertThat(a1).containsEntry("version", 2).containsEntry("ts", 2000L)
        .containsEntry("first_ts", 1000L).containsEntry("score", 0.9);
    assertThat(sql.list("select line from dead_letter", rs -> rs.getLong(1))).containsExactly(4L);

    // the partial line completes: same content as version 2, so nothing changes
    append(f, update.substring(30) + "\n");
    assertThat(t.pollOnce()).isZero();
    List<String> refs = sql.list("select ref from ledger where class = 'alert' order by seq",
        rs -> rs.getString(1));
    assertThat(refs).containsExactly("a-1@1", "a-2@1", "a-1@2");

    // a restart re-reads the file from the start: nothing is duplicated
    AlertTailer again = new AlertTailer(f, sql, 100, java.time.Clock.systemUTC());
    assertThat(again.pollOnce()).isZero();
    assertThat(sql.scalar("select count(*) from ledger where class = 'alert'")).isEqualTo(3);
    assertThat(new LedgerVerifier(sql.dataSource()).verify().ok()).isTrue();
  }
}
