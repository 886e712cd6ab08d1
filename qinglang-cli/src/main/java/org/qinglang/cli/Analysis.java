package org.qinglang.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.qinglang.alert.Alert;
import org.qinglang.engine.Engine;
import org.qinglang.engine.KafkaIngest;
import org.qinglang.engine.Progress;
import org.qinglang.engine.QinglangJob;
import org.qinglang.event.EventType;
import org.qinglang.io.AlertJson;

/**
 * One run of the engine with what a person watching wants: a progress line on a terminal and
 * a summary at the end. Shared by {@code analyze}, {@code demo} and {@code bench}.
 */
final class Analysis {

  /** What a run produced. */
  record Summary(long events, long badLines, Map<String, Long> byType, Map<String, Long> alertsByKind,
      long wallMillis, long processingMillis, long steadyEvents, long steadyMillis,
      List<Alert> alerts, List<String> faults, long lateEvents) {
    /** Over the whole run, engine start-up included. */
    double eventsPerSecond() {
      return wallMillis == 0 ? 0 : (events + badLines) * 1000.0 / wallMillis;
    }

    /** From the first event read to the end: the engine's rate once it is up. */
    double processingPerSecond() {
      return processingMillis <= 0 ? 0 : (events + badLines) * 1000.0 / processingMillis;
    }

    /**
     * From the moment a quarter of the file was read to the end of the job: the rate the engine
     * keeps once started and warmed up (JIT), final flush included. 0 when not measured (a
     * stream of unknown size).
     */
    double steadyPerSecond() {
      return steadyMillis <= 0 ? 0 : steadyEvents * 1000.0 / steadyMillis;
    }
  }

  private Analysis() {}

  static Summary run(Path input, Path alerts, Path dead, List<String> kinds, int parallelism,
      PrintStream out, boolean progressBar) throws Exception {
    if (!Files.isRegularFile(input)) {
      throw new IllegalArgumentException("no such input file: " + input);
    }
    return run(new QinglangJob.Config(List.of(input), alerts, dead, kinds, parallelism,
        UUID.randomUUID().toString()), Files.size(input), out, progressBar);
  }

  /** A run on a Kafka topic; the progress line shows counts only, the size being unknown. */
  static Summary run(KafkaIngest.Options kafka, Path alerts, Path dead, List<String> kinds,
      int parallelism, PrintStream out, boolean progressBar) throws Exception {
    return run(kafka, alerts, dead, kinds, parallelism, out, progressBar,
        Engine.Durability.defaults());
  }

  /** As above, keeping state as {@code durability} says (resume after a crash). */
  static Summary run(KafkaIngest.Options kafka, Path alerts, Path dead, List<String> kinds,
      int parallelism, PrintStream out, boolean progressBar, Engine.Durability durability)
      throws Exception {
    return run(new QinglangJob.Config(List.of(), alerts, dead, kinds, parallelism,
        UUID.randomUUID().toString(), kafka), -1, out, progressBar, durability);
  }

  private static Summary run(QinglangJob.Config c, long size, PrintStream out,
      boolean progressBar) throws Exception {
    return run(c, size, out, progressBar, null);
  }

