package org.qinglang.server.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qinglang.server.TestPg;
import org.qinglang.server.store.Sql;

class LedgerVerifierTest {
  private Sql sql;
  private Ledger ledger;

  @BeforeEach
  void fresh() {
    DataSource ds = TestPg.fresh();
    sql = new Sql(ds);
    ledger = new Ledger(sql, java.time.Clock.systemUTC());
  }

  private void appendRecords(int n, long at) {
    List<Ledger.Entry> es = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      String cls = i % 2 == 0 ? RecordClass.TRANSACTION : RecordClass.CONTENT;
      es.add(new Ledger.Entry(cls, "comment", ("{\"type\":\"comment\",\"ts\":" + i
          + ",\"text\":\"第" + i + "条\"}").getBytes(StandardCharsets.UTF_8)));
    }
    sql.tx(c -> Ledger.append(c, es, at));
  }

  private LedgerVerifier.Report verify() {
    return new LedgerVerifier(sql.dataSource()).verify();
  }

  @Test
  void intactLedgerVerifies() {
    appendRecords(10, 1000);
    ledger.checkpoint();
    LedgerVerifier.Report r = verify();
    assertThat(r.ok()).as(r.summary()).isTrue();
    assertThat(r.records()).isEqualTo(10);
    assertThat(r.checkpoints()).isEqualTo(1);
  }

  @Test
  void flippingOneByteOfAStoredPayloadNamesThatRecord() {
    appendRecords(10, 1000);
    // flip the lowest bit of byte 5 of record 7's payload, directly in the database
    sql.update("update ledger set payload = set_byte(payload, 5, get_byte(payload, 5) # 1)"
        + " where seq = 7");
    LedgerVerifier.Report r = verify();
    assertThat(r.ok()).isFalse();
    assertThat(r.firstBroken().seq()).isEqualTo(7);
    assertThat(r.firstBroken().what()).contains("payload changed");
    assertThat(r.problems()).hasSize(1);
  }

  @Test
  void deletedRecordIsNamed() {
    appendRecords(10, 1000);
    sql.update("delete from ledger where seq = 4");
    LedgerVerifier.Report r = verify();
    assertThat(r.firstBroken().seq()).isEqualTo(4);
    assertThat(r.firstBroken().what()).contains("deleted");
  }

  @Test
  void reorderedRecordsAreNamed() {
    appendRecords(10, 1000);
    // swap records 3 and 6 by swapping their seq numbers
    sql.update("update ledger set seq = -3 where seq = 3");
    sql.update("update ledger set seq = 3 where seq = 6");
    sql.update("update ledger set seq = 6 where seq = -3");
    LedgerVerifier.Report r = verify();
    assertThat(r.firstBroken().seq()).isEqualTo(3);
    assertThat(r.problems()).extracting(LedgerVerifier.Problem::seq).contains(3L, 6L);
  }

  @Test
  void changedMetadataIsNamed() {
    appendRecords(5, 1000);
    sql.update("update ledger set class = 'transaction' where seq = 3 and class = 'content'");
    LedgerVerifier.Report r = verify();
    assertThat(r.firstBroken().seq()).isEqualTo(3);
    assertThat(r.firstBroken().what()).contains("record fields changed");
  }

  @Test
  void deletedTailIsCaughtByTheCheckpoint() {
    appendRecords(8, 1000);
    ledger.checkpoint();
    sql.update("delete from ledger where seq > 6");
    LedgerVerifier.Report r = verify();
    assertThat(r.ok()).isFalse();
    assertThat(r.firstBroken().seq()).isEqualTo(7);
  }

  @Test
  void retentionDropsPayloadsLawfullyAndSilentDropsAreCaught() {
    long day = 86_400_000L;
    appendRecords(6, 0); // odd seqs content, even seqs transaction
    Retention ret = new Retention(sql, Map.of(RecordClass.CONTENT, Duration.ofDays(60),
        RecordClass.TRANSACTION, Duration.ofDays(3 * 365)));
    assertThat(ret.sweep(59 * day)).isZero();
    assertThat(ret.sweep(61 * day)).isEqualTo(3);
    assertThat(sql.list("select seq from ledger where payload is null order by seq",
        rs -> rs.getLong(1))).containsExactly(1L, 3L, 5L);
    Map<String, Object> expiry = sql.one("select class, ref, convert_from(payload, 'UTF8') as p"
        + " from ledger where seq = 7", Sql::row);
    assertThat(expiry.get("class")).isEqualTo(RecordClass.EXPIRY);
    assertThat((String) expiry.get("p")).contains("\"expired\":[1,3,5]");
    LedgerVerifier.Report ok = verify();
    assertThat(ok.ok()).as(ok.summary()).isTrue();
    assertThat(ok.expired()).isEqualTo(3);

    sql.update("update ledger set payload = null where seq = 4"); // no expiry record for it
    LedgerVerifier.Report bad = verify();
    assertThat(bad.firstBroken().seq()).isEqualTo(4);
    assertThat(bad.firstBroken().what()).contains("without an expiry record");
  }

  @Test
  void inclusionProofOfARecordVerifies() {
    appendRecords(13, 1000);
    Ledger.Proof p = ledger.proof(org.qinglang.server.auth.Scope.regulator("t"), 9);
    assertThat(p.verify()).isTrue();
    assertThat(p.treeSize()).isEqualTo(13);
    Ledger.Proof forged = new Ledger.Proof(p.seq(), p.leafIndex(), p.treeSize(),
        ledger.proof(org.qinglang.server.auth.Scope.regulator("t"), 8).recordHash(), p.root(), p.path());
    assertThat(forged.verify()).isFalse();
  }
}
