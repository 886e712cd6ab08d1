package org.qinglang.detectors.claim;

import java.util.Map;

/**
 * Undoes the usual ways of slipping a banned word past a filter, keeping offsets back to the
 * original so the matched span can be shown:
 *
 * <ul>
 *   <li>full-width ASCII to half width, ASCII to lower case;
 *   <li>traditional to simplified for the characters our rules and their contexts use (a
 *       small table, not a full converter: a rule word whose traditional form is missing here
 *       is a blind spot, see docs/rules.md);
 *   <li>look-alikes and variants from the rule pack's {@code char_map} (蕞 for 最, ① for 1);
 *   <li>spaces, punctuation, symbols, zero-width characters and emoji between characters are
 *       dropped (最 好, 最.佳, 第-一), except sentence ends, which become a boundary;
 *   <li>a run of Latin letters that is exactly a stand-in from {@code letter_words} (zui)
 *       becomes its character.
 * </ul>
 */
final class TextNormalizer {

  /**
   * Traditional, simplified pairs. Only unambiguous one-to-one pairs: characters such as 乾 or
   * 著, whose simplified form depends on the word, are left alone.
   */
  private static final String TRAD_SIMP =
      "療疗癒愈藥药醫医壓压級级國国頂顶極极獨独無无絕绝僅仅萬万領领導导銷销選选號号腫肿髮发風风"
      + "濕湿視视脈脉調调護护養养腸肠腦脑記记憶忆齡龄減减顏颜補补腎肾豐丰證证對对復复險险傷伤專专"
      + "軍军隊队機机關关團团務务衛卫會会兩两聯联報报貝贝爾尔獎奖際际權权認认馳驰標标師师測测劑剂"
      + "賣卖億亿繞绕評评現现圖图購购網网價价歷历廠厂虧亏賠赔錢钱樓楼櫃柜場场實实體体讓让媽妈們们"
      + "給给買买學学貨货單单長长這这個个來来說说為为與与產产處处準准員员數数據据統统計计驗验滿满"
      + "總总顯显點点時时間间後后從从雙双節节紅红輪轮費费贈赠蘭兰麵面雞鸡魚鱼鈣钙質质線线環环熱热"
      + "歲岁寶宝嬰婴兒儿饋馈聽听讀读區区義义於于裡里裏里麼么沒没麗丽氣气溫温涼凉淨净膚肤皺皱緊紧"
      + "彈弹濃浓純纯營营條条臺台灣湾東东蘇苏廣广寬宽電电筆笔錶表鐘钟褲裤襪袜麥麦葉叶壺壶藝艺傳传"
      + "種种類类黃黄綠绿藍蓝鮮鲜搶抢問问題题頭头顆颗韓韩獲获榮荣譽誉議议詳详請请諮咨詢询囑嘱約约"
      + "歡欢愛爱擔担戶户確确盡尽靈灵檢检稱称範范圍围趕赶邊边還还進进遠远運运達达過过適适錯错開开"
      + "閉闭陽阳隨随雜杂離离難难雲云須须預预額额飯饭飲饮館馆馬马驚惊鬆松齊齐龍龙嗎吗啟启園园圓圆"
      + "壞坏壽寿夠够夢梦奮奋婦妇將将屬属幫帮廢废張张彆别徹彻態态慣惯應应懷怀戰战掃扫換换損损擁拥"
      + "擇择斷断舊旧術术業业樂乐樣样歸归殺杀決决況况漲涨滅灭潔洁濟济燈灯爭争狀状獻献畫画發发監监"
      + "盤盘眾众碼码禮礼穩稳簡简糧粮紀纪紙纸細细終终結结經经維维緣缘練练縣县績绩續续罰罚羅罗聖圣"
      + "聞闻職职腳脚興兴舉举華华蝦虾衝冲製制複复見见規规親亲觀观訂订設设訪访試试話话該该語语誤误"
      + "誰谁談谈論论講讲識识變变貴贵資资賽赛賺赚車车較较輕轻載载輸输農农鄉乡醬酱釋释針针鋪铺鍋锅"
      + "鏈链門门閃闪陳陈陸陆隻只雖虽頁页順顺頻频顧顾飛飞餅饼鬥斗鹽盐齒齿癥症劑剂強强優优惡恶"
      + "薦荐賴赖鑒鉴鑑鉴創创輔辅銳锐熱热藥药誠诚臨临塊块療疗溝沟";

  private static final char[] TABLE = new char[65536];

  static {
    for (int i = 0; i < TABLE.length; i++) {
      TABLE[i] = (char) i;
    }
    for (int i = 0; i + 1 < TRAD_SIMP.length(); i += 2) {
      TABLE[TRAD_SIMP.charAt(i)] = TRAD_SIMP.charAt(i + 1);
    }
  }

