package org.qinglang.sim;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.qinglang.alert.Alert;
import org.qinglang.alert.Label;
import org.qinglang.detect.Detector;
import org.qinglang.detect.LocalRunner;
import org.qinglang.detectors.order.CounterfeitRiskDetector;
import org.qinglang.detectors.order.ForcedPurchaseDetector;
import org.qinglang.detectors.order.OrderBrushingDetector;
import org.qinglang.detectors.order.PostShowCancellationDetector;
import org.qinglang.detectors.order.PriceFraudDetector;
import org.qinglang.detectors.order.SalesClaimMismatchDetector;
import org.qinglang.eval.Evaluator;

/**
 * Measurement, not a gate: the order and listing kinds on evenings of other shapes than the
 * gate's (room count, show length, scenario, seeds), pooled per shape, with false alarms per
 * 100 honest rooms. Issue 13's held-out figures come from here:
 * {@code -Dqinglang.commerce="default/120/90:21,22,23,24,25;subtle/60/45:21,22,23,24,25"}.
 */
class CommerceHeldOutTest {

  @Test
  @EnabledIfSystemProperty(named = "qinglang.commerce", matches = ".+")
  void measure() {
    for (String part : System.getProperty("qinglang.commerce").split(";")) {
      String[] sp = part.trim().split(":");
      String[] shape = sp[0].split("/");
      List<Label> labels = new java.util.ArrayList<>();
      List<Alert> alerts = new java.util.ArrayList<>();
      List<String> rooms = new java.util.ArrayList<>();
      for (String seed : sp[1].split(",")) {
        World w = Simulator.build(new Simulator.Config(Path.of("unused"),
            Integer.parseInt(shape[1]), Integer.parseInt(shape[2]), Long.parseLong(seed.trim()),
            shape[0], Map.of(), null));
        List<Detector<?>> ds = List.of(new OrderBrushingDetector(),
            new PostShowCancellationDetector(), new ForcedPurchaseDetector(),
            new SalesClaimMismatchDetector(), new PriceFraudDetector(),
            new CounterfeitRiskDetector(Map.of()));
        LocalRunner runner = new LocalRunner(ds);
        runner.acceptAll(Simulator.arrivalOrder(w));
        // Room ids repeat across seeds: prefix them so pooled evenings do not merge rooms.
        String p = seed.trim() + "/";
        for (Alert a : runner.finish()) {
          if (OrderIntegrityDetectionTest.KINDS.contains(a.kind())) {
            alerts.add(a.room() == null ? a : new Alert(a.id(), a.kind(), a.ts(), a.platform(),
                p + a.room(), a.score(), a.severity(), a.subjects(), a.summary(), a.evidence(),
                a.rule(), a.basis()));
          }
        }
        for (Label l : w.labels()) {
          if (OrderIntegrityDetectionTest.KINDS.contains(l.kind())) {
            labels.add(new Label(l.kind(), l.room() == null ? null : p + l.room(),
                l.subjects()));
          }
        }
        w.rooms().forEach(r -> rooms.add(p + r.room));
        if (Boolean.getBoolean("qinglang.verbose")) {
          for (Label l : w.labels()) {
            if (l.kind().equals("price_fraud")) {
              w.events().stream().filter(e -> l.room().equals(e.room())
                  && (e instanceof org.qinglang.event.Speech said && said.text().contains("原价")
                  || e instanceof org.qinglang.event.Product))
                  .forEach(e -> System.out.println("   case " + p + l.room() + " " + e));
            }
          }
          for (Alert a : alerts) {
            if (a.room() != null && a.room().startsWith(p)) {
              System.out.println("   " + a.kind() + " " + a.room() + " " + a.summary());
            }
          }
        }
      }
      System.out.println("== " + part + " (" + rooms.size() + " rooms)");
      System.out.print(Evaluator.format(Evaluator.evaluate(labels, alerts, rooms)));
    }
  }
}
