package org.qinglang.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import org.qinglang.alert.Alert;
import org.qinglang.alert.AlertContract;
import org.qinglang.event.AccountEvent;
import org.qinglang.event.Comment;
import org.qinglang.event.Commission;
import org.qinglang.event.Event;
import org.qinglang.event.Follow;
import org.qinglang.event.Gift;
import org.qinglang.event.Like;
import org.qinglang.event.Order;
import org.qinglang.event.OrderCancel;
import org.qinglang.event.Product;
import org.qinglang.event.Referral;
import org.qinglang.event.Refund;
import org.qinglang.event.RoomEnd;
import org.qinglang.event.RoomStart;
import org.qinglang.event.Sanction;
import org.qinglang.event.Speech;
import org.qinglang.event.ViewerCount;
import org.qinglang.event.ViewerJoin;
import org.qinglang.event.ViewerLeave;

/**
 * Randomly shaped but contract-valid evenings, fed to every detector through
 * {@link LocalRunner} in fail-fast mode: no detector may throw, and every alert must keep the
 * contract. The shapes are what the contract allows and simulators rarely write: optional
 * fields absent, zero and huge amounts, empty and exotic text, a room with no start, an order
 * cancelled twice or never placed, events up to the lateness bound out of order, a few ids
 * doing everything. The events come in arrival order with up to 10 s of disorder.
 */
class RandomEveningsProperties {
  private static final long T0 = 1_763_636_400_000L;
  private static final String[] PLATFORMS = {"douyin", "kuaishou", "taobao"};
  private static final String[] TEXTS = {"", "全网最低价", "最好的一款，治愈系歌曲", "买它！",
      "已瘦十斤，回购第三次", "效果太好了", "宝宝们快下单", "🎥🔥", "a", "家人们 link 在下面",
      "保健品不是药，不能代替治疗", "原价999今天只要99", "x".repeat(3000), "\u0000\u001f",
      "小朋友让爸爸妈妈买"};
  private static final String[] VIA = {"feed", "follow", "search", "share", "ad", "other", "x"};
  private static final String[] CATEGORIES = {"food", "health_food", "cosmetics", "drug",
      "medical_device", "apparel", "electronics", "agricultural", "luxury", "other", "新品类"};
  private static final String[] VENUES = {"studio", "store", "farm", "school", "kindergarten",
      "campus", "street", "学校"};

  @Property(tries = 60, shrinking = ShrinkingMode.BOUNDED)
  void everyDetectorSurvivesAndKeepsTheContract(@ForAll("evenings") List<Event> evening) {
    for (Detector<?> d : DetectorGroup.discover()) {
      LocalRunner r = LocalRunner.of(d);
      for (Event e : evening) {
        r.accept(e);
      }
      for (Alert a : r.finish()) {
        assertThat(AlertContract.problems(a)).as("%s on a random evening", d.kind()).isEmpty();
      }
    }
  }

  @Provide
  Arbitrary<List<Event>> evenings() {
    return Arbitraries.integers().between(1, 6).flatMap(rooms ->
        Arbitraries.integers().between(2, 40).flatMap(users ->
            event(rooms, users).list().ofMinSize(1).ofMaxSize(400)
                .flatMap(this::inTime)));
  }

  /** Stamps the events in arrival order: mostly forward, sometimes up to 10 s back. */
  private Arbitrary<List<Event>> inTime(List<Timed> events) {
    return Arbitraries.longs().between(-10_000, 120_000).list().ofSize(events.size())
        .map(steps -> {
          List<Event> out = new ArrayList<>(events.size());
          long t = T0;
          long max = T0;
          for (int i = 0; i < events.size(); i++) {
            long step = steps.get(i);
            t = step < 0 ? Math.max(max - 10_000, t + step) : t + step;
            max = Math.max(max, t);
            out.add(events.get(i).at(t));
          }
          return out;
        });
  }

  /** An event waiting for its time. */
  @FunctionalInterface
  interface Timed {
    Event at(long ts);
  }

