package org.qinglang.detectors.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qinglang.alert.Alert;
import org.qinglang.detect.DetectorGroup;
import org.qinglang.detect.KeyState;
import org.qinglang.detect.LocalRunner;
import org.qinglang.engine.StateSize;
import org.qinglang.event.Event;
import org.qinglang.io.AlertJson;
import org.qinglang.io.JsonlEventReader;
import org.qinglang.sim.Simulator;

/**
 * {@code bot_audience}'s rooms through the job's state serializer mid-evening, as a checkpoint
 * and a restore do: the viewers come back and the detector goes on to the same alerts, whether
 * the checkpoint was written in the current layout ({@link RoomViewers}) or in the map layout
 * of the versions before it.
 */
class BotAudienceCheckpointTest {
  @TempDir
  static Path dir;
  private static List<Event> evening;

  @BeforeAll
  static void anEvening() throws Exception {
    Simulator.Result sim = Simulator.run(Simulator.Config.of(dir.resolve("sim"), 12, 40, 11));
    evening = new ArrayList<>();
    try (JsonlEventReader r = JsonlEventReader.open(sim.events(), (l, why, raw) -> {})) {
      for (Event e = r.next(); e != null; e = r.next()) {
        evening.add(e);
      }
    }
  }

  /** Alert lines in full, evidence included, after restoring every room at two points. */
  private static List<String> run(UnaryOperator<BotAudienceDetector.State> beforeWrite,
      int[] restoredViewers) {
    LocalRunner runner = LocalRunner.of(new BotAudienceDetector());
    StateSize codec = new StateSize();
    int n = 0;
    for (Event e : evening) {
      runner.accept(e);
      n++;
      if (beforeWrite != null && (n == evening.size() / 3 || n == evening.size() * 2 / 3)) {
        runner.replaceStates((g, ks) -> through(codec, g, ks, beforeWrite, restoredViewers));
      }
    }
    List<String> lines = new ArrayList<>();
    for (Alert a : runner.finish()) {
      lines.add(AlertJson.toLine(a));
    }
    lines.sort(null);
    return lines;
  }

  private static KeyState through(StateSize codec, DetectorGroup g, KeyState ks,
      UnaryOperator<BotAudienceDetector.State> beforeWrite, int[] restoredViewers) {
    try {
      Object[] states = ks.detectorStates();
      if (states != null && states[0] != null) {
        states[0] = beforeWrite.apply((BotAudienceDetector.State) states[0]);
      }
      KeyState back = codec.roundTrip(g, ks);
      if (back.detectorStates() != null && back.detectorStates()[0] != null) {
        BotAudienceDetector.State s = (BotAudienceDetector.State) back.detectorStates()[0];
        restoredViewers[0] += BotAudienceDetector.viewers(s).size();
      }
      return back;
    } catch (java.io.IOException ex) {
      throw new IllegalStateException(ex);
    }
  }

  @Test
  void roomsWithViewersComeBackAndTheSameAlertsFollow() {
    List<String> plain = run(null, null);
    int[] restored = {0};
    List<String> through = run(UnaryOperator.identity(), restored);
    assertThat(plain).anyMatch(l -> l.contains("\"bot_audience\""));
    assertThat(restored[0]).as("viewers restored").isGreaterThan(1_000);
    assertThat(through).isEqualTo(plain);
  }

  /**
   * The versions before {@link RoomViewers} kept the viewers in a map field {@code viewers},
   * which is still there to be read: a state whose viewers are in that map and whose
   * {@code kept} is fresh is what such a checkpoint restores into (Kryo matches fields by name
   * and gives a field the checkpoint lacks its initial value). Written that way, it is moved to
   * the new layout and the alerts are the same.
   */
  @Test
  void aCheckpointOfTheMapLayoutRestoresIntoTheNewOne() {
    List<String> plain = run(null, null);
    int[] restored = {0};
    List<String> fromMap = run(BotAudienceCheckpointTest::asMapLayout, restored);
    assertThat(restored[0]).as("viewers restored").isGreaterThan(1_000);
    assertThat(fromMap).isEqualTo(plain);
  }

  private static BotAudienceDetector.State asMapLayout(BotAudienceDetector.State s) {
    RoomViewers kept = BotAudienceDetector.viewers(s);
    LinkedHashMap<String, Viewer> map = new LinkedHashMap<>();
    for (int i = 0; i < kept.size(); i++) {
      map.put(kept.get(i).user, kept.get(i));
    }
    s.viewers = map;
    s.kept = new RoomViewers();
    return s;
  }

