package org.qinglang.detectors.claim;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.qinglang.alert.Severity;
import org.qinglang.detect.Basis;
import org.qinglang.io.Json;

/**
 * The rule pack read and checked from its JSON data ({@code qinglang/rules/claims.json}). A
 * mistake in the data (unknown basis, unknown pattern set, bad category) fails here, naming
 * the rule and the field, instead of silently matching nothing.
 */
public final class RulePack {
  public static final String RESOURCE = "/qinglang/rules/claims.json";
  /** The product categories of the event contract, plus "unknown" when none is known. */
  public static final Set<String> CATEGORIES = Set.of("food", "health_food", "cosmetics", "drug",
      "medical_device", "apparel", "electronics", "agricultural", "luxury", "other", "unknown");
  /** Built-in marker: a four-digit year 19xx or 20xx in the sentence. */
  static final String YEAR = "$YEAR";

  final String version;
  final TextNormalizer normalizer;
  final List<ClaimRule> rules;
  private final Map<String, ClaimRule> rulesById = new LinkedHashMap<>();
  final Map<String, String> families;
  final List<String> markerNames;
  final List<List<String>> markerWords;
  /**
   * Markers a word list cannot enumerate: a negation or a "not yet" a few characters from the
   * word it denies (特证还没下来, 没有防晒特证). Each is run only when one of its triggers occurs.
   */
  final List<MarkerRegex> markerRegexes = new ArrayList<>();
  final List<String> negationPrefixes;
  final List<String> negationSuffixes;
  /**
   * Potential negatives inside the match, right after its first one or two characters: 治不了病,
   * 降不了血糖 (verb + 不了 says the goods cannot do it).
   */
  final List<String> negationInfixes;
  final int negationMaxGap;
  final String gapChars;
  /** Exemptions by index; rules and conditions refer to them by index. */
  final List<Exemption> exemptions = new ArrayList<>();
  private final Map<String, Integer> exemptionIndex = new LinkedHashMap<>();
  /** Exemptions every rule weighs unless it opts out ({@code "global_exemptions": false}). */
  final List<ClaimRule.Condition> globalExemptIf;
  final int negationExemption;
  /**
   * Per family, exemptions a learned finding of that family weighs besides the global ones:
   * legal readings the rules encode by not matching at all (an unstated 原价 is the seller's
   * own prior price, which the price rules define), so the model cannot learn them from the
   * rules' exemptions.
   */
  final Map<String, List<ClaimRule.Condition>> learnedExemptIf = new LinkedHashMap<>();
  /**
   * Exemptions a learned finding weighs when it is filed under a rule of another category than
   * the one the model borrows (health food's rule for a health_food finding): the model does
   * not see the category, and a product's own name or registered wording there is no claim.
   */
  final List<ClaimRule.Condition> lentExemptIf;
  /**
   * The places the pack's {@code {{place}}} regexes read an origin against ({@code places}), or
   * null when the pack names none.
   */
  final PlaceRegistry places;

  private final Map<String, List<String>> equivalents;
  /** Named pieces of regex ({@code regex_fragments}), written into patterns as {@code {{name}}}. */
  private final Map<String, String> fragments = new LinkedHashMap<>();
  private static final Pattern FRAGMENT = Pattern.compile("\\{\\{(@?[A-Za-z0-9_]+)\\}\\}");
  /** The pack's {@code pattern_sets}, read before anything that may name one. */
  private final Map<String, List<String>> sets = new LinkedHashMap<>();

