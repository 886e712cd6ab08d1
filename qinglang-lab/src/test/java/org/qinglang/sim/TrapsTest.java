package org.qinglang.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglang.event.Comment;
import org.qinglang.event.Event;
import org.qinglang.event.Order;
import org.qinglang.event.OrderCancel;
import org.qinglang.event.Referral;
import org.qinglang.event.Refund;
import org.qinglang.event.RoomStart;
import org.qinglang.event.Speech;
import org.qinglang.event.ViewerCount;
import org.qinglang.event.ViewerJoin;
import org.qinglang.event.ViewerLeave;

/**
 * Every trap the simulator promises is in the data, checked from the events themselves (not
 * from the simulator's own manifest), so a change that quietly drops one fails here.
 */
class TrapsTest {
  static World w;
  static List<Event> events;

  @BeforeAll
  static void build() {
    w = Simulator.build(Simulator.Config.of(Path.of("unused"), 30, 60, 11));
    events = Simulator.arrivalOrder(w);
  }

  private static <T> List<T> all(Class<T> type) {
    List<T> out = new ArrayList<>();
    for (Event e : events) {
      if (type.isInstance(e)) {
        out.add(type.cast(e));
      }
    }
    return out;
  }

  @Test
  void eventsArriveUpToTenSecondsLateButNoLater() {
    long max = Long.MIN_VALUE;
    long worst = 0;
    int late = 0;
    for (Event e : events) {
      if (e.ts() < max) {
        late++;
        worst = Math.max(worst, max - e.ts());
      }
      max = Math.max(max, e.ts());
    }
    assertThat(late).isGreaterThan(100);
    assertThat(worst).isLessThanOrEqualTo(10_000);
  }

  @Test
  void cgnatManyHonestViewersBehindOneAddress() {
    Map<String, Set<String>> usersByIp = new HashMap<>();
    all(ViewerJoin.class).forEach(j -> usersByIp.computeIfAbsent(j.room() + "|" + j.ip(),
        k -> new HashSet<>()).add(j.user()));
    assertThat(usersByIp.values().stream().mapToInt(Set::size).max().orElse(0))
        .isGreaterThanOrEqualTo(20);
  }

  @Test
  void campusRoomAtAUniversityBehindAFewAddresses() {
    Set<String> campus = new HashSet<>();
    all(RoomStart.class).stream().filter(r -> "university".equals(r.venue()))
        .forEach(r -> campus.add(r.room()));
    assertThat(campus).isNotEmpty();
    Set<String> ips = new HashSet<>();
    all(ViewerJoin.class).stream().filter(j -> campus.contains(j.room())).forEach(j -> ips.add(j.ip()));
    assertThat(ips.size()).isLessThanOrEqualTo(3 * campus.size());
  }

  @Test
  void chantsAThirdOfTheRoomTypes1AfterTheCall() {
    int chants = 0;
    for (Comment c : all(Comment.class)) {
      if (c.text().matches("扣?1+|想要")) {
        chants++;
      }
    }
    assertThat(all(Speech.class).stream().filter(s -> s.text().contains("扣")).count()).isPositive();
    assertThat(chants).isGreaterThan(500);
  }

  @Test
  void orderBurstsFollowTheLinkDrop() {
    List<Speech> drops = all(Speech.class).stream().filter(s -> s.text().contains("链接")).toList();
    List<Order> orders = all(Order.class);
    int bursts = 0;
    for (Speech s : drops) {
      long n = orders.stream().filter(o -> o.room().equals(s.room()) && o.ts() >= s.ts()
          && o.ts() < s.ts() + 120_000).count();
      if (n >= 5) {
        bursts++;
      }
    }
    assertThat(bursts).isGreaterThan(10);
  }

  @Test
  void cancellationsHoursLaterAndRefundsDaysLater() {
    Map<String, Long> placed = new HashMap<>();
    all(Order.class).forEach(o -> placed.put(o.order(), o.ts()));
    assertThat(all(OrderCancel.class)).anyMatch(c -> c.ts() - placed.get(c.order()) > 3_600_000L);
    assertThat(all(OrderCancel.class)).anyMatch(c -> c.room() == null);
    assertThat(all(Refund.class)).anyMatch(r -> r.ts() - placed.get(r.order()) > World.DAY);
    double rate = all(OrderCancel.class).size() / (double) all(Order.class).size();
    assertThat(rate).isBetween(0.01, 0.06);
  }

  @Test
  void anchorsBroadcastSeveralShowsAndFansFollowThem() {
    Map<String, List<String>> roomsByAnchor = new HashMap<>();
    all(RoomStart.class).forEach(r -> roomsByAnchor.computeIfAbsent(r.anchor(), k -> new ArrayList<>()).add(r.room()));
    String multi = roomsByAnchor.entrySet().stream().filter(e -> e.getValue().size() >= 2)
        .map(Map.Entry::getKey).findFirst().orElseThrow();
    List<String> rooms = roomsByAnchor.get(multi);
    Map<String, Set<String>> fanRooms = new HashMap<>();
    all(ViewerJoin.class).stream().filter(j -> "follow".equals(j.via()) && rooms.contains(j.room()))
        .forEach(j -> fanRooms.computeIfAbsent(j.user(), k -> new HashSet<>()).add(j.room()));
    assertThat(fanRooms.values()).anyMatch(s -> s.size() >= 2);
  }

