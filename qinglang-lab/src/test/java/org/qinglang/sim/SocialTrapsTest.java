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
import org.qinglang.alert.Label;
import org.qinglang.alert.Subject;
import org.qinglang.event.AccountEvent;
import org.qinglang.event.Commission;
import org.qinglang.event.Event;
import org.qinglang.event.Product;
import org.qinglang.event.Referral;
import org.qinglang.event.RoomStart;
import org.qinglang.event.Sanction;

/**
 * The social cases and traps the injectors promise are in the events themselves: checked from
 * the data, not from the injectors' manifest, so a change that quietly weakens one fails here.
 */
class SocialTrapsTest {
  static World w;
  static final Map<String, String> parent = new HashMap<>();
  static final Map<String, Long> fee = new HashMap<>();
  static final Map<String, List<String>> children = new HashMap<>();
  static final Map<String, AccountEvent> profiles = new HashMap<>();
  static final Set<String> sellers = new HashSet<>();
  static final List<Sanction> sanctions = new ArrayList<>();
  static final List<Commission> commissions = new ArrayList<>();

  @BeforeAll
  static void build() {
    w = Simulator.build(Simulator.Config.of(Path.of("unused"), 20, 60, 11));
    for (Event e : w.events()) {
      if (e instanceof Referral r) {
        parent.put(r.user(), r.referrer());
        fee.put(r.user(), r.fee());
        children.computeIfAbsent(r.referrer(), k -> new ArrayList<>()).add(r.user());
      } else if (e instanceof AccountEvent a) {
        profiles.put(a.user(), a);
      } else if (e instanceof RoomStart r) {
        sellers.add(r.anchor());
        if (r.merchant() != null) {
          sellers.add(r.merchant());
        }
      } else if (e instanceof Product p && p.merchant() != null) {
        sellers.add(p.merchant());
      } else if (e instanceof Sanction s) {
        sanctions.add(s);
      } else if (e instanceof Commission c) {
        commissions.add(c);
      }
    }
  }

  private static int depth(String a) {
    int d = 0;
    for (String p = parent.get(a); p != null; p = parent.get(p)) {
      d++;
    }
    return d;
  }

  private static List<String> subtree(String root) {
    List<String> out = new ArrayList<>(List.of(root));
    for (int i = 0; i < out.size(); i++) {
      out.addAll(children.getOrDefault(out.get(i), List.of()));
    }
    return out;
  }

  private static Set<String> schemeMembers() {
    Set<String> m = new HashSet<>();
    w.labels().stream().filter(l -> l.kind().equals("pyramid_scheme"))
        .forEach(l -> l.subjects().forEach(s -> m.add(s.id())));
    return m;
  }

  private static List<String> roots() {
    return children.keySet().stream().filter(a -> !parent.containsKey(a)).toList();
  }

  @Test
  void deepAffiliateProgrammesChargeNothingAndPayAtMostTwoLevelsUp() {
    int deep = 0;
    Set<String> schemes = schemeMembers();
    for (String root : roots()) {
      List<String> tree = subtree(root);
      boolean free = tree.stream().skip(1).allMatch(a -> fee.get(a) == null);
      // a scheme that disguises its fee as a first purchase charges no referral fee either:
      // the promise is about the affiliate traps, so the labelled schemes are not in it
      if (tree.stream().anyMatch(schemes::contains)) {
        continue;
      }
      int maxDepth = tree.stream().mapToInt(a -> depth(a) - depth(root)).max().orElse(0);
      if (!free || tree.size() < 30 || maxDepth < 3) {
        continue;
      }
      deep++;
      Set<String> members = new HashSet<>(tree);
      for (Commission c : commissions) {
        if (members.contains(c.source())) {
          assertThat(depth(c.source()) - depth(c.user())).as("levels paid up").isBetween(1, 2);
        }
      }
    }
    assertThat(deep).as("free programmes with 4+ levels and 30+ members").isGreaterThanOrEqualTo(2);
  }

  @Test
  void flatPaidMembershipIsAlmostAllDirect() {
    boolean found = false;
    for (String root : roots()) {
      List<String> tree = subtree(root);
      long paid = tree.stream().skip(1).filter(a -> fee.get(a) != null).count();
      long belowTwo = tree.stream().filter(a -> depth(a) - depth(root) >= 2).count();
      if (tree.size() >= 300 && paid == tree.size() - 1) {
        found = true;
        assertThat(belowTwo).isPositive().isLessThan(tree.size() / 20);
      }
    }
    assertThat(found).isTrue();
  }

  @Test
  void schemesInTheLabelsAreReferralTreesOfThirtyAndMore() {
    List<Label> schemes = w.labels().stream().filter(l -> l.kind().equals("pyramid_scheme"))
        .toList();
    assertThat(schemes).hasSizeGreaterThanOrEqualTo(4);
    for (Label l : schemes) {
      long inReferrals = l.subjects().stream().map(Subject::id)
          .filter(a -> parent.containsKey(a) || children.containsKey(a)).count();
      assertThat(inReferrals).isGreaterThanOrEqualTo(30);
    }
  }

  @Test
  void familiesOnABannedDeviceNeverSellAndEvadersDo() {
    Set<String> banned = new HashSet<>();
    Set<String> bannedDevices = new HashSet<>();
    for (Sanction s : sanctions) {
      banned.add(s.user());
      bannedDevices.add(profiles.get(s.user()).device());
    }
    Set<String> labelled = new HashSet<>();
    w.labels().stream().filter(l -> l.kind().equals("identity_evasion"))
        .forEach(l -> l.subjects().forEach(s -> labelled.add(s.id())));
    int family = 0;
    for (AccountEvent a : profiles.values()) {
      if (!banned.contains(a.user()) && bannedDevices.contains(a.device())
          && !sellers.contains(a.user())) {
        family++;
        assertThat(labelled).doesNotContain(a.user());
      }
    }
    assertThat(family).isGreaterThanOrEqualTo(3);
    for (String evader : labelled) {
      AccountEvent a = profiles.get(evader);
      boolean strong = sanctions.stream().map(s -> profiles.get(s.user())).anyMatch(b ->
          b.idHash().equals(a.idHash()) || b.phoneHash().equals(a.phoneHash()));
      assertThat(strong || sellers.contains(evader)).as(evader).isTrue();
    }
  }

  @Test
  void anExpiredBanIsFollowedByTheSamePhoneStreaming() {
    Sanction expired = sanctions.stream().filter(s -> s.until() != null && s.until() < w.t0)
        .findFirst().orElseThrow();
    String phone = profiles.get(expired.user()).phoneHash();
    assertThat(profiles.values()).anyMatch(a -> !a.user().equals(expired.user())
        && phone.equals(a.phoneHash()) && sellers.contains(a.user()));
  }
}
