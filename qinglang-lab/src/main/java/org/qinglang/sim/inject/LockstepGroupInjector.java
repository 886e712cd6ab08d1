package org.qinglang.sim.inject;

import java.util.ArrayList;
import java.util.List;
import org.qinglang.alert.Label;
import org.qinglang.alert.Subject;
import org.qinglang.event.Comment;
import org.qinglang.event.Like;
import org.qinglang.sim.Account;
import org.qinglang.sim.Injector;
import org.qinglang.sim.Knobs;
import org.qinglang.sim.RoomPlan;
import org.qinglang.sim.Visit;
import org.qinglang.sim.World;

/**
 * A hired group that works several rooms in one evening: at the organiser's signal its
 * accounts enter a room within seconds of each other, chat a little, leave, and move on to the
 * next client's room. One by one they look like ordinary viewers (old accounts, their own
 * phones and home addresses, ordinary entry paths, human dwell), so {@code bot_audience} has
 * nothing to see in any single room; only the repetition across rooms gives them away.
 *
 * <p>Knobs ({@code lockstep_group.}): {@code groups}, {@code min_size}, {@code max_size},
 * {@code min_rooms}, {@code max_rooms}, {@code spread_s} (how many seconds a group's joins
 * spread over in one room), {@code attend} (chance a member shows up at each room; a careful
 * organiser never sends everyone), {@code comment} (chance a member comments soon after
 * entering).
 *
 * <p>Honest look-alikes, off by default: {@code fan_clubs} clubs of fans who follow a few
 * anchors of one category and come to each of their shows, on successive days, in the first
 * minutes after the notification; {@code campus_clubs} student audiences of one university
 * anchor's shows, behind a few campus addresses, entering by the link shared in the class
 * chat. Both keep turning up together in the same rooms, and neither is labelled.
 */
public final class LockstepGroupInjector implements Injector {
  private static final long SEC = 1_000;
  private static final long MIN = 60 * SEC;
  private static final String[] HYPE = {"来了来了", "主播好", "支持主播", "冲冲冲", "好物推荐", "已下单",
      "主播人真好", "家人们冲"};
  private static final String[] VIA = {"feed", "feed", "feed", "search", "share", "follow"};

  @Override
  public String kind() {
    return "lockstep_group";
  }

