package org.qinglang.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.qinglang.detect.Detector;
import org.qinglang.detect.LocalRunner;
import org.qinglang.detectors.order.CounterfeitRiskDetector;
import org.qinglang.detectors.order.ForcedPurchaseDetector;
import org.qinglang.detectors.order.OrderBrushingDetector;
import org.qinglang.detectors.order.PostShowCancellationDetector;
import org.qinglang.detectors.order.PriceFraudDetector;
import org.qinglang.detectors.order.SalesClaimMismatchDetector;
import org.qinglang.detectors.room.ViewerInflationDetector;
import org.qinglang.event.Event;
import org.qinglang.io.JsonlEventReader;
import org.qinglang.sim.Simulator;

/**
 * The six order and listing detectors on a whole simulated evening (30 rooms, 60 min, seed 1,
 * every injector on), in arrival order through {@link LocalRunner} on one thread: the same
 * reordering, keyed state and order linking as the Flink operator, without Flink. One
 * operation = the whole evening; {@code none} measures the runner alone (directory, linker,
 * watermark), so a detector's own cost is roughly its time minus that; {@code viewer_inflation}
 * is a reference point, a spine detector taking the same joins and leaves as
 * {@code forced_purchase}. Events per second = the
 * evening's event count (printed at setup) / the time per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class OrderDetectorsBench {
  @Param({"none", "all", "order_brushing", "post_show_cancellation", "forced_purchase",
      "sales_claim_mismatch", "price_fraud", "counterfeit_risk", "viewer_inflation"})
  public String detectors;

  private List<Event> events;
  private List<Detector<?>> chosen;

  @Setup
  public void setup() throws Exception {
    Path dir = Files.createTempDirectory("orders-bench");
    Simulator.Result sim = Simulator.run(new Simulator.Config(dir, 30, 60, 1, "default",
        Map.of(), null));
    events = new ArrayList<>();
    try (JsonlEventReader in = JsonlEventReader.open(sim.events(), (l, why, raw) -> {})) {
      Event e;
      while ((e = in.next()) != null) {
        events.add(e);
      }
    }
    List<Detector<?>> all = List.of(new OrderBrushingDetector(),
        new PostShowCancellationDetector(), new ForcedPurchaseDetector(),
        new SalesClaimMismatchDetector(), new PriceFraudDetector(),
        new CounterfeitRiskDetector(Map.of()));
    chosen = new ArrayList<>();
    if (detectors.equals("viewer_inflation")) {
      // reference point: a spine detector that takes the same joins and leaves
      chosen.add(new ViewerInflationDetector());
    }
    for (Detector<?> d : all) {
      if (detectors.equals("all") || d.kind().equals(detectors)) {
        chosen.add(d);
      }
    }
    System.out.println("events in the evening: " + events.size());
  }

  @Benchmark
  public int evening() {
    LocalRunner r = new LocalRunner(chosen);
    r.acceptAll(events);
    return r.finish().size();
  }
}
