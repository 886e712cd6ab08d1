package org.qinglang.detectors.claim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks marketing text against the rule pack: text and product category in, findings (span,
 * rule, basis, rewrite, severity) out. Plain Java, immutable after construction and safe to
 * share between threads.
 *
 * <p>One pass of one automaton finds every pattern, exemption phrase, context marker and regex
 * trigger of every rule; the rules' conditions are then evaluated only around the few hits a
 * sentence has. That keeps the cost per sentence roughly independent of the number of rules.
 */
public final class ClaimChecker {

  private static final int PATTERN = 0;
  private static final int EXEMPT = 1;
  private static final int MARKER = 2;
  private static final int TRIGGER = 3;
  private static final int MARKER_TRIGGER = 4;
  private static final int REQUIRE = 5;

  private static volatile ClaimChecker standard;

  private final RulePack pack;
  private final ClaimRule[] rules;
  private final AhoCorasick automaton;
  /** Per keyword: triples (type, a, b). */
  private final int[][] payloads;
  private final int yearMarker;
  private final int regexCount;
  private final int[] regexBase;
  /** Per pack regex, the index of its rule: a sentence's triggered regexes are few of many. */
  private final int[] ruleOfRegex;
  /**
   * Per pack regex, what its matches must look like (read from its text, {@link
   * RegexPrefilter}): where a match can begin, and literals it must contain.
   */
  private final RegexPrefilter[] prefilters;
  /**
   * Per pack regex, one bit per set of literals of which every match contains one: the same
   * pass of the automaton that finds the triggers sees them, and a triggered regex runs only
   * when every bit is seen. Zero: nothing required.
   */
  private final int[] requiredBits;
  private final boolean anyRequired;
  /**
   * Per condition regex (followed_by, preceded_by, answered_by), what its matches must look
   * like: a condition whose regex cannot begin (end) at the claim's end (start) fails without
   * running it.
   */
  private final java.util.IdentityHashMap<Pattern, RegexPrefilter> conditionFacts =
      new java.util.IdentityHashMap<>();
  /** suppressedBy[r][s]: a match of rule s takes the span from an overlapping match of r. */
  private final boolean[][] suppressedBy;
  /** Per category, which rules apply: computed once, not per sentence. */
  private final Map<String, boolean[]> appliesByCategory = new java.util.HashMap<>();
  /** Per category, per model family: the rule its learned findings are filed under, or null. */
  private final Map<String, ClaimRule[]> lendersByCategory = new java.util.HashMap<>();
  /**
   * Per category, which rules may match: those that apply, less the shadow rules unless this
   * checker runs them as if promoted. A shadow rule left out here never reaches a verdict,
   * a suppression or a merge, so the live findings are what they would be without it.
   */
  private final Map<String, boolean[]> firesByCategory = new java.util.HashMap<>();
  private final boolean shadowLive;
  /**
   * Per pack regex, the nanoseconds spent matching it and the texts it ran on: only in a
   * checker made by {@link #timed}, used by one thread, for {@code qinglang rules cost}.
   */
  private final long[] regexNanos;
  private final long[] regexRuns;
  /**
   * The distinct tails of the pack regexes ({@link ClaimRule.RegexPattern#tail}) whose first
   * chars are known, and per regex the index of its tail or -1. A tail is looked for once per
   * text, at the positions where it can begin; where it is absent, every regex ending with it is
   * skipped. The regexes that claim something and then take it back within forty characters try
   * the long {@code taken_back} alternation at every position after each claim, while the words
   * of taking back are rare: such a regex was the costliest of the pack (docs/PERFORMANCE.md).
   */
  private final Pattern[] tails;
  private final RegexPrefilter[] tailFacts;
  private final int[] tailOf;
  /** The negation prefixes by first char (one overlapping a claim's start) and by last char. */
  private final WordsByChar negationByFirst;
  private final WordsByChar negationByLast;
  private final int negationLongest;
  /** Null when the rules work alone. */
  private final ClaimModel model;
  /** Per rule: its family's index in the model, or -1. */
  private final int[] modelFamily;
  /**
   * Per rule that reads the text as another (matches_as): the model family of that other rule,
   * else -1. Writers file the same claim under either family (a cure claimed for a cosmetic),
   * so the model may put its weight on either, and a hit is a look-alike only when the model
   * thinks it belongs to neither.
   */
  private final int[] modelFamilyAlso;
  /** Per model family: the rule a learned finding takes its basis and rewrite from. */
  private final ClaimRule[] borrowed;
  /**
   * Per model family, what a learned finding weighs before it is raised: negation, the
   * family's learned_exempt_if and the global exemptions (conditions and their exemptions).
   */
  private final List<List<Exemption>> learnedConsidered;
  private final List<List<ClaimRule.Condition>> learnedConditions;

  /** The rules alone. */
  public ClaimChecker(RulePack pack) {
    this(pack, null);
  }

  /**
   * The rules with the learned model's veto and additions ({@code model} may be null). Shadow
   * rules are left out: these are the live findings.
   */
  public ClaimChecker(RulePack pack, ClaimModel model) {
    this(pack, model, false);
  }

  /**
   * The checker the pack would become if every shadow rule were promoted: for the shadow
   * findings of {@code false_claim} and for {@code rules diff}, never for live alerts.
   */
  public static ClaimChecker promoted(RulePack pack, ClaimModel model) {
    return new ClaimChecker(pack, model, true);
  }

  /**
   * A checker that also times each pack regex it runs ({@link #regexCost}): the same findings,
   * for one thread only.
   */
  public static ClaimChecker timed(RulePack pack, ClaimModel model) {
    return new ClaimChecker(pack, model, false, true);
  }

  private ClaimChecker(RulePack pack, ClaimModel model, boolean shadowLive) {
    this(pack, model, shadowLive, false);
  }

