package org.qinglang.sim.inject;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.qinglang.alert.Label;
import org.qinglang.alert.Subject;
import org.qinglang.event.AccountEvent;
import org.qinglang.event.Commission;
import org.qinglang.event.Order;
import org.qinglang.event.Product;
import org.qinglang.event.Referral;
import org.qinglang.sim.Injector;
import org.qinglang.sim.Knobs;
import org.qinglang.sim.RoomPlan;
import org.qinglang.sim.World;

/**
 * Pyramid selling (传销) in a referral network: an organiser, members who pay to join and
 * recruit, and uplines paid for their downlines' joins over one to three levels.
 *
 * <p>Knobs (prefix {@code pyramid_scheme.}): {@code cases} plain schemes with an entry fee;
 * {@code split_cases} where the organiser and some members recruit from second accounts that
 * share an identity (so only identity resolution joins the fragments and keeps their levels);
 * {@code slow_cases} growing over {@code slow_days} days; {@code disguised_cases} with no fee
 * but an identical "starter pack" bought right after joining; {@code late_bonus_cases}
 * (default 0) paying only the direct recruiter, 3-10 days after the join (once a blind
 * spot until pay on fee-paying downlines counted as pay for heads, now found;
 * {@code varied_pack_cases} (default 0) disguised fees at three pack prices with pay under
 * three levels down, a blind spot kept to measure what it costs; {@code min_persons},
 * {@code max_persons}; {@code fee_share} (share of members who pay). Traps, never labelled:
 * {@code trap_affiliates} deep two-level affiliate programmes without fees whose customers buy
 * varied items, and {@code trap_flat} large flat paid-membership programmes with a direct
 * invite bonus.
 */
public final class PyramidSchemeInjector implements Injector {
  private static final long MIN = 60_000L;
  private static final long[] FEES = {9_900, 29_900, 69_800, 99_800, 360_000};

  @Override
  public String kind() {
    return "pyramid_scheme";
  }

  /** How one scheme is built. */
  private static final class Plan {
    int persons;
    Long fee;
    double feeShare;
    int paidLevels;
    long start;
    long gap;
    boolean split;
    long starterPack = -1;
    /** Bonuses paid to the direct recruiter only, days after the join. */
    boolean lateBonus;
    /** Starter packs at three prices (a blind spot: no one identical amount). */
    boolean variedPacks;
    RoomPlan shop;
    String sku;
  }

  @Override
  public void inject(World w, Knobs k) {
    int min = k.i("pyramid_scheme.min_persons", 35);
    int max = k.i("pyramid_scheme.max_persons", 150);
    double feeShare = k.d("pyramid_scheme.fee_share", 0.9);
    long evening = w.minutes * MIN;
    for (int i = 0; i < k.i("pyramid_scheme.cases", 3); i++) {
      Plan p = plan(w, min, max, feeShare);
      scheme(w, p);
    }
    for (int i = 0; i < k.i("pyramid_scheme.split_cases", 1); i++) {
      Plan p = plan(w, min, max, feeShare);
      p.split = true;
      scheme(w, p);
    }
    int days = k.i("pyramid_scheme.slow_days", 20);
    for (int i = 0; i < k.i("pyramid_scheme.slow_cases", 1); i++) {
      Plan p = plan(w, min, max, feeShare);
      p.start = w.t0 - days * World.DAY;
      p.gap = (days * World.DAY + evening) / p.persons;
      scheme(w, p);
    }
    int disguised = k.i("pyramid_scheme.disguised_cases", 1);
    int varied = k.i("pyramid_scheme.varied_pack_cases", 0);
    for (int i = 0; i < disguised + varied; i++) {
      Plan p = plan(w, min, max, feeShare);
      if (i >= disguised) {
        p.variedPacks = true;
        p.paidLevels = 1 + w.rnd.nextInt(2); // pay under three levels down: QL-PYR-002 cannot fire
      }
      p.fee = null;
      p.shop = w.caseRoom(kind());
      p.starterPack = 39_900 + 10_000L * w.rnd.nextInt(6);
      p.sku = w.newId("sku");
      w.emit(new Product(p.shop.start + MIN, p.shop.platform, p.shop.room, p.sku,
          "事业合伙人入门礼包", p.starterPack, null, null, "health_food", null, p.shop.merchant));
      p.start = p.shop.start + 2 * MIN;
      p.gap = Math.max(10_000, (p.shop.end - p.start - 40 * MIN) / p.persons);
      scheme(w, p);
    }
    for (int i = 0; i < k.i("pyramid_scheme.late_bonus_cases", 0); i++) {
      Plan p = plan(w, min, max, feeShare);
      p.paidLevels = 1;
      p.lateBonus = true;
      scheme(w, p);
    }
    for (int i = 0; i < k.i("pyramid_scheme.trap_affiliates", 2); i++) {
      affiliateTrap(w);
    }
    for (int i = 0; i < k.i("pyramid_scheme.trap_flat", 1); i++) {
      flatTrap(w);
    }
  }