  private RulePack(JsonNode root, String where) {
    this.version = text(root, "version", where);
    this.normalizer = new TextNormalizer(stringMap(root.path("char_map")),
        stringMap(root.path("letter_words")));
    this.equivalents = new LinkedHashMap<>();
    root.path("equivalents").fields().forEachRemaining(
        e -> equivalents.put(e.getKey(), strings(e.getValue())));
    this.families = stringMap(root.path("families"));
    JsonNode neg = root.path("negation");
    this.negationPrefixes = normalizeAll(strings(neg.path("prefixes")));
    this.negationSuffixes = normalizeAll(strings(neg.path("suffixes")));
    this.negationInfixes = normalizeAll(strings(neg.path("infixes")));
    this.negationMaxGap = neg.path("max_gap").asInt(0);
    this.gapChars = neg.path("gap_chars").asText("");

    root.path("exemptions").fields().forEachRemaining(e -> {
      JsonNode x = e.getValue();
      String key = x.path("basis").asText("");
      if (!key.isEmpty()) {
        basis(key, where + " exemption " + e.getKey());
      }
      exemptionIndex.put(e.getKey(), exemptions.size());
      exemptions.add(new Exemption(e.getKey(), key, x.path("clause").asText(""),
          text(x, "says", where + " exemption " + e.getKey()),
          text(x, "unmet", where + " exemption " + e.getKey())));
    });
    // A pack that declares no exemptions still explains itself with the built-in readings.
    builtIn("negation", "句子否认而不是作出该断言", "断言前后没有否定");
    builtIn("listed_phrase", "固定搭配，不是对商品的断言", "不是所列的固定搭配");
    builtIn("context", "上下文表明不是对商品的断言", "上下文不足以说明");
    this.negationExemption = exemption("negation", where + " negation");

    root.path("pattern_sets").fields().forEachRemaining(
        e -> sets.put(e.getKey(), strings(e.getValue())));
    this.places = places(root.path("places"), where + " places");
    root.path("regex_fragments").fields().forEachRemaining(e -> {
      if (e.getKey().equals("place")) {
        throw new IllegalArgumentException(where + " regex_fragments: 'place' is the registry's"
            + " {{place}}, not a fragment name");
      }
      fragments.put(e.getKey(),
          expand(e.getValue().asText(), where + " regex_fragments " + e.getKey()));
    });

    this.markerNames = new ArrayList<>();
    this.markerWords = new ArrayList<>();
    root.path("markers").fields().forEachRemaining(e -> {
      markerNames.add(e.getKey());
      List<String> words = new ArrayList<>();
      for (String w : strings(e.getValue())) {
        if (w.equals(YEAR)) {
          words.add(YEAR);
        } else {
          words.addAll(variants(normalizer.normalizeWord(w)));
        }
      }
      markerWords.add(words);
    });
    root.path("marker_regex").fields().forEachRemaining(e -> {
      String at = where + " marker_regex " + e.getKey();
      int set = markerId(e.getKey(), at);
      for (JsonNode x : e.getValue()) {
        List<String> triggers = words(x.path("triggers"), at + " triggers");
        if (triggers.isEmpty()) {
          throw new IllegalArgumentException(at + ": no triggers");
        }
        markerRegexes.add(new MarkerRegex(set, triggers,
            regex(text(x, "pattern", at), "", at + ": bad pattern")));
      }
    });
    root.path("learned_exempt_if").fields().forEachRemaining(e -> learnedExemptIf.put(
        e.getKey(), conditions(e.getValue(), where + " learned_exempt_if " + e.getKey(), true)));
    this.globalExemptIf = conditions(root.path("global_exempt_if"), where + " global_exempt_if",
        true);
    this.lentExemptIf = conditions(root.path("lent_exempt_if"), where + " lent_exempt_if", true);
    this.rules = new ArrayList<>();
    Map<String, JsonNode> read = new LinkedHashMap<>();
    for (JsonNode r : root.path("rules")) {
      String id = text(r, "id", where + " rules[" + rules.size() + "]");
      String at = where + " rule " + id;
      if (read.containsKey(id)) {
        throw new IllegalArgumentException(at + ": duplicate id");
      }
      ClaimRule rule = readRule(rules.size(), id, r, matching(r, read, at), at);
      rules.add(rule);
      rulesById.put(id, rule);
      read.put(id, r);
    }
    Set<String> ids = read.keySet();
    for (ClaimRule r : rules) {
      for (String s : r.suppresses) {
        if (!ids.contains(s)) {
          throw new IllegalArgumentException(where + " rule " + r.id + ": suppresses unknown rule "
              + s);
        }
      }
    }
  }