  private static Summary run(QinglangJob.Config c, long size, PrintStream out,
      boolean progressBar, Engine.Durability durability) throws Exception {
    String run = c.run();
    Path alerts = c.alerts();
    Progress p = Progress.of(run);
    Thread bar = null;
    long start = System.nanoTime();
    long[] firstEvent = {0};
    long[] quarter = {0, 0}; // time, events read
    Thread watch = new Thread(() -> {
      try {
        while (p.events() + p.badLines.get() == 0) {
          Thread.sleep(5);
        }
        firstEvent[0] = System.nanoTime();
        while (size > 0 && p.bytes.get() * 4 < size) {
          Thread.sleep(5);
        }
        if (size > 0) {
          quarter[1] = p.events() + p.badLines.get();
          quarter[0] = System.nanoTime();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "first-event");
    watch.setDaemon(true);
    watch.start();
    if (progressBar) {
      bar = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          double secs = (System.nanoTime() - start) / 1e9;
          long n = p.events() + p.badLines.get();
          if (size < 0) {
            out.printf("\r%,d events  %,.0f ev/s  %d bad   ", n, n / Math.max(secs, 1e-3),
                p.badLines.get());
          } else {
            double share = size == 0 ? 1 : Math.min(1, p.bytes.get() / (double) size);
            int filled = (int) (share * 30);
            out.printf("\r[%s%s] %5.1f%%  %,d events  %,.0f ev/s  %d bad   ", "#".repeat(filled),
                " ".repeat(30 - filled), share * 100, n, n / Math.max(secs, 1e-3), p.badLines.get());
          }
          out.flush();
          try {
            Thread.sleep(250);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "progress");
      bar.setDaemon(true);
      bar.start();
    }
    Engine.Run r;
    long engineEnd;
    try {
      r = durability != null ? Engine.run(c, durability) : Engine.run(c);
      engineEnd = System.nanoTime();
    } finally {
      watch.interrupt();
      if (bar != null) {
        bar.interrupt();
        bar.join();
        out.print("\r" + " ".repeat(90) + "\r");
      }
    }
    Map<String, Long> byType = new TreeMap<>();
    for (EventType t : EventType.values()) {
      long n = p.byType.get(t.ordinal());
      if (n > 0) {
        byType.put(t.wire(), n);
      }
    }
    List<Alert> found = AlertJson.readAlerts(alerts);
    Map<String, Long> byKind = new TreeMap<>();
    // Shadow alerts apart: they are a rule's trial, not findings of the kind.
    found.forEach(a -> byKind.merge(a.shadow() ? a.kind() + " (shadow)" : a.kind(), 1L,
        Long::sum));
    long end = System.nanoTime();
    long processing = firstEvent[0] == 0 ? 0 : (engineEnd - firstEvent[0]) / 1_000_000;
    long steady = quarter[0] == 0 ? 0 : (engineEnd - quarter[0]) / 1_000_000;
    long total = p.events() + p.badLines.get();
    List<String> faults = Files.exists(c.faults()) ? Files.readAllLines(c.faults()) : List.of();
    Summary s = new Summary(p.events(), p.badLines.get(), byType, byKind,
        (end - start) / 1_000_000, processing, total - quarter[1], steady, found, faults,
        p.lateEvents.get());
    Progress.forget(run);
    return s;
  }

  static void print(Summary s, Path alerts, Path dead, PrintStream out) {
    out.printf("analyzed %,d events (%,d bad lines set aside) in %.1f s: %,.0f events/s"
        + " (%,.0f events/s from the first event on, %,.0f after the first quarter)%n",
        s.events(), s.badLines(), s.wallMillis() / 1000.0, s.eventsPerSecond(),
        s.processingPerSecond(), s.steadyPerSecond());
    out.println("  events by type: " + s.byType());
    out.println("  alerts by kind: " + (s.alertsByKind().isEmpty() ? "none" : s.alertsByKind()));
    // Late events (beyond the 10 s bound) are processed, out of order, and counted here.
    out.printf("  late events: %,d (more than 10 s behind the stream; processed)%n",
        s.lateEvents());
    out.println("  alerts:      " + alerts);
    out.println("  dead letters: " + dead + (s.badLines() == 0 ? " (empty)" : ""));
    if (!s.faults().isEmpty()) {
      // a detector bug is the project's, not the input's: say which, on what, and go on
      out.printf("  detector faults: %d (each detector's state for that key was set aside and"
          + " the rest analysed), in %s%n", s.faults().size(), QinglangJob.faultsBeside(dead));
      for (String line : s.faults().subList(0, Math.min(5, s.faults().size()))) {
        try {
          var n = org.qinglang.io.Json.MAPPER.readTree(line);
          out.printf("    %s on key '%s' at %s ts=%d: %s%n", n.path("detector").asText(),
              n.path("key").asText(), n.path("event_type").asText(), n.path("ts").asLong(),
              n.path("error").asText());
        } catch (java.io.IOException e) {
          out.println("    " + line);
        }
      }
    }
  }
}
