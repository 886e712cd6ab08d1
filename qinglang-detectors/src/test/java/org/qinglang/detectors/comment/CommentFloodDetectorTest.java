package org.qinglang.detectors.comment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qinglang.alert.Alert;
import org.qinglang.detect.LocalRunner;
import org.qinglang.event.Comment;
import org.qinglang.event.Event;
import org.qinglang.event.RoomEnd;
import org.qinglang.event.ViewerJoin;
import org.qinglang.event.ViewerLeave;
import org.qinglang.detectors.comment.CommentFloodDetector.Rise;

/**
 * A flood against a drip (issue 13): the same paid accounts, the same templates, each poster
 * hit-and-run with two copies; only how the posters arrive against the templates' history
 * differs.
 */
class CommentFloodDetectorTest {
  static final long T = 1_763_636_400_000L;
  static final long MIN = 60_000L;
  static final String ROOM = "r-1";
  static final String[] TEMPLATES = {"吃了%d盒掉了%d斤，裤子都松了", "产后%d个月靠它瘦了%d斤"};
  static final String[] FILLER = {"", "姐妹们", "亲测", "说实话"};

  private final List<Event> events = new ArrayList<>();
  private int accounts;

  /** An ordinary viewer present from the start, so the room is watched from {@code T}. */
  private void opening() {
    events.add(new ViewerJoin(T, "douyin", ROOM, "viewer", "dev-viewer", "172.16.0.9", "feed"));
  }

  /** One paid poster: comes in, posts two copies of a template, leaves. */
  private void poster(String prefix, long join, int template) {
    int n = accounts++;
    String user = prefix + "-" + n;
    String ip = "10." + (n / 200) + "." + (n % 200) + ".7";
    String dev = "dev-" + user;
    events.add(new ViewerJoin(join, "douyin", ROOM, user, dev, ip, "feed"));
    for (int i = 0; i < 2; i++) {
      String text = FILLER[(n + i) % FILLER.length]
          + String.format(TEMPLATES[template], 2 + (n + i) % 5, 3 + n % 7);
      events.add(new Comment(join + 30_000L + i * 60_000L, "douyin", ROOM, user, text, dev, ip));
    }
    events.add(new ViewerLeave(join + 150_000L, "douyin", ROOM, user));
  }

  /** Paid reviewers one every {@code gapMs}, templates in turn, from {@code from} to {@code to}. */
  private void drip(long from, long to, long gapMs) {
    for (long t = from; t < to; t += gapMs) {
      poster("drip", t, accounts % 2);
    }
  }

  /** {@code size} accounts sent in together, first posts within {@code spreadMs}. */
  private void team(long at, int size, long spreadMs) {
    for (int i = 0; i < size; i++) {
      poster("team", at + i * spreadMs / size, i % 2);
    }
  }

  private List<Alert> run() {
    events.add(new RoomEnd(T + 90 * MIN, "douyin", ROOM));
    events.sort(Comparator.comparingLong(Event::ts));
    LocalRunner r = LocalRunner.of(new CommentFloodDetector());
    r.acceptAll(events);
    return r.finish();
  }

  private static List<String> named(Alert a) {
    return a.subjects().stream().filter(s -> s.type().equals("account")).map(s -> s.id())
        .toList();
  }

  @Test
  void aDripThatBunchesAfterAPauseIsNotAFlood() {
    opening();
    // A reviewer a minute for half an hour, a pause, then six within five minutes: a window
    // that sees only the six sees a team, the templates' history a drip going on as before.
    drip(T + 3 * MIN, T + 33 * MIN, MIN);
    drip(T + 40 * MIN, T + 45 * MIN, 50_000L);
    drip(T + 52 * MIN, T + 70 * MIN, MIN);
    assertThat(run()).isEmpty();
  }

  @Test
  void aDripFromTheOpeningIsNotAFlood() {
    opening();
    // Its first reviewers come out of silence, as a team would; the ones after them do not.
    drip(T + 3 * MIN, T + 60 * MIN, 50_000L);
    assertThat(run()).isEmpty();
  }

  @Test
  void aTeamOutOfSilenceIsAFloodAndTheEvidenceSaysSo() {
    opening();
    team(T + 30 * MIN, 8, 2 * MIN);
    List<Alert> alerts = run();
    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(named(a)).hasSize(8).allMatch(u -> u.startsWith("team-"));
      CommentFloodDetector.Onset onset = a.evidenceAs(CommentFloodDetector.Evidence.class)
          .groups().get(0).onset();
      assertThat(onset.rise()).isEqualTo(Rise.OUT_OF_SILENCE);
      assertThat(onset.priorAccounts()).isZero();
      assertThat(onset.burstAccounts()).isEqualTo(8);
    });
  }

  @Test
  void aTeamAtTheOpeningIsStillFoundOnceTheRoomHasBeenWatchedLongEnough() {
    opening();
    team(T + 4 * MIN, 8, 2 * MIN);
    List<Alert> alerts = run();
    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(named(a)).hasSize(8);
      CommentFloodDetector.Onset onset = a.evidenceAs(CommentFloodDetector.Evidence.class)
          .groups().get(0).onset();
      assertThat(onset.rise()).isEqualTo(Rise.OUT_OF_SILENCE);
      assertThat(onset.lookbackMs() + onset.watchedAfterMs())
          .isGreaterThanOrEqualTo(CommentFloodDetector.MIN_CONTEXT_MS);
    });
  }

  @Test
  void aTeamSentInOnTopOfADripIsAFlood() {
    opening();
    drip(T + 3 * MIN, T + 70 * MIN, MIN);
    team(T + 40 * MIN, 40, 3 * MIN);
    List<Alert> alerts = run();
    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(named(a).stream().filter(u -> u.startsWith("team-"))).hasSize(40);
      CommentFloodDetector.Onset onset = a.evidenceAs(CommentFloodDetector.Evidence.class)
          .groups().get(0).onset();
      assertThat(onset.rise()).isEqualTo(Rise.ABOVE_STEADY_POSTING);
      assertThat(onset.priorAccounts()).isGreaterThan(10);
      assertThat(onset.surge()).isGreaterThanOrEqualTo(CommentFloodDetector.MIN_SURGE);
    });
  }
}
