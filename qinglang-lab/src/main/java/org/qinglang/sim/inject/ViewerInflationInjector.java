package org.qinglang.sim.inject;

import java.util.List;
import org.qinglang.alert.Label;
import org.qinglang.alert.Subject;
import org.qinglang.sim.Injector;
import org.qinglang.sim.Knobs;
import org.qinglang.sim.RoomPlan;
import org.qinglang.sim.World;

/**
 * Rooms whose displayed count runs away from the real audience: a multiplier (刷人气 packages
 * scale the number) and, sometimes, a flat padding of "1000人在线" bought in a block, starting a
 * few minutes into the show. Knobs: {@code cases}, {@code min_factor}, {@code max_factor}.
 */
public final class ViewerInflationInjector implements Injector {
  @Override
  public String kind() {
    return "viewer_inflation";
  }

  @Override
  public void inject(World w, Knobs k) {
    int cases = k.i("viewer_inflation.cases", 3);
    double lo = k.d("viewer_inflation.min_factor", 2.0);
    double hi = k.d("viewer_inflation.max_factor", 8.0);
    for (int i = 0; i < cases; i++) {
      RoomPlan r = w.caseRoom(kind());
      r.inflateFactor = lo + (hi - lo) * w.rnd.nextDouble();
      r.inflateAdd = w.chance(0.3) ? 200 + w.rnd.nextInt(800) : 0;
      r.inflateFrom = r.start + (2 + w.rnd.nextInt(10)) * 60_000L;
      w.label(new Label(kind(), r.room, List.of(Subject.room(r.room))));
    }
  }
}