  /**
   * The registry a pack's {@code places} names: a resource beside the shipped pack, the pack's
   * foreign places (a pattern set) and the names it does not read as places.
   */
  private PlaceRegistry places(JsonNode p, String at) {
    if (p.isMissingNode()) {
      return null;
    }
    String file = text(p, "registry", at);
    List<String> foreign = List.of();
    if (p.has("foreign")) {
      foreign = sets.get(p.path("foreign").asText());
      if (foreign == null) {
        throw new IllegalArgumentException(at + ": unknown pattern set '"
            + p.path("foreign").asText() + "' for foreign");
      }
    }
    String resource = besideThePack(file, "registry", at);
    String regions = p.has("regions")
        ? besideThePack(p.path("regions").asText(), "regions", at) : null;
    try (InputStream in = RulePack.class.getResourceAsStream(resource);
        InputStream named = regions == null ? null
            : RulePack.class.getResourceAsStream(regions)) {
      if (in == null) {
        throw new IllegalArgumentException(at + ": no registry " + resource);
      }
      if (regions != null && named == null) {
        throw new IllegalArgumentException(at + ": no regions " + regions);
      }
      return PlaceRegistry.read(in, resource, named, regions, foreign,
          strings(p.path("not_places")), normalizer);
    } catch (IOException e) {
      throw new UncheckedIOException(at + ": " + e.getMessage(), e);
    }
  }

  /** The resource path of data file {@code name}, which must lie beside the shipped pack. */
  private static String besideThePack(String name, String field, String at) {
    if (!name.matches("[A-Za-z0-9_.-]+\\.tsv")) {
      throw new IllegalArgumentException(at + ": " + field + " must be a .tsv file name beside"
          + " the shipped pack, got '" + name + "'");
    }
    return "/qinglang/rules/" + name;
  }

  /** The pack shipped in the jar. */
  public static RulePack standard() {
    try (InputStream in = RulePack.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("rule pack " + RESOURCE + " not on the class path");
      }
      return read(in, RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a pack; {@code where} names it in error messages. */
  public static RulePack read(InputStream in, String where) throws IOException {
    return new RulePack(Json.MAPPER.readTree(in), where);
  }

  /**
   * Reads and checks a pack given as JSON text. Every mistake is an {@link
   * IllegalArgumentException} whose message starts with {@code where}: a pack is
   * configuration a user wrote, and the message is all they get to find the line.
   */
  public static RulePack parse(String json, String where) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      String why = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
      throw new IllegalArgumentException(where + ": not valid JSON: "
          + why.lines().findFirst().orElse("") + location(e));
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(where + ": a rule pack is a JSON object with"
          + " \"version\" and \"rules\"");
    }
    if (!root.path("rules").isArray() || root.path("rules").isEmpty()) {
      throw new IllegalArgumentException(where + ": no \"rules\" array, or it is empty");
    }
    return new RulePack(root, where);
  }

  /** Reads and checks a pack file; see {@link #parse}. */
  public static RulePack read(java.nio.file.Path file) {
    return parse(text(file), file.toString());
  }

  /** The file's text, or an error naming it. */
  static String text(java.nio.file.Path file) {
    try {
      return java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read rule pack " + file + ": " + e);
    }
  }

  private static String location(com.fasterxml.jackson.core.JsonProcessingException e) {
    if (e.getLocation() == null) {
      return "";
    }
    return " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
        + ")";
  }

  /** The rules on trial: their findings are reported apart and never alter live ones. */
  public List<ClaimRule> shadowRules() {
    return rules.stream().filter(r -> r.shadow).toList();
  }

  public String version() {
    return version;
  }

  public List<ClaimRule> rules() {
    return List.copyOf(rules);
  }

  /** The rule with this id, or null. */
  ClaimRule rule(String id) {
    return id == null ? null : rulesById.get(id);
  }

  /** Family id to its Chinese name. */
  public Map<String, String> families() {
    return Map.copyOf(families);
  }

