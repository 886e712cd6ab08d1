package org.qinglang.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qinglang.alert.Alert;
import org.qinglang.detect.Context;
import org.qinglang.detect.Detector;
import org.qinglang.detect.Directory;
import org.qinglang.detect.LocalRunner;
import org.qinglang.detect.Scope;
import org.qinglang.detectors.order.CounterfeitRiskDetector;
import org.qinglang.detectors.order.PriceFraudDetector;
import org.qinglang.event.Event;
import org.qinglang.event.Order;
import org.qinglang.event.Product;

/**
 * Re-keying a GLOBAL detector must not change a single alert: {@code counterfeit_risk}, now
 * keyed by brand, run on simulated evenings once as it is and once under the old single key
 * "*", raises the same alerts (ids, scores, summaries, evidence). And why {@code price_fraud}
 * stays GLOBAL: keyed by sku it loses what its speech findings need (a speech names no sku;
 * which item it means depends on the room's other listings).
 */
class KeyedCommerceTest {

  static Stream<Arguments> evenings() {
    return Stream.of(Arguments.of("default", 30, 60, 1L), Arguments.of("default", 30, 60, 2L),
        Arguments.of("default", 30, 60, 3L), Arguments.of("subtle", 30, 60, 4L),
        Arguments.of("default", 120, 90, 21L));
  }

  private static final Map<String, List<Event>> EVENINGS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static List<Event> evening(String scenario, int rooms, int minutes, long seed) {
    return EVENINGS.computeIfAbsent(scenario + "/" + rooms + "/" + minutes + ":" + seed, k -> {
      World w = Simulator.build(new Simulator.Config(Path.of("unused"), rooms, minutes, seed,
          scenario, Map.of(), null));
      return List.copyOf(Simulator.arrivalOrder(w));
    });
  }

  @ParameterizedTest(name = "{0}/{1}/{2} seed {3}")
  @MethodSource("evenings")
  void counterfeitRiskKeyedByBrandFindsExactlyWhatTheGlobalKeyFound(String scenario,
      int rooms, int minutes, long seed) {
    List<Event> events = evening(scenario, rooms, minutes, seed);
    CounterfeitRiskDetector keyed = new CounterfeitRiskDetector(Map.of());
    assertThat(keyed.scope()).isEqualTo(Scope.KEYED);

    LocalRunner byBrand = LocalRunner.of(keyed);
    byBrand.acceptAll(events);
    List<Alert> now = sorted(byBrand.finish());
    LocalRunner global = LocalRunner.of(new Rekeyed<>(new CounterfeitRiskDetector(Map.of()),
        Scope.GLOBAL, null));
    global.acceptAll(events);
    List<Alert> before = sorted(global.finish());

    assertThat(before).as("the evening has findings to compare").isNotEmpty();
    assertThat(now).isEqualTo(before);
  }

  @Test
  void counterfeitRiskHoldsOneKeyPerBrandNotOneForAll() {
    List<Event> events = evening("default", 30, 60, 1L);
    LocalRunner r = LocalRunner.of(new CounterfeitRiskDetector(Map.of()));
    long brands = events.stream().filter(e -> e instanceof Product p && p.brand() != null
            && !p.brand().isBlank() && Set.of("luxury", "cosmetics", "electronics")
            .contains(p.category()))
        .map(e -> CounterfeitRiskDetector.key(((Product) e).brand(), ((Product) e).category()))
        .distinct().count();
    // half-way, before any brand's retention could end
    r.acceptAll(events.subList(0, events.size() / 2));
    assertThat(brands).isGreaterThan(1);
    assertThat(r.keyStates().size()).isGreaterThan(1).isLessThanOrEqualTo((int) brands);
  }

  /**
   * A sku key drops every speech (it names no sku), and with it the spoken-price and
   * false-lowest-price findings: the design's "no event with several keys, no finding across
   * keys" does not hold for price_fraud.
   */
  @Test
  void priceFraudKeyedBySkuWouldLoseItsSpeechFindings() {
    List<Event> events = evening("default", 30, 60, 1L);
    LocalRunner global = LocalRunner.of(new PriceFraudDetector());
    global.acceptAll(events);
    List<Alert> asIs = sorted(global.finish());
    LocalRunner bySku = LocalRunner.of(new Rekeyed<>(new PriceFraudDetector(), Scope.KEYED,
        e -> e instanceof Product p ? List.of(p.sku())
            : e instanceof Order o && o.sku() != null ? List.of(o.sku()) : List.of()));
    bySku.acceptAll(events);
    List<Alert> keyed = sorted(bySku.finish());

    assertThat(findings(asIs)).contains("false_lowest_price_claim");
    assertThat(findings(keyed)).doesNotContain("spoken_price_below_listing",
        "false_lowest_price_claim");
    assertThat(keyed).isNotEqualTo(asIs);
  }

  private static Set<Object> findings(List<Alert> alerts) {
    Set<Object> f = new java.util.TreeSet<>();
    for (Alert a : alerts) {
      f.add(a.evidence().get("finding"));
    }
    return f;
  }

  private static List<Alert> sorted(List<Alert> alerts) {
    return alerts.stream().sorted(Comparator.comparing(Alert::id)).toList();
  }

  /** A detector run under another scope (and key function): the re-keying under test. */
  static final class Rekeyed<S> implements Detector<S> {
    private final Detector<S> d;
    private final Scope scope;
    private final java.util.function.Function<Event, Collection<String>> keys;

    Rekeyed(Detector<S> d, Scope scope,
        java.util.function.Function<Event, Collection<String>> keys) {
      this.d = d;
      this.scope = scope;
      this.keys = keys;
    }

    @Override
    public String kind() {
      return d.kind();
    }

    @Override
    public Scope scope() {
      return scope;
    }

    @Override
    public Collection<String> keysOf(Event e) {
      return keys == null ? Detector.super.keysOf(e) : keys.apply(e);
    }

    @Override
    public boolean accepts(Event e) {
      return d.accepts(e);
    }

    @Override
    public S newState() {
      return d.newState();
    }

    @Override
    public void onEvent(S state, Event e, Context ctx) {
      d.onEvent(state, e, ctx);
    }

    @Override
    public void onWake(S state, long time, Context ctx) {
      d.onWake(state, time, ctx);
    }

    @Override
    public long retentionMillis() {
      return d.retentionMillis();
    }

    @Override
    public Set<Directory.Part> reads() {
      return d.reads();
    }
  }
}
