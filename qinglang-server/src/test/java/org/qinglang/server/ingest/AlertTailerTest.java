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

  /**
   * The engine's alert file is not appended to: at each checkpoint of a Kafka run it is
   * replaced whole (a pending file renamed onto it) with each alert's latest version in the
   * line where it first appeared, so a grown alert moves every line after it. Read on from the
   * old offset, the tailer took a piece of a line for a bad alert and never saw the update.
   */
  @Test
  void aFileReplacedWithAnEarlierAlertGrownIsReadAgainFromTheStart(@TempDir Path dir)
      throws Exception {
    Path f = dir.resolve("alerts.jsonl");
    long deadBefore = sql.scalar("select count(*) from dead_letter");
    AlertTailer t = new AlertTailer(f, sql, 100, java.time.Clock.systemUTC());
    replace(f, alert("r-1", 1000, 0.7, 3) + "\n" + alert("r-2", 1100, 0.6, 2) + "\n");
    assertThat(t.pollOnce()).isEqualTo(2);
    // r-1 grows by two accounts; r-3 is new: the file is longer, its bytes past the old end
    // are the middle of r-2.
    replace(f, alert("r-1", 2000, 0.9, 5) + "\n" + alert("r-2", 1100, 0.6, 2) + "\n"
        + alert("r-3", 2100, 0.5, 4) + "\n");
    assertThat(t.pollOnce()).isEqualTo(2); // r-1's second version and r-3; r-2 unchanged
    assertThat(sql.list("select id || '@' || version from alert where id like 'r-%' order by id",
        rs -> rs.getString(1))).containsExactly("r-1@2", "r-2@1", "r-3@1");
    // Rewritten in place with the same length up to the offset (no rename): seen as well.
    String same = alert("r-1", 2000, 0.9, 5) + "\n" + alert("r-2", 1100, 0.6, 2) + "\n"
        + alert("r-3", 2100, 0.5, 4) + "\n";
    Files.writeString(f, same.replace("\"score\":0.5", "\"score\":0.8") + alert("r-4", 3000, 0.4, 2)
        + "\n", StandardCharsets.UTF_8);
    assertThat(t.pollOnce()).isEqualTo(2); // r-3's new score, r-4
    assertThat(sql.scalar("select count(*) from dead_letter")).isEqualTo(deadBefore);
  }

  /** As the engine's sink publishes: a new file renamed onto the old one. */
  private static void replace(Path f, String content) throws Exception {
    Path tmp = f.resolveSibling(".pending");
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    Files.move(tmp, f, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