  /**
   * The rule whose words, regexes and exemptions a rule with {@code matches_as} reads the text
   * with: the same claim can break a different law, and belong to another family, in another
   * category (a cure claimed for a cosmetic is the cosmetics regulation's, not the advertising
   * law's medical article), and one copy of the matching keeps the two from drifting apart. The
   * rule may add exempt_phrases and exempt_if of its own category to the other's (health food's
   * approved function wording, its "不能代替药物" warning), never take any away.
   */
  private static JsonNode matching(JsonNode r, Map<String, JsonNode> read, String at) {
    if (!r.has("matches_as")) {
      return r;
    }
    String of = r.path("matches_as").asText();
    JsonNode m = read.get(of);
    if (m == null) {
      throw new IllegalArgumentException(at + ": matches_as names '" + of
          + "', which is not a rule above it");
    }
    if (m.has("matches_as")) {
      throw new IllegalArgumentException(at + ": matches_as names '" + of
          + "', which itself matches as another rule");
    }
    for (String own : List.of("patterns", "regex", "require",
        "negation", "voided_by", "extend_after", "global_exemptions")) {
      if (r.has(own)) {
        throw new IllegalArgumentException(at + ": '" + own + "' is read from " + of
            + " (matches_as), not given here");
      }
    }
    return m;
  }

  private void exemptPhrases(JsonNode m, List<String> exempt, List<Integer> exemptIds,
      String at) {
    JsonNode ep = m.path("exempt_phrases");
    if (ep.isObject()) {
      ep.fields().forEachRemaining(e -> {
        int x = exemption(e.getKey(), at + " exempt_phrases");
        for (String w : words(e.getValue(), at + " exempt_phrases")) {
          exempt.add(w);
          exemptIds.add(x);
        }
      });
    } else {
      int x = exemption(m.path("exempt_phrases_exemption").asText("listed_phrase"),
          at + " exempt_phrases_exemption");
      for (String w : words(ep, at + " exempt_phrases")) {
        exempt.add(w);
        exemptIds.add(x);
      }
    }
  }