  private ClaimChecker(RulePack pack, ClaimModel model, boolean shadowLive, boolean timed) {
    this.pack = pack;
    this.shadowLive = shadowLive;
    this.model = model;
    this.rules = pack.rules.toArray(new ClaimRule[0]);
    Map<String, List<int[]>> byWord = new LinkedHashMap<>();
    int base = 0;
    regexBase = new int[rules.length];
    for (ClaimRule r : rules) {
      for (String p : r.patterns) {
        byWord.computeIfAbsent(p, k -> new ArrayList<>()).add(new int[] {PATTERN, r.index, 0});
      }
      for (int i = 0; i < r.exemptPhrases.size(); i++) {
        byWord.computeIfAbsent(r.exemptPhrases.get(i), k -> new ArrayList<>())
            .add(new int[] {EXEMPT, r.index, r.exemptPhraseExemption[i]});
      }
      regexBase[r.index] = base;
      for (int i = 0; i < r.regexes.size(); i++) {
        for (String t : r.regexes.get(i).triggers()) {
          byWord.computeIfAbsent(t, k -> new ArrayList<>())
              .add(new int[] {TRIGGER, r.index, base + i});
        }
      }
      base += r.regexes.size();
    }
    regexCount = base;
    ruleOfRegex = new int[regexCount];
    for (ClaimRule r : rules) {
      Arrays.fill(ruleOfRegex, regexBase[r.index], regexBase[r.index] + r.regexes.size(), r.index);
    }
    regexNanos = timed ? new long[regexCount] : null;
    regexRuns = timed ? new long[regexCount] : null;
    prefilters = new RegexPrefilter[regexCount];
    requiredBits = new int[regexCount];
    RegexPrefilter.Reader reader = new RegexPrefilter.Reader();
    List<ClaimRule.Condition> conditions = new ArrayList<>(pack.globalExemptIf);
    pack.learnedExemptIf.values().forEach(conditions::addAll);
    for (ClaimRule r : rules) {
      for (int i = 0; i < r.regexes.size(); i++) {
        // A regex on places reads marked text, so what it requires of the plain text is unknown.
        ClaimRule.RegexPattern x = r.regexes.get(i);
        prefilters[regexBase[r.index] + i] = x.places() ? RegexPrefilter.NONE
            : reader.read(x.pattern());
      }
      conditions.addAll(r.exemptIf);
      conditions.addAll(r.require);
    }
    tailOf = new int[regexCount];
    java.util.IdentityHashMap<Pattern, Integer> tailIndex = new java.util.IdentityHashMap<>();
    List<RegexPrefilter> facts = new ArrayList<>();
    for (ClaimRule r : rules) {
      for (int i = 0; i < r.regexes.size(); i++) {
        int k = regexBase[r.index] + i;
        Pattern t = r.regexes.get(i).tail();
        tailOf[k] = -1;
        if (t == null) {
          continue;
        }
        Integer at = tailIndex.get(t);
        if (at == null) {
          RegexPrefilter f = reader.read(t);
          // A tail whose first chars are unknown may match empty, anywhere: no test.
          at = f.knowsStarts() ? facts.size() : -1;
          if (at >= 0) {
            facts.add(f);
          }
          tailIndex.put(t, at);
        }
        tailOf[k] = at;
      }
    }
    tails = new Pattern[facts.size()];
    tailIndex.forEach((t, at) -> {
      if (at >= 0) {
        tails[at] = t;
      }
    });
    tailFacts = facts.toArray(new RegexPrefilter[0]);
    for (ClaimRule.Condition c : conditions) {
      for (Pattern p : new Pattern[] {c.followedBy(), c.precededBy(), c.answeredBy()}) {
        if (p != null && !conditionFacts.containsKey(p)) {
          conditionFacts.put(p, reader.read(p));
        }
      }
    }
    int year = -1;
    for (int m = 0; m < pack.markerNames.size(); m++) {
      for (String w : pack.markerWords.get(m)) {
        if (w.equals(RulePack.YEAR)) {
          year = m; // one built-in year marker is enough: it is evaluated by scanning digits
          continue;
        }
        byWord.computeIfAbsent(w, k -> new ArrayList<>()).add(new int[] {MARKER, m, 0});
      }
    }
    this.yearMarker = year;
    for (int i = 0; i < pack.markerRegexes.size(); i++) {
      for (String t : pack.markerRegexes.get(i).triggers()) {
        byWord.computeIfAbsent(t, k -> new ArrayList<>()).add(new int[] {MARKER_TRIGGER, i, 0});
      }
    }
    // After every other word, so that the words and payloads above keep their order.
    boolean required = false;
    for (ClaimRule r : rules) {
      for (int i = 0; i < r.regexes.size(); i++) {
        int k = regexBase[r.index] + i;
        List<Set<String>> sets = prefilters[k].required();
        for (int b = 0; b < sets.size(); b++) {
          if (impliedByEvery(r.regexes.get(i).triggers(), sets.get(b))) {
            continue; // seen whenever the regex is triggered at all
          }
          for (String w : sets.get(b)) {
            byWord.computeIfAbsent(w, x -> new ArrayList<>())
                .add(new int[] {REQUIRE, k, 1 << b});
          }
          requiredBits[k] |= 1 << b;
          required = true;
        }
      }
    }
    this.anyRequired = required;
    List<String> words = new ArrayList<>(byWord.keySet());
    this.automaton = new AhoCorasick(words);
    this.payloads = new int[words.size()][];
    for (int i = 0; i < words.size(); i++) {
      List<int[]> ps = byWord.get(words.get(i));
      int[] flat = new int[ps.size() * 3];
      for (int j = 0; j < ps.size(); j++) {
        System.arraycopy(ps.get(j), 0, flat, j * 3, 3);
      }
      payloads[i] = flat;
    }
    boolean anyShadow = false;
    for (ClaimRule r : rules) {
      anyShadow |= r.shadow;
    }
    for (String cat : RulePack.CATEGORIES) {
      boolean[] a = new boolean[rules.length];
      for (ClaimRule r : rules) {
        a[r.index] = r.appliesTo(cat);
      }
      appliesByCategory.put(cat, a);
      if (shadowLive || !anyShadow) {
        firesByCategory.put(cat, a);
      } else {
        boolean[] f = a.clone();
        for (ClaimRule r : rules) {
          f[r.index] &= !r.shadow;
        }
        firesByCategory.put(cat, f);
      }
    }
    modelFamily = new int[rules.length];
    Arrays.fill(modelFamily, -1);
    modelFamilyAlso = new int[rules.length];
    Arrays.fill(modelFamilyAlso, -1);
    if (model != null) {
      borrowed = new ClaimRule[model.families.length];
      for (int j = 0; j < model.families.length; j++) {
        for (ClaimRule r : rules) {
          if (r.id.equals(model.borrow[j])) {
            borrowed[j] = r;
          }
        }
        if (borrowed[j] == null || !borrowed[j].family.equals(model.families[j])) {
          throw new IllegalArgumentException(ClaimModel.RESOURCE + ": family "
              + model.families[j] + " borrows rule " + model.borrow[j]
              + ", which is not a rule of that family in pack " + pack.version);
        }
      }
      for (String cat : RulePack.CATEGORIES) {
        ClaimRule[] l = new ClaimRule[model.families.length];
        for (int j = 0; j < l.length; j++) {
          l[j] = lender(j, appliesByCategory.get(cat));
        }
        lendersByCategory.put(cat, l);
      }
      for (ClaimRule r : rules) {
        modelFamily[r.index] = model.family(r.family);
        ClaimRule same = pack.rule(r.matchesAs);
        if (same != null) {
          modelFamilyAlso[r.index] = model.family(same.family);
        }
      }
      learnedConsidered = new ArrayList<>();
      learnedConditions = new ArrayList<>();
      for (int j = 0; j < model.families.length; j++) {
        List<ClaimRule.Condition> conds = new ArrayList<>(
            pack.learnedExemptIf.getOrDefault(model.families[j], List.of()));
        conds.addAll(pack.globalExemptIf);
        List<Exemption> c = new ArrayList<>();
        c.add(pack.exemptions.get(pack.negationExemption));
        for (ClaimRule.Condition g : conds) {
          Exemption x = pack.exemptions.get(g.exemption());
          if (!c.contains(x)) {
            c.add(x);
          }
        }
        learnedConsidered.add(List.copyOf(c));
        learnedConditions.add(List.copyOf(conds));
      }
    } else {
      borrowed = null;
      learnedConsidered = List.of();
      learnedConditions = List.of();
    }
    negationByFirst = WordsByChar.first(pack.negationPrefixes);
    negationByLast = WordsByChar.last(pack.negationPrefixes);
    negationLongest = pack.negationPrefixes.stream().mapToInt(String::length).max().orElse(0);
    suppressedBy = new boolean[rules.length][rules.length];
    for (ClaimRule s : rules) {
      for (ClaimRule r : rules) {
        if (s.suppresses.contains(r.id)) {
          suppressedBy[r.index][s.index] = true;
        }
      }
    }
  }

