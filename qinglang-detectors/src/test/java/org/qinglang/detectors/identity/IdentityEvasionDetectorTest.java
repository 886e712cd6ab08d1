package org.qinglang.detectors.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qinglang.alert.Alert;
import org.qinglang.alert.Subject;
import org.qinglang.detect.LocalRunner;
import org.qinglang.event.AccountEvent;
import org.qinglang.event.Event;
import org.qinglang.event.Order;
import org.qinglang.event.Product;
import org.qinglang.event.RoomStart;
import org.qinglang.event.Sanction;
import org.qinglang.event.ViewerJoin;

class IdentityEvasionDetectorTest {
  static final String P = "douyin";
  static final long T0 = 1_732_000_000_000L;
  static final long H = 3_600_000L;
  static final long DAY = 24 * H;
  static final String ID = "1d0000aaaabbbbccccdddd";
  static final String PHONE = "9h0000aaaabbbbccccdddd";
  static final String DEV = "de0000aaaabbbbccccdddd";
  static final String PAY = "pa0000aaaabbbbccccdddd";

  private final List<Event> events = new ArrayList<>();

  private static AccountEvent account(long ts, String user, String id, String phone, String dev) {
    return new AccountEvent(ts, P, user, ts, id, phone, dev);
  }

  private static RoomStart room(long ts, String room, String anchor) {
    return new RoomStart(ts, P, room, anchor, "好物推荐", null, null, null, "studio");
  }

  private static Sanction ban(long ts, String user, String scope, Long until) {
    return new Sanction(ts, P, user, scope, until, "false claims");
  }

  /** The banned seller: own identity, phone, device; orders with a card. */
  private void bannedSeller(String scope, Long until) {
    events.add(account(T0, "seller", ID, PHONE, DEV));
    events.add(new Order(T0 + H, P, "r-0", "seller", "o-1", "sku", 1, 990, DEV, null, null, PAY));
    events.add(ban(T0 + 2 * H, "seller", scope, until));
  }

  private List<Alert> run() {
    LocalRunner r = LocalRunner.of(new IdentityEvasionDetector());
    List<Event> sorted = new ArrayList<>(events);
    sorted.sort(java.util.Comparator.comparingLong(Event::ts));
    r.acceptAll(sorted);
    return r.finish();
  }

  @Test
  void sameIdentityRegisteredDuringTheBanScoresHighAndShowsOnlyAHashPrefix() {
    bannedSeller("selling", null);
    events.add(account(T0 + DAY, "newbie", ID, "other-phone-000000", "other-device-0000"));

    List<Alert> alerts = run();
    assertThat(alerts).hasSize(1);
    Alert a = alerts.get(0);
    assertThat(a.kind()).isEqualTo("identity_evasion");
    assertThat(a.subjects()).containsExactly(Subject.account("newbie"));
    assertThat(a.score()).isGreaterThanOrEqualTo(0.8);
    assertThat(a.rule()).isEqualTo("QL-IDE-001");
    assertThat(a.basis()).contains("平台服务协议");
    assertThat(a.evidenceAs(EvasionAlert.Evidence.class).strength()).isEqualTo("strong");
    String text = a.toString();
    assertThat(text).doesNotContain(ID).contains("id_hash:1d0000aa…").contains("seller");
    @SuppressWarnings("unchecked")
    Map<String, Object> match = a.evidenceAs(EvasionAlert.Evidence.class).matches().get(0);
    assertThat(match).containsEntry("sanctioned_account", "seller")
        .containsEntry("breach", "registered");
    assertThat((Map<String, Object>) match.get("sanction")).containsEntry("scope", "selling")
        .containsEntry("until", null).containsEntry("active", true);
  }

  @Test
  void strongMatchThatStartsStreamingIsUpdatedNotDuplicatedAndNamesTheAnchor() {
    bannedSeller("streaming", null);
    events.add(account(T0 + DAY, "back", null, PHONE, null));
    events.add(room(T0 + DAY + H, "r-9", "back"));

    LocalRunner r = LocalRunner.of(new IdentityEvasionDetector());
    r.acceptAll(events);
    List<Alert> alerts = r.finish();
    assertThat(alerts).hasSize(1);
    assertThat(r.emitted()).isEqualTo(2); // registered, then streamed
    Alert a = alerts.get(0);
    assertThat(a.score()).isGreaterThanOrEqualTo(0.95);
    assertThat(a.subjects()).contains(Subject.account("back"), Subject.anchor("back"));
    assertThat(a.summary()).contains("phone_hash").contains("streams as anchor");
  }

  @Test
  void familySharingTheDeviceAndCardButNeverSellingIsNeverRaised() {
    bannedSeller("account", null);
    events.add(account(T0 + DAY, "spouse", "spouse-id-00000000", "spouse-phone-0000", DEV));
    events.add(new ViewerJoin(T0 + DAY + H, P, "r-1", "spouse", DEV, "10.0.0.1", "feed"));
    events.add(new Order(T0 + DAY + 2 * H, P, "r-1", "spouse", "o-2", "sku", 1, 5_000, DEV, null,
        null, PAY));
    events.add(account(T0 + 2 * DAY, "kid", "kid-id-00000000000", null, DEV));

    assertThat(run()).isEmpty();
  }