  @Override
  public void inject(World w, Knobs k) {
    int groups = k.i("lockstep_group.groups", 2);
    int minSize = k.i("lockstep_group.min_size", 12);
    int maxSize = k.i("lockstep_group.max_size", 30);
    int minRooms = k.i("lockstep_group.min_rooms", 4);
    int maxRooms = k.i("lockstep_group.max_rooms", 6);
    long spread = Math.max(1, k.i("lockstep_group.spread_s", 5)) * SEC;
    double attend = k.d("lockstep_group.attend", 1.0);
    double comment = k.d("lockstep_group.comment", 0.5);
    for (int g = 0; g < groups; g++) {
      String platform = w.pick(World.PLATFORMS);
      int size = minSize + w.rnd.nextInt(Math.max(1, maxSize - minSize + 1));
      List<Account> members = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        long age = (long) (Math.exp(w.rnd.nextDouble(Math.log(60), Math.log(1500))) * World.DAY);
        members.add(w.newAccount(w.t0 - age, platform));
      }
      int nRooms = minRooms + w.rnd.nextInt(Math.max(1, maxRooms - minRooms + 1));
      for (int j = 0; j < nRooms; j++) {
        RoomPlan r = w.caseRoom(kind(), p -> p.platform.equals(platform));
        long span = Math.max(MIN, r.end - r.start - 25 * MIN);
        long signal = r.start + 3 * MIN + (long) (w.rnd.nextDouble() * span);
        for (Account a : members) {
          if (!w.chance(attend)) {
            continue;
          }
          long join = signal + w.rnd.nextLong(spread);
          long leave = Math.min(join + (long) (Math.max(60, w.lognormal(600, 0.5)) * SEC),
              r.end + 30 * SEC);
          Visit v = new Visit(a, join, leave, w.pick(VIA), a.ip, a.device);
          r.visits.add(v);
          if (w.chance(comment)) {
            long ts = Math.min(leave - SEC, join + 15 * SEC + w.rnd.nextLong(spread + 20 * SEC));
            w.emit(new Comment(ts, r.platform, r.room, a.user, w.pick(HYPE), a.device, v.ip()));
          }
          if (w.chance(0.3)) {
            w.emit(new Like(join + w.rnd.nextLong(Math.max(1, leave - join)), r.platform, r.room,
                a.user, 1 + w.rnd.nextInt(20)));
          }
        }
      }
      List<Subject> subjects = members.stream().map(a -> Subject.account(a.user)).toList();
      w.label(new Label(kind(), null, subjects));
    }
    for (int c = 0; c < k.i("lockstep_group.fan_clubs", 0); c++) {
      fanClub(w, c);
    }
    for (int c = 0; c < k.i("lockstep_group.campus_clubs", 0); c++) {
      campusClub(w, c);
    }
  }

  /** Fans of 2-3 anchors of one category, at 2 shows of each, arriving by follow at the start. */
  private void fanClub(World w, int no) {
    int nAnchors = 2 + w.rnd.nextInt(2);
    List<Account> fans = new ArrayList<>();
    List<RoomPlan> rooms = new ArrayList<>();
    for (int a = 0; a < nAnchors; a++) {
      RoomPlan first = w.newShow(null, r -> r.traps.add("fan_club"));
      rooms.add(first);
      rooms.add(w.newShow(first.anchor, r -> r.traps.add("fan_club")));
    }
    String platform = rooms.get(0).platform;
    int size = 20 + w.rnd.nextInt(16);
    for (int i = 0; i < size; i++) {
      fans.add(w.organicAccount(platform));
    }
    for (RoomPlan r : rooms) {
      for (Account f : fans) {
        if (w.chance(0.8)) {
          long join = r.start + (long) (Math.abs(w.gaussian()) * 90 * SEC);
          honestVisit(w, r, f, join, "follow", f.ip);
        }
      }
      w.trap("fan_club", r.room, "fan club " + no + " of " + size + " accounts: follows "
          + nAnchors + " anchors of one category and comes to each show in its first minutes");
    }
  }

  /** Students of one campus at three shows of the university's anchor, behind 3 addresses. */
  private void campusClub(World w, int no) {
    List<RoomPlan> rooms = new ArrayList<>();
    RoomPlan first = w.newShow(null, r -> {
      r.traps.add("campus_club");
      r.venue = "university";
    });
    rooms.add(first);
    for (int i = 0; i < 2; i++) {
      rooms.add(w.newShow(first.anchor, r -> {
        r.traps.add("campus_club");
        r.venue = "university";
      }));
    }
    int size = 30 + w.rnd.nextInt(21);
    List<Account> students = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      students.add(w.organicAccount(first.platform));
    }
    for (RoomPlan r : rooms) {
      long chat = r.start + (2 + w.rnd.nextInt(10)) * MIN; // the link lands in the class chat
      for (Account st : students) {
        if (w.chance(0.75)) {
          long join = chat + (long) (w.lognormal(90, 0.8) * SEC);
          honestVisit(w, r, st, join, "share", w.net.campus(200 + no, 3));
        }
      }
      w.trap("campus_club", r.room, "campus club " + no + " of " + size + " students: the"
          + " university anchor's shows, link shared in the class chat, 3 campus addresses");
    }
  }

  /** A person's visit: long stay, some likes and chat. */
  private static void honestVisit(World w, RoomPlan r, Account a, long join, String via,
      String ip) {
    join = Math.min(join, r.end - 2 * MIN);
    long leave = Math.min(join + (long) (w.lognormal(1200, 0.6) * SEC), r.end + 30 * SEC);
    Visit v = new Visit(a, join, leave, via, ip, a.device);
    r.visits.add(v);
    int comments = w.poisson((leave - join) / 300_000.0 * 0.9);
    for (int i = 0; i < comments; i++) {
      w.emit(new Comment(join + w.rnd.nextLong(Math.max(1, leave - join)), r.platform, r.room,
          a.user, w.pick(HYPE), a.device, ip));
    }
    if (w.chance(0.5)) {
      w.emit(new Like(join + w.rnd.nextLong(Math.max(1, leave - join)), r.platform, r.room,
          a.user, 1 + w.rnd.nextInt(30)));
    }
  }
}
