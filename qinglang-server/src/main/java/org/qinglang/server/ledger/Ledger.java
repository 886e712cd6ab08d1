package org.qinglang.server.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.qinglang.server.store.Sql;

/**
 * The append-only evidence ledger: each record carries the hash of its payload and of the
 * record before it, so changing, deleting or reordering any record breaks the chain at that
 * record. Appends are serialised by a PostgreSQL advisory lock held for the transaction, so
 * several writers (the HTTP ingest, the alert tailer, another server process) cannot fork
 * the chain.
 */
public final class Ledger {
  private static final long LOCK_KEY = 0x51494e474c414e47L; // "QINGLANG"

  /** One record to append. */
  public record Entry(String cls, String ref, byte[] payload) {}

  /** A record as appended. */
  public record Appended(long seq, byte[] recordHash) {}

  private final Sql sql;
  private final java.time.Clock clock;

  public Ledger(Sql sql, java.time.Clock clock) {
    this.sql = sql;
    this.clock = clock;
  }

  /** Appends within the caller's transaction; the lock is released at its commit. */
  public static List<Appended> append(Connection c, List<Entry> entries, long now)
      throws SQLException {
    lock(c);
    long seq = 0;
    byte[] prev = Hashes.ZERO;
    var last = Sql.list(c, "select seq, record_hash from ledger order by seq desc limit 1",
        rs -> new Appended(rs.getLong(1), rs.getBytes(2)));
    if (!last.isEmpty()) {
      seq = last.get(0).seq();
      prev = last.get(0).recordHash();
    }
    List<Appended> out = new ArrayList<>(entries.size());
    try (PreparedStatement ps = c.prepareStatement("insert into ledger (seq, class, ref, created_at,"
        + " payload, payload_hash, prev_hash, record_hash) values (?,?,?,?,?,?,?,?)")) {
      for (Entry e : entries) {
        seq++;
        byte[] ph = Hashes.sha256(e.payload());
        byte[] rh = Hashes.record(seq, e.cls(), e.ref(), now, ph, prev);
        ps.setLong(1, seq);
        ps.setString(2, e.cls());
        ps.setString(3, e.ref());
        ps.setLong(4, now);
        ps.setBytes(5, e.payload());
        ps.setBytes(6, ph);
        ps.setBytes(7, prev);
        ps.setBytes(8, rh);
        ps.addBatch();
        out.add(new Appended(seq, rh));
        prev = rh;
      }
      ps.executeBatch();
    }
    return out;
  }

  /**
   * Takes the ledger's lock for the rest of the caller's transaction (re-entrant within it).
   * Ingest takes it before deciding which platform owns a new id, so two batches cannot both
   * claim it.
   */
  public static void lock(Connection c) throws SQLException {
    Sql.list(c, "select pg_advisory_xact_lock(?)", rs -> null, LOCK_KEY);
  }

  /** Number of records. */
  @org.qinglang.server.auth.Unscoped("a count of records, no content")
  public long size() {
    Long n = sql.one("select coalesce(max(seq), 0) from ledger", rs -> rs.getLong(1));
    return n == null ? 0 : n;
  }

  /** Record hashes of seq 1..size, in order: the leaves of the Merkle tree. */
  private List<byte[]> recordHashes(long size) {
    return sql.list("select record_hash from ledger where seq <= ? order by seq",
        rs -> rs.getBytes(1), size);
  }

  /** The current root, checkpointed: for the regulator, to compare with exported packages. */
  public Checkpoint root(org.qinglang.server.auth.Scope s) {
    s.requireRegulator("read the ledger root");
    return checkpoint();
  }

  /** Re-computes the whole ledger (see {@link LedgerVerifier}). */
  public LedgerVerifier.Report verify(org.qinglang.server.auth.Scope s) {
    s.requireRegulator("verify the ledger");
    return new LedgerVerifier(sql.dataSource()).verify();
  }

  /** Computes and stores the Merkle root over the whole ledger; returns it (null if empty). */
  @org.qinglang.server.auth.Unscoped("the server publishes roots after writes and every minute")
  public Checkpoint checkpoint() {
    return sql.tx(c -> {
      Sql.list(c, "select pg_advisory_xact_lock(?)", rs -> null, LOCK_KEY);
      long size = Sql.list(c, "select coalesce(max(seq), 0) from ledger", rs -> rs.getLong(1)).get(0);
      if (size == 0) {
        return null;
      }
      // nothing appended since the last checkpoint: its root still stands, no need to rehash
      List<Checkpoint> same = Sql.list(c, "select tree_size, encode(root, 'hex'), created_at from"
          + " ledger_checkpoint where tree_size = ?",
          rs -> new Checkpoint(rs.getLong(1), rs.getString(2), rs.getLong(3)), size);
      if (!same.isEmpty()) {
        return same.get(0);
      }
      List<byte[]> leaves = Sql.list(c, "select record_hash from ledger order by seq",
          rs -> rs.getBytes(1));
      byte[] root = MerkleTree.root(leaves);
      long now = clock.millis();
      Sql.update(c, "insert into ledger_checkpoint (tree_size, root, created_at) values (?,?,?)"
          + " on conflict (tree_size) do nothing", (long) leaves.size(), root, now);
      return new Checkpoint(leaves.size(), Hashes.hex(root), now);
    });
  }

  /** A published root. */
  public record Checkpoint(long treeSize, String root, long createdAt) {}

  /** Inclusion proof of record {@code seq} in the tree of the current size. */
  public Proof proof(org.qinglang.server.auth.Scope s, long seq) {
    s.requireRegulator("read ledger proofs");
    List<byte[]> leaves = recordHashes(Long.MAX_VALUE);
    if (seq < 1 || seq > leaves.size()) {
      return null;
    }
    int idx = (int) (seq - 1);
    List<String> path = MerkleTree.proof(leaves, idx).stream().map(Hashes::hex).toList();
    return new Proof(seq, idx, leaves.size(), Hashes.hex(leaves.get(idx)),
        Hashes.hex(MerkleTree.root(leaves)), path);
  }

  /** Everything needed to check one record's inclusion offline with {@link MerkleTree#verify}. */
  public record Proof(long seq, long leafIndex, long treeSize, String recordHash, String root,
      List<String> path) {
    public boolean verify() {
      return MerkleTree.verify(Hashes.unhex(recordHash), leafIndex, treeSize,
          path.stream().map(Hashes::unhex).toList(), Hashes.unhex(root));
    }
  }
}
