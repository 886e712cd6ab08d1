package org.qinglang.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qinglang.server.ingest.IngestResult;
import org.qinglang.server.ledger.LedgerVerifier;
import org.qinglang.server.store.Sql;
import org.qinglang.server.store.Store;
import org.qinglang.server.web.Http;

/**
 * The path the CLI takes: start on the embedded PostgreSQL under a data directory with an
 * events file to import and an alerts file to tail, stop, then verify the ledger offline with
 * {@link LedgerVerifier#verifyEmbedded(Path)} before and after one stored byte is flipped.
 */
class ServerMainTest {

  @Test
  void embeddedServerImportsTailsAndItsLedgerIsVerifiableOfflineDownToTheFlippedRecord(
      @TempDir Path dir) throws Exception {
    Path events = dir.resolve("events.jsonl");
    Files.writeString(events, "{\"type\":\"room_start\",\"ts\":1,\"platform\":\"douyin\",\"room\":"
        + "\"r-m\",\"anchor\":\"a-m\",\"title\":\"t\"}\n{\"type\":\"comment\",\"ts\":2,\"platform\":"
        + "\"douyin\",\"room\":\"r-m\",\"user\":\"u\",\"text\":\"买它\"}\nbroken\n", StandardCharsets.UTF_8);
    Path alerts = dir.resolve("alerts.jsonl");
    Files.writeString(alerts, "{\"id\":\"a-m-1\",\"kind\":\"comment_flood\",\"ts\":3,\"platform\":"
        + "\"douyin\",\"room\":\"r-m\",\"score\":0.7,\"severity\":\"medium\",\"subjects\":[],"
        + "\"summary\":\"s\",\"evidence\":{}}\n", StandardCharsets.UTF_8);
    Path data = dir.resolve("data");
    try (Server s = ServerMain.start(ServerConfig.defaults().withPort(0).withDataDir(data)
        .withEventsFile(events).withAlertsFile(alerts))) {
      IngestResult r = s.importDone().get();
      assertThat(r.accepted()).isEqualTo(2);
      assertThat(r.badLines()).extracting(IngestResult.BadLine::line).containsExactly(3L);
      String pw = Files.readString(data.resolve("admin-password.txt")).trim();
      Http http = new Http(s.url());
      String token = http.login("admin", pw);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (http.get("/api/alerts/a-m-1", token).status() != 200 && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(http.get("/api/alerts/a-m-1", token).status()).isEqualTo(200);
    }
    LedgerVerifier.Report ok = LedgerVerifier.verifyEmbedded(data);
    assertThat(ok.ok()).as(ok.summary()).isTrue();
    assertThat(ok.records()).isEqualTo(3);

    long target;
    try (Store st = Store.embedded(data.resolve("pg"))) {
      Sql sql = new Sql(st.dataSource());
      target = sql.scalar("select seq from ledger where ref = 'comment'");
      sql.update("update ledger set payload = set_byte(payload, 0, get_byte(payload, 0) # 4)"
          + " where seq = ?", target);
    }
    LedgerVerifier.Report bad = LedgerVerifier.verifyEmbedded(data);
    assertThat(bad.ok()).isFalse();
    assertThat(bad.firstBroken().seq()).isEqualTo(target);
    assertThat(bad.summary()).contains("record " + target + ": payload changed");
  }
}
