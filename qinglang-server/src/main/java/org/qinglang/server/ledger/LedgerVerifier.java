package org.qinglang.server.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.qinglang.io.Json;
import org.qinglang.server.store.Store;
import org.qinglang.server.store.StoreException;

/**
 * Re-computes the whole ledger from its stored bytes and says where it breaks. It trusts
 * nothing stored except the bytes themselves: payload hashes, record hashes and links are all
 * recomputed, seq numbers must run 1..n without gaps, a missing payload must be covered by a
 * later expiry record, and every published checkpoint root must match the tree of that size.
 *
 * <p>Usable without a server: {@link #verifyJdbc(String)} or {@link #verifyEmbedded(Path)}.
 */
public final class LedgerVerifier {

  /** One problem, at the record where it shows. */
  public record Problem(long seq, String what) {
    @Override
    public String toString() {
      return "record " + seq + ": " + what;
    }
  }

  /** The outcome: ok when no problem; {@link #firstBroken()} is the lowest broken seq. */
  public record Report(long records, long expired, long checkpoints, String root,
      List<Problem> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }

    public Problem firstBroken() {
      return problems.isEmpty() ? null : problems.get(0);
    }

    public String summary() {
      if (ok()) {
        return "ledger OK: " + records + " records (" + expired + " expired payloads), "
            + checkpoints + " checkpoints, root " + root;
      }
      return "ledger BROKEN at " + firstBroken() + " (" + problems.size() + " problem"
          + (problems.size() == 1 ? "" : "s") + " in " + records + " records)";
    }
  }

  private static final int MAX_PROBLEMS = 100;

  private final DataSource ds;

  public LedgerVerifier(DataSource ds) {
    this.ds = ds;
  }

  /** Verifies the ledger of an external PostgreSQL. */
  public static Report verifyJdbc(String jdbcUrl) {
    try (Store s = Store.external(jdbcUrl)) {
      return new LedgerVerifier(s.dataSource()).verify();
    }
  }

  /** Verifies the ledger of the embedded PostgreSQL kept under {@code dataDir/pg}. */
  public static Report verifyEmbedded(Path dataDir) {
    try (Store s = Store.existingEmbedded(dataDir.resolve("pg"))) {
      return new LedgerVerifier(s.dataSource()).verify();
    }
  }

  public Report verify() {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false); // lets the driver stream with a fetch size
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      Report r = verify(c);
      c.rollback();
      return r;
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  private Report verify(Connection c) throws SQLException {
    TreeMap<Long, String> problems = new TreeMap<>();
    TreeSet<Long> missingPayload = new TreeSet<>();
    List<byte[]> leaves = new ArrayList<>();
    long expected = 1;
    long expired = 0;
    byte[] prev = Hashes.ZERO;
    try (PreparedStatement ps = c.prepareStatement("select seq, class, ref, created_at, payload,"
        + " payload_hash, prev_hash, record_hash from ledger order by seq")) {
      ps.setFetchSize(5000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long seq = rs.getLong(1);
          String cls = rs.getString(2);
          String ref = rs.getString(3);
          long at = rs.getLong(4);
          byte[] payload = rs.getBytes(5);
          byte[] ph = rs.getBytes(6);
          byte[] prevStored = rs.getBytes(7);
          byte[] rh = rs.getBytes(8);
          if (seq != expected) {
            add(problems, expected, seq > expected
                ? "missing: records " + expected + ".." + (seq - 1) + " were deleted"
                : "out of order: seq " + seq + " follows " + (expected - 1));
          }
          if (!Arrays.equals(prevStored, prev)) {
            add(problems, seq, "does not link to the record before it (deleted, inserted or"
                + " reordered)");
          }
          if (!Arrays.equals(Hashes.record(seq, cls, ref, at, ph, prevStored), rh)) {
            add(problems, seq, "record fields changed: record hash does not match");
          }
          if (payload == null) {
            expired++;
            missingPayload.add(seq);
          } else if (!Arrays.equals(Hashes.sha256(payload), ph)) {
            add(problems, seq, "payload changed: its SHA-256 is " + Hashes.hex(Hashes.sha256(payload))
                + ", the ledger recorded " + Hashes.hex(ph));
          }
          if (RecordClass.EXPIRY.equals(cls) && payload != null) {
            for (long s : expiredSeqs(payload)) {
              missingPayload.remove(s);
            }
          }
          leaves.add(rh);
          prev = rh;
          expected = seq + 1;
        }
      }
    }
    for (long s : missingPayload) {
      add(problems, s, "payload deleted without an expiry record");
    }
    long checkpoints = 0;
    try (PreparedStatement ps = c.prepareStatement(
        "select tree_size, root from ledger_checkpoint order by tree_size")) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          checkpoints++;
          long size = rs.getLong(1);
          byte[] root = rs.getBytes(2);
          if (size > leaves.size()) {
            add(problems, leaves.size() + 1L, "missing: a checkpoint covers " + size
                + " records but only " + leaves.size() + " remain (tail deleted)");
          } else if (!Arrays.equals(MerkleTree.root(leaves.subList(0, (int) size)), root)) {
            add(problems, firstDivergence(problems, size), "checkpoint root of tree size "
                + size + " does not match the records (history rewritten)");
          }
        }
      }
    }
    List<Problem> list = new ArrayList<>();
    problems.forEach((s, w) -> list.add(new Problem(s, w)));
    return new Report(leaves.size(), expired, checkpoints,
        Hashes.hex(MerkleTree.root(leaves)), list);
  }

  private static long firstDivergence(TreeMap<Long, String> problems, long size) {
    return problems.isEmpty() ? size : Math.min(problems.firstKey(), size);
  }

  private static void add(TreeMap<Long, String> problems, long seq, String what) {
    if (problems.size() < MAX_PROBLEMS) {
      problems.merge(seq, what, (a, b) -> a + "; " + b);
    }
  }

  /** The seqs an expiry record says it dropped ({@code {"expired":[...]}}). */
  static List<Long> expiredSeqs(byte[] payload) {
    List<Long> out = new ArrayList<>();
    try {
      JsonNode n = Json.MAPPER.readTree(payload);
      for (JsonNode s : n.path("expired")) {
        out.add(s.asLong());
      }
    } catch (IOException e) {
      // an unreadable expiry record covers nothing; its payload hash check reports it
    }
    return out;
  }
}
