package org.qinglang.sim.inject;

import java.util.ArrayList;
import java.util.List;
import org.qinglang.alert.Label;
import org.qinglang.alert.Subject;
import org.qinglang.event.Comment;
import org.qinglang.event.Event;
import org.qinglang.event.Like;
import org.qinglang.event.Speech;
import org.qinglang.sim.Account;
import org.qinglang.sim.Injector;
import org.qinglang.sim.Knobs;
import org.qinglang.sim.RoomPlan;
import org.qinglang.sim.Visit;
import org.qinglang.sim.World;

/**
 * A bought audience (刷人气, "1000人在线2小时" packages): a farm's accounts join a room as
 * {@link Visit}s, so the platform's displayed counts include them and stay honest; the room is
 * padded, not the counter.
 *
 * <p>One farm per case. What a cheap farm looks like, and the knob that makes it careful:
 * <ul>
 *   <li>accounts registered in a batch minutes apart a few days ago; {@code aged=true}: bought
 *       old accounts, registered months to years ago, one by one;</li>
 *   <li>data-centre addresses in one /24; {@code proxy=true}: a fresh residential proxy exit per
 *       visit;</li>
 *   <li>{@code dwell}: {@code short} (秒进秒出, 1–3 s), {@code fixed} (everyone stays the same
 *       paid duration), {@code lognormal} (randomised, human-looking), {@code mixed} (short or
 *       fixed per case);</li>
 *   <li>{@code token=true}: a few likes and the odd comment, so the accounts are not mute;</li>
 *   <li>{@code ride_crowd=true}: joins hidden inside the crowd that follows a 上链接 rather than
 *       a wave of its own;</li>
 *   <li>{@code accounts_per_device}: accounts run on each group-control phone (群控);
 *       {@code via_other}: share entering by a direct link (entry path {@code other}).</li>
 *   <li>{@code arrival=drip}: the premium "真人模拟" package: accounts trickle in one by one
 *       over the whole show instead of in waves;</li>
 *   <li>{@code accounts_per_phone}: accounts registered on each SIM card (the {@code account}
 *       event's phone digest and device are the farm's, not the account's own); 0 keeps one
 *       SIM per account.</li>
 * </ul>
 * {@code also_inflated}: in that many of the cases the display is inflated as well, and the
 * room is labelled {@code viewer_inflation} too: both can happen at once.
 */
public final class BotAudienceInjector implements Injector {
  private static final long SEC = 1_000;
  private static final long MIN = 60 * SEC;
  private static final String[] TOKEN_TEXT = {"主播好", "666", "好看", "支持", "来了"};
  private static final String[] LINK_PREFIXES = {"上链接", "链接来了", "小助理上链接", "上车上车"};

  @Override
  public String kind() {
    return "bot_audience";
  }

  @Override
  public void inject(World w, Knobs k) {
    int cases = k.i("bot_audience.cases", 3);
    int inflated = k.i("bot_audience.also_inflated", 1);
    for (int i = 0; i < cases; i++) {
      RoomPlan r = w.caseRoom(kind());
      Farm f = new Farm(k, w, i);
      List<Account> bots = f.run(r);
      List<Subject> subjects = new ArrayList<>();
      subjects.add(Subject.room(r.room));
      bots.forEach(b -> subjects.add(Subject.account(b.user)));
      w.label(new Label(kind(), r.room, subjects));
      if (i < inflated) {
        r.cases.add("viewer_inflation");
        r.inflateFactor = 1.8 + 2 * w.rnd.nextDouble();
        r.inflateFrom = r.start + (5 + w.rnd.nextInt(10)) * MIN;
        w.label(new Label("viewer_inflation", r.room, List.of(Subject.room(r.room))));
      }
    }
  }

  /** One farm's settings for one case. */
  private static final class Farm {
    final World w;
    final int n;
    final boolean aged;
    final boolean proxy;
    final String dwell;
    final boolean token;
    final boolean rideCrowd;
    final int perDevice;
    final double viaOther;
    final int farmNo;
    final boolean drip;
    final int perPhone;

    Farm(Knobs k, World w, int caseNo) {
      this.w = w;
      int lo = k.i("bot_audience.min_bots", 40);
      int hi = k.i("bot_audience.max_bots", 160);
      this.n = lo + w.rnd.nextInt(Math.max(1, hi - lo + 1));
      this.aged = k.b("bot_audience.aged", false);
      this.proxy = k.b("bot_audience.proxy", false);
      String d = k.str("bot_audience.dwell", "mixed");
      this.dwell = d.equals("mixed") ? (caseNo % 2 == 0 ? "short" : "fixed") : d;
      this.token = k.b("bot_audience.token", false);
      this.rideCrowd = k.b("bot_audience.ride_crowd", false);
      this.perDevice = Math.max(1, k.i("bot_audience.accounts_per_device", 8));
      this.viaOther = k.d("bot_audience.via_other", 0.9);
      this.farmNo = 1 + w.rnd.nextInt(250);
      this.drip = k.str("bot_audience.arrival", "waves").equals("drip");
      this.perPhone = Math.max(0, k.i("bot_audience.accounts_per_phone", 0));
    }

