package org.qinglang.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qinglang.event.Comment;
import org.qinglang.event.Event;
import org.qinglang.event.Order;
import org.qinglang.event.OrderCancel;
import org.qinglang.event.Product;
import org.qinglang.event.Refund;
import org.qinglang.event.RoomEnd;
import org.qinglang.event.RoomStart;
import org.qinglang.event.Sanction;
import org.qinglang.event.ViewerCount;
import org.qinglang.event.ViewerJoin;
import org.qinglang.event.ViewerLeave;

/**
 * The events indexed the way the reports ask for them: rooms with their shows, the audience as
 * viewing sessions, the displayed counts, comments, orders and what became of them.
 */
final class Evening {

  /** A show. {@code end} is its room_end, or its last event when the stream has none. */
  record Room(String id, String platform, String anchor, String merchant, String mcn,
      String venue, long start, long end) {
    double hours() {
      return Math.max(0, end - start) / 3_600_000.0;
    }
  }

  /** A viewer present in a room from {@code join} (inclusive) to {@code leave} (exclusive). */
  record Session(String user, long join, long leave) {}

  /** A displayed count and the audience observed at the same instant. */
  record Sample(long ts, long online, long observed) {}

  final Map<String, Room> rooms = new LinkedHashMap<>();
  final Map<String, List<Session>> sessions = new HashMap<>();
  final Map<String, List<Sample>> samples = new HashMap<>();
  final Map<String, List<Comment>> comments = new HashMap<>();
  final Map<String, List<Order>> orders = new HashMap<>();
  /** Order id to the time of its first cancellation. */
  final Map<String, Long> cancelled = new HashMap<>();
  /** Order id to the time of its first refund. */
  final Map<String, Long> refunded = new HashMap<>();
  /** Room to sku to the largest 已售 the listing displayed. */
  final Map<String, Map<String, Long>> claimedSales = new HashMap<>();
  final List<Sanction> sanctions = new ArrayList<>();
  long firstStart = Long.MAX_VALUE;
  long lastTs = Long.MIN_VALUE;

  static Evening of(List<Event> events) {
    Evening ev = new Evening();
    Map<String, RoomStart> starts = new LinkedHashMap<>();
    Map<String, Long> ends = new HashMap<>();
    Map<String, Long> lastInRoom = new HashMap<>();
    Map<String, List<Event>> audience = new HashMap<>();
    Map<String, List<ViewerCount>> counts = new HashMap<>();
    java.util.Set<String> seenOrders = new java.util.HashSet<>();
    for (Event e : events) {
      ev.lastTs = Math.max(ev.lastTs, e.ts());
      // Cancellations and refunds come hours or days later and say nothing of when the show ended.
      if (e.room() != null && !(e instanceof OrderCancel) && !(e instanceof Refund)) {
        lastInRoom.merge(e.room(), e.ts(), Math::max);
      }
      // Java 17: no pattern switch yet, so a chain of instanceof tests.
      if (e instanceof RoomStart s) {
        // A repeated room_start (a collector resending) keeps the first one.
        starts.putIfAbsent(s.room(), s);
        ev.firstStart = Math.min(ev.firstStart, s.ts());
      } else if (e instanceof RoomEnd x) {
        ends.merge(x.room(), x.ts(), Math::max);
      } else if (e instanceof ViewerJoin || e instanceof ViewerLeave) {
        audience.computeIfAbsent(e.room(), k -> new ArrayList<>()).add(e);
      } else if (e instanceof ViewerCount c) {
        counts.computeIfAbsent(c.room(), k -> new ArrayList<>()).add(c);
      } else if (e instanceof Comment c) {
        ev.comments.computeIfAbsent(c.room(), k -> new ArrayList<>()).add(c);
      } else if (e instanceof Order o && seenOrders.add(o.order())) {
        // An order id sent twice is one order.
        ev.orders.computeIfAbsent(o.room(), k -> new ArrayList<>()).add(o);
      } else if (e instanceof OrderCancel c) {
        ev.cancelled.merge(c.order(), c.ts(), Math::min);
      } else if (e instanceof Refund r) {
        ev.refunded.merge(r.order(), r.ts(), Math::min);
      } else if (e instanceof Product p && p.claimedSales() != null) {
        ev.claimedSales.computeIfAbsent(p.room(), k -> new HashMap<>())
            .merge(p.sku(), p.claimedSales(), Math::max);
      } else if (e instanceof Sanction s) {
        ev.sanctions.add(s);
      }
    }
    for (RoomStart s : starts.values()) {
      long end = ends.getOrDefault(s.room(), lastInRoom.getOrDefault(s.room(), s.ts()));
      ev.rooms.put(s.room(), new Room(s.room(), s.platform(), s.anchor(), s.merchant(), s.mcn(),
          s.venue(), s.ts(), end));
    }
    for (Map.Entry<String, List<Event>> e : audience.entrySet()) {
      long end = ev.rooms.containsKey(e.getKey()) ? ev.rooms.get(e.getKey()).end()
          : lastInRoom.get(e.getKey());
      ev.sessions.put(e.getKey(), sessions(e.getValue(), end));
    }
    for (Map.Entry<String, List<ViewerCount>> e : counts.entrySet()) {
      ev.samples.put(e.getKey(), observe(e.getValue(),
          ev.sessions.getOrDefault(e.getKey(), List.of())));
    }
    return ev;
  }

  /**
   * Pairs joins with leaves per account in event time. A join while already present and a leave
   * while absent change nothing (a client re-entering, a lost join); a session still open when
   * the room ends closes at its end.
   */
  private static List<Session> sessions(List<Event> moves, long end) {
    moves.sort(Comparator.comparingLong(Event::ts)
        .thenComparing(e -> e instanceof ViewerLeave ? 1 : 0));
    Map<String, Long> open = new LinkedHashMap<>();
    List<Session> out = new ArrayList<>();
    for (Event e : moves) {
      if (e instanceof ViewerJoin) {
        open.putIfAbsent(e.user(), e.ts());
      } else {
        Long join = open.remove(e.user());
        if (join != null) {
          out.add(new Session(e.user(), join, e.ts()));
        }
      }
    }
    open.forEach((user, join) -> out.add(new Session(user, join, Math.max(join, end))));
    return out;
  }

  /** The audience present at each displayed count, by a sweep over session boundaries. */
  private static List<Sample> observe(List<ViewerCount> counts, List<Session> sessions) {
    counts.sort(Comparator.comparingLong(ViewerCount::ts));
    long[] joins = sessions.stream().mapToLong(Session::join).sorted().toArray();
    long[] leaves = sessions.stream().mapToLong(Session::leave).sorted().toArray();
    List<Sample> out = new ArrayList<>(counts.size());
    int j = 0;
    int l = 0;
    for (ViewerCount c : counts) {
      while (j < joins.length && joins[j] <= c.ts()) {
        j++;
      }
      while (l < leaves.length && leaves[l] <= c.ts()) {
        l++;
      }
      out.add(new Sample(c.ts(), c.online(), j - l));
    }
    return out;
  }

  double viewerHours(String room) {
    double ms = 0;
    for (Session s : sessions.getOrDefault(room, List.of())) {
      ms += s.leave() - s.join();
    }
    return ms / 3_600_000.0;
  }
}