  private Plan plan(World w, int min, int max, double feeShare) {
    Plan p = new Plan();
    p.persons = min + w.rnd.nextInt(Math.max(1, max - min + 1));
    p.fee = FEES[w.rnd.nextInt(FEES.length)];
    p.feeShare = feeShare;
    p.paidLevels = 1 + w.rnd.nextInt(3);
    p.start = w.t0 + w.rnd.nextInt(Math.max(1, w.minutes / 4)) * MIN;
    p.gap = Math.max(5_000, (long) (w.minutes * 0.6 * MIN) / p.persons);
    return p;
  }

  /** One scheme: a random recursive tree with a guaranteed chain of three levels. */
  private void scheme(World w, Plan p) {
    String platform = p.shop != null ? p.shop.platform : w.pick(World.PLATFORMS);
    List<String> recruiter = new ArrayList<>(); // per person: the account it recruits from
    List<Integer> parent = new ArrayList<>();
    Set<String> guilty = new LinkedHashSet<>();
    long t = p.start;

    // The split organiser recruits from three accounts registered on one identity card.
    String orgId = p.split ? w.hex("organiser-id:" + w.newId("org")) : null;
    String root = account(w, platform, t - 30 * World.DAY, orgId, null);
    recruiter.add(root);
    parent.add(-1);
    guilty.add(root);
    List<String> organiserAccounts = new ArrayList<>(List.of(root));
    for (int i = 0; p.split && i < 2; i++) {
      String alt = account(w, platform, t - 20 * World.DAY, orgId, null);
      organiserAccounts.add(alt);
      guilty.add(alt);
    }
    for (int i = 1; i < p.persons; i++) {
      int up = i <= 2 ? i - 1 : pickParent(w, i);
      t += Math.max(1_000, (long) (p.gap * (0.5 + w.rnd.nextDouble())));
      String from = up == 0 && p.split ? w.pick(organiserAccounts) : recruiter.get(up);
      // A split member recruits from a second account on the same phone, never referred.
      boolean twoAccounts = p.split && w.chance(0.25);
      String phone = twoAccounts ? w.hex("member-phone:" + w.newId("mp")) : null;
      String user = account(w, platform, t - w.rnd.nextInt(3) * World.DAY, null, phone);
      boolean pays = p.fee != null && (i <= 2 || w.chance(p.feeShare));
      w.emit(new Referral(t, platform, user, from, pays ? p.fee : null));
      parent.add(up);
      guilty.add(user);
      String recruitsFrom = user;
      if (twoAccounts) {
        recruitsFrom = account(w, platform, t, null, phone);
        guilty.add(recruitsFrom);
      }
      recruiter.add(recruitsFrom);
      long paidIn = pays ? p.fee : 0;
      if (p.starterPack > 0) {
        long bt = Math.min(t + (2 + w.rnd.nextInt(25)) * MIN, p.shop.end - MIN);
        long pack = p.variedPacks ? p.starterPack + 10_000L * w.rnd.nextInt(3) : p.starterPack;
        w.emit(new Order(Math.max(bt, t + 1_000), platform, p.shop.room, user, w.newId("o"),
            p.sku, 1, pack, w.hex("dev:" + user), null, w.hex("addr:" + user),
            w.hex("pay:" + user)));
        paidIn = pack;
      }
      // Uplines are paid for the new head, 1 to 3 levels up, shrinking with distance.
      int u = up;
      for (int lvl = 1; lvl <= p.paidLevels && u >= 0 && paidIn > 0; lvl++) {
        long amount = paidIn * (lvl == 1 ? 30 : lvl == 2 ? 12 : 5) / 100;
        String payee = u == 0 && p.split ? w.pick(organiserAccounts) : recruiter.get(u);
        long delay = p.lateBonus ? (3 + w.rnd.nextInt(8)) * World.DAY
            : (3 + w.rnd.nextInt(120)) * MIN;
        w.emit(new Commission(t + delay, platform, payee, user, amount));
        u = parent.get(u);
      }
    }
    w.label(new Label(kind(), null, guilty.stream().map(Subject::account).toList()));
  }

