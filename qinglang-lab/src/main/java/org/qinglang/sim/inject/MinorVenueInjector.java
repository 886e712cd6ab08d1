package org.qinglang.sim.inject;

import java.util.List;
import org.qinglang.alert.Label;
import org.qinglang.alert.Subject;
import org.qinglang.event.Speech;
import org.qinglang.sim.Injector;
import org.qinglang.sim.Knobs;
import org.qinglang.sim.RoomPlan;
import org.qinglang.sim.World;

/**
 * Selling from a school or kindergarten, or urging children to get their parents to buy.
 * Knobs: {@code cases} (venue cases), {@code speech_cases} (child-directed selling filmed
 * elsewhere). The campus trap room (venue university) stays innocent.
 */
public final class MinorVenueInjector implements Injector {
  private static final String[] CHILD_PUSH = {"小朋友们快让爸爸妈妈下单", "小学生们看过来，叫爸爸妈妈去拍",
      "小朋友们喜欢的话找家长赶紧下单哦", "中学生们跟爸妈要钱买它"};

  @Override
  public String kind() {
    return "minor_venue";
  }

  @Override
  public void inject(World w, Knobs k) {
    int cases = k.i("minor_venue.cases", 2);
    for (int i = 0; i < cases; i++) {
      String venue = w.chance(0.5) ? "school" : "kindergarten";
      RoomPlan r = w.newCaseRoom(kind(), p -> p.venue = venue);
      w.label(new Label(kind(), r.room, List.of(Subject.room(r.room))));
    }
    int speech = k.i("minor_venue.speech_cases", 1);
    for (int i = 0; i < speech; i++) {
      RoomPlan r = w.caseRoom(kind());
      long t = r.start + (5 + w.rnd.nextInt(20)) * 60_000L;
      w.emit(new Speech(t, r.platform, r.room, w.pick(CHILD_PUSH), t + 5000));
      w.label(new Label(kind(), r.room, List.of(Subject.room(r.room))));
    }
  }
}
