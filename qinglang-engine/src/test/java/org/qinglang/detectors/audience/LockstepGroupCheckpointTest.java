package org.qinglang.detectors.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
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
 * {@code lockstep_group}'s state through the job's state serializer mid-evening: in the form of
 * {@link TieGraph} with the doors' join counts, and in the form of the versions before both
 * (three maps by account name, no counts), from real bytes of such a version. In the current
 * form the detector goes on to the alerts of an uninterrupted run, evidence included; from the
 * old bytes, to the alerts of a run that forgot its counts at the same moment (the spans before
 * it priced by the door's rate).
 */
class LockstepGroupCheckpointTest {
  @TempDir
  static Path dir;
  private static List<Event> evening;
  private static long split;

  /**
   * The evening of the saved checkpoint: {@code lockstep_jitter} seed 61, 12 rooms x 40 min, the
   * split at the event 30 % of the way through (a staggered pool found by the whole-block test,
   * so strong and weak ties both matter).
   */
  @BeforeAll
  static void anEvening() throws Exception {
    Simulator.Result sim = Simulator.run(new Simulator.Config(dir.resolve("sim"), 12, 40, 61,
        "lockstep_jitter", Map.of(), null));
    evening = new ArrayList<>();
    try (JsonlEventReader r = JsonlEventReader.open(sim.events(), (l, why, raw) -> {})) {
      for (Event e = r.next(); e != null; e = r.next()) {
        evening.add(e);
      }
    }
    split = evening.get((int) (evening.size() * 0.3)).ts();
  }

  /** The evening's alert lines, in full; each state replaced by {@code at} at each of {@code ts}. */
  private static List<String> run(Function<DetectorGroup, Function<KeyState, KeyState>> at,
      long... ts) {
    LocalRunner runner = LocalRunner.of(new LockstepGroupDetector());
    int next = 0;
    for (Event e : evening) {
      if (at != null && next < ts.length && e.ts() >= ts[next]) {
        runner.replaceStates((g, ks) -> at.apply(g).apply(ks));
        next++;
      }
      runner.accept(e);
    }
    List<String> lines = new ArrayList<>();
    for (Alert a : runner.finish()) {
      lines.add(AlertJson.toLine(a));
    }
    return lines;
  }

  private static List<String> recorded(String name) throws IOException {
    try (var in = LockstepGroupCheckpointTest.class.getResourceAsStream("/checkpoints/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  /**
   * The uninterrupted run of this evening as the build that counts each span's joins raised it
   * ({@code lockstep_group-counts.alerts.jsonl}, written on branch lock-counted by a throw-away
   * test): the accounts and alert ids of 37fddba's two alerts, with other pool nats in the
   * members' evidence (the spans are priced otherwise) and in the other order. Written again
   * when each platform's rooms got an alert of their own: both groups work rooms of several
   * platforms, so their alerts under taobao list taobao's rooms only, and douyin's and
   * kuaishou's rooms have alerts of their own (five lines, the same accounts).
   */
  private static List<String> saved() throws IOException {
    return recorded("lockstep_group-counts.alerts.jsonl");
  }

  @Test
  void theTieGraphAndTheCountsComeBackAndTheSameAlertsFollow() throws Exception {
    List<String> plain = run(null);
    assertThat(plain).isNotEmpty().isEqualTo(saved());
    StateSize codec = new StateSize();
    int[] tied = {0};
    int[] uncounted = {0};
    List<String> through = run(g -> ks -> {
      try {
        KeyState back = codec.roundTrip(g, ks);
        LockstepGroupDetector.State s = (LockstepGroupDetector.State) back.detectorStates()[0];
        assertThat(s.ties).as("no old maps written").isNull();
        // The peel's order is the accounts' numbers: they must come back as they were, free
        // list included (the next accounts tied take those numbers).
        TieGraph before = ((LockstepGroupDetector.State) ks.detectorStates()[0]).graph;
        assertThat(s.graph.top).isEqualTo(before.top);
        assertThat(java.util.Arrays.copyOf(s.graph.free, s.graph.freeCount))
            .containsExactly(java.util.Arrays.copyOf(before.free, before.freeCount));
        for (int i = 0; i < before.top; i++) {
          TieGraph.Node was = before.nodes[i];
          assertThat(was == null ? null : s.graph.find(was.name).num).isEqualTo(
              was == null ? null : i);
          assertThat(s.graph.nodes[i] == null).isEqualTo(was == null);
        }
        tied[0] += s.graph.strongCount;
        uncounted[0] += (int) s.doors.values().stream().filter(d -> d.counts == null).count();
        return back;
      } catch (IOException ex) {
        throw new IllegalStateException(ex);
      }
    }, split, evening.get(evening.size() * 2 / 3).ts());
    assertThat(tied[0]).as("strongly tied accounts restored").isGreaterThan(100);
    assertThat(uncounted[0]).as("doors restored without their counts").isZero();
    assertThat(through).isEqualTo(plain);
  }

  /**
   * The real thing: {@code checkpoints/lockstep_group-37fddba.bin.gz} is the state the build of
   * 37fddba (ties, weak ties and last tie times in maps by name) wrote through {@link StateSize}
   * at the split of this evening, and {@code lockstep_group-37fddba.alerts.jsonl} the alerts that
   * build raised after restoring it and going on (the same as its uninterrupted run); both made
   * by a throw-away program against that build's jars on 2026-12-04. Restored here, the maps are
   * moved into the tie graph in their order, and the doors, written before the counts, have
   * none: the spans before the restore are priced by the rate. So the run goes on exactly as
   * this build's own run does when it forgets every door's counts at the split, and names the
   * accounts 37fddba named.
   */
  @Test
  void aCheckpointWrittenBeforeTheTieGraphAndTheCountsGoesOnAsARunThatForgotItsCounts() throws Exception {
    byte[] old;
    try (var in = new GZIPInputStream(LockstepGroupCheckpointTest.class.getResourceAsStream(
        "/checkpoints/lockstep_group-37fddba.bin.gz"))) {
      old = in.readAllBytes();
    }
    StateSize codec = new StateSize();
    int[] read = {0, 0, 0, 0};
    List<String> fromOld = run(g -> ks -> {
      try {
        KeyState back = codec.read(g, old);
        LockstepGroupDetector.State s = (LockstepGroupDetector.State) back.detectorStates()[0];
        read[0] = s.ties.size();
        read[1] = s.weak.size();
        read[2] = s.tieLast.size();
        assertThat(s.graph.strongCount).as("a fresh graph before the move").isZero();
        assertThat(s.doors.values()).as("doors written before the counts")
            .allSatisfy(d -> assertThat(d.counts).isNull());
        read[3] = s.doors.size();
        // Each account's neighbours in the order the maps Kryo read have them (the order the
        // old build went on with): the graph must give the same.
        Map<String, List<String>> strongOrder = new java.util.HashMap<>();
        Map<String, List<String>> weakOrder = new java.util.HashMap<>();
        s.ties.forEach((a, nb) -> strongOrder.put(a, new ArrayList<>(nb.keySet())));
        s.weak.forEach((a, nb) -> weakOrder.put(a, new ArrayList<>(nb.keySet())));
        LockstepGroupDetector.graph(s);
        int differ = 0;
        for (var e : strongOrder.entrySet()) {
          differ += new ArrayList<>(LockstepGroupDetector.ties(s).get(e.getKey()).keySet())
              .equals(e.getValue()) ? 0 : 1;
        }
        for (var e : weakOrder.entrySet()) {
          differ += new ArrayList<>(LockstepGroupDetector.weak(s).get(e.getKey()).keySet())
              .equals(e.getValue()) ? 0 : 1;
        }
        assertThat(differ).as("accounts whose neighbours come in another order").isZero();
        assertThat(s.graph.strongCount).isEqualTo(read[0]);
        assertThat(s.graph.weakCount).isEqualTo(read[1]);
        assertThat(s.ties).isNull();
        return back;
      } catch (IOException ex) {
        throw new IllegalStateException(ex);
      }
    }, split);
    assertThat(read[0]).as("strongly tied accounts in the old maps").isGreaterThan(100);
    assertThat(read[1]).as("weakly tied accounts in the old maps").isGreaterThan(100);
    assertThat(read[3]).as("doors in the old state").isPositive();
    List<String> forgotten = run(g -> ks -> {
      LockstepGroupDetector.State s = (LockstepGroupDetector.State) ks.detectorStates()[0];
      s.doors.values().forEach(d -> d.counts = null);
      return ks;
    }, split);
    assertThat(forgotten).as("the run without counts before the split differs from plain")
        .isNotEqualTo(saved());
    assertThat(fromOld).isEqualTo(forgotten);
    // Since each platform's rooms have an alert of their own, a group over several platforms
    // names its accounts once per platform: the same accounts, on more lines.
    assertThat(new java.util.HashSet<>(accounts(fromOld))).isEqualTo(
        new java.util.HashSet<>(accounts(recorded("lockstep_group-37fddba.alerts.jsonl"))));
  }

  /** The accounts the alert lines name, each line's sorted. */
  private static List<List<String>> accounts(List<String> lines) throws IOException {
    List<List<String>> out = new ArrayList<>();
    for (String l : lines) {
      out.add(AlertJson.parseAlert(l).subjects().stream().filter(x -> x.type().equals("account"))
          .map(x -> x.id()).sorted().toList());
    }
    out.sort(java.util.Comparator.comparing(Object::toString));
    return out;
  }
}
