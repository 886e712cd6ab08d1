package org.qinglang.server.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.qinglang.event.Event;
import org.qinglang.io.EventJson;
import org.qinglang.io.JsonlEventReader;
import org.qinglang.server.ledger.Ledger;
import org.qinglang.server.ledger.RecordClass;
import org.qinglang.server.negative.NegativeList;
import org.qinglang.server.registry.Registry;
import org.qinglang.server.store.Sql;

/**
 * Stores events from a JSON Lines stream (a file at start, or a {@code POST /api/events}
 * body) with the same strict parser and dead-letter rules as every other reader: a bad line is
 * counted, kept in {@code dead_letter} with its number and reason, and the rest goes on.
 * Each batch is one transaction: ledger records, event rows, registry and negative-list
 * updates commit together or not at all.
 */
public final class EventIngest {
  private static final int BATCH = 2000;

  private final Sql sql;
  private final Registry registry;
  private final NegativeList negative;

  public EventIngest(Sql sql, Registry registry, NegativeList negative) {
    this.sql = sql;
    this.registry = registry;
    this.negative = negative;
  }

  public IngestResult ingest(InputStream in, String source) throws IOException {
    return ingest(in, source, null);
  }

  /**
   * As {@link #ingest(InputStream, String)}, but when {@code onlyPlatform} is set an event of
   * another platform is a bad line: a platform's analyst may post only their own platform's data.
   */
  public IngestResult ingest(InputStream in, String source, String onlyPlatform)
      throws IOException {
    List<IngestResult.BadLine> bad = new ArrayList<>();
    long[] badCount = {0};
    List<Object[]> dead = new ArrayList<>();
    long accepted = 0;
    try (JsonlEventReader r = new JsonlEventReader(in, (lineNo, reason, raw) -> {
      badCount[0]++;
      if (bad.size() < IngestResult.MAX_LISTED) {
        bad.add(new IngestResult.BadLine(lineNo, reason));
      }
      dead.add(new Object[] {source, lineNo, reason, raw});
    })) {
      List<Event> batch = new ArrayList<>(BATCH);
      Event e;
      while ((e = r.next()) != null) {
        if (onlyPlatform != null && !onlyPlatform.equals(e.platform())) {
          String reason = "platform '" + e.platform() + "' is not the caller's platform '"
              + onlyPlatform + "'";
          badCount[0]++;
          if (bad.size() < IngestResult.MAX_LISTED) {
            bad.add(new IngestResult.BadLine(r.lineNo(), reason));
          }
          dead.add(new Object[] {source, r.lineNo(), reason, EventJson.toLine(e)});
          continue;
        }
        batch.add(e);
        if (batch.size() == BATCH) {
          accepted += store(batch, dead);
          batch.clear();
        }
      }
      accepted += store(batch, dead);
    }
    return new IngestResult(accepted, badCount[0], bad);
  }

  private int store(List<Event> events, List<Object[]> dead) {
    if (events.isEmpty() && dead.isEmpty()) {
      return 0;
    }
    long now = System.currentTimeMillis();
    List<Object[]> deadNow = new ArrayList<>(dead);
    dead.clear();
    return sql.tx(c -> {
      writeDeadLetters(c, deadNow, now);
      if (events.isEmpty()) {
        return 0;
      }
      List<String> lines = new ArrayList<>(events.size());
      List<Ledger.Entry> entries = new ArrayList<>(events.size());
      for (Event e : events) {
        String line = EventJson.toLine(e);
        lines.add(line);
        entries.add(new Ledger.Entry(RecordClass.of(e.type()), e.type().wire(),
            line.getBytes(StandardCharsets.UTF_8)));
      }
      List<Ledger.Appended> seqs = Ledger.append(c, entries, now);
      try (PreparedStatement ps = c.prepareStatement("insert into event (seq, ts, type, platform,"
          + " room, usr, body) values (?,?,?,?,?,?,?::jsonb)")) {
        for (int i = 0; i < events.size(); i++) {
          Event e = events.get(i);
          ps.setLong(1, seqs.get(i).seq());
          ps.setLong(2, e.ts());
          ps.setString(3, e.type().wire());
          ps.setString(4, e.platform());
          ps.setString(5, e.room());
          ps.setString(6, e.user());
          ps.setString(7, lines.get(i));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      registry.record(c, events);
      negative.observe(c, events);
      return events.size();
    });
  }

  static void writeDeadLetters(Connection c, List<Object[]> dead, long now) throws SQLException {
    if (dead.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("insert into dead_letter (source, line, reason,"
        + " raw, created_at) values (?,?,?,?,?)")) {
      for (Object[] d : dead) {
        ps.setString(1, (String) d[0]);
        ps.setLong(2, (Long) d[1]);
        ps.setString(3, (String) d[2]);
        String raw = (String) d[3];
        ps.setString(4, raw == null ? null : raw.length() > 1000 ? raw.substring(0, 1000) : raw);
        ps.setLong(5, now);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
