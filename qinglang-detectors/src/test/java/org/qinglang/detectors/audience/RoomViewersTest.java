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
}
