package org.qinglang.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qinglang.alert.Alert;
import org.qinglang.event.Event;
import org.qinglang.event.Follow;
import org.qinglang.event.OrderCancel;
import org.qinglang.event.Order;

class KeyStateTest {

  /** Records the order in which it sees events, and wakes once at a chosen time. */
  static class Recorder implements Detector<List<Long>> {
    final Scope scope;

    Recorder(Scope scope) {
      this.scope = scope;
    }

    @Override
    public String kind() {
      return "recorder";
    }

    @Override
    public Scope scope() {
      return scope;
    }

    @Override
    public boolean accepts(Event e) {
      return true;
    }

    @Override
    public List<Long> newState() {
      return new ArrayList<>();
    }

    @Override
    public void onEvent(List<Long> seen, Event e, Context ctx) {
      seen.add(e.ts());
      if (seen.size() == 1) {
        ctx.wakeAt(e.ts() + 60_000);
      }
      ctx.emit(AlertBuilder.of("recorder", ctx.key()).at(ctx.now(), "p").room(ctx.key())
          .score(0.5).summary("seen " + seen).evidence("seen", List.copyOf(seen)).build());
    }

    @Override
    public void onWake(List<Long> seen, long time, Context ctx) {
      seen.add(-time);
      ctx.emit(AlertBuilder.of("recorder", ctx.key()).at(time, "p").room(ctx.key())
          .score(0.5).summary("woke").evidence("seen", List.copyOf(seen)).build());
    }
  }

  private static Follow f(long ts) {
    return new Follow(ts, "p", "r", "u");
  }

  @SuppressWarnings("unchecked")
  private static List<Long> seen(LocalRunner r) {
    Alert a = r.alerts().get(0);
    return (List<Long>) a.evidence().get("seen");
  }

  /** Records the accounts it sees, in order: what a member list keeps. */
  static final class Users extends Recorder {
    Users() {
      super(Scope.ROOM);
    }

    @Override
    public void onEvent(List<Long> seen, Event e, Context ctx) {
      seen.add(Long.parseLong(e.user().substring(2)));
      ctx.emit(AlertBuilder.of("recorder", ctx.key()).at(ctx.now(), "p").room(ctx.key())
          .score(0.5).summary("users").evidence("seen", List.copyOf(seen)).build());
    }

    @Override
    public void onWake(List<Long> seen, long time, Context ctx) {}
  }

  @Test
  void eventsOfOneTimeAreSeenInTheSameOrderWhateverOrderTheyArrivedIn() {
    // Three follows at the same millisecond, and one later: as two Kafka readers or a replay
    // after a crash might deliver them.
    List<Long> first = null;
    for (String[] arrival : new String[][] {{"u-3", "u-1", "u-2"}, {"u-2", "u-3", "u-1"},
        {"u-1", "u-2", "u-3"}}) {
      LocalRunner r = LocalRunner.of(new Users());
      r.accept(new Follow(500, "p", "r", "u-9"));
      for (String u : arrival) {
        r.accept(new Follow(1_000, "p", "r", u));
      }
      r.accept(new Follow(2_000, "p", "r", "u-0"));
      r.finish();
      List<Long> seen = seen(r);
      assertThat(seen).containsExactly(9L, 1L, 2L, 3L, 0L);
      if (first != null) {
        assertThat(seen).isEqualTo(first);
      }
      first = seen;
    }
  }

  @Test
  void eventsUpToTenSecondsLateAreCountedInEventTimeOrder() {
    LocalRunner r = LocalRunner.of(new Recorder(Scope.ROOM));
    // Arrival order: 10 s and 9.9 s late events among on-time ones.
    for (long ts : new long[] {1_000, 5_000, 12_000, 2_000, 20_000, 10_100, 30_000}) {
      r.accept(f(ts));
    }
    r.finish();
    assertThat(seen(r)).containsExactly(1_000L, 2_000L, 5_000L, 10_100L, 12_000L, 20_000L,
        30_000L, -61_000L);
  }