    List<Account> run(RoomPlan r) {
      String[] devices = new String[(n + perDevice - 1) / perDevice];
      for (int d = 0; d < devices.length; d++) {
        devices[d] = w.hex("farm-device:" + farmNo + ":" + r.room + ":" + d);
      }
      List<Account> bots = new ArrayList<>();
      long batch = w.t0 - (long) ((0.5 + 13.5 * w.rnd.nextDouble()) * World.DAY);
      for (int i = 0; i < n; i++) {
        long created;
        if (aged) {
          created = w.t0 - (long) (Math.exp(w.rnd.nextDouble(Math.log(90), Math.log(1500)))
              * World.DAY);
        } else {
          batch += (20 + w.rnd.nextInt(160)) * SEC; // a script registering one after another
          created = batch;
        }
        bots.add(perPhone == 0 ? w.newAccount(created, r.platform)
            : w.newAccount(created, r.platform,
                w.hex("farm-sim:" + farmNo + ":" + r.room + ":" + i / perPhone),
                devices[i / perDevice]));
      }
      List<Long> moments = arrivalMoments(r);
      long paid = (20 + w.rnd.nextInt(40)) * MIN; // the package's duration
      for (int i = 0; i < n; i++) {
        Account a = bots.get(i);
        long moment = moments.get(i % moments.size());
        long join = drip
            ? r.start + MIN + (long) (w.rnd.nextDouble() * Math.max(MIN, r.end - r.start - 4 * MIN))
            : rideCrowd
            ? moment + (long) (Math.abs(w.gaussian()) * 8 * SEC)
            : moment + w.rnd.nextInt(25_000);
        join = Math.min(join, r.end - 2 * MIN);
        long stay;
        if (dwell.equals("short")) {
          stay = (1 + w.rnd.nextInt(3)) * SEC;
        } else if (dwell.equals("fixed")) {
          stay = Math.round(paid * (1 + 0.01 * w.gaussian()));
        } else {
          stay = (long) (Math.max(20, w.lognormal(300, 0.8)) * SEC);
        }
        long leave = Math.min(join + stay, r.end + 30 * SEC);
        String ip = proxy ? w.net.residentialProxy() : w.net.datacenter(farmNo);
        String via = w.chance(viaOther) ? "other" : w.pick(new String[] {"feed", "feed", "search"});
        Visit v = new Visit(a, join, leave, via, ip, devices[i / perDevice]);
        r.visits.add(v);
        if (token) {
          tokens(r, v);
        }
      }
      return bots;
    }

    /** Wave starts: a few moments in the show, or the 上链接 moments when riding a crowd. */
    private List<Long> arrivalMoments(RoomPlan r) {
      List<Long> out = new ArrayList<>();
      if (rideCrowd) {
        for (Event e : w.events()) {
          if (e instanceof Speech s && s.room().equals(r.room) && isLinkDrop(s.text())) {
            out.add(s.ts());
          }
        }
      }
      if (out.isEmpty()) {
        int waves = 1 + w.rnd.nextInt(3);
        long span = Math.max(MIN, (long) ((r.end - r.start) * 0.6));
        for (int i = 0; i < waves; i++) {
          out.add(r.start + 2 * MIN + (long) (w.rnd.nextDouble() * span));
        }
      }
      return out;
    }

    private static boolean isLinkDrop(String text) {
      for (String p : LINK_PREFIXES) {
        if (text.startsWith(p)) {
          return true;
        }
      }
      return false;
    }

    /** A token of engagement: a like or two, and now and then a one-word comment. */
    private void tokens(RoomPlan r, Visit v) {
      long stay = Math.max(1, v.leave() - v.join());
      if (w.chance(0.45)) {
        w.emit(new Like(v.join() + w.rnd.nextLong(stay), r.platform, r.room, v.account().user,
            1 + w.rnd.nextInt(3)));
      }
      if (w.chance(0.12)) {
        w.emit(new Comment(v.join() + w.rnd.nextLong(stay), r.platform, r.room,
            v.account().user, w.pick(TOKEN_TEXT), v.device(), v.ip()));
      }
    }
  }
}
