package org.qinglang.detectors.claim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.qinglang.detectors.claim.StockStatement.Kind;

/** What counts as a stated stock quantity, and what only looks like one. */
class StockStatementTest {

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @CsvSource({
      "就剩最后五十件了, REMAINING, 50",
      "只剩30单, REMAINING, 30",
      "库存还有二十件，喜欢的抓紧, REMAINING, 20",
      "还剩下两百套, REMAINING, 200",
      "仅剩一百五十瓶, REMAINING, 150",
      "最后一百零五盒, REMAINING, 105",
      "最后一件了家人们, REMAINING, 1",
      "只剩最后的三十袋, REMAINING, 30",
      "限量500单，拍完就没了, CAP, 500",
      "今天只放两千单, CAP, 2000",
      "一共就1.5万件, CAP, 15000",
      "又补了两百件，大家别急, RESTOCK, 200",
      "加库存500件, RESTOCK, 500",
      "再加一百单, RESTOCK, 100",
      "仓库那边加了一百单库存, RESTOCK, 100",
      "这一波就开了三百单，手慢无, CAP, 300",
  })
  void readsTheStatedQuantity(String text, Kind kind, long qty) {
    StockStatement s = StockStatement.read(text);
    assertThat(s).isNotNull();
    assertThat(s.kind()).isEqualTo(kind);
    assertThat(s.qty()).isEqualTo(qty);
    assertThat(s.variant()).isFalse();
  }

  @Test
  void asrSpacingAndFullWidthDigitsReadAsTheSpokenNumber() {
    assertThat(StockStatement.read("只 剩 最 后 五 十 件 了").qty()).isEqualTo(50);
    assertThat(StockStatement.read("就剩 ３０ 单").qty()).isEqualTo(30);
    assertThat(StockStatement.read("库存 还有 二 十 件").qty()).isEqualTo(20);
  }

  @Test
  void aVagueCountIsReadAtItsUpperEndInTheAnchorsFavour() {
    StockStatement teens = StockStatement.read("只剩十几件了");
    assertThat(teens.qty()).isEqualTo(19);
    assertThat(teens.approximate()).isTrue();
    assertThat(StockStatement.read("还剩二十多单").qty()).isEqualTo(29);
    assertThat(StockStatement.read("库存就一百多件").qty()).isEqualTo(199);
    assertThat(StockStatement.read("最后几十件").qty()).isEqualTo(99);
    assertThat(StockStatement.read("只剩几件了").qty()).isEqualTo(9);
    assertThat(StockStatement.read("就剩50多件").qty()).isEqualTo(59);
    assertThat(StockStatement.read("只剩五十件").approximate()).isFalse();
  }

  @Test
  void aRestockWithoutANumberIsReadAsAnUnknownAmount() {
    StockStatement s = StockStatement.read("家人们补货了，刚才没抢到的再拍");
    assertThat(s.kind()).isEqualTo(Kind.RESTOCK);
    assertThat(s.qty()).isEqualTo(-1);
    assertThat(StockStatement.read("后台又加了库存").kind()).isEqualTo(Kind.RESTOCK);
  }

  @Test
  void aCountOfOneColourOrSizeIsMarkedAsAVariant() {
    assertThat(StockStatement.read("这个颜色只剩十几件了，喜欢的可以看一下").variant()).isTrue();
    assertThat(StockStatement.read("黑色就剩5件").variant()).isTrue();
    assertThat(StockStatement.read("XL码还剩三件").variant()).isTrue();
    assertThat(StockStatement.read("最后十件是L码的").variant()).isTrue();
  }

  @ParameterizedTest(name = "not a stock count: {0}")
  @ValueSource(strings = {
      "最后三天活动价", // a date span
      "只剩99元了", "就剩最后59块", "最后3折", // prices
      "12月12号最后一波", "还剩最后五分钟", "还剩三个小时下播", // dates and times
      "今天最后一轮秒杀了", "这是今天最后一轮福利了", // rounds, not units
      "每个账号最多限购两件", "每人限量两件", "一个人只剩两次机会", // per-buyer limits
      "最后一件事，记得点关注", "最后一个链接了", "最后一个宝贝了", "最后两个颜色", // not goods
      "还剩多少件？", "库存不多了，喜欢的抓紧", "第一批到货的已经发完了", // no number
      "今天这批货卖完就要等下个月了",
      "我只有一个要求",
  })
  void numbersThatAreNotStockAreNotRead(String text) {
    assertThat(StockStatement.read(text)).isNull();
  }

  @Test
  void chineseNumerals() {
    assertThat(StockStatement.number("十")).isEqualTo(10);
    assertThat(StockStatement.number("两百")).isEqualTo(200);
    assertThat(StockStatement.number("一百五")).isEqualTo(150);
    assertThat(StockStatement.number("一万二")).isEqualTo(12_000);
    assertThat(StockStatement.number("三千零八")).isEqualTo(3_008);
    assertThat(StockStatement.number("5千")).isEqualTo(5_000);
    assertThat(StockStatement.number("五五")).isNull();
  }
}
