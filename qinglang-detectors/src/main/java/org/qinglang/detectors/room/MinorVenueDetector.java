package org.qinglang.detectors.room;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.qinglang.event.EventType;
import org.qinglang.alert.Subject;
import org.qinglang.detect.AlertBuilder;
import org.qinglang.detect.Context;
import org.qinglang.detect.DetectorSpec;
import org.qinglang.detect.Directory;
import org.qinglang.detect.Scope;
import org.qinglang.detect.SpecDetector;
import org.qinglang.event.Event;
import org.qinglang.event.RoomStart;
import org.qinglang.event.Speech;

/**
 * {@code minor_venue}: live selling filmed in a primary or secondary school or a kindergarten
 * (the advertising law bans advertising there), or selling aimed at children in the title or
 * the anchor's speech.
 *
 * <p>The venue test is categorical: the contract gives {@code venue} as a category, and
 * universities are not covered by the ban, so {@code university}/{@code campus} are left alone.
 * The speech test looks for a child addressed together with a push to buy; either alone is
 * ordinary (小朋友 in a toy review, 下单 in any room).
 */
public final class MinorVenueDetector extends SpecDetector<MinorVenueDetector.State> {
  public static final String KIND = "minor_venue";
  static final DetectorSpec SPEC = DetectorSpec.of(KIND, Scope.ROOM)
      .accepts(EventType.ROOM_START, EventType.SPEECH)
      .reads(Directory.Part.ROOMS);

  /**
   * What a reviewer re-checks: the venue category as the platform gave it, and the title or
   * speech segments that addressed children with a push to buy (at most ten, as said).
   */
  public record Evidence(String venue, List<Map<String, Object>> childDirectedText)
      implements org.qinglang.alert.Evidence {}

  public MinorVenueDetector() {
    super(SPEC);
  }

  static final Set<String> SCHOOL_VENUES = Set.of("school", "kindergarten", "primary_school",
      "middle_school", "high_school", "k12", "学校", "小学", "中学", "幼儿园");
  private static final String[] CHILD = {"小朋友", "小学生", "中学生", "初中生", "小宝贝们", "宝宝们快"};
  private static final String[] PUSH = {"让爸爸妈妈", "叫爸爸妈妈", "让妈妈", "让爸爸", "找家长",
      "跟爸妈要", "快下单", "赶紧下单", "去拍", "买它"};

  /** Per room: whether and why it was flagged. */
  public static final class State {
    String venue;
    final ArrayList<Map<String, Object>> speech = new ArrayList<>();
    boolean raised;
  }

  @Override
  public State newState() {
    return new State();
  }

  @Override
  public void onEvent(State s, Event e, Context ctx) {
    if (e instanceof RoomStart r) {
      String v = r.venue() == null ? null : r.venue().toLowerCase(Locale.ROOT).trim();
      boolean childTitle = aimedAtChildren(r.title());
      if (v != null && SCHOOL_VENUES.contains(v)) {
        s.venue = r.venue();
      }
      if (childTitle) {
        s.speech.add(AlertBuilder.ref("room_start", r.ts(), "room", r.room(), "title", r.title()));
      }
      if (s.venue != null || childTitle) {
        emit(s, r.room(), r.anchor(), ctx, e.platform());
      }
    } else if (e instanceof Speech sp && aimedAtChildren(sp.text()) && s.speech.size() < 10) {
      s.speech.add(AlertBuilder.ref("speech", sp.ts(), "room", sp.room(), "text", sp.text()));
      var room = ctx.directory().room(sp.room());
      emit(s, sp.room(), room == null ? null : room.anchor(), ctx, e.platform());
    }
  }

  static boolean aimedAtChildren(String text) {
    if (text == null) {
      return false;
    }
    boolean child = false;
    for (String c : CHILD) {
      if (text.contains(c)) {
        child = true;
        break;
      }
    }
    if (!child) {
      return false;
    }
    for (String p : PUSH) {
      if (text.contains(p)) {
        return true;
      }
    }
    return false;
  }

  private void emit(State s, String room, String anchor, Context ctx, String platform) {
    List<String> reasons = new ArrayList<>();
    if (s.venue != null) {
      reasons.add("filmed at venue '" + s.venue + "'");
    }
    if (!s.speech.isEmpty()) {
      reasons.add(s.speech.size() + " segment(s) urging children to buy");
    }
    AlertBuilder b = AlertBuilder.of(KIND, room)
        .at(ctx.now(), platform)
        .room(room)
        .score(s.venue != null ? 0.95 : 0.7)
        .subject(Subject.room(room))
        .summary("live selling " + String.join("; ", reasons))
        .evidence(new Evidence(s.venue, s.speech))
        .rule(s.venue != null ? "QL-MIN-001" : "QL-MIN-002")
        .basis(s.venue != null ? "minor_venue" : "minor_targeting");
    if (anchor != null) {
      b.subject(Subject.anchor(anchor));
    }
    ctx.emit(b.build());
  }
}
