package org.qinglang.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The test's own reading of the two files, straight from the JSON text with none of the report
 * module's classes, so a report figure is checked against an independent count.
 */
final class Truth {
  static final ObjectMapper M = new ObjectMapper();

  final List<JsonNode> events = new ArrayList<>();
  /** Latest version per alert id: the largest ts, the later line on a tie. */
  final Map<String, JsonNode> alerts = new LinkedHashMap<>();
  final Map<String, JsonNode> roomStart = new LinkedHashMap<>();
  final Map<String, Long> roomEnd = new HashMap<>();
  final Set<String> users = new HashSet<>();

  Truth(Path eventsFile, Path alertsFile) throws IOException {
    for (String line : Files.readAllLines(eventsFile)) {
      if (!line.isBlank()) {
        events.add(M.readTree(line));
      }
    }
    for (String line : Files.readAllLines(alertsFile)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode a = M.readTree(line);
      JsonNode prev = alerts.get(a.get("id").asText());
      if (prev == null || a.get("ts").asLong() >= prev.get("ts").asLong()) {
        alerts.put(a.get("id").asText(), a);
      }
    }
    Map<String, Long> lastInRoom = new HashMap<>();
    for (JsonNode e : events) {
      String type = e.get("type").asText();
      if (e.has("user")) {
        users.add(e.get("user").asText());
      }
      if (type.equals("room_start") && !roomStart.containsKey(e.get("room").asText())) {
        roomStart.put(e.get("room").asText(), e);
      }
      if (e.has("room") && !type.equals("order_cancel") && !type.equals("refund")) {
        lastInRoom.merge(e.get("room").asText(), e.get("ts").asLong(), Math::max);
      }
      if (type.equals("room_end")) {
        roomEnd.merge(e.get("room").asText(), e.get("ts").asLong(), Math::max);
      }
    }
    for (String r : roomStart.keySet()) {
      roomEnd.putIfAbsent(r, lastInRoom.get(r));
    }
  }

  long start(String room) {
    return roomStart.get(room).get("ts").asLong();
  }

  String field(String room, String f) {
    JsonNode v = roomStart.get(room).get(f);
    return v == null ? null : v.asText();
  }

  /** Rooms started in [from, to), optionally of one platform / anchor / mcn. */
  List<String> rooms(long from, long to, String platform, String anchor, String mcn) {
    List<String> out = new ArrayList<>();
    for (String r : roomStart.keySet()) {
      long s = start(r);
      if (s >= from && s < to && (platform == null || platform.equals(field(r, "platform")))
          && (anchor == null || anchor.equals(field(r, "anchor")))
          && (mcn == null || mcn.equals(field(r, "mcn")))) {
        out.add(r);
      }
    }
    return out;
  }

  /** Alerts whose room is one of {@code rooms}, or roomless ones by time and platform. */
  List<JsonNode> alertsOf(List<String> rooms, long from, long to, String platform) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode a : alerts.values()) {
      String room = a.has("room") ? a.get("room").asText() : null;
      if (room != null && roomStart.containsKey(room)) {
        if (rooms.contains(room)) {
          out.add(a);
        }
      } else {
        long ts = a.get("ts").asLong();
        if (ts >= from && ts < to
            && (platform == null || platform.equals(a.path("platform").asText(null)))) {
          out.add(a);
        }
      }
    }
    return out;
  }

  static Map<String, Integer> byKind(List<JsonNode> alerts) {
    Map<String, Integer> m = new TreeMap<>();
    alerts.forEach(a -> m.merge(a.get("kind").asText(), 1, Integer::sum));
    return m;
  }

  static Set<String> accounts(JsonNode alert) {
    Set<String> s = new HashSet<>();
    for (JsonNode x : alert.path("subjects")) {
      if (x.get("type").asText().equals("account")) {
        s.add(x.get("id").asText());
      }
    }
    return s;
  }

  /**
   * Viewing sessions of a room as [join, leave) pairs per account: walk each account's own moves
   * in time order (joins first on a tie), entering when absent, leaving when present.
   */
  List<long[]> sessions(String room) {
    Map<String, List<JsonNode>> perUser = new HashMap<>();
    for (JsonNode e : events) {
      String t = e.get("type").asText();
      if ((t.equals("viewer_join") || t.equals("viewer_leave")) && room.equals(e.get("room").asText())) {
        perUser.computeIfAbsent(e.get("user").asText(), k -> new ArrayList<>()).add(e);
      }
    }
    List<long[]> out = new ArrayList<>();
    for (List<JsonNode> moves : perUser.values()) {
      moves.sort((x, y) -> x.get("ts").asLong() != y.get("ts").asLong()
          ? Long.compare(x.get("ts").asLong(), y.get("ts").asLong())
          : x.get("type").asText().compareTo(y.get("type").asText())); // "viewer_join" < "viewer_leave"
      Long in = null;
      for (JsonNode m : moves) {
        boolean join = m.get("type").asText().equals("viewer_join");
        if (join && in == null) {
          in = m.get("ts").asLong();
        } else if (!join && in != null) {
          out.add(new long[] {in, m.get("ts").asLong()});
          in = null;
        }
      }
      if (in != null) {
        out.add(new long[] {in, Math.max(in, roomEnd.get(room))});
      }
    }
    return out;
  }

  Set<String> viewers(String room) {
    Set<String> s = new HashSet<>();
    for (JsonNode e : events) {
      if (e.get("type").asText().equals("viewer_join") && room.equals(e.get("room").asText())) {
        s.add(e.get("user").asText());
      }
    }
    return s;
  }

  double viewerHours(List<String> rooms) {
    double ms = 0;
    for (String r : rooms) {
      for (long[] s : sessions(r)) {
        ms += s[1] - s[0];
      }
    }
    return ms / 3_600_000.0;
  }

  List<JsonNode> ofType(String type, String room) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode e : events) {
      if (e.get("type").asText().equals(type) && (room == null || room.equals(e.path("room").asText(null)))) {
        out.add(e);
      }
    }
    return out;
  }
}
