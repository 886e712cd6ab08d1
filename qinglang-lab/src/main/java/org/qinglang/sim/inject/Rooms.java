package org.qinglang.sim.inject;

import org.qinglang.sim.RoomPlan;
import org.qinglang.sim.Visit;
import org.qinglang.sim.World;

/** Room choices shared by the comment injectors. */
final class Rooms {
  private Rooms() {}

  /** The room {@code id}, claimed for a case of {@code kind} (a knob names it). */
  static RoomPlan claim(World w, String id, String kind) {
    for (RoomPlan r : w.rooms()) {
      if (r.room.equals(id)) {
        r.cases.add(kind);
        return r;
      }
    }
    throw new IllegalArgumentException("knob " + kind + ".room: no room '" + id + "' in the world");
  }

  /**
   * A time in [lo, hi) when the room is busy: the join time of a random visit, so teams come
   * when the audience does (in a replayed broadcast, when people were really commenting).
   */
  static long busyTime(World w, RoomPlan r, long lo, long hi) {
    for (int tries = 0; tries < 50 && !r.visits.isEmpty(); tries++) {
      Visit v = r.visits.get(w.rnd.nextInt(r.visits.size()));
      if (v.join() >= lo && v.join() < hi) {
        return v.join();
      }
    }
    return lo + (long) (w.rnd.nextDouble() * (hi - lo));
  }
}
