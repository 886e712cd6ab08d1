package org.qinglang.sim;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.qinglang.event.Product;

/** A simulated broadcast: who, when, what it sells, who came, and which traps it holds. */
public final class RoomPlan {
  public final String room;
  public final String platform;
  public final String anchor;
  public final String merchant;
  public final String mcn;
  public final int show; // 0 for the anchor's first show
  public final long start;
  public final long end;
  public String title;
  public String venue;
  public final List<Product> products = new ArrayList<>();
  public final List<Visit> visits = new ArrayList<>();
  public final List<Long> linkDrops = new ArrayList<>();
  /** Trap names this room holds (cgnat, campus, chant, ...): innocent by construction. */
  public final Set<String> traps = new LinkedHashSet<>();
  /**
   * What the platform displays: the observed audience times (1 + honest noise), and from
   * {@code inflateFrom} on, times {@code inflateFactor}. The world writes the
   * {@code viewer_count} events from this at the end, so bots an injector adds are counted.
   */
  public double honestNoise = 0.04;
  public long inflateFrom = Long.MAX_VALUE;
  public double inflateFactor = 1.0;
  public long inflateAdd = 0;
  /** Where in the honest 20-30% band this room's apparel returns fall (0..1). */
  public double returnsBias = 0.5;
  /** Kinds injected into this room. */
  public final Set<String> cases = new LinkedHashSet<>();

  public RoomPlan(String room, String platform, String anchor, String merchant, String mcn,
      int show, long start, long end) {
    this.room = room;
    this.platform = platform;
    this.anchor = anchor;
    this.merchant = merchant;
    this.mcn = mcn;
    this.show = show;
    this.start = start;
    this.end = end;
  }

  /** Visits present at time t. */
  public List<Visit> presentAt(long t) {
    List<Visit> out = new ArrayList<>();
    for (Visit v : visits) {
      if (v.join() <= t && v.leave() > t) {
        out.add(v);
      }
    }
    return out;
  }

  public long minutes() {
    return (end - start) / 60_000;
  }
}
