package org.qinglang.detectors.claim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.qinglang.alert.Severity;

/**
 * One rule of the pack, as read from {@code qinglang/rules/claims.json}. Everything that a
 * lawyer or a regulator's guidance decides (words, exemptions, categories, basis) is in the
 * data; this class only holds it.
 */
public final class ClaimRule {

  /** A context test on the sentence around a match: every {@code all} set present (before
   * the match when {@code before}, after it when {@code after}), every {@code allBefore} set
   * present before it whatever those flags say (who is quoted comes before what they said, the
   * warning may come after), no {@code none} set present (in the match's own clause only when
   * {@code noneInClause}: 本店最轻的，也是全网最保暖的 compares two different things). {@code
   * exemption} indexes the pack's exemptions (-1 for a requirement). {@code followedBy}, when
   * set, must match the text that starts right where the match ends, within its clause: what
   * 最 modifies decides whether it compares the goods (最好用的) or states their own limit or
   * a hint (最长保存十二个月、最适合秋天穿), and a marker anywhere after it cannot tell the two
   * apart (这是最好的面霜，适合所有肤质). */
  /**
   * {@code followedBy}: a regex that must match right after the match, in its clause;
   * {@code precededBy}: one that must end right before it, in its clause (or its sentence when
   * {@code precededInSentence}), e.g. the subject of the clause (售后…做到最好).
   * {@code answeredBy}: when the match's sentence is a question (it ends in ？ or ?), a regex
   * that must match at the start of the next sentence, the answer: 这是全网最低价吗？不敢说 asks
   * and denies, 这是全网最好的面霜吗？当然是！ asks and asserts.
   * {@code any}: at least one of these sets present where {@code all} is looked for (a child or a
   * toy named), so that a union of two sets need not be kept as a third list.
   */
  record Condition(int[] all, int[] any, int[] allBefore, int[] none, boolean before,
      boolean after,
      boolean noneInClause, Pattern followedBy, Pattern precededBy, boolean precededInSentence,
      Pattern answeredBy, int exemption) {}

  /**
   * Exemptions of the rule that do not clear a match when a marker of {@code set} is in the
   * match's sentence.
   */
  record Voiding(int set, int[] exemptions) {}

  /**
   * A regular expression run on the normalised text once one of its trigger words occurs. With
   * {@code minRatio} above 0 a match counts only when the numeral captured as {@code was} is at
   * least that many times the one captured as {@code now}: a regex cannot compare numbers, and
   * "原价两万四，今天两千四" differs from "原价两百四，今天两百" only in their ratio. With
   * {@code stated}, the numeral captured as {@code stated}, the price the sentence says the goods
   * really sold at, must also be at most 5% above {@code now}: "原价一百九十九，今天九十九，平时
   * 就卖九十九" says the compared price was never charged, and "…平时就卖一百九十九" gives its
   * basis; only the numbers tell them apart. {@code tail}, when not null, is the regex's own
   * last part (a fragment such as {@code {{undenied}}({{taken_back}})} after everything else, at
   * the top level): the regex has no match in a text where the tail has none. With {@code
   * places} the regex reads the text with its places marked ({@link PlaceRegistry#mark}) and a
   * match counts only when the places captured as {@code claimed} and {@code actual} lie apart.
   */
  record RegexPattern(List<String> triggers, Pattern pattern, double minRatio, boolean stated,
      Pattern tail, boolean places) {

    /** Whether the match {@code m} of this pattern stands; unreadable numerals do not. */
    boolean holds(Matcher m) {
      if (minRatio <= 0) {
        return true;
      }
      Long was = StockStatement.number(m.group("was"));
      Long now = StockStatement.number(m.group("now"));
      if (was == null || now == null || now <= 0 || was < minRatio * now) {
        return false;
      }
      if (!stated) {
        return true;
      }
      Long sold = StockStatement.number(m.group("stated"));
      return sold != null && sold > 0 && sold * 20 <= now * 21;
    }
  }

