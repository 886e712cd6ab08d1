package org.qinglang.sim.inject;

import java.util.ArrayList;
import java.util.List;
import org.qinglang.alert.Label;
import org.qinglang.alert.Subject;
import org.qinglang.event.Comment;
import org.qinglang.sim.Account;
import org.qinglang.sim.Injector;
import org.qinglang.sim.Knobs;
import org.qinglang.sim.RoomPlan;
import org.qinglang.sim.Visit;
import org.qinglang.sim.World;

/**
 * Paid bullet-comment teams (职业弹幕人): a handful to a few dozen accounts that enter a room
 * together, post varied copies of a few templates for a few minutes, and leave. By default
 * they come from a few data-centre addresses and share phones, with young accounts; the
 * subtle variant (scenario {@code comment_subtle}) uses aged accounts, one residential
 * address and phone each, as few as 8 posters and heavy variation of the templates.
 *
 * <p>Most teams post testimonials in the style of the diet-jelly case: those are also fake
 * testimonials (the posters never ordered), so such a case is labelled {@code fake_testimonial}
 * too. The rest post hype without a personal claim, labelled {@code comment_flood} only.
 *
 * <p>Knobs (prefix {@code comment_flood.}): {@code cases}, {@code room} (put the first case in
 * this room, e.g. the replayed broadcast), {@code posters_min}/{@code posters_max},
 * {@code posts_min}/{@code posts_max} per poster, {@code templates_min}/{@code templates_max},
 * {@code burst_min_s}/{@code burst_max_s}, {@code waves_max}, {@code aged}, {@code residential},
 * {@code heavy} (variation), {@code testimonial_share}.
 */
public final class CommentFloodInjector implements Injector {
  static final long SEC = 1_000;

  @Override
  public String kind() {
    return "comment_flood";
  }

  @Override
  public void inject(World w, Knobs k) {
    int cases = k.i("comment_flood.cases", 3);
    String target = k.str("comment_flood.room", null);
    for (int i = 0; i < cases; i++) {
      RoomPlan r = i == 0 && target != null ? Rooms.claim(w, target, kind()) : w.caseRoom(kind());
      team(w, k, r, i);
    }
  }

  private void team(World w, Knobs k, RoomPlan r, int caseNo) {
    int n = between(w, k.i("comment_flood.posters_min", 8), k.i("comment_flood.posters_max", 30));
    boolean aged = k.b("comment_flood.aged", false);
    boolean residential = k.b("comment_flood.residential", false);
    boolean heavy = k.b("comment_flood.heavy", false);
    boolean testimonial = w.chance(k.d("comment_flood.testimonial_share", 0.6));
    String category = r.products.isEmpty() ? null : w.pick(r.products).category();
    String[] pool = testimonial ? PaidComments.templatesFor(category) : PaidComments.HYPE;
    List<String> templates = PaidComments.pickTemplates(w, pool,
        between(w, k.i("comment_flood.templates_min", 2), k.i("comment_flood.templates_max", 4)));
    // A farm: a few exit addresses in one data-centre range, a few phones for the team.
    int farm = 1 + w.rnd.nextInt(200);
    int phones = Math.max(2, n / 4);
    List<String> farmDevices = new ArrayList<>();
    for (int p = 0; p < phones; p++) {
      farmDevices.add(w.hex("farm-dev:" + r.room + ":" + caseNo + ":" + p));
    }
    List<Account> team = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      long age = aged ? (long) (w.lognormal(400, 0.7) * World.DAY)
          : (long) ((1 + w.rnd.nextInt(20)) * World.DAY);
      Account a = w.newAccount(r.start - age, r.platform);
      if (!residential) {
        a.ip = w.net.datacenter(farm);
        a.device = farmDevices.get(p % phones);
      }
      team.add(a);
    }
    int waves = 1 + w.rnd.nextInt(Math.max(1, k.i("comment_flood.waves_max", 2)));
    long lo = r.start + 5 * 60 * SEC;
    long hi = Math.max(lo + 1, r.end - 15 * 60 * SEC);
    long t = Rooms.busyTime(w, r, lo, hi);
    for (int wave = 0; wave < waves && t < r.end - 5 * 60 * SEC; wave++) {
      long burst = between(w, k.i("comment_flood.burst_min_s", 120),
          k.i("comment_flood.burst_max_s", 480)) * SEC;
      for (Account a : team) {
        if (wave > 0 && w.chance(0.3)) {
          continue; // not every member comes back for the next wave
        }
        int posts = between(w, k.i("comment_flood.posts_min", 2), k.i("comment_flood.posts_max", 4));
        long first = t + (long) (w.rnd.nextDouble() * burst * 0.5);
        long last = first;
        List<Long> times = new ArrayList<>();
        for (int p = 0; p < posts; p++) {
          long ts = p == 0 ? first : first + (long) (w.rnd.nextDouble() * (t + burst - first));
          times.add(ts);
          last = Math.max(last, ts);
        }
        long join = first - (20 + w.rnd.nextInt(220)) * SEC;
        long leave = Math.min(r.end + 30 * SEC, last + (20 + w.rnd.nextInt(280)) * SEC);
        r.visits.add(new Visit(a, join, leave, w.pick(new String[] {"share", "feed", "search"}),
            a.ip, a.device));
        for (long ts : times) {
          w.emit(new Comment(ts, r.platform, r.room, a.user,
              PaidComments.vary(w, w.pick(templates), heavy), a.device, a.ip));
        }
      }
      t += burst + (10 + w.rnd.nextInt(20)) * 60 * SEC;
    }
    List<Subject> subjects = team.stream().map(a -> Subject.account(a.user)).toList();
    w.label(new Label(kind(), r.room, subjects));
    if (testimonial) {
      w.label(new Label("fake_testimonial", r.room, subjects));
    }
  }

  static int between(World w, int lo, int hi) {
    return hi <= lo ? lo : lo + w.rnd.nextInt(hi - lo + 1);
  }
}