  @Test
  void eventsLaterThanTheBoundAreStillCountedNotDropped() {
    LocalRunner r = LocalRunner.of(new Recorder(Scope.ROOM));
    r.accept(f(100_000));
    r.accept(f(200_000)); // watermark 190 s: 100 s processed
    r.accept(f(50_000));  // 150 s late
    r.finish();
    assertThat(seen(r)).contains(50_000L, 100_000L, 200_000L).hasSize(4);
  }

  @Test
  void aFindingKeepsItsIdWhileItGrows() {
    LocalRunner r = LocalRunner.of(new Recorder(Scope.ROOM));
    for (long ts = 0; ts < 100_000; ts += 1_000) {
      r.accept(f(ts));
    }
    r.finish();
    assertThat(r.emitted()).isGreaterThan(50);
    assertThat(r.alerts()).hasSize(1);
    assertThat(r.alerts().get(0).id()).isEqualTo(Alert.idFor("recorder", "r"));
  }

  @Test
  void cancelsWithoutARoomAreLinkedToTheirOrdersRoom() {
    LocalRunner r = LocalRunner.of(new Recorder(Scope.ROOM));
    r.accept(new Order(1_000, "p", "r", "u", "o-1", "s", 1, 100, null, null, null, null));
    r.accept(new OrderCancel(3_600_000, "p", "o-1", null, null));
    r.finish();
    assertThat(seen(r)).contains(1_000L, 3_600_000L);
  }

  @Test
  void quietStateIsDroppedAfterItsRetention() {
    Recorder d = new Recorder(Scope.ACCOUNT);
    DetectorGroup g = new DetectorGroup(Scope.ACCOUNT, List.of(d));
    KeyState ks = new KeyState();
    List<Alert> out = new ArrayList<>();
    ks.offer(f(0), g, "u", Directory.EMPTY, Output.failFast(out::add));
    ks.advance(120_000, g, "u", Directory.EMPTY, Output.failFast(out::add));
    assertThat(ks.isEmpty()).isFalse();
    ks.advance(d.retentionMillis() + 1, g, "u", Directory.EMPTY, Output.failFast(out::add));
    assertThat(ks.isEmpty()).isTrue();
  }

  @Test
  void equalTimesKeepTheirArrivalOrderAndAShuffledWindowComesOutSorted() {
    Recorder d = new Recorder(Scope.ROOM);
    DetectorGroup g = new DetectorGroup(Scope.ROOM, List.of(d));
    KeyState ks = new KeyState();
    List<Alert> out = new ArrayList<>();
    java.util.Random rnd = new java.util.Random(7);
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      times.add((long) rnd.nextInt(10_000));
    }
    for (long t : times) {
      ks.offer(f(t), g, "r", Directory.EMPTY, Output.failFast(out::add));
    }
    ks.advance(5_000, g, "r", Directory.EMPTY, Output.failFast(out::add));
    ks.advance(10_000, g, "r", Directory.EMPTY, Output.failFast(out::add));
    @SuppressWarnings("unchecked")
    List<Long> seen = (List<Long>) out.get(out.size() - 1).evidence().get("seen");
    List<Long> sorted = new ArrayList<>(times);
    java.util.Collections.sort(sorted);
    assertThat(seen).containsExactlyElementsOf(sorted);
  }

  /** Reads accounts from the directory while declaring only rooms. */
  static final class Undeclared extends Recorder {
    Undeclared() {
      super(Scope.ROOM);
    }

    @Override
    public String kind() {
      return "undeclared";
    }

    @Override
    public java.util.Set<Directory.Part> reads() {
      return java.util.EnumSet.of(Directory.Part.ROOMS);
    }

    @Override
    public void onEvent(List<Long> seen, Event e, Context ctx) {
      ctx.directory().room("r");
      ctx.directory().account("u");
    }
  }

  @Test
  void aDirectoryReadOutsideTheDeclaredPartsFailsLoudly() {
    LocalRunner r = LocalRunner.of(new Undeclared());
    r.accept(f(1_000));
    org.assertj.core.api.Assertions.assertThatThrownBy(r::finish)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("undeclared").hasMessageContaining("ACCOUNTS");
  }
}
