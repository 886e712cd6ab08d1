package org.qinglang.detectors.audience;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.qinglang.alert.Subject;
import org.qinglang.detect.AlertBuilder;
import org.qinglang.detect.Context;
import org.qinglang.detect.DetectorSpec;
import org.qinglang.detect.Directory;
import org.qinglang.detect.Scope;
import org.qinglang.detect.SpecDetector;
import org.qinglang.event.AccountEvent;
import org.qinglang.event.Comment;
import org.qinglang.event.Event;
import org.qinglang.event.EventType;
import org.qinglang.event.Follow;
import org.qinglang.event.Gift;
import org.qinglang.event.Like;
import org.qinglang.event.Order;
import org.qinglang.event.RoomEnd;
import org.qinglang.event.ViewerJoin;
import org.qinglang.event.ViewerLeave;

/**
 * {@code bot_audience}: cohorts of accounts in a room that join without behaving like people,
 * named one by one. The cohort logic lives in {@link AudienceCohorts}; this class keeps the
 * per-room record of viewers, re-judges it every few minutes and at the end of the show, and
 * raises one alert per room that grows as more of the cohort shows itself.
 */
public final class BotAudienceDetector extends SpecDetector<BotAudienceDetector.State> {
  public static final String KIND = "bot_audience";

  static final DetectorSpec SPEC = DetectorSpec.of(KIND, Scope.ROOM)
      .accepts(EventType.VIEWER_JOIN, EventType.VIEWER_LEAVE, EventType.COMMENT, EventType.LIKE,
          EventType.GIFT, EventType.FOLLOW, EventType.ORDER, EventType.ROOM_START,
          EventType.ROOM_END)
      .reads(Directory.Part.ACCOUNTS);

  /**
   * What a reviewer re-checks: how many accounts are named and of how many seen, each cohort's
   * figures ({@link CohortEvidence}, with sample joins), the dwell of the rest of the room, the
   * trait legend (weight: meaning) and the thresholds.
   *
   * @param viewersNotKept newcomers counted but not remembered once the room held MAX_VIEWERS
   * @param finalUpdate whether the room has ended (the figures no longer grow)
   */
  public record Evidence(int accountsNamed, int viewersSeen, int viewersNotKept,
      List<CohortEvidence> cohorts, CohortEvidence.Dwell roomDwellS, Map<String, String> traits,
      String threshold, @com.fasterxml.jackson.annotation.JsonProperty("final") boolean finalUpdate)
      implements org.qinglang.alert.Evidence {}
  static final long CHECK_EVERY = 5 * 60_000L;
  /** Leaves trail the room's end a little; judge the final audience after them. */
  static final long AFTER_END = 60_000L;
  /** A room silent this long is over, room_end or not. */
  static final long QUIET = 30 * 60_000L;
  /** Bound on viewers remembered per room; later newcomers are counted, not kept. */
  static final int MAX_VIEWERS = 60_000;
  private static final int SAMPLE_REFS = 12;

  /** Per room. */
  public static final class State {
    String platform;
    RoomViewers kept = new RoomViewers();
    /**
     * Where a checkpoint written before {@link #kept} (up to 0ba896d) restores the room's
     * viewers: Kryo matches fields by name, so the old map lands here and is moved into
     * {@link #kept}, in its order, before the room is next touched ({@link #viewers(State)}).
     * Null otherwise, which is all a newer checkpoint writes of it.
     */
    LinkedHashMap<String, Viewer> viewers;
    int notKept;
    boolean waking;
    boolean ended;
    long lastEvent;
    final LinkedHashSet<String> named = new LinkedHashSet<>();
    int namedAtLastAlert;
    boolean finalSent;
    /**
     * Numbers of the viewers' device ids and SIM digests. Derived from {@link #viewers}, so it
     * is not written to snapshots: null after a restore, and rebuilt on first use.
     */
    transient StringIds ids;
  }

  /** The room's viewers, moved out of an older checkpoint's map first if it had one. */
  static RoomViewers viewers(State s) {
    if (s.viewers != null) {
      RoomViewers kept = new RoomViewers();
      for (Viewer v : s.viewers.values()) {
        kept.add(v);
      }
      s.kept = kept;
      s.viewers = null;
    }
    return s.kept;
  }

