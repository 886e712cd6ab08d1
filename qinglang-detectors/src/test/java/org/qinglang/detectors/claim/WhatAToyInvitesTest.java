package org.qinglang.detectors.claim;

import static org.qinglang.detectors.claim.ClaimProbes.p;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pack 2026-12-07.2, from the minors violations writers v13-v43 wrote and pack 2026-12-07.1
 * missed (minors was the lowest claim family on v42 and v43): goods made for children address a
 * child without the anchor saying 小朋友, so an unsafe act invited for a toy is read as one
 * (广告法第四十条第二款); the acts are named by their form (licking, biting open, stuffing into a
 * nose, throwing at someone, lighting in bed, a roof's edge, chasing on the road, jumping down),
 * a toy's liquid or a child's cosmetic offered as food, a child under ten made the "推荐官",
 * exclusion by peers (看不起你, 叫你穷鬼, 没人跟你玩, 不配当), and a school's dormitory, computer
 * room, reading room, corridor or gatehouse as the venue. A warning keeps its 不要 or 别 some
 * words before the act. The sentences are our own wording.
 */
class WhatAToyInvitesTest {

  private final ClaimChecker rules = new ClaimChecker(RulePack.standard());

  private static final List<String[]> FOUND = List.of(
      p("other", "这个四驱车的小电池舔一下麻麻的，好玩", "minors"),
      p("other", "积木小颗粒塞进耳朵里，摇头会沙沙响", "minors"),
      p("other", "烟花棒点着了往弟弟身上甩，火星一点不烫", "minors"),
      p("other", "滑板车骑到马路上跟公交车比赛，刺激", "minors"),
      p("other", "荧光手环里的水能喝，凉凉的", "minors"),
      p("other", "七岁的豆豆是我们积木的体验官", "minors"),
      p("other", "没有这套贴纸的小孩，班里都看不起你", "minors"),
      p("other", "我们在初二男生宿舍开播，台灯今晚下单送笔", "minors"));

  /**
   * The same toys with a warning, a grown-up's use, or outside a school; the same act with
   * neither a child nor a toy named.
   */
  private static final List<String[]> CLEARED = List.of(
      p("other", "玩具说明书写了：不要让小朋友把小颗粒塞进耳朵里", ""),
      p("other", "烟花棒请家长点，千万别往人身上扔", ""),
      p("other", "滑板车请在小区里骑，不准骑到马路上", ""),
      p("other", "这套积木适合六岁以上，家长陪着拼", ""),
      p("other", "我们仓库的宿舍楼下就是发货点，今天下午全部发出", ""),
      p("electronics", "蹦极的时候从台子上往下跳，这台运动相机照样拍得清楚", ""));

  /**
   * Pack 2026-12-07.3: exclusion by peers is a child's fear only among children. Said to adults
   * (别人看不起你的时候) or of things, the same words read as no claim; pack .2 read them as minors.
   */
  private static final List<String[]> ADULTS = List.of(
      p("apparel", "别人看不起你的时候，穿上这件西装就有底气", ""),
      p("food", "这种散装茶叶不配当礼物，送人就选礼盒装", ""),
      p("other", "不下单的也别担心被踢出粉丝群，想看就来", ""));

  /**
   * Pack 2026-12-07.6: a child under ten who speaks, demonstrates or tastes in the stream is the
   * goods' spokesperson (广告法第三十八条第二款) however the anchor introduces them; an adult
   * speaking of a child of that age, or an age a product suits, is not.
   */
  private static final List<String[]> SPEAKERS = List.of(
      p("other", "连麦的六岁小朋友团团说，这盒磁力片他天天玩", "minors"),
      p("electronics", "八岁的乐乐给大家演示这台学习机", "minors"),
      p("food", "五岁的豆豆试吃了我们的海苔，一口一个", "minors"));
  private static final List<String[]> NOT_SPEAKERS = List.of(
      p("other", "店员小林家有个六岁的女儿，她说陪女儿拼这套拼图正合适", ""),
      p("other", "这套拼图适合六岁的孩子，大人陪着拼", ""));

  @Test
  void aChildUnderTenWhoSpeaksForTheGoods() {
    ClaimProbes.newlyReadAs("2026-12-07.5", rules, SPEAKERS);
    ClaimProbes.clears(rules, NOT_SPEAKERS);
  }

  @Test
  void anAdultsPeersAreNoChildsPeers() {
    ClaimProbes.newlyCleared("2026-12-07.2", rules, ADULTS);
  }

  @Test
  void anUnsafeActAChildEndorserAndAnExclusionAreReadWherePack20261207_1MissedThem() {
    ClaimProbes.newlyReadAs("2026-12-07.1", rules, FOUND);
  }

  @Test
  void theSameToysWithAWarningOrAGrownUpAreNoClaim() {
    ClaimProbes.clears(rules, CLEARED);
  }
}