  /** Whether each trigger contains one of {@code literals}. */
  private static boolean impliedByEvery(List<String> triggers, Set<String> literals) {
    for (String t : triggers) {
      boolean has = false;
      for (String w : literals) {
        if (t.contains(w)) {
          has = true;
          break;
        }
      }
      if (!has) {
        return false;
      }
    }
    return !triggers.isEmpty();
  }

  /** The checker over the pack shipped in the jar, loaded once. */
  public static ClaimChecker standard() {
    ClaimChecker c = standard;
    if (c == null) {
      synchronized (ClaimChecker.class) {
        c = standard;
        if (c == null) {
          c = new ClaimChecker(RulePack.standard(), ClaimModel.standard());
          standard = c;
        }
      }
    }
    return c;
  }

  public RulePack pack() {
    return pack;
  }

  /** Whether the pack's shadow rules find as if they were live here (see {@link #promoted}). */
  public boolean shadowLive() {
    return shadowLive;
  }

  /** The learned model in use, or null. */
  public ClaimModel model() {
    return model;
  }

  /** The category as the rules know it: lower case, "unknown" when absent or not recognised. */
  public static String category(String category) {
    if (category == null || category.isBlank()) {
      return "unknown";
    }
    if (RulePack.CATEGORIES.contains(category)) {
      return category; // the common case: already a contract category
    }
    String c = category.trim().toLowerCase(Locale.ROOT);
    return RulePack.CATEGORIES.contains(c) ? c : "other";
  }

  /**
   * Findings of marketing aimed at children (the {@code minors} family), whatever the goods.
   * For {@code minor_venue}: a child urged to make parents buy is a finding there, not here.
   */
  public List<ClaimFinding> childDirected(String text) {
    List<ClaimFinding> out = new ArrayList<>();
    for (ClaimFinding f : check(text, null)) {
      if (f.family().equals("minors")) {
        out.add(f);
      }
    }
    return out;
  }

  /**
   * The same rules and model, the model adding families from probability {@code p} instead of
   * its shipped threshold (never above it). For a script checked before a show, where a line
   * looked at twice costs less than a claim said on air; never for alerts, whose threshold is
   * held by the spec tests. The vetoes and every exemption stay as they are. Null model: this.
   */
  public ClaimChecker reviewing(double p) {
    return model == null ? this : new ClaimChecker(pack, model.withAddsAtMost(p), shadowLive);
  }

  /**
   * Every rule broken by {@code text} when said of goods of {@code category} (a contract
   * category; null when unknown: rules for ordinary goods then apply). Findings are in text
   * order, one per span and family.
   */
  public List<ClaimFinding> check(String text, String category) {
    return run(text, category, null);
  }

  /** The findings, and the matches an exemption cleared (with the exemption that did). */
  public record Explanation(List<ClaimFinding> findings, List<ExemptedMatch> exempted) {}

  /**
   * What {@link #check} finds, plus every match of a rule's words that an exemption cleared:
   * for {@code qinglang check}, so a user sees 我们店里最轻的 pass and under which clause.
   */
  public Explanation explain(String text, String category) {
    List<ExemptedMatch> exempted = new ArrayList<>();
    List<ClaimFinding> findings = run(text, category, exempted);
    return new Explanation(findings, exempted);
  }

  private static final int CLAIM = -1;
  private static final int NOT_A_CLAIM = -2;

