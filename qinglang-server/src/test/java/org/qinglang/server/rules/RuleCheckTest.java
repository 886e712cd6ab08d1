package org.qinglang.server.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qinglang.alert.Alert;

class RuleCheckTest {

  @Test
  void theRegisteredDetectorsRunOnThePastedScriptAndItsVenue() {
    List<Alert> school = RuleCheck.check("开学季文具", "kindergarten", "小朋友们看过来\n这款文具好用");
    assertThat(school).extracting(Alert::kind).contains("minor_venue");
    assertThat(school.get(0).room()).isEqualTo(RuleCheck.ROOM);

    List<Alert> studio = RuleCheck.check("家居好物", "studio", "这款收纳盒很实用\n欢迎下单");
    assertThat(studio).extracting(Alert::kind).doesNotContain("minor_venue");
  }
}