  private ClaimRule readRule(int index, String id, JsonNode r, JsonNode m, String at) {
    String family = text(r, "family", at);
    if (!families.containsKey(family)) {
      throw new IllegalArgumentException(at + ": family '" + family + "' not in families");
    }
    Severity severity;
    try {
      severity = Severity.ofWire(text(r, "severity", at));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(at + ": bad severity '" + r.path("severity").asText()
          + "'");
    }
    Set<String> cats = categories(r.path("categories"), at + " categories", true);
    Set<String> except = categories(r.path("except_categories"), at + " except_categories", false);
    List<String> patterns = words(m.path("patterns"), at + " patterns");
    // exempt_phrases: a list (all under the rule's exempt_phrases_exemption) or an object from
    // exemption id to its phrases, so each phrase is reported with the clause it stands for.
    List<String> exempt = new ArrayList<>();
    List<Integer> exemptIds = new ArrayList<>();
    exemptPhrases(m, exempt, exemptIds, at);
    if (r != m) {
      // A rule that matches as another may add phrases of its own category on top of the
      // other's: an approved health function's own words (辅助降血脂) are lawful for health food
      // and a claim for ordinary food.
      exemptPhrases(r, exempt, exemptIds, at);
    }
    List<ClaimRule.RegexPattern> regexes = new ArrayList<>();
    for (JsonNode x : m.path("regex")) {
      String source = text(x, "pattern", at + " regex");
      Pattern pattern = regex(source, "", at + ": bad regex");
      double minRatio = x.path("min_ratio").asDouble(0);
      if (x.has("min_ratio") && (!(minRatio > 1) || !pattern.pattern().contains("(?<was>")
          || !pattern.pattern().contains("(?<now>"))) {
        throw new IllegalArgumentException(at + ": min_ratio must be above 1 and the regex"
            + " must capture the two numerals as (?<was>...) and (?<now>...)");
      }
      boolean stated = pattern.pattern().contains("(?<stated>");
      if (stated && !x.has("min_ratio")) {
        throw new IllegalArgumentException(at + ": a regex that captures (?<stated>...) compares"
            + " it with (?<now>...) and needs min_ratio for (?<was>...)");
      }
      // Read from the written-out regex, so a place inside a named fragment counts too.
      boolean onPlaces = pattern.pattern().indexOf(PlaceRegistry.FIRST) >= 0;
      if (onPlaces && (!pattern.pattern().contains("(?<claimed>")
          || !pattern.pattern().contains("(?<actual>"))) {
        throw new IllegalArgumentException(at + ": a regex on {{place}} names the place claimed"
            + " as (?<claimed>{{place}}) and the one the goods are from as (?<actual>{{place}})");
      }
      // A tail is looked for in the plain text, where a marked place is not.
      regexes.add(new ClaimRule.RegexPattern(words(x.path("triggers"), at + " triggers"),
          pattern, minRatio, stated, onPlaces ? null : tail(source, at), onPlaces));
    }
    if (patterns.isEmpty() && regexes.isEmpty()) {
      throw new IllegalArgumentException(at + ": no patterns and no regex");
    }
    String basis = text(r, "basis", at);
    basis(basis, at + " basis");
    Map<String, String> byCat = stringMap(r.path("basis_by_category"));
    byCat.forEach((c, b) -> {
      checkCategory(c, at + " basis_by_category");
      basis(b, at + " basis_by_category");
    });
    List<String> also = strings(r.path("also"));
    also.forEach(b -> basis(b, at + " also"));
    Map<String, List<String>> alsoByCat = new LinkedHashMap<>();
    r.path("also_by_category").fields().forEachRemaining(e -> {
      checkCategory(e.getKey(), at + " also_by_category");
      List<String> keys = strings(e.getValue());
      keys.forEach(b -> basis(b, at + " also_by_category"));
      alsoByCat.put(e.getKey(), keys);
    });
    JsonNode shadow = r.path("shadow");
    if (!shadow.isMissingNode() && !shadow.isBoolean()) {
      // "shadow": "false" read as true would hide a live rule's alerts; read as false it
      // would put a rule on trial live. Neither is a guess to make.
      throw new IllegalArgumentException(at + ": 'shadow' must be true or false, not "
          + shadow);
    }
    List<ClaimRule.Condition> exemptIf = conditions(m.path("exempt_if"), at + " exempt_if", true);
    if (r != m) {
      exemptIf = new ArrayList<>(exemptIf);
      exemptIf.addAll(conditions(r.path("exempt_if"), at + " exempt_if", true));
    }
    // exempt_if_of: the conditions of a rule above that clear with one exemption, read as this
    // rule's too. One law's exemption worded once: SAMR's scoped self-comparison
    // (第九条第（一）项) clears 今晚这六款里最便宜的 as it clears 最轻的; two copies would drift.
    if (r.has("exempt_if_of")) {
      exemptIf = new ArrayList<>(exemptIf);
    }
    for (JsonNode x : r.path("exempt_if_of")) {
      String of = text(x, "rule", at + " exempt_if_of");
      ClaimRule lender = rulesById.get(of);
      if (lender == null) {
        throw new IllegalArgumentException(at + ": exempt_if_of names '" + of
            + "', which is not a rule above it");
      }
      int why = exemption(text(x, "exemption", at + " exempt_if_of"), at + " exempt_if_of");
      List<ClaimRule.Condition> lent =
          lender.exemptIf.stream().filter(c -> c.exemption() == why).toList();
      if (lent.isEmpty()) {
        throw new IllegalArgumentException(at + ": exempt_if_of " + of + " lends nothing: it has"
            + " no exempt_if clearing with '" + exemptions.get(why).id() + "'");
      }
      exemptIf.addAll(lent);
    }
    // voided_by: marker set -> exemptions of this rule that a marker of the set in the match's
    // sentence takes away. A sentence saying the goods are not registered cannot be cleared
    // by their registration or by naming them after the special use.
    List<ClaimRule.Voiding> voidings = new ArrayList<>();
    m.path("voided_by").fields().forEachRemaining(e -> {
      int set = markerId(e.getKey(), at + " voided_by");
      List<String> ids = strings(e.getValue());
      if (ids.isEmpty()) {
        throw new IllegalArgumentException(at + " voided_by " + e.getKey() + ": no exemptions");
      }
      int[] xs = new int[ids.size()];
      for (int i = 0; i < xs.length; i++) {
        xs[i] = exemption(ids.get(i), at + " voided_by " + e.getKey());
      }
      voidings.add(new ClaimRule.Voiding(set, xs));
    });
    boolean negation = m.path("negation").asBoolean(false);
    boolean global = m.path("global_exemptions").asBoolean(true);
    java.util.LinkedHashSet<Integer> weighed = new java.util.LinkedHashSet<>(exemptIds);
    exemptIf.forEach(c -> weighed.add(c.exemption()));
    if (negation) {
      weighed.add(negationExemption);
    }
    if (global) {
      globalExemptIf.forEach(c -> weighed.add(c.exemption()));
    }
    List<Exemption> considered = new ArrayList<>();
    weighed.forEach(i -> considered.add(exemptions.get(i)));
    return new ClaimRule(index, id, family, text(r, "title", at), severity, cats, except,
        patterns, exempt, exemptIds.stream().mapToInt(Integer::intValue).toArray(), global,
        considered, regexes, exemptIf,
        conditions(m.path("require"), at + " require", false), negation,
        new LinkedHashSet<>(strings(r.path("suppresses"))), m.path("extend_after").asInt(0),
        text(r, "rewrite", at), basis, byCat, also, alsoByCat,
        r.path("exemption_note").asText(""), shadow.asBoolean(false), voidings,
        r.path("matches_as").asText(null), r.path("files_learned").asBoolean(false));
  }

