package org.qinglang.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.qinglang.alert.Alert;
import org.qinglang.alert.Subject;

/**
 * What a report covers: the period [from, to) and optionally one platform, anchor or MCN.
 *
 * <p>A room belongs to the period in which its show started, so a show that runs past midnight
 * is counted once, with all its hours. An alert belongs where its room belongs; an alert about
 * no known room (a lockstep group, a pyramid, an evasion) by its time and platform.
 */
public record Scope(long from, long to, String platform, String anchor, String mcn) {

  /** Reports are read in China: a bare date is a day in Beijing time. */
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private static final Set<String> ANCHOR_SUBJECTS = Set.of("anchor", "account");

  public Scope {
    if (to <= from) {
      throw new IllegalArgumentException("the period is empty: --to must be after --from");
    }
  }

  /** The period of the same length just before this one, same filters. */
  Scope previous() {
    return new Scope(from - (to - from), from, platform, anchor, mcn);
  }

  Scope withPlatform(String p) {
    return new Scope(from, to, p, anchor, mcn);
  }

  boolean inPeriod(long ts) {
    return ts >= from && ts < to;
  }

  boolean has(Evening.Room r) {
    return inPeriod(r.start())
        && (platform == null || platform.equals(r.platform()))
        && (anchor == null || anchor.equals(r.anchor()))
        && (mcn == null || mcn.equals(r.mcn()));
  }

  boolean covers(Alert a, Evening ev) {
    Evening.Room r = a.room() == null ? null : ev.rooms.get(a.room());
    if (!inPeriod(r != null ? r.start() : a.ts())) {
      return false;
    }
    if (platform != null && !platform.equals(r != null ? r.platform() : a.platform())) {
      return false;
    }
    // A finding in someone else's room that names the anchor or agency still concerns them.
    if (anchor != null) {
      return (r != null && anchor.equals(r.anchor())) || names(a, anchor, ANCHOR_SUBJECTS);
    }
    if (mcn != null) {
      return (r != null && mcn.equals(r.mcn())) || names(a, mcn, Set.of("mcn"));
    }
    return true;
  }

  private static boolean names(Alert a, String id, Set<String> types) {
    for (Subject s : a.subjects()) {
      if (types.contains(s.type()) && id.equals(s.id())) {
        return true;
      }
    }
    return false;
  }

  /** Epoch milliseconds, an ISO instant or offset date-time, or a date (midnight, Beijing). */
  static long parseTime(String s) {
    if (s.matches("\\d{10,}")) {
      return Long.parseLong(s);
    }
    try {
      return OffsetDateTime.parse(s).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      // fall through to the other forms
    }
    try {
      return Instant.parse(s).toEpochMilli();
    } catch (DateTimeParseException e) {
      // fall through
    }
    try {
      return LocalDate.parse(s).atStartOfDay(ZONE).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a time: " + s
          + " (give epoch ms, 2026-11-20T19:00:00+08:00, or 2026-11-20)");
    }
  }

  static String format(long ts) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(ts), ZONE).toString();
  }
}