  private List<ClaimFinding> run(String text, String category, List<ExemptedMatch> exempted) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    String cat = category(category);
    NormalizedText n = pack.normalizer.normalize(text);
    if (n.length == 0) {
      return List.of();
    }
    boolean[] applies = appliesByCategory.get(cat);
    boolean[] fires = firesByCategory.get(cat);
    Hits hits = new Hits(fires);
    automaton.search(n.chars, n.length, hits);
    Ints raw = hits.raw;
    Ints exempt = hits.exempt;
    Ints exemptWhy = hits.exemptWhy;
    Ints markers = hits.markers;
    long[] triggered = hits.triggered;
    boolean[] markerTriggered = hits.markerTriggered;
    int[] seen = hits.seen;
    if (triggered != null) {
      runRegexes(n, triggered, seen, raw);
    }
    if (markerTriggered != null) {
      runMarkerRegexes(n, markerTriggered, markers);
    }
    if (raw.size == 0 && model == null) {
      return List.of();
    }
    // Families a rule matched but an exemption cleared: the model must not raise them again.
    boolean[] clearedFamily = model == null ? null : new boolean[model.families.length];
    Ints kept = new Ints();
    for (int i = 0; i < raw.size; i++) {
      int r = raw.a(i);
      int s = raw.b(i);
      int e = raw.c(i);
      int verdict = verdict(rules[r], s, e, n, exempt, exemptWhy, markers);
      if (verdict >= 0 && clearedFamily != null && modelFamily[r] >= 0) {
        clearedFamily[modelFamily[r]] = true;
      }
      if (verdict >= 0 && exempted != null && !suppressed(rules[r], s, e, raw)) {
        int os = n.originalStart(s);
        int oe = n.originalEnd(e);
        exempted.add(new ExemptedMatch(rules[r].id, rules[r].family, os, oe,
            n.original.substring(os, oe), pack.exemptions.get(verdict)));
      }
      if (verdict == CLAIM && !suppressed(rules[r], s, e, raw)) {
        int start = s;
        int end = e;
        if (rules[r].extendAfter > 0) {
          end = Math.min(e + rules[r].extendAfter, n.sentenceEnd(e));
        }
        // The span shown covers what the suppressed rules matched too (全网最低 + 最低价).
        for (int j = 0; j < raw.size; j++) {
          if (suppressedBy[raw.a(j)][r] && raw.b(j) < end && raw.c(j) > start) {
            start = Math.min(start, raw.b(j));
            end = Math.max(end, raw.c(j));
          }
        }
        kept.add(r, start, end);
      }
    }
    if (model == null) {
      return merge(kept, n, cat);
    }
    ClaimModel.Reading read = model.reading(n, cat);
    double[] p = read.p;
    List<ClaimFinding> out = merge(veto(kept, p, n, exempted), n, cat);
    learned(out, read, clearedFamily, n, cat, exempted, markers, exempt, exemptWhy);
    return out;
  }

  /**
   * Drops the rule hits of the families the model may veto when it reads the sentence as a
   * lawful look-alike; a vetoed hit is reported as cleared, with the model as its reason. A
   * sentence the model is confident is a claim of another family is not a look-alike in its
   * eyes, only filed elsewhere (writers file a drug said to cure under medical_efficacy, the pack
   * under guarantee), so that disagreement vetoes nothing.
   */
  private Ints veto(Ints kept, double[] p, NormalizedText n, List<ExemptedMatch> exempted) {
    Ints out = new Ints();
    for (int i = 0; i < kept.size; i++) {
      int f = modelFamily[kept.a(i)];
      if (f >= 0 && !Double.isNaN(model.veto[f]) && p[f] < model.veto[f]
          && lookalikeToo(p, modelFamilyAlso[kept.a(i)]) && !confidentOfAnother(p, f)) {
        if (exempted != null) {
          int os = n.originalStart(kept.b(i));
          int oe = n.originalEnd(kept.c(i));
          ClaimRule r = rules[kept.a(i)];
          exempted.add(new ExemptedMatch(r.id, r.family, os, oe, n.original.substring(os, oe),
              ClaimModel.LOOKALIKE));
        }
        continue;
      }
      out.add(kept.a(i), kept.b(i), kept.c(i));
    }
    return out;
  }

  /** Whether the model reads the sentence as a look-alike for family {@code g} too (-1: none). */
  private boolean lookalikeToo(double[] p, int g) {
    return g < 0 || !Double.isNaN(model.veto[g]) && p[g] < model.veto[g];
  }

  private boolean confidentOfAnother(double[] p, int family) {
    for (int g = 0; g < p.length; g++) {
      if (g != family && !Double.isNaN(model.add[g]) && p[g] >= model.add[g]) {
        return true;
      }
    }
    return false;
  }

  /**
   * Adds a finding for each family the model is confident of and no rule found, unless a rule
   * of that family matched and was exempted, the family's rule does not apply to the category,
   * the learned span overlaps a rule's finding, or it is negated or sits in a quotation or
   * warning.
   */
  private void learned(List<ClaimFinding> out, ClaimModel.Reading read, boolean[] clearedFamily,
      NormalizedText n, String cat, List<ExemptedMatch> exempted, Ints markers, Ints exempt,
      Ints exemptWhy) {
    double[] p = read.p;
    ClaimRule[] lenders = lendersByCategory.get(cat);
    boolean added = false;
    for (int f = 0; f < p.length; f++) {
      if (Double.isNaN(model.add[f]) || p[f] < model.add[f] || clearedFamily[f]) {
        continue;
      }
      ClaimRule r = lenders[f];
      if (r == null) {
        continue;
      }
      String family = model.families[f];
      boolean found = false;
      for (ClaimFinding x : out) {
        found |= x.family().equals(family);
      }
      if (found) {
        continue;
      }
      List<String> cues = new ArrayList<>();
      int[] span = model.span(read, n, f, cues);
      int s = span[0];
      int e = span[1];
      if (e <= s) {
        continue;
      }
      int sentStart = n.sentenceStart(s);
      int sentEnd = n.sentenceEnd(s);
      int why = -1;
      if (negated(n, s, e, sentStart, sentEnd)) {
        why = pack.negationExemption;
      } else if (r != borrowed[f]) {
        // Filed under another category's rule, the finding weighs that rule's own lawful
        // wording (health food's approved functions) and the pack's lent_exempt_if, which the
        // model, blind to the category, cannot.
        why = lentWhy(r, s, e, sentStart, sentEnd, n, markers, exempt, exemptWhy);
      }
      for (int c = 0; why < 0 && c < learnedConditions.get(f).size(); c++) {
        ClaimRule.Condition x = learnedConditions.get(f).get(c);
        if (holds(x, s, e, sentStart, sentEnd, n, markers)) {
          why = x.exemption();
        }
      }
      int os = n.originalStart(s);
      int oe = n.originalEnd(e);
      // Words a rule has already put in a family are owned by that rule, as a specific rule
      // owns its span over a generic one: the model adds families for words no rule read.
      boolean owned = false;
      for (ClaimFinding x : out) {
        owned |= x.learned() == null && x.start() < oe && x.end() > os;
      }
      if (owned) {
        continue;
      }
      if (why >= 0) {
        if (exempted != null) {
          exempted.add(new ExemptedMatch(r.id + "-M", family, os, oe,
              n.original.substring(os, oe), pack.exemptions.get(why)));
        }
        continue;
      }
      out.add(new ClaimFinding(r.id + "-M",
          family, "学习模型识别：" + pack.families.getOrDefault(family, family), r.severity, os,
          oe, n.original.substring(os, oe), cat, r.basisFor(cat), r.alsoFor(cat), r.rewrite,
          learnedConsidered.get(f), new ClaimFinding.Learned(model.version, p[f], cues)));
      added = true;
    }
    if (added) {
      out.sort(Comparator.comparingInt(ClaimFinding::start));
    }
  }

  /**
   * Why a learned finding filed under {@code r}, a rule of another category than the model's
   * own, is no claim: an exempt phrase of {@code r} in the sentence, or a lent_exempt_if
   * condition; -1 when neither.
   */
  private int lentWhy(ClaimRule r, int s, int e, int sentStart, int sentEnd, NormalizedText n,
      Ints markers, Ints exempt, Ints exemptWhy) {
    for (int i = 0; i < exempt.size; i++) {
      if (exempt.a(i) == r.index && exempt.b(i) >= sentStart && exempt.c(i) <= sentEnd
          && !voided(r, exemptWhy.a(i), sentStart, sentEnd, n, markers)) {
        return exemptWhy.a(i);
      }
    }
    for (ClaimRule.Condition c : pack.lentExemptIf) {
      if (holds(c, s, e, sentStart, sentEnd, n, markers)) {
        return c.exemption();
      }
    }
    return -1;
  }

  /**
   * The rule a learned finding of family {@code f} is filed under: the one the model borrows,
   * or where that one does not apply to the category, the first rule of the family that does and
   * is marked files_learned (health food's own article for a cure claimed for health food, where
   * the ordinary-food rule the model borrows stands aside); null when there is none, as for a
   * drug, whose indication the model cannot tell from a claim.
   */
  private ClaimRule lender(int f, boolean[] applies) {
    if (applies[borrowed[f].index]) {
      return borrowed[f];
    }
    for (ClaimRule r : rules) {
      if (r.filesLearned && applies[r.index] && r.family.equals(borrowed[f].family)
          && !r.shadow) {
        return r;
      }
    }
    return null;
  }

  /** Runs the triggered regexes in the pack's order, as a loop over every regex would. */
  private void runRegexes(NormalizedText n, long[] triggered, int[] seen, Ints raw) {
    String text = null;
    byte[] tailSeen = null; // per tail: 0 not yet looked for, 1 found, 2 absent
    for (int w = 0; w < triggered.length; w++) {
      for (long bits = triggered[w]; bits != 0; bits &= bits - 1) {
        int k = (w << 6) + Long.numberOfTrailingZeros(bits);
        if (seen != null && (seen[k] & requiredBits[k]) != requiredBits[k]) {
          continue;
        }
        ClaimRule r = rules[ruleOfRegex[k]];
        int i = k - regexBase[r.index];
        if (text == null) {
          text = n.text();
        }
        long t0 = regexNanos == null ? 0 : System.nanoTime();
        int t = tailOf[k];
        if (t >= 0) {
          if (tailSeen == null) {
            tailSeen = new byte[tails.length];
          }
          if (tailSeen[t] == 0) {
            tailSeen[t] = tailFound(n, text, t) ? (byte) 1 : (byte) 2;
          }
        }
        if (t < 0 || tailSeen[t] == 1) {
          matchRegex(n, text, r, i, k, raw);
        }
        if (regexNanos != null) {
          regexNanos[k] += System.nanoTime() - t0;
          regexRuns[k]++;
        }
      }
    }
  }

  /**
   * Whether tail {@code t} matches at some position of the text, seen as the regexes that end
   * with it see it (look-behinds reach before the position, ^ is the text's start). It cannot
   * match empty (its first chars are known), so only positions where it may begin are tried.
   */
  private boolean tailFound(NormalizedText n, String text, int t) {
    RegexPrefilter f = tailFacts[t];
    Matcher m = MATCHERS.get().from(tails[t], text);
    int from = 0;
    int at;
    while ((at = f.nextStart(n.chars, from, n.length)) >= 0) {
      m.region(at, n.length);
      if (m.lookingAt()) {
        return true;
      }
      from = at + 1;
    }
    return false;
  }

  /** The time and runs of each pack regex in a {@link #timed} checker, in the pack's order. */
  public List<RegexCost> regexCost() {
    if (regexNanos == null) {
      throw new IllegalStateException("not a timed checker");
    }
    List<RegexCost> out = new ArrayList<>();
    for (ClaimRule r : rules) {
      for (int i = 0; i < r.regexes.size(); i++) {
        int k = regexBase[r.index] + i;
        out.add(new RegexCost(r.id, i, r.family, prefilters[k].sparse(), regexRuns[k],
            regexNanos[k]));
      }
    }
    return out;
  }

  /**
   * What one pack regex cost: the rule, the regex's index among the rule's, whether it was tried
   * only where a match can begin, the texts it ran on (after its triggers) and the time.
   */
  public record RegexCost(String rule, int index, String family, boolean sparse, long runs,
      long nanos) {}

  private void matchRegex(NormalizedText n, String text, ClaimRule r, int i, int k, Ints raw) {
    ClaimRule.RegexPattern x = r.regexes.get(i);
    if (x.places()) {
      matchOnPlaces(n, r, x, raw);
      return;
    }
    RegexPrefilter f = prefilters[k];
    if (f.sparse()) {
      // What find() would do, trying only the positions where a match can begin: find() tries
      // each position in turn and takes the first match, and a position whose char begins no
      // match fails there. Transparent bounds let look-behinds see before the start as they
      // would; without anchoring bounds ^ still means the text's start.
      Matcher m = MATCHERS.get().from(x.pattern(), text);
      int from = 0;
      int at;
      while ((at = f.nextStart(n.chars, from, n.length)) >= 0) {
        m.region(at, n.length);
        if (!m.lookingAt()) {
          from = at + 1;
          continue;
        }
        if (m.end() > m.start() && x.holds(m)) {
          raw.add(r.index, m.start(), m.end());
        }
        from = Math.max(m.end(), at + 1);
      }
      return;
    }
    Matcher m = MATCHERS.get().on(x.pattern(), text);
    while (m.find()) {
      if (m.end() > m.start() && x.holds(m)) {
        raw.add(r.index, m.start(), m.end());
      }
    }
  }

  /**
   * A regex on places: a match stands when the place it captures as claimed and the one it
   * captures as actual lie apart in the registry (阿克苏 is in 新疆; 周至 is not in 修文).
   */
  private void matchOnPlaces(NormalizedText n, ClaimRule r, ClaimRule.RegexPattern x, Ints raw) {
    PlaceRegistry places = pack.places;
    if (n.places == null) {
      n.places = places.mark(n);
    }
    PlaceRegistry.Marked p = n.places;
    if (p.count() < 2) {
      return;
    }
    Matcher m = MATCHERS.get().on(x.pattern(), p.text());
    while (m.find()) {
      int claimed = placeAt(p, m.start("claimed"));
      int actual = placeAt(p, m.start("actual"));
      if (m.end() > m.start() && claimed >= 0 && actual >= 0
          && places.apart(claimed, actual) && x.holds(m)) {
        raw.add(r.index, m.start(), m.end());
      }
    }
  }

  /** The place beginning at {@code at}, or -1 (a group a pack wrote without {{place}}). */
  private static int placeAt(PlaceRegistry.Marked p, int at) {
    return at < 0 ? -1 : p.at()[at];
  }

  private void runMarkerRegexes(NormalizedText n, boolean[] triggered, Ints markers) {
    String text = null;
    for (int i = 0; i < triggered.length; i++) {
      if (!triggered[i]) {
        continue;
      }
      if (text == null) {
        text = n.text();
      }
      RulePack.MarkerRegex x = pack.markerRegexes.get(i);
      Matcher m = MATCHERS.get().on(x.pattern(), text);
      while (m.find()) {
        if (m.end() > m.start()) {
          markers.add(x.set(), m.start(), m.end());
        }
      }
    }
  }

  /**
   * {@link #CLAIM} when the match is a finding, {@link #NOT_A_CLAIM} when a requirement of the
   * rule is missing (a 原价 with no price in the sentence is not a price comparison), else the
   * index of the exemption that clears it.
   */
  private int verdict(ClaimRule rule, int s, int e, NormalizedText n, Ints exempt,
      Ints exemptWhy, Ints markers) {
    int sentStart = -1;
    int sentEnd = -1;
    if (!rule.require.isEmpty()) {
      sentStart = n.sentenceStart(s);
      sentEnd = n.sentenceEnd(s);
      for (ClaimRule.Condition c : rule.require) {
        if (!holds(c, s, e, sentStart, sentEnd, n, markers)) {
          return NOT_A_CLAIM;
        }
      }
    }
    for (int i = 0; i < exempt.size; i++) {
      if (exempt.a(i) == rule.index && exempt.b(i) <= s && exempt.c(i) >= e) {
        if (rule.voidings.isEmpty()) {
          return exemptWhy.a(i);
        }
        if (sentStart < 0) {
          sentStart = n.sentenceStart(s);
          sentEnd = n.sentenceEnd(s);
        }
        if (!voided(rule, exemptWhy.a(i), sentStart, sentEnd, n, markers)) {
          return exemptWhy.a(i);
        }
      }
    }
    if (sentStart < 0) {
      // Sentence bounds only when a context test needs them: most matches end at a phrase.
      sentStart = n.sentenceStart(s);
      sentEnd = n.sentenceEnd(s);
    }
    if (rule.negation && negated(n, s, e, sentStart, sentEnd)) {
      return pack.negationExemption;
    }
    for (ClaimRule.Condition c : rule.exemptIf) {
      if (holds(c, s, e, sentStart, sentEnd, n, markers)
          && !voided(rule, c.exemption(), sentStart, sentEnd, n, markers)) {
        return c.exemption();
      }
    }
    if (rule.global) {
      for (ClaimRule.Condition c : pack.globalExemptIf) {
        if (holds(c, s, e, sentStart, sentEnd, n, markers)) {
          return c.exemption();
        }
      }
    }
    return CLAIM;
  }

  /** Whether a marker in the sentence takes exemption {@code x} away from {@code rule}. */
  private boolean voided(ClaimRule rule, int x, int sentStart, int sentEnd, NormalizedText n,
      Ints markers) {
    for (ClaimRule.Voiding v : rule.voidings) {
      for (int y : v.exemptions()) {
        if (y == x && present(v.set(), sentStart, sentEnd, n, markers)) {
          return true;
        }
      }
    }
    return false;
  }

  /** A negation right before the span (a few filler characters allowed) or right after it. */
  private boolean negated(NormalizedText n, int s, int e, int sentStart, int sentEnd) {
    // A negation that shares its last characters with the claim's first ones: 不保证 before a
    // match that starts at 保证 (the regex for 保证…有效 begins at the very word negated).
    for (int k = 1; k < negationLongest && s - k >= sentStart; k++) {
      for (String p : negationByFirst.with(n.chars[s - k])) {
        if (k < p.length() && n.regionEquals(s - k, p)) {
          return true;
        }
      }
    }
    int at = s;
    for (int gap = 0; gap <= pack.negationMaxGap && at >= sentStart; gap++) {
      if (at - 1 >= sentStart) {
        for (String p : negationByLast.with(n.chars[at - 1])) {
          if (at - p.length() >= sentStart && n.regionEquals(at - p.length(), p)) {
            return true;
          }
        }
      }
      if (at - 1 < sentStart || pack.gapChars.indexOf(n.chars[at - 1]) < 0) {
        break;
      }
      at--;
    }
    // After the first character (治不了) or a two-character verb (治愈不了胃病), also where
    // that verb is the whole match (治愈不了); never further in (承诺进面，进不了退 is a promise).
    for (String p : pack.negationInfixes) {
      for (int k = s + 1; k <= s + 2 && k <= e && k + p.length() <= sentEnd; k++) {
        if (n.regionEquals(k, p)) {
          return true;
        }
      }
    }
    for (String p : pack.negationSuffixes) {
      if (e + p.length() <= sentEnd && n.regionEquals(e, p)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Matchers reused per thread. A sentence runs dozens of pack regexes and conditions, and a
   * new matcher per use (allocated, then reset again by its region) cost more than the
   * matching itself on short sentences.
   */
  private static final ThreadLocal<Matchers> MATCHERS = ThreadLocal.withInitial(Matchers::new);

  private static final class Matchers {
    /** A pattern's matcher and the text it was last reset to. */
    private static final class Slot {
      Matcher matcher;
      CharSequence input;
    }

    private final java.util.IdentityHashMap<Pattern, Slot> byPattern =
        new java.util.IdentityHashMap<>();
    /** Matchers tried at one position at a time: their bounds are set once, apart. */
    private final java.util.IdentityHashMap<Pattern, Slot> atPositions =
        new java.util.IdentityHashMap<>();

    /** A matcher over all of {@code text}, ready for {@code find()} from its start. */
    Matcher on(Pattern p, CharSequence text) {
      return matcher(p, text, true);
    }

    /** A matcher over {@code text} for the caller to set a region on (which resets it). */
    Matcher within(Pattern p, CharSequence text) {
      return matcher(p, text, false);
    }

    /**
     * A matcher over {@code text} with transparent, non-anchoring bounds, for the caller to
     * set a region on: a match tried at a position then sees the text as find() would.
     */
    Matcher from(Pattern p, CharSequence text) {
      Slot s = atPositions.computeIfAbsent(p, k -> new Slot());
      if (s.matcher == null) {
        s.matcher = p.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
      } else if (s.input != text) {
        s.matcher.reset(text);
      }
      s.input = text;
      return s.matcher;
    }

    private Matcher matcher(Pattern p, CharSequence text, boolean fromStart) {
      Slot s = byPattern.computeIfAbsent(p, k -> new Slot());
      if (s.matcher == null) {
        s.matcher = p.matcher(text);
      } else if (fromStart || s.input != text) {
        s.matcher.reset(text);
      }
      s.input = text;
      return s.matcher;
    }
  }

  private boolean holds(ClaimRule.Condition c, int s, int e, int sentStart, int sentEnd,
      NormalizedText n, Ints markers) {
    if (c.followedBy() != null) {
      // A pack regex may run past the end of its sentence ([^。] where the text keeps no 。):
      // nothing then follows it in that sentence, rather than a region that ends before it starts.
      int end = n.clauseEnd(e, Math.max(sentEnd, e));
      if (!mayBeginAt(c.followedBy(), e, end, n)) {
        return false;
      }
      Matcher m = MATCHERS.get().within(c.followedBy(), n.buffer());
      m.region(e, end);
      if (!m.lookingAt()) {
        return false;
      }
    }
    if (c.answeredBy() != null) {
      int q = sentEnd;
      while (q < n.length && n.chars[q] == NormalizedText.BOUNDARY && !n.questionEnd(q)) {
        q++;
      }
      if (!n.questionEnd(q)) {
        return false;
      }
      int next = q;
      while (next < n.length && n.chars[next] == NormalizedText.BOUNDARY) {
        next++;
      }
      if (next >= n.length) {
        return false;
      }
      int end = n.sentenceEnd(next);
      if (!mayBeginAt(c.answeredBy(), next, end, n)) {
        return false;
      }
      Matcher m = MATCHERS.get().within(c.answeredBy(), n.buffer());
      m.region(next, end);
      if (!m.lookingAt()) {
        return false;
      }
    }
    if (c.precededBy() != null) {
      int from = c.precededInSentence() ? sentStart : n.clauseStart(s, sentStart);
      if (!mayEndAt(c.precededBy(), from, s, n)) {
        return false;
      }
      Matcher m = MATCHERS.get().within(c.precededBy(), n.buffer());
      m.region(from, s);
      if (!m.find()) {
        return false;
      }
    }
    for (int set : c.all()) {
      int from = c.after() ? e : sentStart;
      int limit = c.before() ? s : sentEnd;
      if (!present(set, from, limit, n, markers)) {
        return false;
      }
    }
    if (c.any().length > 0 && !anyPresent(c.any(), c.after() ? e : sentStart,
        c.before() ? s : sentEnd, n, markers)) {
      return false;
    }
    for (int set : c.allBefore()) {
      if (!present(set, sentStart, s, n, markers)) {
        return false;
      }
    }
    int noneFrom = sentStart;
    int noneTo = sentEnd;
    if (c.noneInClause() && c.none().length > 0) {
      noneFrom = n.clauseStart(s, sentStart);
      noneTo = n.clauseEnd(e, sentEnd);
    }
    for (int set : c.none()) {
      if (present(set, noneFrom, noneTo, n, markers)) {
        return false;
      }
    }
    return true;
  }

  private boolean anyPresent(int[] sets, int from, int limit, NormalizedText n, Ints markers) {
    for (int set : sets) {
      if (present(set, from, limit, n, markers)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether condition regex {@code p} may match from {@code at} within [at, end) (lookingAt):
   * a match that cannot be empty consumes the char at {@code at}, so it must be one a match
   * can begin with.
   */
  private boolean mayBeginAt(Pattern p, int at, int end, NormalizedText n) {
    RegexPrefilter f = conditionFacts.get(p);
    if (f == null || !f.knowsStarts()) {
      return true;
    }
    if (at >= end) {
      return at > end; // an empty region holds no such match; a reversed one fails in region()
    }
    return f.mayStartWith(n.chars[at]);
  }

  /**
   * Whether preceded_by regex {@code p}, which ends in {@code $}, may be found in [from, to).
   * Its {@code $} holds only at {@code to} unless a line terminator ends the region (then it
   * also holds before that), so a match that cannot be empty ends with the char before
   * {@code to}.
   */
  private boolean mayEndAt(Pattern p, int from, int to, NormalizedText n) {
    RegexPrefilter f = conditionFacts.get(p);
    if (f == null || !f.knowsEnds()) {
      return true;
    }
    if (to <= from) {
      return to < from; // an empty region holds no such match; a reversed one fails in region()
    }
    char last = n.chars[to - 1];
    return lineTerminator(last) || f.mayEndWith(last);
  }

  /** The chars java.util.regex's {@code $} may stand before (no UNIX_LINES flag). */
  private static boolean lineTerminator(char c) {
    return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
  }

  private boolean present(int set, int from, int to, NormalizedText n, Ints markers) {
    for (int i = 0; i < markers.size; i++) {
      if (markers.a(i) == set && markers.b(i) >= from && markers.c(i) <= to) {
        return true;
      }
    }
    return set == yearMarker && hasYear(n, from, to);
  }

  /** A run of exactly four digits starting 19 or 20. */
  private static boolean hasYear(NormalizedText n, int from, int to) {
    int i = from;
    while (i < to) {
      if (!Character.isDigit(n.chars[i])) {
        i++;
        continue;
      }
      int j = i;
      while (j < to && Character.isDigit(n.chars[j])) {
        j++;
      }
      if (j - i == 4 && (n.chars[i] == '1' && n.chars[i + 1] == '9'
          || n.chars[i] == '2' && n.chars[i + 1] == '0')) {
        return true;
      }
      i = j;
    }
    return false;
  }

  private boolean suppressed(ClaimRule rule, int s, int e, Ints raw) {
    for (int i = 0; i < raw.size; i++) {
      if (suppressedBy[rule.index][raw.a(i)] && raw.b(i) < e && raw.c(i) > s) {
        return true;
      }
    }
    return false;
  }

  /** One finding per overlapping span of one family: the longest match names the rule. */
  private List<ClaimFinding> merge(Ints kept, NormalizedText n, String cat) {
    int k = kept.size;
    Integer[] order = new Integer[k];
    for (int i = 0; i < k; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.<Integer>comparingInt(kept::b).thenComparingInt(kept::a));
    List<ClaimFinding> out = new ArrayList<>();
    boolean[] used = new boolean[k];
    for (int oi = 0; oi < k; oi++) {
      int i = order[oi];
      if (used[i]) {
        continue;
      }
      used[i] = true;
      ClaimRule best = rules[kept.a(i)];
      int s = kept.b(i);
      int e = kept.c(i);
      int bestLen = e - s;
      boolean grew = true;
      while (grew) {
        grew = false;
        for (int oj = oi + 1; oj < k; oj++) {
          int j = order[oj];
          ClaimRule r = rules[kept.a(j)];
          if (used[j] || !r.family.equals(best.family) || kept.b(j) >= e || kept.c(j) <= s) {
            continue;
          }
          used[j] = true;
          grew = true;
          if (kept.c(j) - kept.b(j) > bestLen) {
            best = r;
            bestLen = kept.c(j) - kept.b(j);
          }
          s = Math.min(s, kept.b(j));
          e = Math.max(e, kept.c(j));
        }
      }
      int os = n.originalStart(s);
      int oe = n.originalEnd(e);
      out.add(new ClaimFinding(best.id, best.family, best.title, best.severity, os, oe,
          n.original.substring(os, oe), cat, best.basisFor(cat), best.alsoFor(cat),
          best.rewrite, best.considered));
    }
    out.sort(Comparator.comparingInt(ClaimFinding::start));
    return out;
  }

  /**
   * What the automaton's hits in one text set: rule matches, exemptions, markers, regex
   * triggers. A class rather than a lambda: capturing eight locals, the lambda was allocated
   * through a method handle at every check (7 % of the check's samples in a JFR profile). It
   * holds what it fills, so the text's lists are made in one place.
   */
  private final class Hits implements AhoCorasick.Hits {
    private final boolean[] fires;
    final Ints raw = new Ints();
    final Ints exempt = new Ints();
    final Ints exemptWhy = new Ints();
    final Ints markers = new Ints();
    final long[] triggered = regexCount == 0 ? null : new long[(regexCount + 63) >>> 6];
    final boolean[] markerTriggered =
        pack.markerRegexes.isEmpty() ? null : new boolean[pack.markerRegexes.size()];
    final int[] seen = anyRequired ? new int[regexCount] : null;

    Hits(boolean[] fires) {
      this.fires = fires;
    }

    @Override
    public void hit(int id, int s, int e) {
      int[] p = payloads[id];
      for (int j = 0; j < p.length; j += 3) {
        switch (p[j]) {
          case PATTERN:
            if (fires[p[j + 1]]) {
              raw.add(p[j + 1], s, e);
            }
            break;
          case EXEMPT:
            exempt.add(p[j + 1], s, e);
            exemptWhy.add(p[j + 2], 0, 0);
            break;
          case MARKER:
            markers.add(p[j + 1], s, e);
            break;
          case MARKER_TRIGGER:
            markerTriggered[p[j + 1]] = true;
            break;
          case REQUIRE:
            seen[p[j + 1]] |= p[j + 2];
            break;
          default:
            if (fires[p[j + 1]]) {
              triggered[p[j + 2] >>> 6] |= 1L << p[j + 2];
            }
            break;
        }
      }
    }
  }

  /** A growable list of int triples, to keep the hot path free of small objects. */
  private static final class Ints {
    int[] v = new int[24];
    int size;

    void add(int a, int b, int c) {
      if (size * 3 + 3 > v.length) {
        v = Arrays.copyOf(v, v.length * 2);
      }
      v[size * 3] = a;
      v[size * 3 + 1] = b;
      v[size * 3 + 2] = c;
      size++;
    }

    int a(int i) {
      return v[i * 3];
    }

    int b(int i) {
      return v[i * 3 + 1];
    }

    int c(int i) {
      return v[i * 3 + 2];
    }
  }
}