  /** Early members recruit most; anyone may. */
  private static int pickParent(World w, int n) {
    return w.chance(0.6) ? w.rnd.nextInt(Math.max(1, Math.min(n, 1 + n / 3))) : w.rnd.nextInt(n);
  }

  /** A new account with its own or a given identity card / phone; emits its account event. */
  private static String account(World w, String platform, long created, String idHash,
      String phoneHash) {
    String user = w.newId("u");
    w.emit(new AccountEvent(Math.max(created, w.t0 - 3_600_000L), platform, user, created,
        idHash != null ? idHash : w.hex("id:" + user),
        phoneHash != null ? phoneHash : w.hex("phone:" + user), w.hex("dev:" + user)));
    return user;
  }

  /**
   * A deep two-level affiliate programme: no fee, commission on customers' varied purchases to
   * the referrer and the referrer's referrer only.
   */
  private void affiliateTrap(World w) {
    RoomPlan shop = w.caseRoom(kind() + "_trap");
    String platform = shop.platform;
    List<String> accts = new ArrayList<>();
    List<Integer> parent = new ArrayList<>();
    accts.add(account(w, platform, w.t0 - 200 * World.DAY, null, null));
    parent.add(-1);
    int n = 60 + w.rnd.nextInt(60);
    long t = shop.start + MIN;
    long gap = Math.max(5_000, (shop.end - t - 30 * MIN) / n);
    for (int i = 1; i < n; i++) {
      int up = i <= 3 ? i - 1 : pickParent(w, i);
      t += gap;
      String user = account(w, platform, w.t0 - w.rnd.nextInt(400) * World.DAY, null, null);
      w.emit(new Referral(t, platform, user, accts.get(up), null));
      accts.add(user);
      parent.add(up);
      if (w.chance(0.7) && !shop.products.isEmpty()) {
        Product item = w.pick(shop.products);
        long qty = 1 + w.rnd.nextInt(3);
        long amount = item.price() * qty;
        long bt = Math.min(t + (1 + w.rnd.nextInt(30)) * MIN, shop.end - 1_000);
        w.emit(new Order(Math.max(bt, t + 1_000), platform, shop.room, user, w.newId("o"),
            item.sku(), qty, amount, w.hex("dev:" + user), null, w.hex("addr:" + user),
            w.hex("pay:" + user)));
        w.emit(new Commission(bt + 5 * MIN, platform, accts.get(up), user, amount / 10));
        if (parent.get(up) >= 0) {
          w.emit(new Commission(bt + 5 * MIN, platform, accts.get(parent.get(up)), user,
              amount / 25));
        }
      }
    }
    w.trap("deep_affiliate", shop.room, n + " members, two-level commission on varied purchases,"
        + " no entry fee, programme of " + accts.get(0));
  }

  /** A large flat paid membership: most join the brand directly; a few invite a friend. */
  private void flatTrap(World w) {
    String platform = w.pick(World.PLATFORMS);
    String brand = account(w, platform, w.t0 - 900 * World.DAY, null, null);
    List<String> members = new ArrayList<>();
    long t = w.t0 + 5 * MIN;
    int n = 300 + w.rnd.nextInt(200);
    for (int i = 0; i < n; i++) {
      t += 2_000 + w.rnd.nextInt(20_000);
      String user = account(w, platform, w.t0 - w.rnd.nextInt(900) * World.DAY, null, null);
      boolean invited = i > 20 && w.chance(0.03);
      String ref = invited ? w.pick(members.subList(0, 3)) : brand;
      w.emit(new Referral(t, platform, user, ref, 19_900L));
      w.emit(new Commission(t + MIN, platform, ref, user, 2_000));
      members.add(user);
    }
    w.trap("flat_membership", null, n + " paid members of " + brand
        + ", almost all direct, invite bonus one level only");
  }
}
