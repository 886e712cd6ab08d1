package org.qinglang.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.qinglang.io.AlertJson;

/** An alert's evidence is frozen plain JSON, whatever the detector handed over. */
class EvidenceValuesTest {

  record Sample(String sku, long listPrice, List<Integer> pricesSeen, Map<String, String> ref)
      implements Evidence {}

  enum Verdict { STRUCK_THROUGH_NEVER_CHARGED }

  @Test
  @SuppressWarnings("unchecked")
  void viewsAndLiveCollectionsAreCopiedNotShared() {
    List<String> ips = new ArrayList<>(List.of("10.0.0.1", "10.0.0.2", "10.0.0.3"));
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("ips", ips.subList(0, 2));
    ev.put("set", Set.of(7));
    ev.put("arr", new int[] {1, 2});
    ev.put("verdict", Verdict.STRUCK_THROUGH_NEVER_CHARGED);
    Alert a = alert(ev);
    ips.set(0, "changed later");
    assertThat(a.evidence().get("ips")).isEqualTo(List.of("10.0.0.1", "10.0.0.2"));
    assertThat(a.evidence().get("set")).isEqualTo(List.of(7));
    assertThat(a.evidence().get("arr")).isEqualTo(List.of(1, 2));
    assertThat(a.evidence().get("verdict")).isEqualTo("STRUCK_THROUGH_NEVER_CHARGED");
    assertThat(EvidenceValues.isFrozen(a.evidence())).isTrue();
    assertThatThrownBy(() -> ((List<Object>) a.evidence().get("ips")).add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aTypedRecordBecomesSnakeCaseFieldsAndComesBackEqual() throws Exception {
    Sample s = new Sample("sku-1", 19_900, List.of(9_900, 12_900),
        Map.of("type", "product", "sku", "sku-1"));
    Map<String, Object> f = EvidenceValues.fields(s);
    assertThat(f).containsKeys("sku", "list_price", "prices_seen", "ref");
    Alert a = alert(f);
    assertThat(a.evidenceAs(Sample.class)).isEqualTo(s);
    // and through the alert file's JSON, as a console or an evaluator reads it
    Alert back = AlertJson.parseAlert(AlertJson.toLine(a));
    assertThat(back.evidenceAs(Sample.class)).isEqualTo(s);
  }

  record Ban(String scope, Map<String, Object> sanction, String caution) implements Evidence {}

  @Test
  @SuppressWarnings("unchecked")
  void aNullComponentIsAnAbsentFieldButANullInsideAMapIsKept() {
    Map<String, Object> sanction = new LinkedHashMap<>();
    sanction.put("scope", "selling");
    sanction.put("until", null); // for ever: the null is the finding
    Map<String, Object> f = EvidenceValues.fields(new Ban("selling", sanction, null));
    assertThat(f).doesNotContainKey("caution");
    assertThat((Map<String, Object>) f.get("sanction")).containsEntry("until", null);
  }

  @Test
  void nestingBeyondAnyRealEvidenceIsRefused() {
    Object deep = "x";
    for (int i = 0; i < 100; i++) {
      deep = List.of(deep);
    }
    Object tooDeep = deep;
    assertThatThrownBy(() -> EvidenceValues.freeze(tooDeep))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deeper");
  }

  private static Alert alert(Map<String, Object> ev) {
    return new Alert("a-1", "price_fraud", 1L, "douyin", "r-1", 0.5, Severity.MEDIUM,
        List.of(), "s", ev, "QL", "basis");
  }
}
