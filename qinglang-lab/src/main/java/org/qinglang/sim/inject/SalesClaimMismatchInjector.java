package org.qinglang.sim.inject;

import java.util.ArrayList;
import java.util.List;
import org.qinglang.alert.Label;
import org.qinglang.alert.Subject;
import org.qinglang.event.Event;
import org.qinglang.event.Product;
import org.qinglang.sim.Injector;
import org.qinglang.sim.Knobs;
import org.qinglang.sim.RoomPlan;
import org.qinglang.sim.World;

/**
 * A listing whose "已售" runs far ahead of the orders: from its honest pre-show base, the count
 * grows {@code factor} times the real growth plus a bought {@code extra}, spread through the
 * show and pushed by extra listing refreshes. Knobs ({@code sales_claim_mismatch.}):
 * {@code cases}, {@code min_factor}, {@code max_factor}, {@code min_extra}, {@code max_extra}.
 */
public final class SalesClaimMismatchInjector implements Injector {
  private static final long MIN = 60_000;

  @Override
  public String kind() {
    return "sales_claim_mismatch";
  }

  @Override
  public void inject(World w, Knobs k) {
    int cases = k.i("sales_claim_mismatch.cases", 3);
    for (int c = 0; c < cases; c++) {
      inflate(w, k, w.caseRoom(kind(), x -> x.minutes() >= 30));
    }
  }

  private void inflate(World w, Knobs k, RoomPlan r) {
    double factor = k.d("sales_claim_mismatch.min_factor", 4)
        + w.rnd.nextDouble() * (k.d("sales_claim_mismatch.max_factor", 15)
            - k.d("sales_claim_mismatch.min_factor", 4));
    int lo = k.i("sales_claim_mismatch.min_extra", 100);
    int hi = k.i("sales_claim_mismatch.max_extra", 800);
    long extra = lo + w.rnd.nextInt(Math.max(1, hi - lo + 1));
    Product p = w.pick(r.products);
    // The organic listing events of this item in this room, to rewrite in place.
    List<Integer> idx = new ArrayList<>();
    List<Event> events = w.events();
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i) instanceof Product x && x.room().equals(r.room)
          && x.sku().equals(p.sku()) && x.claimedSales() != null) {
        idx.add(i);
      }
    }
    idx.sort((a, b) -> Long.compare(events.get(a).ts(), events.get(b).ts()));
    Product first = (Product) events.get(idx.get(0));
    long base = first.claimedSales();
    long[] organic = new long[idx.size()];
    long organicGrowth = 0;
    for (int j = 0; j < idx.size(); j++) {
      organic[j] = ((Product) events.get(idx.get(j))).claimedSales() - base;
      organicGrowth = Math.max(organicGrowth, organic[j]);
    }
    long target = Math.round(factor * Math.max(organicGrowth, 5)) + extra;
    long from = first.ts();
    long full = r.end - 2 * MIN; // the bought growth is all shown by the last refresh
    for (int j = 1; j < idx.size(); j++) {
      Product x = (Product) events.get(idx.get(j));
      long claimed = base + Math.max(x.claimedSales() - base, grown(target, from, full, x.ts()));
      events.set(idx.get(j), withClaim(x, claimed));
    }
    long organicSoFar = 0;
    int next = 1;
    for (long t = r.start + (4 + w.rnd.nextInt(4)) * MIN; t < r.end - MIN;
        t += (4 + w.rnd.nextInt(4)) * MIN) {
      while (next < idx.size() && events.get(idx.get(next)).ts() <= t) {
        organicSoFar = Math.max(organicSoFar, organic[next]);
        next++;
      }
      w.emit(withClaim(first, base + Math.max(organicSoFar, grown(target, from, full, t)), t));
    }
    w.label(new Label(kind(), r.room, List.of(Subject.sku(p.sku()))));
  }

  private static long grown(long target, long from, long to, long t) {
    return Math.round(target * Math.min(1, Math.max(0, (t - from) / (double) (to - from))));
  }

  private static Product withClaim(Product p, long claimed) {
    return withClaim(p, claimed, p.ts());
  }

  private static Product withClaim(Product p, long claimed, long ts) {
    return new Product(ts, p.platform(), p.room(), p.sku(), p.title(), p.price(), p.listPrice(),
        p.brand(), p.category(), claimed, p.merchant());
  }
}
