package org.qinglang.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qinglang.event.Comment;
import org.qinglang.event.Event;
import org.qinglang.event.RoomStart;
import org.qinglang.io.JsonlEventReader;

/**
 * Replays a file of real bullet comments (such as the Bilibili broadcast in
 * {@code shared/data/danmaku}) as one organic room of the simulated evening, so detectors meet
 * real chatter: chants, storms of identical text, 666, questions, fan talk.
 *
 * <p>The source has comments only, so the rest is <b>synthesised</b> and must not be mistaken
 * for data: a {@code room_start} one minute before the first comment (a new anchor account and
 * merchant, no products), and the room's {@code room_end} one minute after the last; for each
 * poster, one visit per session of comments (a gap of more than {@link #SESSION_GAP_MS} starts
 * a new one), joining 5-120 s before the session's first comment and leaving 10-300 s after
 * its last, from one residential IPv4 address and one device digest per account. No
 * {@code account} events are written (registration dates are unknown) and nobody who never
 * commented is invented. Every real comment is kept, with its text and author, and all times
 * are shifted by one constant so that the broadcast's busy part starts five minutes into the
 * simulated evening; the order and spacing of comments are unchanged.
 *
 * <p>The room is marked with the trap {@code real_broadcast}, so injectors leave it alone
 * unless told to use it (knob {@code comment_flood.room=ROOM}, for example).
 */
public final class OrganicComments {
  static final long SESSION_GAP_MS = 30 * 60_000L;

  /** What a replay added. */
  public record Replay(RoomPlan room, int comments, int accounts, long badLines, long shift) {}

  private OrganicComments() {}

  /**
   * Adds the comments of {@code file} to {@code w} as one room per {@code room} id found (the
   * first one only, if the file mixes rooms: the others are counted as skipped lines).
   */
  public static Replay replay(World w, Path file) throws IOException {
    List<Comment> comments = new ArrayList<>();
    long[] bad = {0};
    try (JsonlEventReader in = JsonlEventReader.open(file, (line, reason, raw) -> {
      bad[0]++;
      System.err.println(file + ":" + line + ": skipped: " + reason);
    })) {
      for (Event e = in.next(); e != null; e = in.next()) {
        if (e instanceof Comment c && (comments.isEmpty() || comments.get(0).room().equals(c.room()))) {
          comments.add(c);
        } else {
          bad[0]++;
        }
      }
    }
    if (comments.isEmpty()) {
      throw new IllegalArgumentException(file + ": no comment events to replay");
    }
    comments.sort(Comparator.comparingLong(Comment::ts));
    // Shift so that the 5th percentile of comment times (past the waiting-room trickle) sits
    // five minutes into the evening.
    long p5 = comments.get(comments.size() / 20).ts();
    long shift = w.t0 + 5 * 60_000L - p5;
    String roomId = comments.get(0).room();
    String platform = comments.get(0).platform();
    long start = comments.get(0).ts() + shift - 60_000L;
    long end = comments.get(comments.size() - 1).ts() + shift + 60_000L;
    Account anchor = w.newAccount(start - 900 * World.DAY, platform);
    RoomPlan r = new RoomPlan(roomId, platform, anchor.user, w.newId("m"), null, 0, start, end);
    r.title = "replay of " + file.getFileName();
    r.venue = "studio";
    r.honestNoise = 0;
    r.traps.add("real_broadcast");
    w.trap("real_broadcast", roomId, comments.size() + " real comments replayed from "
        + file.getFileName() + "; joins, leaves, IPs and devices synthesised around them");
    w.emit(new RoomStart(start, platform, roomId, anchor.user, r.title, r.merchant, null, null,
        r.venue));
    Map<String, List<Comment>> byUser = new LinkedHashMap<>();
    for (Comment c : comments) {
      byUser.computeIfAbsent(c.user(), u -> new ArrayList<>()).add(c);
    }
    for (Map.Entry<String, List<Comment>> en : byUser.entrySet()) {
      String user = en.getKey();
      Account a = new Account(user, start - 365 * World.DAY, null, null, w.hex("dev:" + user),
          w.net.residential(), null, null);
      List<Comment> mine = en.getValue();
      int from = 0;
      for (int i = 1; i <= mine.size(); i++) {
        if (i == mine.size() || mine.get(i).ts() - mine.get(i - 1).ts() > SESSION_GAP_MS) {
          session(w, r, a, mine.subList(from, i), shift);
          from = i;
        }
      }
    }
    w.addRoom(r);
    return new Replay(r, comments.size(), byUser.size(), bad[0], shift);
  }

  private static void session(World w, RoomPlan r, Account a, List<Comment> cs, long shift) {
    long first = cs.get(0).ts() + shift;
    long last = cs.get(cs.size() - 1).ts() + shift;
    long join = Math.max(r.start, first - (5 + w.rnd.nextInt(116)) * 1_000L);
    long leave = Math.min(r.end + 30_000L, last + (10 + w.rnd.nextInt(291)) * 1_000L);
    r.visits.add(new Visit(a, join, leave, w.pick(new String[] {"feed", "follow", "share",
        "search"}), a.ip, a.device));
    for (Comment c : cs) {
      w.emit(new Comment(c.ts() + shift, r.platform, r.room, a.user, c.text(), a.device, a.ip));
    }
  }
}
