package org.qinglang.detectors.claim;

import static org.qinglang.detectors.claim.ClaimProbes.expect;
import static org.qinglang.detectors.claim.ClaimProbes.p;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A competitor need not be named to be disparaged (广告法第十三条; 反不正当竞争法第十二条): an anchor
 * who says "the other workshop in our town" or "the brand whose ads star a comedian" points at
 * one business as surely as a name would, and viewers know which. Before pack 2026-12-05.3 the
 * rule knew masked names (某X, X家) and a list of stock phrases; a competitor described by where it
 * is or what it does, with a defamatory fact the list lacked (含铅, 漏电, 临时工), went unread. A
 * warning about a kind of goods, with no one pointed at, stays lawful. Our own wording.
 */
class DescribedCompetitorTest {

  @Test
  void aDescribedCompetitorWithADefamatoryFact() {
    expect(List.of(
        p("cosmetics", "楼下商场一楼那个卖口红的牌子，膏体含铅，别往嘴上抹", "disparagement"),
        p("electronics", "另一家卖暖手宝的直播间，他们的货漏电，小心点", "disparagement"),
        p("education", "开在我们对面那家钢琴培训机构，老师全是临时工", "disparagement"),
        p("food", "同一条街上另外一家卖坚果的，核桃有哈喇味，是坏的", "disparagement")));
  }

  @Test
  void aWarningAboutAKindOfGoodsNamesNoOne() {
    expect(List.of(
        p("cosmetics", "有些口红颜色特别艳，大家擦亮眼睛，看看成分表", ""),
        p("electronics", "冬天用暖手宝，充电的时候别捂在被子里", ""),
        p("food", "核桃放久了会有哈喇味，买回来要密封冷藏", "")));
  }
}