  /**
   * The real thing: {@code checkpoints/bot_audience-0ba896d.bin} is the room's state as the
   * build of 0ba896d (the map layout) wrote it through {@link StateSize}, with {@link FarmEvening}
   * fed up to {@link FarmEvening#SPLIT} (a throw-away program against that build's jars, on
   * 2026-12-04). Restored here, the room goes on to the alerts it raises uninterrupted.
   */
  @Test
  void aCheckpointWrittenByTheMapLayoutsBuildGoesOnToTheSameAlert() throws Exception {
    byte[] old = checkpoint("bot_audience-0ba896d.bin");
    List<String> plain = farm(null);
    assertThat(plain).hasSize(1).allMatch(l -> l.contains("\"b-11\""));
    StateSize codec = new StateSize();
    int[] viewers = {0};
    List<String> fromOld = farm(g -> {
      try {
        KeyState back = codec.read(g, old);
        BotAudienceDetector.State s = (BotAudienceDetector.State) back.detectorStates()[0];
        assertThat(s.viewers).as("the old map, as read").hasSize(42);
        viewers[0] = BotAudienceDetector.viewers(s).size();
        return back;
      } catch (java.io.IOException ex) {
        throw new IllegalStateException(ex);
      }
    });
    assertThat(viewers[0]).isEqualTo(42);
    assertThat(fromOld).isEqualTo(plain);
  }

  /**
   * {@code checkpoints/bot_audience-a249335.bin} is the room's state as the build of a249335 (the
   * {@link RoomViewers} list layout, the last before {@link StringIds} became one table) wrote it
   * through {@link StateSize} at {@link FarmEvening#SPLIT}, and {@code bot_audience-a249335.alerts.jsonl}
   * the alert lines that build raised after restoring it and going on (a throw-away program
   * against that build's jars, 2026-12-04). Restored here, the room renumbers its devices and
   * SIMs and raises the same lines, which are also those of an uninterrupted run.
   */
  @Test
  void aCheckpointWrittenByTheListLayoutsBuildGoesOnToTheSameAlert() throws Exception {
    byte[] old = checkpoint("bot_audience-a249335.bin");
    List<String> expected = new String(checkpoint("bot_audience-a249335.alerts.jsonl"),
        java.nio.charset.StandardCharsets.UTF_8).lines().toList();
    List<String> plain = farm(null);
    assertThat(expected).hasSize(1).allMatch(l -> l.contains("\"b-11\""));
    assertThat(plain).isEqualTo(expected);
    StateSize codec = new StateSize();
    int[] viewers = {0};
    List<String> fromOld = farm(g -> {
      try {
        KeyState back = codec.read(g, old);
        BotAudienceDetector.State s = (BotAudienceDetector.State) back.detectorStates()[0];
        assertThat(s.viewers).as("no map in this layout").isNull();
        assertThat(s.ids).as("transient, renumbered on first use").isNull();
        viewers[0] = BotAudienceDetector.viewers(s).size();
        return back;
      } catch (java.io.IOException ex) {
        throw new IllegalStateException(ex);
      }
    });
    assertThat(viewers[0]).isEqualTo(42);
    assertThat(fromOld).isEqualTo(expected);
  }

  /**
   * The viewers' lookup (table of viewers, hash and packed id in each viewer) and the first-join
   * column are transient, and {@link Viewer#firstJoin} only became final: what a checkpoint holds
   * must not have changed. This build, fed the farm evening up to the split, writes exactly the
   * bytes the a249335 build wrote ({@code bot_audience-a249335.bin}), so any build that reads
   * those reads this one's.
   */
  @Test
  void thisBuildWritesTheRoomAsTheListLayoutsBuildDid() throws Exception {
    byte[] old = checkpoint("bot_audience-a249335.bin");
    StateSize codec = new StateSize();
    byte[][] now = {null};
    farmReplacing((g, ks) -> {
      try {
        now[0] = codec.write(g, ks);
      } catch (java.io.IOException ex) {
        throw new IllegalStateException(ex);
      }
      return ks;
    });
    assertThat(now[0]).isEqualTo(old);
  }

  /** The farm evening's alert lines, the room's state replaced at the split when asked. */
  private static List<String> farm(java.util.function.Function<DetectorGroup, KeyState> atSplit) {
    return farmReplacing(atSplit == null ? null : (g, ks) -> atSplit.apply(g));
  }

  /** The same, the room's state at the split passed to {@code replace} when given. */
  private static List<String> farmReplacing(
      java.util.function.BiFunction<DetectorGroup, KeyState, KeyState> replace) {
    LocalRunner runner = LocalRunner.of(new BotAudienceDetector());
    boolean replaced = false;
    for (Event e : FarmEvening.events()) {
      if (replace != null && !replaced && e.ts() >= FarmEvening.SPLIT) {
        runner.replaceStates(replace);
        replaced = true;
      }
      runner.accept(e);
    }
    List<String> lines = new ArrayList<>();
    for (Alert a : runner.finish()) {
      lines.add(AlertJson.toLine(a));
    }
    return lines;
  }

  /** A file of the test resources' checkpoints folder: bytes an older build wrote. */
  private static byte[] checkpoint(String name) throws java.io.IOException {
    try (var in = BotAudienceCheckpointTest.class.getResourceAsStream("/checkpoints/" + name)) {
      return in.readAllBytes();
    }
  }
}
