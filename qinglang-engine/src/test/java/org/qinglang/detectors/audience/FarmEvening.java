package org.qinglang.detectors.audience;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.qinglang.event.AccountEvent;
import org.qinglang.event.Comment;
import org.qinglang.event.Event;
import org.qinglang.event.Like;
import org.qinglang.event.RoomEnd;
import org.qinglang.event.RoomStart;
import org.qinglang.event.ViewerJoin;
import org.qinglang.event.ViewerLeave;

/**
 * One room's evening with a farm of 12 accounts among 30 people, built from the event records
 * alone, so that a build from before a change of bot_audience's state (which wrote
 * {@code checkpoints/bot_audience-0ba896d.bin} from it, at {@link #SPLIT}; a249335 wrote
 * {@code bot_audience-a249335.bin}) and a build after it see the same events. Keep it unchanged:
 * those files depend on it.
 */
final class FarmEvening {
  static final long T0 = 1_763_636_400_000L;
  static final long DAY = 86_400_000L;
  static final String ROOM = "r-1";
  /** The checkpoint is taken here: the farm has joined and left, nobody has been named yet. */
  static final long SPLIT = T0 + 14 * 60_000L;

  private FarmEvening() {}

  static List<Event> events() {
    List<Event> ev = new ArrayList<>();
    ev.add(new RoomStart(T0, "douyin", ROOM, "anchor", "新品", null, null, null, "studio"));
    for (int i = 0; i < 30; i++) {
      String u = "h-" + i;
      ev.add(new AccountEvent(T0 - 3_600_000L, "douyin", u, T0 - (200 + 7L * i) * DAY, null, null,
          null));
      long join = T0 + 60_000 + i * 13_000L;
      ev.add(new ViewerJoin(join, "douyin", ROOM, u, "dev-h-" + i, "36.1." + i + ".9",
          i % 3 == 0 ? "feed" : "search"));
      if (i % 2 == 0) {
        ev.add(new Comment(join + 30_000, "douyin", ROOM, u, "好看 " + i, null, null));
      }
      if (i % 3 == 0) {
        ev.add(new Like(join + 40_000, "douyin", ROOM, u, 3));
      }
      ev.add(new ViewerLeave(join + 180_000 + i * 7_000L, "douyin", ROOM, u));
      if (i % 5 == 0) { // back again later, after the checkpoint
        ev.add(new ViewerJoin(SPLIT + 60_000 + i * 1_000L, "douyin", ROOM, u, "dev-h-" + i,
            "36.1." + i + ".9", "feed"));
        ev.add(new ViewerLeave(SPLIT + 300_000 + i * 1_000L, "douyin", ROOM, u));
      }
    }
    for (int i = 0; i < 12; i++) {
      String u = "b-" + i;
      ev.add(new AccountEvent(T0 - 3_600_000L, "douyin", u, T0 - 3 * DAY + i * 90_000L, null,
          null, null));
      long join = T0 + 600_000 + i * 1_500L;
      ev.add(new ViewerJoin(join, "douyin", ROOM, u, "farm-" + (i / 4), "47.96.7." + (2 + i),
          "other"));
      ev.add(new ViewerLeave(join + 2_000, "douyin", ROOM, u));
    }
    long end = T0 + 40 * 60_000L;
    ev.add(new RoomEnd(end, "douyin", ROOM));
    ev.add(new ViewerJoin(end + 5 * 60_000L, "douyin", "r-other", "x", null, null, "feed"));
    ev.sort(Comparator.comparingLong(Event::ts));
    return ev;
  }
}