  @Test
  void weakDeviceMatchThatStartsSellingScoresLowAndSaysWhy() {
    bannedSeller("selling", null);
    events.add(account(T0 + DAY, "cousin", "cousin-id-00000000", "cousin-phone-0000", DEV));
    events.add(room(T0 + DAY + H, "r-5", "cousin"));

    List<Alert> alerts = run();
    assertThat(alerts).hasSize(1);
    Alert a = alerts.get(0);
    assertThat(a.score()).isLessThanOrEqualTo(0.5);
    assertThat(a.rule()).isEqualTo("QL-IDE-002");
    assertThat(a.summary()).startsWith("weak match").contains("device");
    assertThat(a.evidenceAs(EvasionAlert.Evidence.class).caution()).contains("family");
    assertThat(a.toString()).doesNotContain(DEV);
  }

  @Test
  void paymentSeenOnlyInTheBannedAccountsOrdersCountsAndMerchantSellingIsAnAct() {
    bannedSeller("selling", null);
    events.add(account(T0 + DAY, "shop2", "shop2-id-000000000", "shop2-phone-00000", null));
    events.add(new Order(T0 + DAY + H, P, "r-1", "shop2", "o-3", "sku", 1, 100, null, null, null,
        PAY));
    assertThat(run()).isEmpty();

    events.add(new Product(T0 + DAY + 2 * H, P, "r-2", "sku-77", "面膜", 9_900, null, null,
        "cosmetics", null, "shop2"));
    List<Alert> alerts = run();
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).evidenceAs(EvasionAlert.Evidence.class).strength()).isEqualTo("weak");
    assertThat(alerts.get(0).toString()).contains("payment:pa0000aa…");
  }

  @Test
  void expiredBanIsKeptInHistoryButNotEnforcedAndANewBanIs() {
    bannedSeller("selling", T0 + 5 * DAY); // a five-day ban
    events.add(account(T0 + 10 * DAY, "later", null, PHONE, null));
    events.add(room(T0 + 10 * DAY + H, "r-3", "later"));
    assertThat(run()).isEmpty();

    events.add(ban(T0 + 20 * DAY, "seller", "selling", null));
    events.add(room(T0 + 21 * DAY, "r-4", "later"));
    List<Alert> alerts = run();
    assertThat(alerts).hasSize(1);
    @SuppressWarnings("unchecked")
    Map<String, Object> match =
        alerts.get(0).evidenceAs(EvasionAlert.Evidence.class).matches().get(0);
    assertThat((List<?>) match.get("sanction_history")).hasSize(2);
    assertThat((Map<String, Object>) match.get("sanction")).containsEntry("until", null);
  }

  @Test
  void streamingBanIsNotBrokenByAWeakMatchThatOnlySellsAsMerchant() {
    bannedSeller("streaming", null);
    events.add(account(T0 + DAY, "helper", "helper-id-0000000", null, DEV));
    events.add(new RoomStart(T0 + DAY + H, P, "r-6", "someone-else", "直播", "helper", null, null,
        "studio"));
    assertThat(run()).isEmpty();

    events.add(room(T0 + DAY + 2 * H, "r-7", "helper"));
    assertThat(run()).hasSize(1);
  }

  @Test
  void sanctionArrivingAfterTheEvadersRegistrationStillRaisesIt() {
    events.add(account(T0, "seller", ID, PHONE, DEV));
    events.add(account(T0 + 3 * H, "quick", ID, null, null)); // registered after the ban time
    List<Event> stream = new ArrayList<>(events);
    stream.add(ban(T0 + 2 * H, "seller", "account", null)); // but recorded an hour late
    LocalRunner r = LocalRunner.of(new IdentityEvasionDetector());
    r.acceptAll(stream);
    List<Alert> alerts = r.finish();
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).accounts()).containsExactly("quick");
    assertThat(alerts.get(0).score()).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void aDeviceSharedByCrowdsIdentifiesNobody() {
    String kiosk = "k10sk0000aaaabbbbcccc";
    events.add(account(T0, "seller", ID, PHONE, kiosk));
    events.add(ban(T0 + H, "seller", "selling", null));
    for (int i = 0; i < IdentityLedger.MAX_HOLDERS + 4; i++) {
      events.add(new ViewerJoin(T0 + 2 * H + i, P, "r-1", "v" + i, kiosk, null, "feed"));
    }
    events.add(account(T0 + DAY, "v3", "v3-id-000000000000", null, null));
    events.add(room(T0 + DAY + H, "r-8", "v3"));
    assertThat(run()).isEmpty();
  }

  @Test
  void theBannedAccountItselfAndAnOlderSecondAccountThatOnlyBuysAreNotEvasion() {
    events.add(account(T0 - 30 * DAY, "old-alt", null, PHONE, null)); // existed before the ban
    bannedSeller("selling", null);
    events.add(room(T0 + DAY, "r-1", "seller"));
    events.add(new Order(T0 + DAY, P, "r-1", "old-alt", "o-9", "sku", 1, 100, null, null, null,
        "another-card-000000"));
    assertThat(run()).isEmpty();

    events.add(room(T0 + 2 * DAY, "r-2", "old-alt"));
    List<Alert> alerts = run();
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).accounts()).containsExactly("old-alt");
  }
}