  private final char[] table;
  private final Map<String, String> letterWords;
  private final int longestLetterWord;

  /**
   * @param charMap look-alike and variant characters (one char to one char) from the rule pack
   * @param letterWords Latin-letter stand-ins, lower case, to their replacement
   */
  TextNormalizer(Map<String, String> charMap, Map<String, String> letterWords) {
    this.table = TABLE.clone();
    for (Map.Entry<String, String> e : charMap.entrySet()) {
      if (e.getKey().length() != 1 || e.getValue().length() != 1) {
        throw new IllegalArgumentException("char_map entries must map one character to one: "
            + e.getKey() + " -> " + e.getValue());
      }
      table[e.getKey().charAt(0)] = table[e.getValue().charAt(0)];
    }
    this.letterWords = Map.copyOf(letterWords);
    this.longestLetterWord = letterWords.keySet().stream().mapToInt(String::length).max()
        .orElse(0);
  }

  /** Normalises a rule word the same way text is normalised; offsets are not needed there. */
  String normalizeWord(String word) {
    return normalize(word).text().replace(String.valueOf(NormalizedText.BOUNDARY), "");
  }

  NormalizedText normalize(String text) {
    int n = text.length();
    char[] out = new char[n];
    int[] start = new int[n];
    int[] end = new int[n];
    int len = 0;
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      int from = i;
      i++;
      if (Character.isHighSurrogate(c)) {
        // Supplementary characters here are emoji and rare ideographs: treat as separators.
        if (i < n && Character.isLowSurrogate(text.charAt(i))) {
          i++;
        }
        continue;
      }
      char m = map(c);
      if (m == 0) {
        continue;
      }
      if (m == NormalizedText.BOUNDARY) {
        if (len == 0 || out[len - 1] == NormalizedText.BOUNDARY) {
          continue;
        }
      }
      out[len] = m;
      start[len] = from;
      end[len] = i;
      len++;
    }
    if (longestLetterWord > 0) {
      len = replaceLetterWords(out, start, end, len);
    }
    return new NormalizedText(text, out, len, start, end);
  }

  /** The normal form of one char, 0 to drop it, or the boundary for a sentence end. */
  private char map(char c) {
    if (c >= '\uFF01' && c <= '\uFF5E') {
      c = (char) (c - 0xFEE0);
    }
    if (c >= 'A' && c <= 'Z') {
      return (char) (c + 32);
    }
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '%' || c == '+') {
      return c;
    }
    switch (c) {
      case '。': case '！': case '？': case '!': case '?': case '\n':
      case '\r': case '…':
        return NormalizedText.BOUNDARY;
      default:
        break;
    }
    if (c < 0x80) {
      return 0; // ASCII punctuation, spaces and controls
    }
    char t = table[c];
    if (t != c) {
      return t;
    }
    switch (Character.getType(c)) {
      case Character.SPACE_SEPARATOR:
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.CONNECTOR_PUNCTUATION:
      case Character.DASH_PUNCTUATION:
      case Character.START_PUNCTUATION:
      case Character.END_PUNCTUATION:
      case Character.INITIAL_QUOTE_PUNCTUATION:
      case Character.FINAL_QUOTE_PUNCTUATION:
      case Character.OTHER_PUNCTUATION:
      case Character.MATH_SYMBOL:
      case Character.OTHER_SYMBOL:
      case Character.MODIFIER_SYMBOL:
      case Character.NON_SPACING_MARK:
        return 0;
      default:
        return c;
    }
  }

  private static boolean latin(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '\u00E0' && c <= '\u00FF');
  }

  private int replaceLetterWords(char[] out, int[] start, int[] end, int len) {
    int w = 0;
    int r = 0;
    while (r < len) {
      if (!latin(out[r])) {
        out[w] = out[r];
        start[w] = start[r];
        end[w] = end[r];
        w++;
        r++;
        continue;
      }
      int runEnd = r;
      while (runEnd < len && latin(out[runEnd])) {
        runEnd++;
      }
      String repl = runEnd - r <= longestLetterWord
          ? letterWords.get(new String(out, r, runEnd - r)) : null;
      if (repl != null) {
        int s0 = start[r];
        int e0 = end[runEnd - 1];
        for (int k = 0; k < repl.length(); k++) {
          out[w] = repl.charAt(k);
          start[w] = s0;
          end[w] = e0;
          w++;
        }
      } else {
        for (int k = r; k < runEnd; k++) {
          out[w] = out[k];
          start[w] = start[k];
          end[w] = end[k];
          w++;
        }
      }
      r = runEnd;
    }
    return w;
  }
}
