package org.qinglang.detectors.claim;

import static org.qinglang.detectors.claim.ClaimProbes.expect;
import static org.qinglang.detectors.claim.ClaimProbes.p;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A price, origin or scarcity claim and, in the same utterance, the fact that makes it false: a
 * second voice correcting the anchor, a caption with the real stock, an aside the microphone
 * caught (packs 2026-12-05.5 and .6, QL-CLM-066, 112 and 122, read off the shape every blind
 * writer since v5 used). The refutation is in the alert's own words, so a moderator can check it.
 * Each case is paired with the lawful sentence that shares its words. Our own wording.
 */
class ClaimTakenBackTest {

  @Test
  void aClaimAndItsRefutationAreFound() {
    expect(List.of(
        p("other", "这套茶具只剩最后六套了——小周：仓库里还堆着两百多套呢", "false_scarcity"),
        p("food", "年货礼盒倒计时十分钟下架，这个倒计时每天都重新开始", "false_scarcity"),
        p("apparel", "围巾是内蒙古手工羊绒，其实是河北机织的", "false_origin"),
        p("other", "台灯原价三百二，今天八十九，这个原价是我们自己填的", "fictitious_price"),
        p("food", "坚果今天直降四十，降价前那个价是下午刚改上去的", "fictitious_price")));
  }

  @Test
  void aDeniedTrickAnOpinionOrACorrectedMisbeliefIsNot() {
    expect(List.of(
        p("other", "划线价不是我们随便写的，是降价前七天里最低卖过的价", ""),
        p("food", "直播价就是日常价，我们其实不搞什么虚高原价", ""),
        p("apparel", "原价一百六是前七日最低成交价，今天一百二，其实已经很划算了", ""),
        p("food", "很多人以为这个蜂蜜是进口的，其实是陕西本地的，我们从来不说进口", ""),
        p("food", "礼盒不是最后一批，天天都有货，不用抢", "")));
  }

  /**
   * Pack 2026-12-05.7, from v24's errors: the same "last" said again, stock said to be made
   * every day, and a script edit that puts the lie in (what a script review sees before the
   * show); a script edit that takes the claim out is not one.
   */
  @Test
  void aLastSaidAgainOrWrittenInByAnEditIsFound() {
    expect(List.of(
        p("food", "这批腊肉是最后一批了——昨天你们也说是最后一批", "false_scarcity"),
        p("other", "厂里还在天天生产——主播：家人们这是停产前最后一批", "false_scarcity"),
        p("cosmetics", "台本改一下：把国产改成法国原装进口，其他照念", "false_origin"),
        p("other", "台本改一下：把最后一批删掉，改成库存充足，照实说", "")));
  }

  /** Pack 2026-12-05.6, from v22's and v23's lawful sentences. */
  @Test
  void aStandardsTopGradeAProductsOwnSettingAndADrugNamedInAdvice() {
    expect(List.of(
        p("food", "这批红枣按国家标准是特级，特级就是标准里最高的那一级", ""),
        p("electronics", "电热毯最低的那一档适合整夜开着", ""),
        p("health_food", "正在吃降糖药的朋友，药千万别自己停，问过医生再吃我们的鱼油", ""),
        p("health_food", "吃了我们的鱼油，降糖药就可以减一半", "health_food")));
  }
}