  /** A regular expression whose every match on the normalised text is a marker of {@code set}. */
  record MarkerRegex(int set, List<String> triggers, Pattern pattern) {}

  /** Conditions; an exemption condition names the exemption it stands for. */
  private List<ClaimRule.Condition> conditions(JsonNode list, String at, boolean exempting) {
    List<ClaimRule.Condition> out = new ArrayList<>();
    for (JsonNode c : list) {
      int x = exempting ? exemption(c.path("exemption").asText("context"), at) : -1;
      Pattern followedBy = optionalRegex(c, "followed_by", "", at);
      // Anchored at the end: the words must end where the claim begins.
      Pattern precededBy = optionalRegex(c, "preceded_by", "$", at);
      Pattern answeredBy = optionalRegex(c, "answered_by", "", at);
      String in = c.path("preceded_in").asText("clause");
      if (!in.equals("clause") && !in.equals("sentence")) {
        throw new IllegalArgumentException(at + ": preceded_in must be clause or sentence, not '"
            + in + "'");
      }
      out.add(new ClaimRule.Condition(markerIds(c.path("all"), at), markerIds(c.path("any"), at),
          markerIds(c.path("all_before"), at), markerIds(c.path("none"), at),
          c.path("before").asBoolean(false), c.path("after").asBoolean(false),
          c.path("none_in_clause").asBoolean(false), followedBy, precededBy,
          in.equals("sentence"), answeredBy, x));
    }
    return out;
  }

  private Pattern optionalRegex(JsonNode c, String field, String suffix, String at) {
    return c.hasNonNull(field)
        ? regex(c.path(field).asText(), suffix, at + ": bad " + field) : null;
  }

  /** A fragment in a group of its own, maybe after {{undenied}}, that ends a regex. */
  private static final Pattern TAIL =
      Pattern.compile("(\\{\\{undenied\\}\\})?\\(\\{\\{[A-Za-z0-9_]+\\}\\}\\)$");

  /** One compiled tail per text, so a checker tests each once per sentence for every regex. */
  private final Map<String, Pattern> tails = new HashMap<>();

