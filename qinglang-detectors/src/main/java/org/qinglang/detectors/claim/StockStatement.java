package org.qinglang.detectors.claim;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A quantity of goods the anchor states in one sentence: how many units are left (只剩最后五十件,
 * 库存还有二十件), the cap of the offer (限量500单), or a restock (又补了两百件, 加库存). It is read so that
 * {@link FalseClaimDetector} can hold the count against the orders that follow; the sentence
 * alone cannot tell a true remainder from 饥饿营销.
 *
 * <p>Read conservatively: a number counts only when a goods unit (件, 单, 瓶…) follows it, so 最后三天,
 * 只剩99元, 最后一轮 and 12月12号 are not counts; a per-buyer limit (每人限量两件, 限购) is not a stock
 * cap; a count of a colour or size (这个颜色只剩十几件) is marked {@link #variant()}, because an
 * order names a sku, not its colour, and the orders therefore cannot contradict it. A vague
 * count is read at its upper end (十几 as 19, 二十多 as 29, 几十 as 99): what the anchor said is
 * checked in the reading most favourable to the anchor.
 *
 * @param kind what the number states
 * @param qty the number of units; -1 for a restock whose amount was not said (补货了)
 * @param approximate the sentence gave a range (十几, 多, 余, 几), {@code qty} is its upper end
 * @param variant the count is of a colour, size or flavour, not of the whole sku
 * @param matched the words read, after ASR spaces were removed
 */
public record StockStatement(Kind kind, long qty, boolean approximate, boolean variant,
    String matched) {

  /** What a stated number means for the stock of the sku. */
  public enum Kind {
    /** 只剩、就剩、还剩、仅剩、最后、库存: units still on sale from this moment. */
    REMAINING,
    /** 限量、只放、就放: the whole offer is capped; as a bound on what can sell, like REMAINING. */
    CAP,
    /** 又补了、加库存、再加: more units than were said to be left. */
    RESTOCK
  }

  private static final String NUM =
      "(?:[0-9]+(?:\\.[0-9]+)?[万千百]?|[零〇一二两三四五六七八九十百千万几]+)(?:多|余|来)?";
  /** Units of goods. Not 款 (styles), 个颜色, 天, 元, 块, 折, 轮, 波, 批, 号. */
  private static final String UNIT = "(?:件|单|份|套|瓶|盒|袋|箱|罐|包|支|台|双|条|只|提|桶|组|斤|个|张|片|把)";
  /** After the unit, words that make it a measure of something other than stock. */
  private static final Pattern NOT_GOODS_AFTER =
      Pattern.compile("^(?:事|链接|颜色|色|码|尺码|款|宝贝|产品|环节|小时|人|月|消息|评论|福利|问题|要求|价|名额给)");

  private static final Pattern RESTOCK = Pattern.compile(
      "(?:又补了|补了|又补|补货|补上了|补库存|加库存|加了库存|又加了|再加|又加|追加|加补|又到了|又上了|又放了|再放)"
          + "[了的货库存新]{0,3}(" + NUM + ")(" + UNIT + ")");
  /** 加了一百单库存: the amount before the word 库存. */
  private static final Pattern RESTOCK_BEFORE = Pattern.compile(
      "(?:加了|补了|又加了|又补了|多加了)(" + NUM + ")(" + UNIT + ")的?库存");
  private static final Pattern RESTOCK_UNSAID = Pattern.compile(
      "(?:又补货|补货了|补了货|补了一批|又补了一批|加库存了|加了库存|补库存了|库存加了|又到了一批|又上了一批|又有货了)");
  private static final Pattern REMAINING = Pattern.compile(
      "(只剩下?|就剩下?|还剩下?|仅剩下?|剩下|最后|库存(?:还有|只有|就|仅|只|还剩|剩)?)"
          + "([^0-9零〇一二两三四五六七八九十百千万几，。！？,.!?;；]{0,4}?)(" + NUM + ")(" + UNIT + ")");
  private static final Pattern CAP = Pattern.compile(
      "(限量|限售|只放|就放|仅放|只上|就上|只开|只开了|就开了|一共就|总共就|一共只有|总共只有)"
          + "([^0-9零〇一二两三四五六七八九十百千万几，。！？,.!?;；]{0,3}?)(" + NUM + ")(" + UNIT + ")");
  private static final Pattern PER_BUYER = Pattern.compile("(?:每人|每个人|一个人|每位|每个账号|每个id|一人|每单|每户|限购)");
  private static final Pattern VARIANT = Pattern.compile(
      "(?:颜色|色号|尺码|码数|码的|[0-9a-z]{1,3}码|[黑白红蓝灰粉绿紫黄棕咖米杏青橙]色|口味|味的|规格|这个码|大码|小码)");

  /** The stated quantity of the sentence, or null when it states none. */
  public static StockStatement read(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    String t = compact(text);
    Matcher m = RESTOCK.matcher(t);
    if (m.find()) {
      Long n = number(m.group(1));
      if (n != null && n > 0 && goodsAfter(t, m.end())) {
        return new StockStatement(Kind.RESTOCK, n, vague(m.group(1)), variant(t, m.start()),
            m.group());
      }
    }
    Matcher b = RESTOCK_BEFORE.matcher(t);
    if (b.find()) {
      Long n = number(b.group(1));
      if (n != null && n > 0) {
        return new StockStatement(Kind.RESTOCK, n, vague(b.group(1)), variant(t, b.start()),
            b.group());
      }
    }
    Matcher u = RESTOCK_UNSAID.matcher(t);
    if (u.find()) {
      return new StockStatement(Kind.RESTOCK, -1, true, false, u.group());
    }
    StockStatement s = count(t, CAP, Kind.CAP);
    return s != null ? s : count(t, REMAINING, Kind.REMAINING);
  }

  private static StockStatement count(String t, Pattern p, Kind kind) {
    Matcher m = p.matcher(t);
    while (m.find()) {
      Long n = number(m.group(3));
      if (n == null || n <= 0 || !goodsAfter(t, m.end())) {
        continue;
      }
      // 每人限量两件 and 最后每人只有两件 limit a buyer, not the stock.
      int from = Math.max(0, m.start() - 6);
      if (PER_BUYER.matcher(t.substring(from, m.start(3))).find()) {
        continue;
      }
      return new StockStatement(kind, n, vague(m.group(3)), variant(t, m.start()), m.group());
    }
    return null;
  }

  private static boolean goodsAfter(String t, int end) {
    return !NOT_GOODS_AFTER.matcher(t.substring(end)).find();
  }

  private static boolean variant(String t, int at) {
    // The colour or size is named before the count (这个颜色只剩, 黑色就剩, S码还剩) or right
    // after it (最后十件是L码的).
    return VARIANT.matcher(t.substring(0, at)).find()
        || VARIANT.matcher(t.substring(at, Math.min(t.length(), at + 16))).find();
  }

  private static boolean vague(String num) {
    return num.contains("几") || num.endsWith("多") || num.endsWith("余") || num.endsWith("来");
  }

  /**
   * ASR writes what it hears: spaces between characters (只 剩 五 十 件), full-width digits, Latin
   * letters in either case. Removes spaces and folds widths so the patterns see one form.
   */
  static String compact(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || c == '\u3000') {
        continue;
      }
      if (c >= '\uFF01' && c <= '\uFF5E') {
        c = (char) (c - 0xFEE0);
      }
      b.append(Character.toLowerCase(c));
    }
    return b.toString();
  }

  /**
   * The number a numeral names, at its upper end when vague; null when it is not one. Arabic
   * (50, 1.5万), Chinese (五十, 两百, 一百五, 一万二) and mixed (5千).
   */
  static Long number(String numeral) {
    String s = numeral;
    boolean more = false;
    if (s.endsWith("多") || s.endsWith("余") || s.endsWith("来")) {
      more = true;
      s = s.substring(0, s.length() - 1);
    }
    if (s.isEmpty()) {
      return null;
    }
    long value;
    long lowestPlace;
    if (Character.isDigit(s.charAt(0))) {
      int i = 0;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      double d;
      try {
        d = Double.parseDouble(s.substring(0, i));
      } catch (NumberFormatException e) {
        return null;
      }
      long mult = i < s.length() ? multiplier(s.charAt(i)) : 1;
      value = Math.round(d * mult);
      lowestPlace = mult > 1 ? mult : lowestNonZeroPlace(value);
    } else {
      long[] parsed = chinese(s);
      if (parsed == null) {
        return null;
      }
      value = parsed[0];
      lowestPlace = parsed[1];
    }
    if (more) {
      // 二十多: more than 20, under 30; 一百多: under 200.
      value += lowestPlace - 1;
    }
    return value;
  }

  private static long lowestNonZeroPlace(long v) {
    long place = 1;
    while (v > 0 && v % (place * 10) == 0) {
      place *= 10;
    }
    return place;
  }

  private static long multiplier(char c) {
    return switch (c) {
      case '十' -> 10;
      case '百' -> 100;
      case '千' -> 1_000;
      case '万' -> 10_000;
      default -> 1;
    };
  }

  private static int digit(char c) {
    return switch (c) {
      case '零', '〇' -> 0;
      case '一' -> 1;
      case '二', '两' -> 2;
      case '三' -> 3;
      case '四' -> 4;
      case '五' -> 5;
      case '六' -> 6;
      case '七' -> 7;
      case '八' -> 8;
      case '九', '几' -> 9; // 几 at its upper end
      default -> -1;
    };
  }

  /**
   * {value, lowest place named}. 一百五 is 150 (the spoken short form of 一百五十), 几十 is 99 (几 is
   * any digit: its upper end, and the places below it unsaid).
   */
  private static long[] chinese(String s) {
    long total = 0;
    long section = 0;
    long pendingDigit = -1;
    long lastMult = 1;
    boolean fuzzyTail = false;
    boolean zeroAfterMult = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int d = digit(c);
      if (d >= 0) {
        if (pendingDigit >= 0 && pendingDigit != 0) {
          return null; // 五五: not a numeral we read
        }
        if (d == 0) {
          zeroAfterMult = true; // 一百零五: the digit after 零 is a unit
        }
        pendingDigit = d;
        fuzzyTail = c == '几';
        continue;
      }
      long mult = multiplier(c);
      if (mult == 1) {
        return null;
      }
      if (mult == 10_000) {
        section += Math.max(0, pendingDigit);
        total += (section == 0 ? 1 : section) * 10_000;
        section = 0;
      } else {
        long dg = pendingDigit < 0 ? 1 : pendingDigit; // 十 is 一十
        section += dg * mult;
      }
      lastMult = mult;
      pendingDigit = -1;
      zeroAfterMult = false;
    }
    long lowest = lastMult;
    if (pendingDigit >= 0) {
      if (lastMult >= 100 && pendingDigit > 0 && !zeroAfterMult && s.length() >= 3) {
        // 一百五, 两千三: the trailing digit is of the next place down.
        section += pendingDigit * (lastMult / 10);
        lowest = lastMult / 10;
      } else {
        section += pendingDigit;
        lowest = 1;
      }
    } else if (fuzzyTail) {
      lowest = 1;
    }
    long value = total + section;
    if (s.indexOf('几') >= 0 && pendingDigit < 0) {
      // 几十, 几百: every place below the last one named is unsaid too.
      value += lastMult - 1;
      lowest = 1;
    }
    return value > 0 ? new long[] {value, lowest} : null;
  }
}