  final int index;
  final String id;
  final String family;
  final String title;
  final Severity severity;
  final Set<String> categories;
  final Set<String> exceptCategories;
  final List<String> patterns;
  final List<String> exemptPhrases;
  /** Per exempt phrase, the index of the pack exemption it stands for. */
  final int[] exemptPhraseExemption;
  /** Whether the pack's global exemptions (quotations of the rules, warnings) apply. */
  final boolean global;
  /** Every exemption this rule weighs, in the order it weighs them. */
  final List<Exemption> considered;
  final List<RegexPattern> regexes;
  final List<Condition> exemptIf;
  final List<Condition> require;
  final boolean negation;
  final Set<String> suppresses;
  final int extendAfter;
  final String rewrite;
  final String basis;
  final Map<String, String> basisByCategory;
  final List<String> also;
  final Map<String, List<String>> alsoByCategory;
  final String exemptionNote;
  /** On trial: raises shadow findings only, until promoted (see docs/rules.md). */
  final boolean shadow;
  final List<Voiding> voidings;
  /** The rule whose matching this one reads the text with (pack field matches_as), or null. */
  final String matchesAs;
  /**
   * Whether a learned finding of this rule's family is filed under it in its categories where
   * the rule the model borrows does not apply (pack field files_learned): set only where the
   * family's claims are unlawful in the category whatever the registration says, which the model
   * cannot read (health food's cures, not a drug's indication).
   */
  final boolean filesLearned;

  ClaimRule(int index, String id, String family, String title, Severity severity,
      Set<String> categories, Set<String> exceptCategories, List<String> patterns,
      List<String> exemptPhrases, int[] exemptPhraseExemption, boolean global,
      List<Exemption> considered, List<RegexPattern> regexes, List<Condition> exemptIf,
      List<Condition> require, boolean negation, Set<String> suppresses, int extendAfter,
      String rewrite, String basis, Map<String, String> basisByCategory, List<String> also,
      Map<String, List<String>> alsoByCategory, String exemptionNote, boolean shadow,
      List<Voiding> voidings, String matchesAs, boolean filesLearned) {
    this.index = index;
    this.id = id;
    this.family = family;
    this.title = title;
    this.severity = severity;
    this.categories = categories;
    this.exceptCategories = exceptCategories;
    this.patterns = patterns;
    this.exemptPhrases = exemptPhrases;
    this.exemptPhraseExemption = exemptPhraseExemption;
    this.global = global;
    this.considered = List.copyOf(considered);
    this.regexes = regexes;
    this.exemptIf = exemptIf;
    this.require = require;
    this.negation = negation;
    this.suppresses = suppresses;
    this.extendAfter = extendAfter;
    this.rewrite = rewrite;
    this.basis = basis;
    this.basisByCategory = basisByCategory;
    this.also = also;
    this.alsoByCategory = alsoByCategory;
    this.exemptionNote = exemptionNote;
    this.shadow = shadow;
    this.voidings = List.copyOf(voidings);
    this.matchesAs = matchesAs;
    this.filesLearned = filesLearned;
  }

  public boolean shadow() {
    return shadow;
  }

  public String id() {
    return id;
  }

  public String family() {
    return family;
  }

  public String title() {
    return title;
  }

  public Severity severity() {
    return severity;
  }

  public String rewrite() {
    return rewrite;
  }

  public String exemptionNote() {
    return exemptionNote;
  }

  public List<Exemption> considered() {
    return considered;
  }

  /** Normalised pattern words (for docs and tools). */
  public List<String> patterns() {
    return patterns;
  }

  /** Whether the rule applies to goods of {@code category} ("unknown" when not known). */
  public boolean appliesTo(String category) {
    if (exceptCategories.contains(category)) {
      return false;
    }
    return categories.contains("*") || categories.contains(category);
  }

  /** The basis key for {@code category}: a category entry, else the "*" entry, else basis. */
  String basisFor(String category) {
    String b = basisByCategory.get(category);
    if (b == null) {
      b = basisByCategory.get("*");
    }
    return b != null ? b : basis;
  }

  List<String> alsoFor(String category) {
    List<String> extra = alsoByCategory.get(category);
    if (extra == null) {
      return also;
    }
    List<String> all = new ArrayList<>(also);
    all.addAll(extra);
    return all;
  }
}
