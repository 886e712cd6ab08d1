package org.qinglang.detectors.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The registry an origin is read against: which names are places, where they lie, and how a
 * sentence looks to a regex once its places are marked. Read from the shipped registry and a
 * small one written here.
 */
class PlaceRegistryTest {

  private final RulePack pack = RulePack.standard();
  private final PlaceRegistry places = pack.places;

  private int id(String name) {
    int id = places.idOf(name);
    assertThat(id).as(name).isNotNegative();
    assertThat(places.name(id)).isEqualTo(name);
    return id;
  }

  @Test
  void theShippedRegistryHoldsEveryCountyUnderItsShortName() {
    // The counties of blind v46's missed origins, none of them in the pack's list of origins.
    for (String county : List.of("修文", "稷山", "阿拉尔", "亳州", "焦作", "泾县", "周至", "临安")) {
      assertThat(places.knows(county)).as(county).isTrue();
    }
    // Autonomous regions and prefectures by the name people say.
    for (String name : List.of("新疆", "广西", "凉山", "延边", "博尔塔拉", "香港")) {
      assertThat(places.knows(name)).as(name).isTrue();
    }
    assertThat(places.size()).isGreaterThan(6000);
  }

  @Test
  void aPlaceInsideAnotherIsNotApartFromIt() {
    assertThat(places.apart(id("新疆"), id("阿克苏"))).isFalse();
    assertThat(places.apart(id("阿克苏"), id("新疆"))).isFalse();
    assertThat(places.apart(id("周至"), id("陕西"))).isFalse();
    assertThat(places.apart(id("修文"), id("周至"))).isTrue();
    assertThat(places.apart(id("宁国"), id("临安"))).isTrue();
    // Two counties of one prefecture are two places (湄潭翠芽 is not 凤冈's tea) ...
    assertThat(places.apart(id("湄潭"), id("凤冈"))).isTrue();
    // ... but two districts of one city are one (西湖藕粉 made in 余杭 is Hangzhou's).
    assertThat(places.apart(id("西湖"), id("余杭"))).isFalse();
    assertThat(places.apart(id("俄罗斯"), id("黑河"))).isTrue();
  }

  @Test
  void anAmbiguousNameIsApartOnlyWhenEveryMeaningIs() {
    // 海南 is a province, a prefecture of 青海 and a district of 乌海 (内蒙古).
    assertThat(places.apart(id("海南"), id("青海"))).isFalse();
    assertThat(places.apart(id("海南"), id("内蒙古"))).isFalse();
    assertThat(places.apart(id("海南"), id("新疆"))).isTrue();
  }

  @Test
  void wordsThePackSaysAreNotPlacesAreNotMarked() {
    // 开封后 (once opened), 合作社, 龙井 the tea: all registry names, none a place in speech.
    PlaceRegistry.Marked m = places.mark(pack.normalizer.normalize("开封后冷藏，合作社的龙井"));
    assertThat(m.count()).isZero();
  }

  @Test
  void markingKeepsEveryOffsetAndTheLongestNameWins() {
    NormalizedText n = pack.normalizer.normalize("新疆阿克苏冬枣从山东沾化拉过来");
    PlaceRegistry.Marked m = places.mark(n);
    assertThat(m.text()).hasSize(n.length);
    assertThat(m.count()).isEqualTo(4);
    assertThat(m.text()).isEqualTo("\uE000\uE001\uE000\uE001\uE001冬枣从\uE000\uE001\uE000\uE001拉过来");
    assertThat(places.name(m.at()[2])).isEqualTo("阿克苏");
    assertThat(m.at()[3]).isEqualTo(-1);
    // One place is no pair: nothing to compare, nothing copied.
    PlaceRegistry.Marked one = places.mark(pack.normalizer.normalize("修文猕猴桃，果园直发"));
    assertThat(one.count()).isEqualTo(1);
    assertThat(one.text()).isNull();
  }

  @Test
  void aNamedRegionLiesInTheDivisionsItNames() {
    // 阳澄湖 is no division but lies in 苏州; 兴化 is in 泰州.
    assertThat(places.apart(id("阳澄湖"), id("苏州"))).isFalse();
    assertThat(places.apart(id("阳澄湖"), id("兴化"))).isTrue();
    // 太湖 is both a county of 安庆 and the lake between 苏州, 无锡, 常州 and 湖州.
    assertThat(places.apart(id("太湖"), id("安庆"))).isFalse();
    assertThat(places.apart(id("太湖"), id("无锡"))).isFalse();
    assertThat(places.apart(id("赣南"), id("广西"))).isTrue();
  }

  @Test
  void aRegionNamingACodeTheRegistryLacksIsRefused() {
    String tsv = "code\tname\tshort\n32\t江苏省\t江苏\n3205\t苏州市\t苏州\n";
    String regions = "name\tcodes\tnote\n阳澄湖\t3205\t苏州\n洪泽湖\t3208\t淮安\n";
    assertThatThrownBy(() -> PlaceRegistry.read(
        new ByteArrayInputStream(tsv.getBytes(StandardCharsets.UTF_8)), "t.tsv",
        new ByteArrayInputStream(regions.getBytes(StandardCharsets.UTF_8)), "r.tsv", List.of(),
        List.of(), new TextNormalizer(Map.of(), Map.of())))
        .hasMessageContaining("r.tsv line 3").hasMessageContaining("3208");
  }

  @Test
  void aBadRowIsNamedWithItsLine() {
    String tsv = "# c\ncode\tname\tshort\n11\t北京市\t北京\n1101\t东城区\n";
    assertThatThrownBy(() -> PlaceRegistry.read(
        new ByteArrayInputStream(tsv.getBytes(StandardCharsets.UTF_8)), "t.tsv", List.of(),
        List.of(), new TextNormalizer(Map.of(), Map.of())))
        .hasMessageContaining("t.tsv line 4").hasMessageContaining("1101");
  }

  @Test
  void aRegexOnPlacesNamesBothAndNeedsTheRegistry() {
    String pack = """
        {"version": "t", "families": {"false_origin": "x"},
         "pattern_sets": {"abroad": ["德国"]},
         "places": {"registry": "places-cn.tsv", "foreign": "abroad"},
         "rules": [
          {"id": "QL-T-9", "family": "false_origin", "title": "t", "severity": "low",
           "categories": ["*"], "rewrite": "r", "basis": "ad_law_28",
           "regex": [{"triggers": ["工厂"],
             "pattern": "(?<claimed>{{place}})[^\\\\n]{0,20}?(?<actual>{{place}})工厂"}]}]}
        """;
    ClaimChecker c = new ClaimChecker(RulePack.parse(pack, "t.json"));
    assertThat(c.check("德国刀具，阳江工厂出的", "other")).hasSize(1);
    // Inside the place claimed, or the same place again: no finding.
    assertThat(c.check("新疆红枣，阿克苏工厂出的", "food")).isEmpty();
    assertThat(c.check("阳江刀具，阳江工厂出的", "other")).isEmpty();
    assertThatThrownBy(() -> RulePack.parse(pack.replace("(?<actual>", "("), "t.json"))
        .hasMessageContaining("QL-T-9").hasMessageContaining("(?<actual>");
    assertThatThrownBy(() -> RulePack.parse(pack.replace(
        "\"places\": {\"registry\": \"places-cn.tsv\", \"foreign\": \"abroad\"},", ""), "t.json"))
        .hasMessageContaining("{{place}} needs the pack's places registry");
    assertThatThrownBy(() -> RulePack.parse(pack.replace("places-cn.tsv", "../claims.json"),
        "t.json")).hasMessageContaining("registry must be a .tsv file name");
  }
}
