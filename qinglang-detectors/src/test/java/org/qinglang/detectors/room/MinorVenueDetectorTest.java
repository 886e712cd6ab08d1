package org.qinglang.detectors.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qinglang.alert.Alert;
import org.qinglang.detect.LocalRunner;
import org.qinglang.event.RoomStart;
import org.qinglang.event.Speech;

class MinorVenueDetectorTest {
  static List<Alert> room(String venue, String... speech) {
    LocalRunner r = LocalRunner.of(new MinorVenueDetector());
    r.accept(new RoomStart(0, "p", "r1", "a1", "新品", null, null, null, venue));
    long t = 1_000;
    for (String s : speech) {
      r.accept(new Speech(t += 10_000, "p", "r1", s, null));
    }
    return r.finish();
  }

  @Test
  void schoolsAndKindergartensAreFlagged() {
    assertThat(room("school")).extracting(Alert::kind).containsExactly("minor_venue");
    assertThat(room("Kindergarten")).hasSize(1);
    assertThat(room("kindergarten").get(0).basis()).contains("广告法").contains("第三十九条");
  }

  @Test
  void universitiesStudiosAndUnknownVenuesAreNot() {
    assertThat(room("university")).isEmpty();
    assertThat(room("studio")).isEmpty();
    assertThat(room(null)).isEmpty();
  }

  @Test
  void urgingChildrenToBuyIsFlaggedButMentioningChildrenIsNot() {
    assertThat(room("studio", "小朋友们快让爸爸妈妈下单")).hasSize(1);
    assertThat(room("studio", "这款玩具小朋友很喜欢", "快下单吧")).isEmpty();
  }
}