  /** The room's numbering, with every kept viewer numbered (again, after a restore). */
  private static StringIds ids(State s) {
    if (s.ids == null) {
      s.ids = new StringIds();
      RoomViewers kept = viewers(s);
      for (int i = 0; i < kept.size(); i++) {
        Viewer v = kept.get(i);
        v.deviceId = s.ids.id(v.device);
        v.phoneId = s.ids.id(v.phone);
        v.viaOther = "other".equals(v.via);
      }
    }
    return s.ids;
  }

  private final DataCentreRanges ranges;

  public BotAudienceDetector() {
    this(DataCentreRanges.defaults());
  }

  BotAudienceDetector(DataCentreRanges ranges) {
    super(SPEC);
    this.ranges = ranges;
  }

  @Override
  public State newState() {
    return new State();
  }

  @Override
  public void onEvent(State s, Event e, Context ctx) {
    s.platform = e.platform();
    s.lastEvent = Math.max(s.lastEvent, e.ts());
    if (!s.waking) {
      s.waking = true;
      ctx.wakeAt(ctx.now() + CHECK_EVERY);
    }
    RoomViewers kept = viewers(s);
    if (e instanceof ViewerJoin j) {
      Viewer v = kept.find(j.user());
      if (v == null) {
        if (kept.size() >= MAX_VIEWERS) {
          s.notKept++;
          return;
        }
        v = new Viewer(j.user(), j.ts());
        kept.add(v);
      }
      // The profile is looked up when the viewer is judged, once, not at every join: most of
      // a room's joins come and go between two judgements. The kept address is checked here,
      // once, while the parser's characters are still in the cache.
      if (v.join(j.ts(), j.via(), j.device(), j.ip())) {
        v.dataCentre = ranges.contains(j.ip());
      }
      if (!v.ipChecked && v.ip != null) {
        v.dataCentre |= ranges.contains(v.ip);
        v.ipChecked = true;
      }
      if (v.deviceId == 0 && v.device != null) {
        v.deviceId = ids(s).id(v.device);
      }
    } else if (e instanceof ViewerLeave l) {
      Viewer v = kept.find(l.user());
      if (v != null) {
        v.leave(l.ts());
      }
    } else if (e instanceof RoomEnd) {
      s.ended = true;
      ctx.wakeAt(ctx.now() + AFTER_END);
    } else {
      Viewer v = kept.find(e.user());
      if (v == null) {
        return;
      }
      if (e instanceof Comment) {
        v.comments++;
      } else if (e instanceof Like) {
        v.likeEvents++;
      } else if (e instanceof Gift) {
        v.gifts++;
      } else if (e instanceof Follow) {
        v.follows++;
      } else if (e instanceof Order) {
        v.orders++;
      }
    }
  }

  /** How long an account is watched before it can be named (see judge). */
  static final long SETTLE = 10 * 60_000L;

  @Override
  public void onWake(State s, long time, Context ctx) {
    // A room whose room_end never comes is judged for the last time once it goes quiet.
    boolean last = s.ended || time - s.lastEvent > QUIET;
    judge(s, ctx, last);
    if (!last) {
      ctx.wakeAt(time + CHECK_EVERY);
    } else {
      s.waking = false;
    }
  }

