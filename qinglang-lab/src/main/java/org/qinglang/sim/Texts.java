package org.qinglang.sim;

/** Text pools for organic rooms: what honest viewers type and honest anchors say. */
final class Texts {
  private Texts() {}

  static final String[] GREET = {"来了来了", "主播好", "晚上好", "打卡", "第一次来", "又来啦",
      "大家好呀", "报到", "hello", "路过看看"};
  static final String[] QUESTION = {"多少钱", "有优惠券吗", "什么时候发货", "能便宜点吗", "尺码怎么选",
      "包邮吗", "保质期多久", "敏感肌能用吗", "几号链接", "还有货吗", "怎么还不上链接", "和上次的有什么区别"};
  static final String[] CHAT = {"666", "哈哈哈", "主播辛苦了", "好看", "冲冲冲", "支持", "[赞]", "[爱心]",
      "已关注", "声音好听", "抢到了", "没抢到", "手慢了", "求返场", "拍了", "等发货", "好的好的", "👍👍", "哇",
      "主播好漂亮", "这个颜色好看", "看着不错", "犹豫中", "家人们冲"};
  static final String[] CHANT = {"1", "1", "1", "11", "111", "扣1", "1111", "想要"};
  static final String[] REPEAT_BUYER = {"回购了，上次买的用完了", "第二次买了，效果真的可以", "回购！家里人都说好",
      "老粉回购，一直在用", "又来回购了，这次多囤两瓶", "上次买的很好用，再来一单"};
  static final String[] TITLES = {"秋冬上新福利专场", "源头好货直播间", "宠粉回馈夜", "产地直发专场",
      "新品首发", "年货节预热", "工厂直供", "每周三会员日"};
  static final String[] VENUES = {"studio", "studio", "studio", "store", "farm", "warehouse",
      "street"};
  static final String[] SPEECH = {"欢迎新进来的家人们，点点关注不迷路", "今天给大家带来的都是我们自己用过的",
      "家人们看一下这个质地", "有问题的家人们可以打在公屏上", "我们家都是七天无理由退换",
      "这个颜色上身特别显白", "库存不多了，喜欢的抓紧", "给大家看一下细节", "运费险都给大家安排上了",
      "我们下一款马上就来", "没抢到的家人们不要急，一会儿还有", "这款是我们的老客户回购最多的一款"};
  /** Sentences that look like violations to a naive matcher but are compliant. */
  static final String[] LOOKALIKE = {"最近天气冷了，大家注意保暖", "第一次来直播间的朋友点个关注",
      "这是今天最后一轮福利了", "每人最多限购两件", "最近好多家人问这一款", "这是我第一次直播卖这款",
      "这款是我们店里目前最轻的一款", "今天最晚十点下播", "按国家标准是一级品", "第一批到货的已经发完了"};
  /**
   * Compliant sentences an honest anchor says that share words with violations (issue 12): a
   * superlative about the anchor or the service, a usage hint, a comparison within the shop or
   * this evening's links, 之一, 治愈 in its everyday sense, a comparison price that states its
   * basis, the rules quoted or the buyer warned, true stock and no promise. Written for the
   * simulator, apart from the checker's corpora, so the gate measures false alarms on wording
   * the rules were not tuned on.
   */
  static final String[] CLAIM_TRAPS = {"我最喜欢的就是跟家人们聊天", "今天是我开播以来最激动的一天",
      "我们的初心是把服务做到最用心", "我们一直追求做到最好的品质", "这款晚上用效果最好，白天记得防晒",
      "开封以后最好放冰箱，一周内吃完", "这是我们店今年上新里最便宜的一款", "今晚这几款里这款最划算",
      "在我们自己家的几款里，这个容量最大", "这是我们直播间最受欢迎的款式之一", "这首背景音乐好治愈，很多人问歌名",
      "看到你们在公屏上聊天，整个人都被治愈了", "周末去露营是一种疗愈，大家可以带上这个折叠椅",
      "划线价是本店近30天最低成交价，今天到手再便宜二十", "日常价就是这款平时一直卖的价格，后台可以查记录",
      "广告法不让说最好、第一，我就说我自己一直在用", "保健食品不是药品，不能代替药物治疗疾病",
      "有人说喝茶能治病，那是骗人的，生病要去医院", "吃了能包治百病这种话，大家千万别信",
      "理财产品都有风险，说稳赚不赔的都不要信", "别相信那种说一个月瘦二十斤的，正常饮食加运动最靠谱",
      "这个颜色只剩十几件了，喜欢的可以看一下", "这一轮福利结束了，下一轮十点开始",
      "进口的证明材料我们都放在详情页了，报关单可以看", "我们不说别人家怎么样，只讲我们自己的面料",
      "这个面霜我自己用了一个月，用着挺舒服，但每个人皮肤不一样", "课程效果主要看自己，我们不承诺一定考过",
      "小朋友玩的时候身边要有大人陪着", "买的时候看清楚授权书，别买到假货",
      // Added for issue 12's remaining categories: a doctor or expert named without endorsing,
      // a number of days that is not an effect, special-use efficacy disclaimed, the shop's own
      // earlier price, ASR spelling, origin stated plainly, a hearsay claim rebutted, a school
      // named without being the venue, competitors not judged, heritage disclaimed, real stock.
      "身体上的问题我回答不了，还是要听医生的", "我不是专家，只能说说我自己吃着口感偏甜",
      "这瓶我用了快两个月才见底，挺耐用的", "想要美白祛斑的要找有特证的产品，我们这款就是基础保湿",
      "这次比我们上回直播便宜了一点，上回的价格大家都看到了", "zui近降温了，家人们出门注意保暖",
      "这个是国产的，就是山东的厂子做的，不是进口的", "有人说喝花茶能刮油减肥，那个别信，我们这就是普通花茶",
      "第一次来的家人可以先拍小份尝尝口味", "效果这个东西因人而异，我们不打包票",
      "我女儿学校门口的文具店也有卖这个牌子", "别家的我们不评价，各有各的好",
      "老字号这个说法我们不敢乱用，就是开了十几年的小店", "今天这批货卖完就要等下个月了，厂里排期排不过来"};
  static final String[] CHANT_CALL = {"想要的家人们扣1", "想要的扣个1让我看看", "要的打1", "扣1上链接"};
  static final String[] LINK = {"上链接！", "链接来了，三二一上链接", "小助理上链接", "上车上车，链接已经上了"};
  static final String[][] CATALOGUE = {
      {"food", "坚果礼盒", "三只松鼠"}, {"food", "手工牛肉干", ""}, {"agricultural", "高山苹果5斤", ""},
      {"agricultural", "五常大米10斤", ""}, {"cosmetics", "补水面膜10片", "自然堂"},
      {"cosmetics", "保湿面霜", "珀莱雅"}, {"apparel", "加绒卫衣", ""}, {"apparel", "羽绒服", "波司登"},
      {"electronics", "蓝牙耳机", "小米"}, {"health_food", "维生素C片", "汤臣倍健"},
      {"other", "收纳箱三件套", ""}, {"food", "螺蛳粉5袋", "好欢螺"}, {"luxury", "真皮钱包", ""}};
}
