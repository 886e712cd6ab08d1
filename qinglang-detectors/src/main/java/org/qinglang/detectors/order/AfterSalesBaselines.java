package org.qinglang.detectors.order;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.qinglang.event.Event;
import org.qinglang.event.Order;
import org.qinglang.event.OrderCancel;
import org.qinglang.event.Product;
import org.qinglang.event.Refund;
import org.qinglang.event.RoomEnd;

/**
 * Normal after-sale shares learned from history: per platform and category, and per merchant
 * and category where the merchant has enough shows. {@code post_show_cancellation} compares a
 * room with the share its own kind of goods (and seller) loses after honest shows, instead of
 * a constant: cosmetics or shoes on one platform may come back at 15% where food stays at 3%.
 *
 * <p>A table is learned by {@link Learner} from past events (orders, cancellations, refunds,
 * products for the sku's category and merchant, {@code room_end} for when a show ended) and
 * kept as a CSV file that the detector reads ({@value #PROPERTY}, or {@code qinglang analyze
 * --aftersales-baselines}). Two guards keep a fraudster's own history from excusing him:
 * rooms whose undone share is itself far beyond the rest (a staged wave in the history) are
 * left out of the learning, and a merchant's own baseline may not exceed
 * {@link #MERCHANT_CAP} times its platform's for the category.
 */
public final class AfterSalesBaselines implements Serializable {
  public static final String PROPERTY = "qinglang.aftersales.baselines";
  /** A category's share is learned from at least this many orders (after outliers)... */
  static final int MIN_ORDERS = 100;
  /** ...in at least this many shows, so that one show's luck is not the norm... */
  static final int MIN_PLATFORM_ROOMS = 5;
  /** ...or, for a merchant's own share, this many of its shows. */
  static final int MIN_MERCHANT_ROOMS = 3;
  /** The platform of a row pooled over every platform: where one platform saw too little. */
  public static final String ANY_PLATFORM = "*";
  static final double MERCHANT_CAP = 2.0;
  /** A room this unlikely under the pooled share is an outlier, not a sample of normal. */
  static final double OUTLIER_P = 1e-4;
  static final String HEADER =
      "platform,merchant,category,rooms,orders,undone,share,rooms_left_out,from,to,source";

  /** One learned share: where it applies and what it was learned from. */
  public record Row(String platform, String merchant, String category, int rooms, long orders,
      long undone, double share, int roomsLeftOut, String from, String to, String source)
      implements Serializable {
    /** What the alert says of this baseline, so that a reviewer can find its line. */
    String basis() {
      return String.format(Locale.ROOT, "learned %s/%s%s %.1f%% (%d shows, %d orders, %s..%s, %s)",
          platform, merchant == null ? "" : merchant + "/", category, 100 * share, rooms,
          orders, from, to, source);
    }
  }

  /** The share a room's order is compared with, and where it came from. */
  public record Baseline(double share, String basis) implements Serializable {}

  private final Map<String, Row> rows;
  /** Each row's baseline, worked out once (caps and texts): lookups happen per order. */
  private final Map<String, Baseline> baselines;

  private AfterSalesBaselines(Map<String, Row> rows) {
    this.rows = Map.copyOf(rows);
    Map<String, Baseline> b = new HashMap<>();
    for (Map.Entry<String, Row> e : rows.entrySet()) {
      Row m = e.getValue();
      Row p = m.merchant() == null ? null : rows.get(key(m.platform(), null, m.category()));
      b.put(e.getKey(), p != null && m.share() > MERCHANT_CAP * p.share()
          ? new Baseline(MERCHANT_CAP * p.share(), m.basis() + ", capped at " + MERCHANT_CAP
              + "x the platform's " + p.basis())
          : new Baseline(m.share(), m.basis()));
    }
    this.baselines = Map.copyOf(b);
  }

  public static AfterSalesBaselines empty() {
    return new AfterSalesBaselines(Map.of());
  }

  public static AfterSalesBaselines of(List<Row> rows) {
    Map<String, Row> m = new HashMap<>();
    for (Row r : rows) {
      m.put(key(r.platform(), r.merchant(), r.category()), r);
    }
    return new AfterSalesBaselines(m);
  }

