package org.qinglang.detectors.claim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One room's stated stock counts held against the orders that follow them, for the
 * {@code false_scarcity} family of {@link FalseClaimDetector}.
 *
 * <p>只剩最后五十件 is lawful when true. The room's orders can show it false: the platform takes a
 * unit from the stock when an order is placed, so every unit ordered after the sentence had to be
 * in stock then. A count is <em>contradicted</em> when the units outstanding after it (ordered
 * minus cancelled so far) reach more than the count, plus every restock announced since, plus a
 * margin ({@link #margin}). Until then it is <em>undecided</em>, not true: what would decide it
 * is the merchant's stock record, which the event contract does not carry.
 *
 * <p>Cancellations: a cancelled order gives its units back from the moment of the cancel, so a
 * later buyer may have taken them again; what had to be in stock is the peak of outstanding
 * units, not the final net. A cancel after the peak (the usual case: orders cancelled after the
 * show) lowers nothing, so a room cannot clear a sold-past count by cancelling afterwards.
 *
 * <p>Plain fields and maps only: this lives in engine state until the room goes quiet.
 */
public final class StockWatch {
  /** Not a rule of the pack: the detector's check of a stated count against the orders. */
  public static final String RULE = "QL-CLM-12x-ORDERS";
  static final int MAX_CLAIMS_PER_SKU = 6;
  static final int MAX_SKUS = 20;
  static final int MAX_ORDERS = 5_000;
  static final int KEEP = 5;
  static final int MIN_MARGIN = 5;
  static final double MARGIN_SHARE = 0.2;
  static final String WOULD_DECIDE = "the merchant's stock record for the sku (units in stock at"
      + " the sentence's time and every restock after it); the event contract carries no stock"
      + " figure, only the orders, which can show a count false but never true";

  /** A stated count: the sentence and what the orders after it have shown so far. */
  public static final class Held {
    Map<String, Object> event;
    String text;
    String matched;
    String kind;
    boolean approximate;
    long claimed;
    long ts;
    String sku;
    String skuFrom;
    long restocked;
    boolean restockUnsaid;
    long ordered;
    long orders;
    long cancelled;
    long outstanding;
    long peak;
    final ArrayList<String> pastCount = new ArrayList<>();
    /** Past the threshold on its own sku. */
    boolean over;
    boolean contradicted;
    String reason;
    /** Set when the sentence named a title several skus share: the counts held for each. */
    String group;
  }

  /** One order counted after some held count, kept so a cancel can give its units back. */
  public static final class Counted {
    String sku;
    long qty;
    long ts;
  }

  final LinkedHashMap<String, ArrayList<Held>> bySku = new LinkedHashMap<>();
  /** Counts no order can decide: a colour or size, or said before any listing. */
  final ArrayList<Held> unmatched = new ArrayList<>();
  final ArrayList<Map<String, Object>> restocks = new ArrayList<>();
  final HashMap<String, Counted> counted = new HashMap<>();
  long emittedPeak;

  /** The units over the count that a true count can still see sold. */
  static long margin(long allowed) {
    return Math.max(MIN_MARGIN, (long) Math.ceil(MARGIN_SHARE * allowed));
  }

  static long allowed(Held h) {
    return h.claimed + h.restocked;
  }

  /**
   * Remembers a stated count. {@code sku} null when no single sku can be told: {@code unheld}
   * then says why, and the count is kept as undecided only.
   */
  void count(StockStatement st, String text, Map<String, Object> ref, long ts, String sku,
      String skuFrom, String unheld, String group) {
    Held h = new Held();
    h.event = ref;
    h.text = text.length() > 300 ? text.substring(0, 300) + "…" : text;
    h.matched = st.matched();
    h.kind = st.kind() == StockStatement.Kind.CAP ? "cap" : "remaining";
    h.approximate = st.approximate();
    h.claimed = st.qty();
    h.ts = ts;
    h.sku = sku;
    h.skuFrom = skuFrom;
    h.group = group;
    if (st.variant() || sku == null) {
      h.reason = st.variant() ? "a count of one colour, size or flavour: orders name the sku only"
          : unheld;
      if (unmatched.size() < KEEP) {
        unmatched.add(h);
      }
      return;
    }
    ArrayList<Held> held = bySku.get(sku);
    if (held == null) {
      if (bySku.size() >= MAX_SKUS) {
        return;
      }
      held = new ArrayList<>();
      bySku.put(sku, held);
    }
    // A later count does not replace an earlier one: 只剩最后五十件 said again and again while the
    // orders run on is how the lie is told, and an honest count only goes down. A new cap
    // (限量500单) opens a new offer, so it raises the earlier counts by its size, as a restock.
    if (st.kind() == StockStatement.Kind.CAP) {
      for (Held earlier : held) {
        earlier.restocked += st.qty();
      }
    }
    if (held.size() >= MAX_CLAIMS_PER_SKU) {
      // Keep the first counts (the most orders after them) and the latest.
      int drop = -1;
      for (int i = MAX_CLAIMS_PER_SKU / 2; i < held.size(); i++) {
        if (!held.get(i).contradicted) {
          drop = i;
          break;
        }
      }
      if (drop < 0 || held.get(drop).group != null) {
        return;
      }
      held.remove(drop);
    }
    held.add(h);
  }

  /**
   * A restock said in the room raises every count already held for its sku; one that names no
   * listing raises the counts of every sku, because which one it concerns is not known and the
   * doubt goes to the anchor. A restock whose amount was not said leaves those counts
   * undecidable.
   */
  void restock(StockStatement st, String text, Map<String, Object> ref, List<String> named) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("event", ref);
    r.put("text", text.length() > 300 ? text.substring(0, 300) + "…" : text);
    r.put("units", st.qty());
    r.put("sku", named.isEmpty() ? null : String.join(",", named));
    if (restocks.size() >= KEEP) {
      restocks.remove(KEEP / 2);
    }
    restocks.add(r);
    for (Map.Entry<String, ArrayList<Held>> e : bySku.entrySet()) {
      if (!named.isEmpty() && !named.contains(e.getKey())) {
        continue;
      }
      for (Held h : e.getValue()) {
        if (st.qty() < 0) {
          h.restockUnsaid = true;
        } else {
          h.restocked += st.qty();
        }
      }
    }
  }

  /**
   * Counts an order against the counts held for its sku said at or before it.
   *
   * @return true when some count became contradicted, or the largest contradiction doubled
   */
  boolean order(String order, String sku, long qty, long ts) {
    ArrayList<Held> held = bySku.get(sku);
    if (held == null || qty <= 0) {
      return false;
    }
    boolean any = false;
    boolean newly = false;
    for (Held h : held) {
      if (ts < h.ts) {
        continue;
      }
      any = true;
      h.ordered += qty;
      h.orders++;
      h.outstanding += qty;
      h.peak = Math.max(h.peak, h.outstanding);
      if (h.outstanding > h.claimed && h.pastCount.size() < KEEP) {
        h.pastCount.add(order);
      }
      if (!h.over && !h.restockUnsaid && h.peak > allowed(h) + margin(allowed(h))) {
        h.over = true;
        if (h.group == null) {
          h.contradicted = true;
          newly = true;
        } else if (allOver(h.group)) {
          markGroup(h.group);
          newly = true;
        }
      }
    }
    if (any && counted.size() < MAX_ORDERS) {
      Counted c = new Counted();
      c.sku = sku;
      c.qty = qty;
      c.ts = ts;
      counted.put(order, c);
    }
    long top = topPeak();
    if (newly || (emittedPeak > 0 && top >= 2 * emittedPeak)) {
      emittedPeak = top;
      return true;
    }
    return false;
  }

  private boolean allOver(String group) {
    for (ArrayList<Held> held : bySku.values()) {
      for (Held h : held) {
        if (group.equals(h.group) && !h.over) {
          return false;
        }
      }
    }
    return true;
  }

  private void markGroup(String group) {
    for (ArrayList<Held> held : bySku.values()) {
      for (Held h : held) {
        if (group.equals(h.group)) {
          h.contradicted = true;
        }
      }
    }
  }

  /** Gives a cancelled order's units back to the counts that took them. */
  void cancel(String order) {
    Counted c = counted.remove(order);
    if (c == null) {
      return;
    }
    for (Held h : bySku.getOrDefault(c.sku, new ArrayList<>())) {
      if (c.ts >= h.ts) {
        h.outstanding -= c.qty;
        h.cancelled += c.qty;
      }
    }
  }

  private long topPeak() {
    long top = 0;
    for (ArrayList<Held> held : bySku.values()) {
      for (Held h : held) {
        if (h.contradicted) {
          top = Math.max(top, h.peak);
        }
      }
    }
    return top;
  }

  boolean anyContradicted() {
    return topPeak() > 0;
  }

  /** The worst contradiction: how many times the allowance (count, restocks, margin) sold. */
  double worstRatio() {
    double worst = 0;
    for (ArrayList<Held> held : bySku.values()) {
      for (Held h : held) {
        if (h.contradicted) {
          worst = Math.max(worst, h.peak / (double) (allowed(h) + margin(allowed(h))));
        }
      }
    }
    return worst;
  }

  List<String> contradictedSkus() {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, ArrayList<Held>> e : bySku.entrySet()) {
      for (Held h : e.getValue()) {
        if (h.contradicted) {
          out.add(e.getKey());
          break;
        }
      }
    }
    return out;
  }

  /** What a reviewer re-checks: each count, what followed it, and what was weighed. */
  public record Evidence(String check, List<Count> contradicted, List<Count> undecided,
      List<Restock> restocksConsidered, String wouldDecideUndecided) {}

  /**
   * One stated count. {@code allowed} is the count plus the restocks said after it;
   * {@code threshold} adds the margin; {@code peakOutstanding} is the most units ordered after the
   * sentence and not yet cancelled at any moment; {@code ordersPastCount}: the first orders placed
   * once more than {@code claimed} units were outstanding.
   */
  public record Count(Map<String, Object> event, String text, String matched, String kind,
      long claimed, boolean approximate, String sku, String skuFrom, long restocked,
      boolean restockUnsaid, long allowed, long threshold, long unitsOrderedAfter,
      long ordersAfter, long unitsCancelled, long peakOutstanding, List<String> ordersPastCount,
      String status) {}

  /** A restock said in the room; {@code units} -1 when no amount was said. */
  public record Restock(Map<String, Object> event, String text, long units, String sku) {}

  @SuppressWarnings("unchecked")
  Evidence evidence() {
    List<Count> contradicted = new ArrayList<>();
    List<Count> undecided = new ArrayList<>();
    for (ArrayList<Held> held : bySku.values()) {
      for (Held h : held) {
        (h.contradicted ? contradicted : undecided).add(count(h));
      }
    }
    for (Held h : unmatched) {
      undecided.add(count(h));
    }
    List<Restock> rs = new ArrayList<>();
    for (Map<String, Object> r : restocks) {
      rs.add(new Restock((Map<String, Object>) r.get("event"), (String) r.get("text"),
          (Long) r.get("units"), (String) r.get("sku")));
    }
    return new Evidence("a stated count (只剩/最后/库存/限量 N) is contradicted when the units"
        + " outstanding after it exceed N + restocks said since + max(" + MIN_MARGIN + ", "
        + Math.round(MARGIN_SHARE * 100) + "% of that)",
        first(contradicted), first(undecided), rs, WOULD_DECIDE);
  }

  private static List<Count> first(List<Count> all) {
    return all.size() <= KEEP ? all : new ArrayList<>(all.subList(0, KEEP));
  }

  private static Count count(Held h) {
    long allowed = allowed(h);
    String status;
    if (h.contradicted) {
      status = "contradicted";
    } else if (h.reason != null) {
      status = "undecided: " + h.reason;
    } else if (h.restockUnsaid) {
      status = "undecided: a restock of unsaid size followed";
    } else {
      status = "undecided: the orders so far fit the count";
    }
    return new Count(h.event, h.text, h.matched, h.kind, h.claimed, h.approximate, h.sku,
        h.skuFrom, h.restocked, h.restockUnsaid, allowed, allowed + margin(allowed), h.ordered,
        h.orders, h.cancelled, h.peak, List.copyOf(h.pastCount), status);
  }
}