  @Test
  void genuineRepeatBuyersPostHuigou() {
    Map<String, String> anchorOf = new HashMap<>();
    all(RoomStart.class).forEach(r -> anchorOf.put(r.room(), r.anchor()));
    Set<String> bought = new HashSet<>(); // anchor|user, in time order
    boolean found = false;
    for (Event e : events.stream().sorted(java.util.Comparator.comparingLong(Event::ts)).toList()) {
      if (e instanceof Order o) {
        bought.add(anchorOf.get(o.room()) + "|" + o.user());
      } else if (e instanceof Comment c && c.text().contains("回购")
          && bought.contains(anchorOf.get(c.room()) + "|" + c.user())) {
        found = true;
      }
    }
    assertThat(found).isTrue();
  }

  @Test
  void honestDisplaysRunAFewPercentHigh() {
    // Observed audience per room at each count, replayed in time order.
    Map<String, Set<String>> present = new HashMap<>();
    int high = 0;
    int wild = 0;
    Set<String> inflated = new HashSet<>();
    w.labels().stream().filter(l -> l.kind().equals("viewer_inflation")).forEach(l -> inflated.add(l.room()));
    for (Event e : events.stream().sorted(java.util.Comparator.comparingLong(Event::ts)).toList()) {
      if (e instanceof ViewerJoin j) {
        present.computeIfAbsent(j.room(), k -> new HashSet<>()).add(j.user());
      } else if (e instanceof ViewerLeave l) {
        present.getOrDefault(l.room(), new HashSet<>()).remove(l.user());
      } else if (e instanceof ViewerCount c && !inflated.contains(c.room())) {
        int obs = present.getOrDefault(c.room(), Set.of()).size();
        if (c.online() > obs) {
          high++;
        }
        if (c.online() > obs * 1.3 + 15) {
          wild++;
        }
      }
    }
    assertThat(high).isGreaterThan(100);
    assertThat(wild).isZero();
  }

  @Test
  void affiliateProgrammesHaveTwoLevelsAndNoFee() {
    List<Referral> refs = all(Referral.class);
    assertThat(refs).isNotEmpty();
    assertThat(w.traps()).anyMatch(t -> t.get("trap").equals("affiliate"));
    assertThat(w.traps()).anyMatch(t -> t.get("trap").equals("flat_referral"));
    // Organic programmes charge nothing to join (injected schemes are labelled separately).
    Set<String> labelled = new HashSet<>();
    w.labels().forEach(l -> l.subjects().forEach(s -> labelled.add(s.id())));
    assertThat(refs.stream().filter(r -> !labelled.contains(r.user()) && !labelled.contains(r.referrer())))
        .allMatch(r -> r.fee() == null || r.fee() == 0);
  }

  @Test
  void compliantLookAlikeSentencesAreSpoken() {
    assertThat(all(Speech.class)).anyMatch(s -> s.text().contains("最近"))
        .anyMatch(s -> s.text().contains("第一次")).anyMatch(s -> s.text().contains("最多限购"));
  }

  @Test
  void popularityIsHeavyTailedAndAccountsHaveRegistrationTimes() {
    Map<String, Integer> joins = new HashMap<>();
    all(ViewerJoin.class).forEach(j -> joins.merge(j.room(), 1, Integer::sum));
    List<Integer> sizes = joins.values().stream().sorted().toList();
    assertThat(sizes.get(sizes.size() - 1)).isGreaterThan(4 * sizes.get(sizes.size() / 2));
    assertThat(all(org.qinglang.event.AccountEvent.class)).allMatch(a -> a.created() > 0);
  }

  @Test
  void joinWavesThatAreNotBots() {
    assertThat(w.traps()).anyMatch(t -> t.get("trap").equals("fan_rush"))
        .anyMatch(t -> t.get("trap").equals("linkdrop_crowd"));
    // A fan rush: dozens of follow-joins within two minutes of a room's start.
    Map<String, Long> start = new HashMap<>();
    all(RoomStart.class).forEach(r -> start.put(r.room(), r.ts()));
    Map<String, Integer> early = new HashMap<>();
    all(ViewerJoin.class).stream().filter(j -> "follow".equals(j.via())
        && j.ts() - start.get(j.room()) < 120_000).forEach(j -> early.merge(j.room(), 1, Integer::sum));
    assertThat(early.values().stream().mapToInt(Integer::intValue).max().orElse(0)).isGreaterThan(50);
  }
}