  public List<Row> rows() {
    return new TreeMap<>(rows).values().stream().toList();
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  /**
   * The most specific learned share for an order, or null: the merchant's own for the
   * category (capped by the platform's), else the platform's for the category, else the
   * category's over every platform.
   */
  public Baseline lookup(String platform, String merchant, String category) {
    if (platform == null || category == null || baselines.isEmpty()) {
      return null;
    }
    Baseline m = merchant == null ? null : baselines.get(key(platform, merchant, category));
    if (m != null) {
      return m;
    }
    Baseline p = baselines.get(key(platform, null, category));
    return p != null ? p : baselines.get(key(ANY_PLATFORM, null, category));
  }

  private static String key(String platform, String merchant, String category) {
    return platform + '\u0000' + (merchant == null ? "" : merchant) + '\u0000' + category;
  }

  /** The table named by {@value #PROPERTY}, or an empty one. */
  public static AfterSalesBaselines fromProperty() {
    String path = System.getProperty(PROPERTY);
    return path == null || path.isBlank() ? empty() : read(Path.of(path));
  }

  /**
   * Reads a table written by {@link #write}. A malformed line fails with its file and line: a
   * baseline file is configuration, and a silently skipped row would change what is accused.
   */
  public static AfterSalesBaselines read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read after-sales baselines " + file, e);
    }
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#") || line.equals(HEADER)) {
        continue;
      }
      String[] f = line.split(",", -1);
      try {
        if (f.length != 11 || f[0].isBlank() || f[2].isBlank()) {
          throw new IllegalArgumentException("need " + HEADER);
        }
        double share = Double.parseDouble(f[6]);
        if (!(share >= 0 && share <= 1)) {
          throw new IllegalArgumentException("share must be within 0..1");
        }
        out.add(new Row(f[0], f[1].isBlank() ? null : f[1], f[2], Integer.parseInt(f[3]),
            Long.parseLong(f[4]), Long.parseLong(f[5]), share, Integer.parseInt(f[7]), f[8],
            f[9], f[10].isBlank() ? file.getFileName().toString() : f[10]));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage()
            + " in '" + line + "'", e);
      }
    }
    return of(out);
  }

  public void write(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("# after-sales baselines learned by qinglang baselines; see"
        + " docs/detectors/post_show_cancellation.md");
    lines.add(HEADER);
    for (Row r : rows()) {
      lines.add(String.join(",", r.platform(), r.merchant() == null ? "" : r.merchant(),
          r.category(), Integer.toString(r.rooms()), Long.toString(r.orders()),
          Long.toString(r.undone()), String.format(Locale.ROOT, "%.4f", r.share()),
          Integer.toString(r.roomsLeftOut()), r.from(), r.to(),
          r.source().replace(',', ';')));
    }
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  /**
   * Learns a table from past events in any order. An order counts as undone when a
   * cancellation or refund of it came after its show's end (or at any time when the end was
   * not seen), as {@code post_show_cancellation} counts it. The history should reach at least
   * the 7-day return window past its last show, or refunds still to come are missing.
   */
  public static final class Learner {
    private record Sku(String category, String merchant) {}

    private record Placed(String platform, String room, String sku, long ts) {}

    private final Map<String, Sku> skus = new HashMap<>();
    private final Map<String, Placed> orders = new HashMap<>();
    private final Map<String, Long> undoneAt = new HashMap<>();
    private final Map<String, Long> ends = new HashMap<>();
    private long first = Long.MAX_VALUE;
    private long last = Long.MIN_VALUE;

    public void accept(Event e) {
      if (e instanceof Product p) {
        if (p.category() != null) {
          skus.put(p.sku(), new Sku(p.category(), p.merchant()));
        }
      } else if (e instanceof Order o) {
        orders.putIfAbsent(o.order(), new Placed(o.platform(), o.room(), o.sku(), o.ts()));
        first = Math.min(first, o.ts());
        last = Math.max(last, o.ts());
      } else if (e instanceof OrderCancel c) {
        undoneAt.merge(c.order(), c.ts(), Math::min);
      } else if (e instanceof Refund r) {
        undoneAt.merge(r.order(), r.ts(), Math::min);
      } else if (e instanceof RoomEnd end) {
        ends.put(end.room(), end.ts());
      }
    }

    /** The table; {@code source} names the history in each row (e.g. the file names). */
    public AfterSalesBaselines result(String source) {
      // cell: platform, merchant, category -> room -> {orders, undone}
      Map<String, Map<String, long[]>> platformCells = new TreeMap<>();
      Map<String, Map<String, long[]>> merchantCells = new TreeMap<>();
      for (Map.Entry<String, Placed> en : orders.entrySet()) {
        Placed o = en.getValue();
        Sku sku = skus.get(o.sku());
        if (sku == null || o.platform() == null || o.room() == null) {
          continue; // its category is unknown: it cannot teach any category's share
        }
        if (!plain(o.platform()) || !plain(sku.category())
            || sku.merchant() != null && !plain(sku.merchant())) {
          continue; // an id the table's CSV cannot hold as it is
        }
        Long undone = undoneAt.get(en.getKey());
        Long end = ends.get(o.room());
        boolean after = undone != null && (end == null || undone > end);
        add(platformCells, key(o.platform(), null, sku.category()), o.room(), after);
        add(platformCells, key(ANY_PLATFORM, null, sku.category()), o.room(), after);
        if (sku.merchant() != null) {
          add(merchantCells, key(o.platform(), sku.merchant(), sku.category()), o.room(),
              after);
        }
      }
      String from = day(first);
      String to = day(last);
      List<Row> rows = new ArrayList<>();
      Map<String, Row> platformRows = new HashMap<>();
      for (var c : platformCells.entrySet()) {
        Row r = row(c.getKey(), c.getValue(), MIN_PLATFORM_ROOMS, from, to, source);
        if (r != null) {
          rows.add(r);
          platformRows.put(c.getKey(), r);
        }
      }
      for (var c : merchantCells.entrySet()) {
        Row r = row(c.getKey(), c.getValue(), MIN_MERCHANT_ROOMS, from, to, source);
        if (r != null) {
          rows.add(r);
        }
      }
      return of(rows);
    }

    private static void add(Map<String, Map<String, long[]>> cells, String cell, String room,
        boolean undone) {
      long[] c = cells.computeIfAbsent(cell, k -> new TreeMap<>())
          .computeIfAbsent(room, k -> new long[2]);
      c[0]++;
      if (undone) {
        c[1]++;
      }
    }

    /**
     * Pools the cell's rooms that sold enough, leaving out those whose share is itself an
     * outlier under the pooled share (a staged wave in the history must not become normal).
     */
    private static Row row(String cell, Map<String, long[]> rooms, int minRooms, String from,
        String to, String source) {
      List<long[]> used = List.copyOf(rooms.values());
      long[] all = totals(used);
      double pooled = all[1] / (double) all[0];
      List<long[]> kept = used.stream().filter(c -> Tails.binomialExactUpper((int) c[1],
          (int) c[0], Math.max(pooled, 1e-6)) > OUTLIER_P).toList();
      long[] t = totals(kept);
      long n = t[0];
      long k = t[1];
      if (kept.size() < minRooms || n < MIN_ORDERS) {
        return null;
      }
      String[] f = cell.split("\u0000", -1);
      return new Row(f[0], f[1].isEmpty() ? null : f[1], f[2], kept.size(), n, k,
          Tails.round(k / (double) n, 4), used.size() - kept.size(), from, to, source);
    }

    /** {orders, undone} summed over rooms' cells. */
    private static long[] totals(List<long[]> cells) {
      long[] t = new long[2];
      for (long[] c : cells) {
        t[0] += c[0];
        t[1] += c[1];
      }
      return t;
    }

    private static boolean plain(String id) {
      return id.chars().noneMatch(ch -> ch == ',' || ch == '\n' || ch == '\r' || ch == 0);
    }

    private static String day(long ts) {
      return ts == Long.MAX_VALUE || ts == Long.MIN_VALUE ? ""
          : Instant.ofEpochMilli(ts).atZone(ZoneOffset.UTC).toLocalDate().toString();
    }
  }
}
