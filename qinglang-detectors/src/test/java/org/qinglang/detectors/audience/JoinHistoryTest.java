package org.qinglang.detectors.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class JoinHistoryTest {
  private static final long WINDOW = LockstepGroupDetector.WINDOW;

  /**
   * The timed filter may only skip pairs that cannot tie: whenever two accounts entered one room
   * of another anchor than the current one less than WINDOW apart (both visits unexplained by
   * fandom), the query of one shares a bit with the signature of the other. Checked on random
   * histories whose join times straddle bucket edges; and, so that the filter is shown to filter,
   * most pairs that never lined up are told apart.
   */
  @Test
  void aPairThatLinedUpInSomeRoomAlwaysPassesTheTimedFilter() {
    Random rnd = new Random(20);
    String[] rooms = new String[40];
    String[] anchorOf = new String[rooms.length];
    String[] anchors = new String[12];
    for (int a = 0; a < anchors.length; a++) {
      anchors[a] = "anchor-" + a;
    }
    for (int r = 0; r < rooms.length; r++) {
      rooms[r] = "room-" + r;
      anchorOf[r] = anchors[r % anchors.length];
    }
    long[] q = new long[JoinHistory.SIGNATURE_LONGS];
    long[] sig = new long[JoinHistory.SIGNATURE_LONGS];
    int aligned = 0;
    int unaligned = 0;
    int unalignedRejected = 0;
    for (int trial = 0; trial < 20_000; trial++) {
      JoinHistory u = random(rnd, rooms, anchorOf);
      JoinHistory v = random(rnd, rooms, anchorOf);
      String current = anchors[rnd.nextInt(anchors.length)];
      u.timedSignature(current, WINDOW, 1, q);
      v.timedSignature(null, WINDOW, 0, sig);
      boolean shares = false;
      for (int w = 0; w < q.length; w++) {
        shares |= (q[w] & sig[w]) != 0;
      }
      if (linedUp(u, v, current)) {
        aligned++;
        assertThat(shares).as("trial %d: a pair that lined up is skipped", trial).isTrue();
      } else {
        unaligned++;
        if (!shares) {
          unalignedRejected++;
        }
      }
    }
    assertThat(aligned).as("pairs that lined up").isGreaterThan(1_000);
    assertThat(unalignedRejected).as("pairs that never lined up, told apart")
        .isGreaterThan(unaligned / 2);
  }

  /** The exact condition tie() needs besides the current room: another anchor lined up. */
  private static boolean linedUp(JoinHistory u, JoinHistory v, String current) {
    for (int i = 0; i < u.size; i++) {
      if (u.explained[i] || u.anchors[i] == current) {
        continue;
      }
      for (int k = 0; k < v.size; k++) {
        if (!v.explained[k] && v.rooms[k] == u.rooms[i]
            && Math.abs(u.ts[i] - v.ts[k]) <= WINDOW) {
          return true;
        }
      }
    }
    return false;
  }

  private static JoinHistory random(Random rnd, String[] rooms, String[] anchorOf) {
    JoinHistory h = new JoinHistory();
    int visits = 1 + rnd.nextInt(JoinHistory.CAPACITY + 4);
    for (int i = 0; i < visits; i++) {
      int r = rnd.nextInt(rooms.length);
      // Each room opens at its own hour; joins spread over its first 40 minutes, with some
      // exactly WINDOW apart and some at bucket edges, where an off-by-one would show.
      long open = r * 3_600_000L - 7_200_000L;
      long t = switch (rnd.nextInt(4)) {
        case 0 -> open + (long) rnd.nextInt(9) * WINDOW;
        case 1 -> open + (long) rnd.nextInt(9) * WINDOW - 1;
        default -> open + rnd.nextInt(40 * 60_000);
      };
      h.add(rooms[r], anchorOf[r], t, 1.0, rnd.nextInt(6) == 0);
    }
    return h;
  }
}
