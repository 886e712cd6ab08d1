package org.qinglang.detectors.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * How a footprint span's joins are priced: counted where the door counted them, by the door's
 * rate where it did not (a door restored from a state written before the counts), and by both
 * for a span that straddles the restore.
 */
class GroupFootprintTest {
  static final long T0 = 1_763_636_400_000L;
  static final String ROOM = "r-1";
  /** The door's rate at each member's entry, joins per ms: exact in a float. */
  static final double RATE = 1.0 / 64;

  private final Map<String, JoinHistory> accounts = new HashMap<>();
  private final Set<String> members = new TreeSet<>();

  /**
   * Four members enter 10 s apart from T0 + 60 s: the span is T0 + 50 s to T0 + 100 s once
   * padded (a gap each side), 50 s, which the rate puts at 50,000 / 64 = 781.25 joins.
   */
  private Map<String, LockstepGroupDetector.Door> fourMembers(LockstepGroupDetector.Door door) {
    for (int i = 0; i < 4; i++) {
      JoinHistory h = new JoinHistory();
      h.add(ROOM, "anchor-1", T0 + 60_000 + i * 10_000L, RATE, false);
      accounts.put("m-" + i, h);
      members.add("m-" + i);
    }
    return Map.of(ROOM, door);
  }

  private double spanJoins(Map<String, LockstepGroupDetector.Door> doors) {
    GroupFootprint fp = GroupFootprint.of(accounts, doors, members, 3, 5 * 60_000L, 10_000L);
    assertThat(fp.spans()).hasSize(1);
    GroupFootprint.Span sp = fp.spans().get(0);
    assertThat(sp.from()).isEqualTo(T0 + 50_000);
    assertThat(sp.to()).isEqualTo(T0 + 100_000);
    return sp.joins();
  }

  @Test
  void aDoorRestoredWithoutCountsPricesTheSpanByTheRateAsBefore() {
    LockstepGroupDetector.Door door = new LockstepGroupDetector.Door(ROOM, "anchor-1", T0);
    door.counts = null; // what Kryo leaves in a door written before the counts
    double rated = spanJoins(fourMembers(door));
    assertThat(rated).isCloseTo(50_000 * RATE, within(1e-9));
    // and without the room's door at all
    assertThat(spanJoins(Map.of())).isCloseTo(rated, within(1e-9));
  }

  @Test
  void aCountedSpanIsTheRoomsOtherJoinsInIt() {
    LockstepGroupDetector.Door door = new LockstepGroupDetector.Door(ROOM, "anchor-1", T0);
    for (int i = 0; i < 36; i++) {
      door.counts().add(T0 + 52_000 + i * 1_000L); // others, inside the span
    }
    for (int i = 0; i < 4; i++) {
      door.counts().add(T0 + 60_000 + i * 10_000L); // the members themselves
    }
    door.counts().add(T0 + 130_000); // a later join: the whole span is behind the counts
    assertThat(spanJoins(fourMembers(door))).isCloseTo(36, within(1e-9));
  }

  @Test
  void aSpanStraddlingTheRestoreIsCountedAfterItAndRatedBefore() {
    LockstepGroupDetector.Door door = new LockstepGroupDetector.Door(ROOM, "anchor-1", T0);
    door.counts = null;
    // The first join after the restore, at T0 + 80 s, is the third member's; the counts cover
    // from it, not from the buckets a new room keeps empty before its first join.
    door.counts().add(T0 + 80_000);
    for (int i = 0; i < 10; i++) {
      door.counts().add(T0 + 81_000 + i * 1_000L); // others
    }
    door.counts().add(T0 + 90_000); // the fourth member
    door.counts().add(T0 + 130_000);
    // counted: 12 joins from T0 + 80 s, less the two members among them; rated: the 30 s before
    double expected = 12 - 2 + 30_000 * RATE;
    assertThat(spanJoins(fourMembers(door))).isCloseTo(expected, within(1e-9));
  }
}