  private void judge(State s, Context ctx, boolean last) {
    // Judge an account only once it has been in the room for SETTLE: a paid poster joins a few
    // minutes before posting, and named before its comments arrive it would look like padding.
    long now = ctx.now();
    StringIds ids = ids(s);
    RoomViewers kept = viewers(s);
    Viewer[] settled = new Viewer[kept.size()];
    int n = 0;
    for (int i = 0; i < kept.size(); i++) {
      if (last || now - kept.firstJoin(i) >= SETTLE) {
        settled[n++] = kept.get(i);
      }
    }
    // Only the judged accounts' registration times are used, so only theirs are looked up.
    for (int i = 0; i < n; i++) {
      Viewer v = settled[i];
      if (!v.ipChecked) { // a viewer restored from a snapshot written before the join check
        v.dataCentre |= ranges.contains(v.ip);
        v.ipChecked = true;
      }
      if (v.created == Viewer.UNKNOWN) { // the profile may arrive after the join
        AccountEvent a = ctx.directory().account(v.user);
        if (a != null) {
          v.created = a.created();
          v.phone = a.phoneHash();
          v.phoneId = ids.id(v.phone);
        }
      }
    }
    List<AudienceCohorts.Cohort> cohorts =
        AudienceCohorts.find(n == settled.length ? settled : Arrays.copyOf(settled, n),
            ids.size() + 1);
    for (AudienceCohorts.Cohort c : cohorts) {
      c.members().forEach(v -> s.named.add(v.user));
    }
    if (s.named.isEmpty() || cohorts.isEmpty()) {
      return;
    }
    boolean grew = s.namedAtLastAlert == 0 || s.named.size() >= s.namedAtLastAlert * 1.25;
    boolean finalUpdate = last && !s.finalSent && s.named.size() != s.namedAtLastAlert;
    if (grew || finalUpdate) {
      s.namedAtLastAlert = s.named.size();
      s.finalSent |= last;
      ctx.emit(alert(s, ctx, cohorts, last));
    }
  }

  private org.qinglang.alert.Alert alert(State s, Context ctx,
      List<AudienceCohorts.Cohort> cohorts, boolean last) {
    String room = ctx.key();
    Set<String> inCohort = new java.util.HashSet<>();
    cohorts.forEach(c -> c.members().forEach(v -> inCohort.add(v.user)));
    RoomViewers viewers = viewers(s);
    long[] others = new long[viewers.size()];
    int nOthers = 0;
    for (int i = 0; i < viewers.size(); i++) {
      Viewer v = viewers.get(i);
      if (v.meanDwell() >= 0 && !inCohort.contains(v.user)) {
        others[nOthers++] = v.meanDwell();
      }
    }
    // quantiles sort a prefix in place; sorted once, every cohort reads the same figures
    CohortEvidence.Dwell roomDwell = CohortEvidence.quantiles(others, nOthers);
    List<CohortEvidence> cohortEvidence = new ArrayList<>();
    double score = 0;
    for (AudienceCohorts.Cohort c : cohorts) {
      cohortEvidence.add(CohortEvidence.of(room, c, roomDwell));
      score = Math.max(score, 0.55 + 0.08 * (c.meanScore() - AudienceCohorts.NAME_SCORE)
          + 0.1 * Math.min(1, c.members().size() / 100.0));
    }
    int kept = viewers.size();
    return AlertBuilder.of(KIND, room)
        .at(ctx.now(), s.platform)
        .room(room)
        .score(score)
        .subject(Subject.room(room))
        .subjects("account", s.named)
        .summary(String.format("%d of %d accounts in the room act as a scripted audience"
            + " (%d cohort%s: %s)", s.named.size(), kept, cohorts.size(),
            cohorts.size() == 1 ? "" : "s", CohortEvidence.headline(cohorts.get(0))))
        .evidence(new Evidence(s.named.size(), kept, s.notKept, cohortEvidence, roomDwell,
            traitLegend(), "cohort of >= " + AudienceCohorts.MIN_COHORT
            + " tied accounts (shared phone, data-centre block or registration batch); an"
            + " account is named at trait score >= " + AudienceCohorts.NAME_SCORE, last))
        .rule("QL-AUD-002")
        .basis("traffic_fabrication")
        .build();
  }

  private static Map<String, String> traitLegend() {
    Map<String, String> m = new TreeMap<>();
    for (AudienceCohorts.Trait t : AudienceCohorts.Trait.values()) {
      m.put(t.name().toLowerCase(), t.weight + ": " + t.meaning);
    }
    return m;
  }

  static List<Map<String, Object>> refs(String room, List<Viewer> members) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Viewer v : AlertBuilder.sample(members, SAMPLE_REFS)) {
      out.add(AlertBuilder.ref("viewer_join", v.firstJoin, "room", room, "user", v.user,
          "device", v.device, "ip", v.ip, "via", v.via));
    }
    return out;
  }
}