  /**
   * The last part of regex {@code source} that every match of it ends with (see {@link
   * ClaimRule.RegexPattern#tail}), or null. Only a fragment at the top level counts: after an
   * alternative's bar, or inside a group, the rest of the regex may match without it.
   */
  private Pattern tail(String source, String at) {
    Matcher m = TAIL.matcher(source);
    if (!m.find()) {
      return null;
    }
    int depth = 0;
    boolean inClass = false;
    for (int i = 0; i < m.start(); i++) {
      char c = source.charAt(i);
      if (c == '\\') {
        i++;
      } else if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '|' && depth == 0) {
        return null;
      }
    }
    if (depth != 0 || inClass) {
      return null;
    }
    return tails.computeIfAbsent(m.group(), t -> regex(t, "", at + ": bad regex"));
  }

  /** Compiles a pack regex after its fragments are written in; {@code suffix} follows a group. */
  private Pattern regex(String source, String suffix, String bad) {
    String expanded = expand(source, bad);
    try {
      Pattern p = Pattern.compile(suffix.isEmpty() ? expanded : "(?:" + expanded + ")" + suffix);
      return uncaptured(p);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(bad + ": " + e.getMessage());
    }
  }

  /**
   * {@code p} with its unnamed groups made non-capturing. Only named groups are ever read (the
   * prices of a min_ratio rule, the place a back-reference repeats), and the fragments written
   * in give a pack regex a hundred groups or more, each cleared at every reset of a matcher and
   * saved and restored as the match goes (in a JFR profile of {@code check}, 7 % of the samples
   * were in {@code Matcher.reset} alone). What a regex matches
   * does not depend on which of its groups capture, so {@code p} is kept as it is whenever that
   * could be in doubt: a numbered back-reference, a quoted stretch, or a rewrite that does not
   * leave exactly the named groups.
   */
  static Pattern uncaptured(Pattern p) {
    String src = p.pattern();
    if (src.contains("\\Q") || Pattern.compile("\\\\[0-9]").matcher(src).find()) {
      return p;
    }
    StringBuilder b = new StringBuilder(src.length() + 64);
    int classDepth = 0;
    int named = 0;
    int made = 0;
    for (int i = 0; i < src.length(); i++) {
      char c = src.charAt(i);
      if (c == '\\' && i + 1 < src.length()) {
        b.append(c).append(src.charAt(++i));
        continue;
      }
      if (c == '[') {
        classDepth++;
      } else if (c == ']' && classDepth > 0) {
        classDepth--;
      } else if (c == '(' && classDepth == 0) {
        boolean question = i + 1 < src.length() && src.charAt(i + 1) == '?';
        if (!question) {
          b.append("(?:");
          made++;
          continue;
        }
        if (src.startsWith("?<", i + 1) && !src.startsWith("?<=", i + 1)
            && !src.startsWith("?<!", i + 1)) {
          named++;
        }
      }
      b.append(c);
    }
    try {
      Pattern q = Pattern.compile(b.toString(), p.flags());
      // Every group counted once: none lost inside a class, no literal paren taken for one.
      boolean same = q.matcher("").groupCount() == named
          && p.matcher("").groupCount() == named + made;
      return same ? q : p;
    } catch (PatternSyntaxException e) {
      return p;
    }
  }

  /**
   * Writes {@code {{name}}} as the named fragment and {@code {{@set}}} as the alternation of a
   * pattern set's words, each in a group of its own: one wording of "the claim is taken back",
   * or one list of endorsers, is kept in one place however many rules use it.
   */
  private String expand(String source, String at) {
    Matcher m = FRAGMENT.matcher(source);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String body;
      if (name.equals("place")) {
        if (places == null) {
          throw new IllegalArgumentException(at + ": {{place}} needs the pack's places registry");
        }
        body = PlaceRegistry.PATTERN;
      } else if (name.startsWith("@")) {
        List<String> words = sets.get(name.substring(1));
        if (words == null) {
          throw new IllegalArgumentException(at + ": unknown pattern set '" + name + "'");
        }
        LinkedHashSet<String> alternatives = new LinkedHashSet<>();
        for (String w : words) {
          alternatives.add(literal(normalizer.normalizeWord(w)));
        }
        body = String.join("|", alternatives);
      } else {
        body = fragments.get(name);
        if (body == null) {
          throw new IllegalArgumentException(at + ": unknown regex fragment '" + name
              + "' (fragments: " + fragments.keySet() + ")");
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement("(?:" + body + ")"));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String literal(String word) {
    StringBuilder b = new StringBuilder(word.length());
    for (char ch : word.toCharArray()) {
      if ("\\.[]{}()*+?^$|".indexOf(ch) >= 0) {
        b.append('\\');
      }
      b.append(ch);
    }
    return b.toString();
  }

  private void builtIn(String id, String says, String unmet) {
    if (!exemptionIndex.containsKey(id)) {
      exemptionIndex.put(id, exemptions.size());
      exemptions.add(new Exemption(id, "", "", says, unmet));
    }
  }

  private int exemption(String id, String at) {
    Integer i = exemptionIndex.get(id);
    if (i == null) {
      throw new IllegalArgumentException(at + ": unknown exemption '" + id + "'");
    }
    return i;
  }

  /** The exemptions of the pack, in the order they are declared. */
  public List<Exemption> exemptions() {
    return List.copyOf(exemptions);
  }

  private int[] markerIds(JsonNode names, String at) {
    List<String> n = strings(names);
    int[] ids = new int[n.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = markerId(n.get(i), at);
    }
    return ids;
  }

  private int markerId(String name, String at) {
    int id = markerNames.indexOf(name);
    if (id < 0) {
      throw new IllegalArgumentException(at + ": unknown marker set '" + name + "'");
    }
    return id;
  }

  /** Pattern words, '@set' references expanded, normalised, with their equivalents. */
  private List<String> words(JsonNode list, String at) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (String w : strings(list)) {
      List<String> raw;
      if (w.startsWith("@")) {
        raw = sets.get(w.substring(1));
        if (raw == null) {
          throw new IllegalArgumentException(at + ": unknown pattern set '" + w + "'");
        }
      } else {
        raw = List.of(w);
      }
      for (String x : raw) {
        String n = normalizer.normalizeWord(x);
        if (n.isEmpty()) {
          throw new IllegalArgumentException(at + ": '" + x + "' is empty once normalised");
        }
        out.addAll(variants(n));
      }
    }
    return new ArrayList<>(out);
  }

  /** The word and its spellings with equivalents (一 as 1, 百分百 as 100%). */
  List<String> variants(String word) {
    LinkedHashSet<String> all = new LinkedHashSet<>();
    all.add(word);
    for (Map.Entry<String, List<String>> e : equivalents.entrySet()) {
      for (String v : new ArrayList<>(all)) {
        if (v.contains(e.getKey())) {
          for (String alt : e.getValue()) {
            all.add(v.replace(e.getKey(), normalizer.normalizeWord(alt)));
          }
        }
      }
    }
    return new ArrayList<>(all);
  }

  private List<String> normalizeAll(List<String> words) {
    List<String> out = new ArrayList<>();
    for (String w : words) {
      out.addAll(variants(normalizer.normalizeWord(w)));
    }
    return out;
  }

  private static void basis(String key, String at) {
    try {
      Basis.of(key);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(at + ": " + e.getMessage());
    }
  }

  private static Set<String> categories(JsonNode list, String at, boolean required) {
    List<String> c = strings(list);
    if (required && c.isEmpty()) {
      throw new IllegalArgumentException(at + ": at least one category (or \"*\") is required");
    }
    for (String x : c) {
      if (!x.equals("*")) {
        checkCategory(x, at);
      }
    }
    return Set.copyOf(c);
  }

  private static void checkCategory(String c, String at) {
    if (!c.equals("*") && !CATEGORIES.contains(c)) {
      throw new IllegalArgumentException(at + ": unknown category '" + c + "'");
    }
  }

  private static String text(JsonNode n, String field, String at) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException(at + ": missing text field '" + field + "'");
    }
    return v.asText();
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    for (JsonNode x : n) {
      out.add(x.asText());
    }
    return out;
  }

  private static Map<String, String> stringMap(JsonNode n) {
    Map<String, String> m = new LinkedHashMap<>();
    n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
    return m;
  }
}
