package org.qinglang.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qinglang.alert.Alert;
import org.qinglang.detect.LocalRunner;
import org.qinglang.detectors.identity.IdentityEvasionDetector;
import org.qinglang.detectors.social.PyramidSchemeDetector;
import org.qinglang.eval.Evaluator;

/**
 * pyramid_scheme and identity_evasion on simulated evenings: three seeds of the default
 * evening and of the subtle scenario, and the variants of the issues turned up (split
 * identities, slow schemes, disguised fees, weak evasions), each with its traps (deep
 * affiliate programmes, flat memberships, the organic affiliates and referral drive, families
 * sharing a banned person's device, expired bans). The figures are printed for the docs.
 */
class SocialDetectionTest {
  static final List<String> KINDS = List.of("pyramid_scheme", "identity_evasion");

  static Stream<Arguments> evenings() {
    List<Arguments> out = new ArrayList<>();
    for (long seed : new long[] {1, 2, 3}) {
      out.add(Arguments.of("default", seed, Map.of()));
      out.add(Arguments.of("subtle", seed, Map.of()));
      out.add(Arguments.of("default", seed, Map.of(
          "pyramid_scheme.cases", "0", "pyramid_scheme.split_cases", "3",
          "pyramid_scheme.slow_cases", "2", "pyramid_scheme.disguised_cases", "3",
          "pyramid_scheme.late_bonus_cases", "2",
          "identity_evasion.weak_cases", "4", "identity_evasion.family_traps", "6",
          "identity_evasion.expired_traps", "2")));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} seed {1} {2}")
  @MethodSource("evenings")
  void findsEveryCaseNamesTheRightAccountsAndLeavesTrapsAlone(String scenario, long seed,
      Map<String, String> knobs) {
    World w = Simulator.build(new Simulator.Config(Path.of("unused"), 20, 60, seed, scenario,
        knobs, null));
    LocalRunner runner = LocalRunner.of(new PyramidSchemeDetector(),
        new IdentityEvasionDetector());
    runner.acceptAll(Simulator.arrivalOrder(w));
    List<Alert> alerts = runner.finish();
    Evaluator.Report rep = Evaluator.evaluate(w.labels(), alerts);
    System.out.println("SOCIAL " + scenario + " seed " + seed + " " + knobs + "\n"
        + Evaluator.format(rep));
    for (String kind : KINDS) {
      Evaluator.KindScore k = rep.kind(kind);
      assertThat(k.cases()).as(kind + " cases").isPositive();
      assertThat(k.recall()).as(kind + " recall").isGreaterThanOrEqualTo(0.95);
      assertThat(k.falseAlarms()).as(kind + " false alarms").isZero();
      assertThat(k.accounts().precision()).as(kind + " account precision")
          .isGreaterThanOrEqualTo(0.95);
    }
  }
}
