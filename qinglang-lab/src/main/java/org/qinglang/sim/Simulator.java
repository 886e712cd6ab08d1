package org.qinglang.sim;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.qinglang.alert.Label;
import org.qinglang.event.Event;
import org.qinglang.event.EventType;
import org.qinglang.io.AlertJson;
import org.qinglang.io.EventJson;
import org.qinglang.io.Json;

/**
 * The laboratory: builds an organic evening, lets every registered {@link Injector} add its
 * cases, and writes {@code events.jsonl} (in arrival order, with the contract's lateness),
 * {@code labels.jsonl} and {@code traps.jsonl}.
 */
public final class Simulator {

  /** What to simulate. */
  public record Config(Path out, int rooms, int minutes, long seed, String scenario,
      Map<String, String> knobs, Path organicComments) {
    public Config {
      if (rooms < 1 || minutes < 10) {
        throw new IllegalArgumentException("need at least 1 room and 10 minutes");
      }
      knobs = knobs == null ? Map.of() : Map.copyOf(knobs);
    }

    public static Config of(Path out, int rooms, int minutes, long seed) {
      return new Config(out, rooms, minutes, seed, "default", Map.of(), null);
    }
  }

  /** What was written. */
  public record Result(Path events, Path labels, Path traps, long eventCount,
      Map<EventType, Long> byType, Map<String, Long> labelsByKind, int trapCount) {}

  private Simulator() {}

  public static List<Injector> injectors() {
    List<Injector> all = new ArrayList<>();
    ServiceLoader.load(Injector.class).forEach(all::add);
    all.sort(Comparator.comparing(Injector::kind));
    return all;
  }

  /** Builds the world in memory (events not yet in arrival order). */
  public static World build(Config c) {
    World w = new World(c.seed(), c.minutes());
    Knobs knobs = new Knobs(c.scenario(), c.knobs());
    Organic organic = new Organic(w);
    organic.returnRates(knobs);
    organic.build(c.rooms());
    if (c.organicComments() != null) {
      try {
        OrganicComments.replay(w, c.organicComments());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot replay " + c.organicComments(), e);
      }
    }
    for (Injector inj : injectors()) {
      if (knobs.b(inj.kind() + ".enabled", true)) {
        inj.inject(w, knobs);
      }
    }
    organic.finish();
    return w;
  }

  public static Result run(Config c) throws IOException {
    World w = build(c);
    Files.createDirectories(c.out());
    List<Event> events = arrivalOrder(w);
    Path ev = c.out().resolve("events.jsonl");
    Map<EventType, Long> byType = new EnumMap<>(EventType.class);
    try (BufferedWriter out = Files.newBufferedWriter(ev, StandardCharsets.UTF_8)) {
      for (Event e : events) {
        out.write(EventJson.toLine(e));
        out.write('\n');
        byType.merge(e.type(), 1L, Long::sum);
      }
    }
    Path lb = c.out().resolve("labels.jsonl");
    Map<String, Long> byKind = new TreeMap<>();
    try (BufferedWriter out = Files.newBufferedWriter(lb, StandardCharsets.UTF_8)) {
      for (Label l : w.labels()) {
        out.write(AlertJson.toLine(l));
        out.write('\n');
        byKind.merge(l.kind(), 1L, Long::sum);
      }
    }
    Path tp = c.out().resolve("traps.jsonl");
    try (BufferedWriter out = Files.newBufferedWriter(tp, StandardCharsets.UTF_8)) {
      for (Map<String, Object> t : w.traps()) {
        out.write(Json.MAPPER.writeValueAsString(t));
        out.write('\n');
      }
    }
    return new Result(ev, lb, tp, events.size(), byType, byKind, w.traps().size());
  }

  /**
   * Sorts by event time, then delays one event in twenty by up to 9.5 s of arrival, as
   * collectors do: the engine must reorder within its 10 s lateness bound.
   */
  static List<Event> arrivalOrder(World w) {
    List<Event> events = w.events();
    int n = events.size();
    long[] arrival = new long[n];
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      Event e = events.get(i);
      arrival[i] = e.ts() + (w.rnd.nextInt(20) == 0 ? w.rnd.nextInt(9_500) : 0);
      idx[i] = i;
    }
    java.util.Arrays.sort(idx, Comparator.comparingLong((Integer i) -> arrival[i])
        .thenComparingInt(i -> i));
    List<Event> out = new ArrayList<>(n);
    for (Integer i : idx) {
      out.add(events.get(i));
    }
    return out;
  }
}
