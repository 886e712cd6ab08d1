package org.qinglang.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.qinglang.alert.Label;
import org.qinglang.event.AccountEvent;
import org.qinglang.event.Event;

/**
 * The simulated evening that injectors work on: organic rooms, the account pool, address
 * pools, and the growing lists of events, labels and traps. Everything random comes from one
 * seeded generator, so a seed reproduces a file exactly.
 */
public final class World {
  public static final long DAY = 24 * 3_600_000L;
  public static final String[] PLATFORMS = {"douyin", "kuaishou", "taobao"};

  public final SplittableRandom rnd;
  public final long seed;
  /** The evening starts here (2026-11-20 19:00 +08:00). */
  public final long t0 = 1_763_636_400_000L;
  public final int minutes;
  public final Net net;
  private final List<Event> events = new ArrayList<>();
  private final List<Label> labels = new ArrayList<>();
  private final List<Map<String, Object>> traps = new ArrayList<>();
  private final List<RoomPlan> rooms = new ArrayList<>();
  private final List<Account> pool = new ArrayList<>();
  private final Map<String, Integer> counters = new LinkedHashMap<>();
  private Organic organic;

  public World(long seed, int minutes) {
    this.seed = seed;
    this.rnd = new SplittableRandom(seed);
    this.minutes = minutes;
    this.net = new Net(this);
  }

  void organic(Organic organic) {
    this.organic = organic;
  }

  // ---- ids and hashes -------------------------------------------------------------------

  /** A fresh id such as {@code u-123}; ids are opaque to the engine. */
  public String newId(String prefix) {
    int n = counters.merge(prefix, 1, Integer::sum);
    return prefix + "-" + n;
  }

  /** A keyed hex digest, as producers send personal data. */
  public String hex(String what) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(Long.toString(seed).getBytes(StandardCharsets.UTF_8));
      md.update(what.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- accounts -------------------------------------------------------------------------

  /** A new account registered at {@code created}, announced with an {@code account} event. */
  public Account newAccount(long created, String platform) {
    String user = newId("u");
    Account a = new Account(user, created, hex("id:" + user), hex("phone:" + user),
        hex("dev:" + user), net.residential(), hex("addr:" + user), hex("pay:" + user));
    emit(new AccountEvent(Math.max(created, t0 - 3_600_000L), platform, a.user, a.created,
        a.idHash, a.phoneHash, a.device));
    return a;
  }

  /**
   * A new account whose SIM (phone digest) and device are given, not its own: farms run
   * hundreds of accounts on a few dozen phones and SIM cards.
   */
  public Account newAccount(long created, String platform, String phoneHash, String device) {
    String user = newId("u");
    Account a = new Account(user, created, hex("id:" + user), phoneHash, device,
        net.residential(), hex("addr:" + user), hex("pay:" + user));
    emit(new AccountEvent(Math.max(created, t0 - 3_600_000L), platform, a.user, a.created,
        a.idHash, a.phoneHash, a.device));
    return a;
  }

  /** An ordinary account, registered months to years ago. */
  public Account organicAccount(String platform) {
    long age = (long) (Math.exp(rnd.nextDouble(Math.log(30), Math.log(2000))) * DAY);
    Account a = newAccount(t0 - age, platform);
    pool.add(a);
    return a;
  }

  /** An existing organic account drawn from the pool (or a new one while it is small). */
  public Account anyOrganic(String platform) {
    if (pool.size() < 500 || rnd.nextDouble() < 0.35) {
      return organicAccount(platform);
    }
    return pool.get(rnd.nextInt(pool.size()));
  }

  // ---- rooms ----------------------------------------------------------------------------

  public List<RoomPlan> rooms() {
    return rooms;
  }

  void addRoom(RoomPlan r) {
    rooms.add(r);
  }

  /**
   * An organic room with no trap and no other case, claimed for a case of {@code kind}; a new
   * one is generated when none is left, so injectors never run short.
   */
  public RoomPlan caseRoom(String kind) {
    return caseRoom(kind, r -> true);
  }

  public RoomPlan caseRoom(String kind, Predicate<RoomPlan> fits) {
    for (RoomPlan r : rooms) {
      if (r.traps.isEmpty() && r.cases.isEmpty() && fits.test(r)) {
        r.cases.add(kind);
        return r;
      }
    }
    RoomPlan r = organic.newRoom(null);
    r.cases.add(kind);
    return r;
  }

  /** A new organic room built for a case (no trap), e.g. with a chosen venue. */
  public RoomPlan newCaseRoom(String kind, java.util.function.Consumer<RoomPlan> before) {
    RoomPlan r = organic.newRoom(before);
    r.cases.add(kind);
    return r;
  }

  /**
   * The next show of {@code anchor} (a new anchor's first when null), outside every case:
   * {@code before} marks it, e.g. with the trap it holds.
   */
  public RoomPlan newShow(String anchor, java.util.function.Consumer<RoomPlan> before) {
    return organic.newShow(anchor, before);
  }

  // ---- output ---------------------------------------------------------------------------

  public void emit(Event e) {
    events.add(e);
  }

  public void label(Label l) {
    labels.add(l);
  }

  /** Records that the data holds a trap: innocent behaviour a naive detector would flag. */
  public void trap(String name, String room, String detail) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("trap", name);
    if (room != null) {
      m.put("room", room);
    }
    m.put("detail", detail);
    traps.add(m);
  }

  public List<Event> events() {
    return events;
  }

  public List<Label> labels() {
    return labels;
  }

  public List<Map<String, Object>> traps() {
    return traps;
  }

  // ---- random helpers -------------------------------------------------------------------

  public double lognormal(double median, double sigma) {
    return median * Math.exp(sigma * gaussian());
  }

  public double gaussian() {
    double u = rnd.nextDouble();
    double v = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }

  public int poisson(double mean) {
    if (mean > 30) {
      return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian()));
    }
    double l = Math.exp(-mean);
    int k = 0;
    double p = 1;
    do {
      k++;
      p *= rnd.nextDouble();
    } while (p > l);
    return k - 1;
  }

  public <T> T pick(List<T> items) {
    return items.get(rnd.nextInt(items.size()));
  }

  public <T> T pick(T[] items) {
    return items[rnd.nextInt(items.length)];
  }

  public boolean chance(double p) {
    return rnd.nextDouble() < p;
  }
}
