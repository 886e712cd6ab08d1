package org.qinglang.detectors.audience;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qinglang.detect.AlertBuilder;

/**
 * The rooms a lockstep group entered together, with each member's offset from the group's
 * first entry there: the figures that let a person re-check "within seconds, room after room".
 */
final class GroupEvidence {
  private GroupEvidence() {}

  private record Entry(String user, long ts, long commentTs, String anchor) {}

  /** How many anchors the rooms together belong to: rooms of one anchor are one fan base. */
  static int anchors(List<Map<String, Object>> rooms) {
    return (int) rooms.stream().map(r -> r.get("anchor")).distinct().count();
  }

  static List<Map<String, Object>> rooms(LockstepGroupDetector.State s, Set<String> members) {
    return rooms(s, members, LockstepGroupDetector.MIN_GROUP);
  }

  /** As above, a room counting when {@code atLeast} members (and 40 %) entered it together. */
  static List<Map<String, Object>> rooms(LockstepGroupDetector.State s, Set<String> members,
      int atLeast) {
    Map<String, List<Entry>> byRoom = new HashMap<>();
    for (String m : members) {
      JoinHistory h = s.accounts.get(m);
      if (h == null) {
        continue;
      }
      for (int i = 0; i < h.size; i++) {
        byRoom.computeIfAbsent(h.rooms[i], k -> new ArrayList<>())
            .add(new Entry(m, h.ts[i], h.commentTs[i], h.anchors[i]));
      }
    }
    int need = Math.max(atLeast, (int) Math.ceil(members.size() * 0.4));
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map.Entry<String, List<Entry>> r : byRoom.entrySet()) {
      List<Entry> es = r.getValue();
      if (es.size() < need) {
        continue;
      }
      es.sort((a, b) -> Long.compare(a.ts, b.ts));
      long median = es.get(es.size() / 2).ts;
      List<Entry> core = new ArrayList<>();
      for (Entry e : es) {
        if (Math.abs(e.ts - median) <= LockstepGroupDetector.WINDOW) {
          core.add(e);
        }
      }
      if (core.size() < need) {
        continue;
      }
      long first = core.get(0).ts;
      long lastTs = core.get(core.size() - 1).ts;
      int commented = 0;
      List<Map<String, Object>> offsets = new ArrayList<>();
      List<Map<String, Object>> refs = new ArrayList<>();
      for (Entry e : core) {
        if (e.commentTs != Long.MIN_VALUE && e.commentTs - e.ts <= 120_000) {
          commented++;
        }
        if (offsets.size() < LockstepGroupDetector.offsetsPerRoom()) {
          Map<String, Object> o = new LinkedHashMap<>();
          o.put("user", e.user);
          o.put("offset_s", (e.ts - first) / 1000.0);
          offsets.add(o);
        }
        if (refs.size() < 3) {
          refs.add(AlertBuilder.ref("viewer_join", e.ts, "room", r.getKey(), "user", e.user));
        }
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("room", r.getKey());
      m.put("anchor", core.get(0).anchor);
      m.put("first_join_ts", first);
      m.put("members_joined", core.size());
      m.put("spread_s", (lastTs - first) / 1000.0);
      m.put("commented_within_2_min", commented);
      m.put("offsets", offsets);
      m.put("joins", refs);
      out.add(m);
    }
    out.sort((a, b) -> Long.compare((long) a.get("first_join_ts"), (long) b.get("first_join_ts")));
    return out;
  }
}
