package org.qinglang.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
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
 * cancelled twice or never placed, a few ids doing everything, events up to the lateness bound
 * out of order. Each evening comes from its seed, so a failure names the seed that replays it.
 */
class RandomEveningsTest {
  private static final long T0 = 1_763_636_400_000L;
  private static final String[] PLATFORMS = {"douyin", "kuaishou", "taobao"};
  private static final String[] TEXTS = {"", "全网最低价", "最好的一款，治愈系歌曲", "买它！",
      "已瘦十斤，回购第三次", "效果太好了", "宝宝们快下单", "🎥🔥", "a", "家人们 link 在下面",
      "保健品不是药，不能代替治疗", "原价999今天只要99", "x".repeat(3000), "\u0000\u001f",
      "小朋友让爸爸妈妈买", "这款青汁喝了能清肠排毒", "国家级产品，央视都报道过"};
  private static final String[] VIA = {"feed", "follow", "search", "share", "ad", "other", "x"};
  private static final String[] CATEGORIES = {"food", "health_food", "cosmetics", "drug",
      "medical_device", "apparel", "electronics", "agricultural", "luxury", "other", "新品类"};
  private static final String[] VENUES = {"studio", "store", "farm", "school", "kindergarten",
      "campus", "street", "学校"};
  private static final String[] BRANDS = {"LV", "Apple", "雅诗兰黛", "无名", "Hermès"};
  private static final String[] IPS = {"10.0.0.1", "10.0.0.2", "192.168.1.9", "::1",
      "2001:db8::7"};

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 60);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everyDetectorSurvivesAndKeepsTheContract(long seed) {
    List<Event> evening = evening(new SplittableRandom(seed));
    for (Detector<?> d : DetectorGroup.discover()) {
      LocalRunner r = LocalRunner.of(d);
      for (Event e : evening) {
        r.accept(e);
      }
      for (Alert a : r.finish()) {
        assertThat(AlertContract.problems(a)).as("%s, seed %d", d.kind(), seed).isEmpty();
      }
    }
  }

  static List<Event> evening(SplittableRandom rnd) {
    int rooms = 1 + rnd.nextInt(6);
    int users = 2 + rnd.nextInt(40);
    int n = 1 + rnd.nextInt(rnd.nextInt(10) < 2 ? 2_000 : 400);
    List<Event> out = new ArrayList<>(n);
    long t = T0;
    long max = T0;
    for (int i = 0; i < n; i++) {
      long step = rnd.nextInt(10) == 0 ? -rnd.nextInt(10_001) : rnd.nextInt(120_001);
      t = step < 0 ? Math.max(max - 10_000, t + step) : t + step;
      max = Math.max(max, t);
      out.add(new Gen(rnd, rooms, users).event(t));
    }
    return out;
  }

  /** One event's fields, drawn from small pools so that ids meet and collide. */
  private record Gen(SplittableRandom rnd, int rooms, int users) {
    Event event(long ts) {
      String p = pick(PLATFORMS);
      return switch (rnd.nextInt(18)) {
        case 0 -> new AccountEvent(ts, p, user(), 946_684_800_000L
            + (long) (rnd.nextDouble() * (T0 - 946_684_800_000L)), hex(), hex(), hex());
        case 1 -> new RoomStart(ts, p, room(), user(), pick(TEXTS), hex(), maybe("mcn-1"),
            rnd.nextInt(4) == 0 ? Boolean.TRUE : null, maybe(pick(VENUES)));
        case 2 -> new RoomEnd(ts, p, room());
        case 3 -> new ViewerJoin(ts, p, room(), user(), hex(), ip(), maybe(pick(VIA)));
        case 4 -> new ViewerLeave(ts, p, room(), user());
        case 5 -> new ViewerCount(ts, p, room(), Math.abs(money()), maybeMoney());
        case 6 -> new Comment(ts, p, room(), user(), pick(TEXTS), hex(), ip());
        case 7 -> new Like(ts, p, room(), user(), money());
        case 8 -> new Gift(ts, p, room(), user(), money());
        case 9 -> new Follow(ts, p, room(), user());
        case 10 -> {
          Long end = maybeMoney();
          yield new Speech(ts, p, room(), pick(TEXTS), end == null ? null : ts + end);
        }
        case 11 -> new Product(ts, p, room(), sku(), pick(TEXTS), money(), maybeMoney(),
            maybe(pick(BRANDS)), maybe(pick(CATEGORIES)), maybeMoney(), hex());
        case 12 -> new Order(ts, p, room(), user(), order(), sku(),
            1 + rnd.nextInt(rnd.nextInt(10) == 0 ? 100_000 : 5), money(), hex(), ip(), hex(),
            hex());
        case 13 -> new OrderCancel(ts, p, order(), maybe(room()), maybe(user()));
        case 14 -> new Refund(ts, p, order(), money(), maybe(room()), maybe(pick(TEXTS)));
        case 15 -> new Referral(ts, p, user(), user(), maybeMoney());
        case 16 -> new Commission(ts, p, user(), user(), money());
        default -> {
          Long until = maybeMoney();
          yield new Sanction(ts, p, user(), pick(new String[] {"selling", "streaming", "account"}),
              until == null ? null : ts + until, maybe(pick(TEXTS)));
        }
      };
    }

    private String room() {
      return "r" + rnd.nextInt(rooms);
    }

    private String user() {
      return "u" + rnd.nextInt(users);
    }

    private String sku() {
      return "s" + rnd.nextInt(6);
    }

    private String order() {
      return "o" + rnd.nextInt(30);
    }

    private String hex() {
      return rnd.nextInt(10) < 3 ? null : "d" + rnd.nextInt(6) + "f0a1";
    }

    private String ip() {
      return rnd.nextInt(10) < 3 ? null : pick(IPS);
    }

    private long money() {
      return switch (rnd.nextInt(20)) {
        case 0 -> 0;
        case 1 -> 1;
        case 2 -> 99_999_999_999L;
        case 3 -> -100;
        default -> rnd.nextLong(100_001);
      };
    }

    private Long maybeMoney() {
      return rnd.nextInt(10) < 4 ? null : money();
    }

    private <T> T maybe(T v) {
      return rnd.nextInt(10) < 3 ? null : v;
    }

    private <T> T pick(T[] values) {
      return values[rnd.nextInt(values.length)];
    }
  }
}
