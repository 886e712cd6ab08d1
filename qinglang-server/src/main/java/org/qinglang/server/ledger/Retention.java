package org.qinglang.server.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.qinglang.io.Json;
import org.qinglang.server.store.Sql;

/**
 * Drops payloads older than their class's retention, keeping their hashes so the chain still
 * verifies, and records each drop as an expiry record that names the records it dropped: an
 * expired payload is then distinguishable from a deleted one. Age is measured from when the
 * record was appended (what the store can vouch for), not from the event's own timestamp.
 */
public final class Retention {
  private static final int BATCH = 5000;

  private final Sql sql;
  private final Map<String, Duration> keep;

  public Retention(Sql sql, Map<String, Duration> keep) {
    this.sql = sql;
    this.keep = Map.copyOf(keep);
  }

  /** Expires what is due at {@code now}; returns how many payloads were dropped. */
  @org.qinglang.server.auth.Unscoped("housekeeping the server runs on its own")
  public int sweep(long now) {
    int total = 0;
    for (var e : keep.entrySet()) {
      if (RecordClass.EXPIRY.equals(e.getKey())) {
        continue;
      }
      long cutoff = now - e.getValue().toMillis();
      while (true) {
        int n = sweepBatch(e.getKey(), e.getValue(), cutoff, now);
        total += n;
        if (n < BATCH) {
          break;
        }
      }
    }
    return total;
  }

  private int sweepBatch(String cls, Duration d, long cutoff, long now) {
    return sql.tx(c -> {
      List<Long> seqs = Sql.list(c, "select seq from ledger where class = ? and created_at < ?"
          + " and payload is not null order by seq limit " + BATCH, rs -> rs.getLong(1), cls, cutoff);
      if (seqs.isEmpty()) {
        return 0;
      }
      String payload = Json.line(g -> {
        g.writeStartObject();
        g.writeStringField("class", cls);
        g.writeStringField("retention", d.toString());
        g.writeNumberField("cutoff", cutoff);
        g.writeArrayFieldStart("expired");
        for (long s : seqs) {
          g.writeNumber(s);
        }
        g.writeEndArray();
        g.writeEndObject();
      });
      Ledger.append(c, List.of(new Ledger.Entry(RecordClass.EXPIRY, cls,
          payload.getBytes(StandardCharsets.UTF_8))), now);
      Long[] arr = seqs.toArray(new Long[0]);
      try (var ps = c.prepareStatement("update ledger set payload = null where seq = any(?)")) {
        ps.setArray(1, c.createArrayOf("bigint", arr));
        ps.executeUpdate();
      }
      try (var ps = c.prepareStatement("delete from event where seq = any(?)")) {
        ps.setArray(1, c.createArrayOf("bigint", arr));
        ps.executeUpdate();
      }
      return seqs.size();
    });
  }

}
