package org.qinglang.sim.inject;

import java.util.List;
import org.qinglang.alert.Label;
import org.qinglang.alert.Subject;
import org.qinglang.event.AccountEvent;
import org.qinglang.event.Order;
import org.qinglang.event.RoomEnd;
import org.qinglang.event.RoomStart;
import org.qinglang.event.Sanction;
import org.qinglang.sim.Account;
import org.qinglang.sim.Injector;
import org.qinglang.sim.Knobs;
import org.qinglang.sim.RoomPlan;
import org.qinglang.sim.Visit;
import org.qinglang.sim.World;

/**
 * Banned sellers back under new accounts. Knobs (prefix {@code identity_evasion.}):
 * {@code strong_cases} (same identity card or phone; most stream again, some only register
 * while under an account ban), {@code weak_cases} (a borrowed identity, but the banned
 * person's device or payment card, and streaming again). Traps, never labelled:
 * {@code family_traps} (a relative registers on the banned person's phone, watches and pays
 * with the family card, never sells) and {@code expired_traps} (the same person back after
 * the ban ran out). {@code clean_cases} (default 0): evaders with every identity new, which no
 * identity match can find; for measuring that blind spot.
 */
public final class IdentityEvasionInjector implements Injector {
  private static final long MIN = 60_000L;
  private static final String[] SCOPES = {"selling", "streaming", "account"};
  private static final String[] REASONS = {"虚假宣传", "售假", "刷单", "违规引流"};

  /** A banned seller: the account, the ban's scope, its platform. */
  private record Banned(Account acc, String scope, String platform) {}

  @Override
  public String kind() {
    return "identity_evasion";
  }

  @Override
  public void inject(World w, Knobs k) {
    for (int i = 0; i < k.i("identity_evasion.strong_cases", 3); i++) {
      Banned b = bannedSeller(w, w.pick(SCOPES), null);
      Account banned = b.acc();
      String platform = b.platform();
      boolean viaPhone = w.chance(0.5);
      boolean streams = !"account".equals(b.scope()) || w.chance(0.5);
      Account back = register(w, platform, viaPhone ? null : banned.idHash,
          viaPhone ? banned.phoneHash : null, null);
      if (streams) {
        stream(w, platform, back);
      }
      w.label(new Label(kind(), null, List.of(Subject.account(back.user))));
    }
    for (int i = 0; i < k.i("identity_evasion.weak_cases", 2); i++) {
      Banned b = bannedSeller(w, w.chance(0.5) ? "selling" : "streaming", null);
      Account banned = b.acc();
      String platform = b.platform();
      boolean viaDevice = w.chance(0.5);
      Account back = register(w, platform, null, null, viaDevice ? banned.device : null);
      if (!viaDevice) {
        buy(w, back, banned.payment, back.device);
      }
      stream(w, platform, back);
      w.label(new Label(kind(), null, List.of(Subject.account(back.user))));
    }
    for (int i = 0; i < k.i("identity_evasion.clean_cases", 0); i++) {
      // Everything new: no identity links the evader to the ban (a documented blind spot).
      Banned b = bannedSeller(w, "selling", null);
      Account back = register(w, b.platform(), null, null, null);
      stream(w, b.platform(), back);
      w.label(new Label(kind(), null, List.of(Subject.account(back.user))));
    }
    for (int i = 0; i < k.i("identity_evasion.family_traps", 3); i++) {
      Banned b = bannedSeller(w, w.pick(SCOPES), null);
      Account banned = b.acc();
      String platform = b.platform();
      Account relative = register(w, platform, null, null, banned.device);
      buy(w, relative, banned.payment, banned.device);
      w.trap("family_device", null, relative.user + " shares device and card with banned "
          + banned.user + ", watches and buys, never sells");
    }
    for (int i = 0; i < k.i("identity_evasion.expired_traps", 1); i++) {
      Banned b = bannedSeller(w, "selling", w.t0 - 5 * World.DAY);
      Account banned = b.acc();
      String platform = b.platform();
      Account back = register(w, platform, null, banned.phoneHash, null);
      stream(w, platform, back);
      w.trap("expired_ban", null, back.user + " is " + banned.user
          + " back after a ban that ended 5 days ago");
    }
  }

  /**
   * A seller banned 10-30 days before the evening (until {@code until}, or for ever), who
   * still buys as a customer this evening, so the list learns its payment card.
   */
  private Banned bannedSeller(World w, String scope, Long until) {
    String platform = w.pick(World.PLATFORMS);
    Account s = w.newAccount(w.t0 - (200 + w.rnd.nextInt(900)) * World.DAY, platform);
    long bannedAt = w.t0 - (10 + w.rnd.nextInt(20)) * World.DAY;
    w.emit(new Sanction(bannedAt, platform, s.user, scope, until, w.pick(REASONS)));
    buy(w, s, s.payment, s.device);
    return new Banned(s, scope, platform);
  }

  /** A new account registered 1-5 days ago with the given (or its own) identities. */
  private static Account register(World w, String platform, String idHash, String phoneHash,
      String device) {
    String user = w.newId("u");
    long created = w.t0 - (1 + w.rnd.nextInt(5)) * World.DAY;
    Account a = new Account(user, created, idHash != null ? idHash : w.hex("id:" + user),
        phoneHash != null ? phoneHash : w.hex("phone:" + user),
        device != null ? device : w.hex("dev:" + user), w.net.residential(),
        w.hex("addr:" + user), w.hex("pay:" + user));
    w.emit(new AccountEvent(w.t0 - 3_600_000L, platform, user, created, a.idHash, a.phoneHash,
        a.device));
    return a;
  }

  /** The account watches an organic room for a while and buys once with {@code payment}. */
  private void buy(World w, Account a, String payment, String device) {
    RoomPlan r = w.caseRoom(kind());
    long join = r.start + (1 + w.rnd.nextInt(10)) * MIN;
    long leave = Math.min(r.end - 1_000, join + (5 + w.rnd.nextInt(20)) * MIN);
    r.visits.add(new Visit(a, join, leave, "feed", a.ip, device));
    w.emit(new Order(join + 2 * MIN, r.platform, r.room, a.user, w.newId("o"),
        r.products.isEmpty() ? w.newId("sku") : r.products.get(0).sku(), 1,
        r.products.isEmpty() ? 9_900 : r.products.get(0).price(), device, a.ip, a.address,
        payment));
  }

  /** The account goes live as an anchor of its own room this evening. */
  private static void stream(World w, String platform, Account a) {
    String room = w.newId("r");
    long start = w.t0 + (20 + w.rnd.nextInt(Math.max(1, w.minutes / 2))) * MIN;
    w.emit(new RoomStart(start, platform, room, a.user, w.pick(new String[] {"新号开播 福利多多",
        "老粉回来了", "源头工厂直发"}), null, null, null, "studio"));
    w.emit(new RoomEnd(start + 30 * MIN, platform, room));
  }
}