  private Arbitrary<Timed> event(int rooms, int users) {
    Arbitrary<String> room = Arbitraries.integers().between(0, rooms - 1).map(i -> "r" + i);
    Arbitrary<String> user = Arbitraries.integers().between(0, users - 1).map(i -> "u" + i);
    Arbitrary<String> maybeUser = user.injectNull(0.1);
    Arbitrary<String> pf = Arbitraries.of(PLATFORMS);
    Arbitrary<String> text = Arbitraries.of(TEXTS);
    Arbitrary<String> hex = Arbitraries.integers().between(0, 5).map(i -> "d" + i + "f0a1")
        .injectNull(0.3);
    Arbitrary<String> ip = Arbitraries.of("10.0.0.1", "10.0.0.2", "192.168.1.9", "::1",
        "2001:db8::7").injectNull(0.3);
    Arbitrary<Long> money = Arbitraries.oneOf(Arbitraries.longs().between(0, 100_000),
        Arbitraries.of(0L, 1L, 99_999_999_999L, -100L));
    Arbitrary<Long> maybeMoney = money.injectNull(0.4);
    Arbitrary<String> sku = Arbitraries.integers().between(0, 5).map(i -> "s" + i);
    Arbitrary<String> order = Arbitraries.integers().between(0, 30).map(i -> "o" + i);
    Arbitrary<String> brand = Arbitraries.of("LV", "Apple", "雅诗兰黛", "无名").injectNull(0.3);
    Arbitrary<String> category = Arbitraries.of(CATEGORIES).injectNull(0.2);
    Arbitrary<String> venue = Arbitraries.of(VENUES).injectNull(0.3);
    return Arbitraries.oneOf(
        Combinators.combine(pf, user, Arbitraries.longs().between(946_684_800_000L, T0), hex, hex,
            hex).as((p, u, c, a, b, d) -> ts -> new AccountEvent(ts, p, u, c, a, b, d)),
        Combinators.combine(pf, room, user, text, hex, venue).as((p, r, a, t, m, v) ->
            ts -> new RoomStart(ts, p, r, a, t, m, null, null, v)),
        Combinators.combine(pf, room).as((p, r) -> ts -> new RoomEnd(ts, p, r)),
        Combinators.combine(pf, room, user, hex, ip, Arbitraries.of(VIA).injectNull(0.3))
            .as((p, r, u, d, i, v) -> ts -> new ViewerJoin(ts, p, r, u, d, i, v)),
        Combinators.combine(pf, room, user).as((p, r, u) -> ts -> new ViewerLeave(ts, p, r, u)),
        Combinators.combine(pf, room, money, maybeMoney).as((p, r, o, t) ->
            ts -> new ViewerCount(ts, p, r, Math.abs(o), t)),
        Combinators.combine(pf, room, user, text, hex, ip).as((p, r, u, t, d, i) ->
            ts -> new Comment(ts, p, r, u, t, d, i)),
        Combinators.combine(pf, room, user, money).as((p, r, u, n) ->
            ts -> new Like(ts, p, r, u, n)),
        Combinators.combine(pf, room, user, money).as((p, r, u, v) ->
            ts -> new Gift(ts, p, r, u, v)),
        Combinators.combine(pf, room, user).as((p, r, u) -> ts -> new Follow(ts, p, r, u)),
        Combinators.combine(pf, room, text, maybeMoney).as((p, r, t, end) ->
            ts -> new Speech(ts, p, r, t, end == null ? null : ts + end)),
        Combinators.combine(pf, room, sku, text, money, maybeMoney, brand, category)
            .flatAs((p, r, s, t, pr, lp, b, c) -> Combinators.combine(maybeMoney, hex)
                .as((sold, m) -> (Timed) ts -> new Product(ts, p, r, s, t, pr, lp, b, c, sold,
                    m))),
        Combinators.combine(pf, room, user, order, sku, money, money, hex)
            .flatAs((p, r, u, o, s, q, a, d) -> Combinators.combine(ip, hex, hex)
                .as((i, addr, pay) -> (Timed) ts -> new Order(ts, p, r, u, o, s,
                    Math.max(1, Math.abs(q) % 1000), a, d, i, addr, pay))),
        Combinators.combine(pf, order, room.injectNull(0.5), maybeUser).as((p, o, r, u) ->
            ts -> new OrderCancel(ts, p, o, r, u)),
        Combinators.combine(pf, order, money, room.injectNull(0.5), text.injectNull(0.5))
            .as((p, o, a, r, why) -> ts -> new Refund(ts, p, o, a, r, why)),
        Combinators.combine(pf, user, user, maybeMoney).as((p, u, by, fee) ->
            ts -> new Referral(ts, p, u, by, fee)),
        Combinators.combine(pf, user, user, money).as((p, u, src, a) ->
            ts -> new Commission(ts, p, u, src, a)),
        Combinators.combine(pf, user, Arbitraries.of("selling", "streaming", "account"),
            maybeMoney, text.injectNull(0.5)).as((p, u, sc, until, why) ->
                ts -> new Sanction(ts, p, u, sc, until == null ? null : ts + until, why)));
  }
}
