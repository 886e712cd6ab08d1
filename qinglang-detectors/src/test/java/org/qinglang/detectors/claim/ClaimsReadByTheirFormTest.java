package org.qinglang.detectors.claim;

import static org.qinglang.detectors.claim.ClaimProbes.p;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pack 2026-12-06.9, read from what v39 (scored, now development material) and every writer
 * before it missed: claims named by their form instead of from a list of one writer's words.
 * A disease is named by how Chinese builds disease names (…炎, …癌, …癣, …瘫, …瘟, 水肿, 息肉,
 * 外翻, 滑脱, 骨裂, 衰竭, 病变, 病毒, 杆菌), and is claimed cured by an outcome after it (能好,
 * 恢复, 逆转, 萎缩, 清掉, 长好, 回原位) or a verb before it (能治, 矫正, 专杀). A child is pressed
 * by who pays (喊妈妈付款), whose money (外公的银行卡密码) and
 * whose approval (老师就不喜欢你, 比同桌笨). A reference price is any "…价" the seller sets
 * (上市价, 同行价, 专家定价) and a limit any quantity made or let in (只印了九十九个), both still
 * only with the contradiction in the same sentence. The sentences are our own wording.
 */
class ClaimsReadByTheirFormTest {

  private final ClaimChecker rules = new ClaimChecker(RulePack.standard());

  private static final List<String[]> FOUND = List.of(
      p("food", "这款姜枣茶天天喝，滑膜炎都能好", "medical_efficacy"),
      p("other", "这个猫砂换上以后，猫咪的尿道炎好利索了", "medical_efficacy"),
      p("apparel", "这双鞋垫能矫正大脚趾外翻", "medical_efficacy"),
      p("food", "这款蒜蓉酱吃了，幽门螺杆菌一周就清掉", "medical_efficacy"),
      p("medical_device", "这条护腰带戴一个月，腰椎滑脱能复位", "medical_efficacy"),
      p("drug", "这盒膏药贴半个月，面瘫能恢复", "medical_efficacy"),
      p("other", "宝贝们，去喊妈妈过来帮你付款", "minors"),
      p("other", "小朋友，外公的银行卡密码你记得的话，自己就能买", "minors"),
      p("other", "不买这个书包的小朋友，老师就不喜欢你", "minors"),
      p("food", "五岁的小米来给大家推荐这款酸奶", "minors"),
      p("electronics", "电饭煲上市价一千二，今天三百——上市价是我们拍脑袋定的", "fictitious_price"),
      p("cosmetics", "这款香皂只做了五百块——工厂那边其实天天在做", "false_scarcity"),
      p("food", "这是最后三箱了——仓库里满着呢", "false_scarcity"));

  /** Lawful sentences with the same forms: a clinic, a recovery period, a denial, crop pests. */
  private static final List<String[]> CLEARED = List.of(
      p("other", "颈椎不舒服的，先去医院康复科看看，再决定用不用这个枕头", ""),
      p("other", "骨折恢复期的老人，用这个助行器要有人陪着", ""),
      p("electronics", "这台净水器不会让肾结石消失，它就是把水过滤干净", ""),
      p("agricultural", "今年果园病虫害少，苹果个头都大", ""),
      p("food", "最后三箱了，已经卖出三百单，谢谢大家", ""),
      p("other", "小朋友要买东西，先问问爸爸妈妈哦", ""),
      p("food", "会员价就是今天的价，我们不搞先涨后降", ""));

  /** Pack 2026-12-06.8 missed each of them: the change is the pack's, not the wording's. */
  @Test
  void aClaimNamedByItsFormIsFoundWhereTheKeptPackMissedIt() {
    ClaimProbes.newlyReadAs("2026-12-06.8", rules, FOUND);
  }

  @Test
  void theSameFormsInLawfulSentencesAreNoClaim() {
    ClaimProbes.clears(rules, CLEARED);
  }
}
