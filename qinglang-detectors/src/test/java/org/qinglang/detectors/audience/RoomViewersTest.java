package org.qinglang.detectors.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RoomViewersTest {
  @Test
  void findsWhatWasAddedAndNothingElseThroughManyGrowths() {
    RoomViewers rv = new RoomViewers();
    Map<String, Viewer> expected = new LinkedHashMap<>();
    SplittableRandom rnd = new SplittableRandom(3);
    for (int i = 0; i < 70_000; i++) {
      // a mix of the platform's shapes of user id, some repeated, some never added
      String u = rnd.nextInt(4) == 0 ? "u" + rnd.nextInt(50_000) : "user-" + String.format("%06d", i);
      if (rv.find(u) == null) {
        Viewer v = new Viewer(new String(u.toCharArray()), i);
        rv.add(v);
        expected.put(u, v);
      }
      assertThat(rv.find(u)).isSameAs(expected.get(u));
    }
    assertThat(rv.size()).isEqualTo(expected.size());
    for (Map.Entry<String, Viewer> e : expected.entrySet()) {
      assertThat(rv.find(e.getKey())).isSameAs(e.getValue());
    }
    assertThat(rv.find("nobody")).isNull();
    assertThat(rv.find("u-1")).isNull();
  }

  @Test
  void numbersFollowTheOrderViewersWereAdded() {
    RoomViewers rv = new RoomViewers();
    List<Viewer> added = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Viewer v = new Viewer("v" + (97 * i % 100), i);
      rv.add(v);
      added.add(v);
    }
    for (int i = 0; i < added.size(); i++) {
      assertThat(rv.get(i)).isSameAs(added.get(i));
    }
  }

  /** Users whose mixed hashes collide share a probe run; each is still told apart by its id. */
  @Test
  void equalHashesAreToldApartByTheUser() {
    RoomViewers rv = new RoomViewers();
    // "Aa" and "BB" have the same String hash, and so every string made of them
    List<String> same = List.of("AaAa", "AaBB", "BBAa", "BBBB");
    for (String u : same) {
      rv.add(new Viewer(u, 0));
    }
    for (int i = 0; i < same.size(); i++) {
      assertThat(rv.find(same.get(i)).user).isEqualTo(same.get(i));
    }
    assertThat(rv.find("AaAaAa")).isNull();
  }

  /** Events without a user are looked up too; a join without one was kept, as the map did. */
  @Test
  void aNullUserIsAbsentUntilAddedLikeAnyOther() {
    RoomViewers rv = new RoomViewers();
    rv.add(new Viewer("u1", 0));
    assertThat(rv.find(null)).isNull();
    Viewer none = new Viewer(null, 1);
    rv.add(none);
    assertThat(rv.find(null)).isSameAs(none);
    assertThat(rv.find("u1").firstJoin).isZero();
  }

  /** Short ids are told apart by their packed characters alone, lengths included. */
  @Test
  void packingIsExactOnTheIdsItAccepts() {
    assertThat(RoomViewers.pack("u-1")).isNotEqualTo(RoomViewers.pack("u-10"));
    assertThat(RoomViewers.pack("u-153828")).isNotZero();
    assertThat(RoomViewers.pack("a")).isEqualTo('a');
    assertThat(RoomViewers.pack("ab")).isEqualTo('a' | ('b' << 8));
    assertThat(RoomViewers.pack("\u00ff")).isEqualTo(0xFF);
    // not packable: the lookup falls back to comparing the strings
    assertThat(RoomViewers.pack(null)).isZero();
    assertThat(RoomViewers.pack("")).isZero();
    assertThat(RoomViewers.pack("u-1234567")).isZero(); // 9 characters
    assertThat(RoomViewers.pack("a\u0000")).isZero();
    assertThat(RoomViewers.pack("\u7528\u6237")).isZero();
  }

  /** Ids on both sides of the packing's limits, kept together, each found as itself only. */
  @Test
  void packedAndUnpackedIdsLiveSideBySide() {
    List<String> users = List.of("u-123456", "u-1234567", "u-12345678", "u-12345", "a", "a\u0000",
        "\u0000", "\u7528\u6237", "\u7528\u6237\u7528", "\u00ff\u00fe", "u-123457");
    RoomViewers rv = new RoomViewers();
    for (int i = 0; i < users.size(); i++) {
      rv.add(new Viewer(new String(users.get(i).toCharArray()), i));
    }
    for (int i = 0; i < users.size(); i++) {
      Viewer v = rv.find(new String(users.get(i).toCharArray()));
      assertThat(v).isNotNull();
      assertThat(v.firstJoin).isEqualTo(i);
      assertThat(rv.get(i)).isSameAs(v);
    }
    for (String absent : List.of("u-12345 ", "u-1234", "b", "\u7528", "u-123458", "a\u0000\u0000")) {
      assertThat(rv.find(absent)).isNull();
    }
  }

  /**
   * The table grows from its own slots, not from the viewers' strings: a room kept before any
   * growth and one grown many times find the same viewers, here checked after every growth.
   */
  @Test
  void everyViewerIsFoundAfterEachGrowth() {
    RoomViewers rv = new RoomViewers();
    List<String> users = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      String u = (i % 3 == 0 ? "user-long-" : "u-") + i;
      users.add(u);
      rv.add(new Viewer(u, i));
      if (i > 0 && Integer.bitCount(i) == 1) { // just past a doubling (at 9, 17, 33, ... kept)
        for (int j = 0; j <= i; j++) {
          assertThat(rv.find(users.get(j))).isSameAs(rv.get(j));
        }
        assertThat(rv.find("u-" + (i + 1))).isNull();
      }
    }
  }

  /** The first-join column answers for every number as the viewer does, across growths. */
  @Test
  void theFirstJoinColumnFollowsTheViewers() {
    RoomViewers rv = new RoomViewers();
    SplittableRandom rnd = new SplittableRandom(5);
    for (int i = 0; i < 3_000; i++) {
      rv.add(new Viewer("u-" + i, rnd.nextLong(1L << 42)));
    }
    for (int i = 0; i < rv.size(); i++) {
      assertThat(rv.firstJoin(i)).isEqualTo(rv.get(i).firstJoin);
    }
  }
}
