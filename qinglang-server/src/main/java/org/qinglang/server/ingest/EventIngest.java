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
import org.qinglang.server.auth.Scope;
import org.qinglang.server.ledger.Ledger;
import org.qinglang.server.ledger.RecordClass;
import org.qinglang.server.negative.NegativeList;
import org.qinglang.server.registry.Ownership;
import org.qinglang.server.registry.Registry;
import org.qinglang.server.store.Sql;

/**
 * Stores events from a JSON Lines stream (a file at start, or a {@code POST /api/events}
 * body) with the same strict parser and dead-letter rules as every other reader: a bad line is
 * counted, kept in {@code dead_letter} with its number and reason, and the rest goes on.
 * Each batch is one transaction: ledger records, event rows, registry and negative-list
 * updates commit together or not at all.
 *
 * <p>Tenancy: a platform analyst may post only their platform's events, and nobody (the
 * regulator and the start-up import included) may write an event into a room, profile or
 * actor that belongs to another platform ({@link Ownership}); such lines are bad lines with
 * the reason.
 */
public final class EventIngest {
  private static final int BATCH = 2000;

  private final Sql sql;
  private final java.time.Clock clock;
  private final Registry registry;
  private final NegativeList negative;

  public EventIngest(Sql sql, Registry registry, NegativeList negative, java.time.Clock clock) {
    this.sql = sql;
    this.clock = clock;
    this.registry = registry;
    this.negative = negative;
  }

  /** A parsed event with the line it came from. */
  private record Line(Event event, long lineNo) {}

  /** Bad lines found so far: all counted, the first {@link IngestResult#MAX_LISTED} listed. */
  private static final class Bad {
    final List<IngestResult.BadLine> listed = new ArrayList<>();
    final List<Object[]> pending = new ArrayList<>();
    long count;

    void add(String source, long lineNo, String reason, String raw) {
      count++;
      if (listed.size() < IngestResult.MAX_LISTED) {
        listed.add(new IngestResult.BadLine(lineNo, reason));
      }
      pending.add(new Object[] {source, lineNo, reason, raw});
    }
  }

  public IngestResult ingest(Scope s, InputStream in, String source) throws IOException {
    s.requireNotAgency("post events");
    String onlyPlatform = s.isRegulator() ? null : s.platform();
    Bad bad = new Bad();
    long accepted = 0;
    try (JsonlEventReader r = new JsonlEventReader(in,
        (lineNo, reason, raw) -> bad.add(source, lineNo, reason, raw))) {
      List<Line> batch = new ArrayList<>(BATCH);
      Event e;
      while ((e = r.next()) != null) {
        if (onlyPlatform != null && !onlyPlatform.equals(e.platform())) {
          bad.add(source, r.lineNo(), "platform '" + e.platform() + "' is not the caller's"
              + " platform '" + onlyPlatform + "'", EventJson.toLine(e));
          continue;
        }
        batch.add(new Line(e, r.lineNo()));
        if (batch.size() == BATCH) {
          accepted += store(batch, bad, source);
          batch.clear();
        }
      }
      accepted += store(batch, bad, source);
    }
    bad.listed.sort((a, b) -> Long.compare(a.line(), b.line()));
    return new IngestResult(accepted, bad.count, bad.listed);
  }

  private int store(List<Line> batch, Bad bad, String source) {
    if (batch.isEmpty() && bad.pending.isEmpty()) {
      return 0;
    }
    long now = clock.millis();
    return sql.tx(c -> {
      List<Event> events = new ArrayList<>(batch.size());
      if (!batch.isEmpty()) {
        Ledger.lock(c);
        List<String> refused = Ownership.admit(c, batch.stream().map(Line::event).toList(), now);
        for (int i = 0; i < batch.size(); i++) {
          Line l = batch.get(i);
          if (refused.get(i) == null) {
            events.add(l.event());
          } else {
            bad.add(source, l.lineNo(), refused.get(i), EventJson.toLine(l.event()));
          }
        }
      }
      writeDeadLetters(c, bad.pending, now);
      bad.pending.clear();
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
      negative.observe(c, events, now);
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
