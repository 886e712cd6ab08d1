package org.qinglang.detectors.claim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.qinglang.alert.Severity;
import org.qinglang.alert.Subject;
import org.qinglang.detect.AlertBuilder;
import org.qinglang.detect.Basis;
import org.qinglang.detect.Context;
import org.qinglang.detect.DetectorSpec;
import org.qinglang.detect.Directory;
import org.qinglang.detect.Scope;
import org.qinglang.detect.SpecDetector;
import org.qinglang.event.Event;
import org.qinglang.event.EventType;
import org.qinglang.event.Order;
import org.qinglang.event.OrderCancel;
import org.qinglang.event.Product;
import org.qinglang.event.RoomStart;
import org.qinglang.event.Speech;

/**
 * {@code false_claim}: the anchor's speech, the room title or a product listing breaks the
 * advertising rules of the claim rule pack ({@link ClaimChecker}).
 *
 * <p>One alert per room and rule family. A reviewer acts on one kind of wrong at a time, and
 * one family shares a legal basis and a fix (all absolute terms fall under 广告法 Art. 9(3));
 * one alert per rule would split 最 and 第一 said in the same breath into two tickets, and one
 * alert per room would mix a health-food disease claim with a "最好" and lose the severity and
 * basis of each. The alert is updated (same id) when a new rule of the family appears, the
 * severity rises, or the number of findings doubles.
 *
 * <p>Category: a listing is checked against its own {@code category}; speech against the
 * category of the listing it names (its title appears in the sentence), else of the latest
 * listing in the room, i.e. the product being sold now (降血压 is allowed for an approved drug,
 * not for food); the title against the latest listing. Before any listing the category is
 * unknown and the rules for ordinary goods apply.
 *
 * <p>The {@code minors} family is left to {@code minor_venue}, whose kind the contract gives
 * for selling aimed at children: see {@link ClaimChecker#childDirected(String)}.
 *
 * <p>Shadow rules ({@code "shadow": true} in the pack, see {@link ClaimRules}): what they
 * would add is kept per room and family apart from the live findings and raised as a separate
 * alert with {@code "shadow": true} and an id of its own. The live alert is built from the
 * live rules alone, so a rule on trial can neither add to, rename, suppress nor count towards
 * a live alert: turning a rule's shadow flag on must not change what moderators see. A text
 * with both live and shadow findings therefore gives both alerts; the shadow one lists only
 * what the live one lacks.
 *
 * <p>Stock counts ({@code false_scarcity}): 只剩最后五十件, 库存还有二十件, 限量500单 are lawful when
 * true and the sentence cannot tell, so they are not judged from the sentence; each is held
 * ({@link StockWatch}) for the sku it concerns (the listing whose title it names, else the
 * latest listing) against the units ordered after it. When those pass the count, plus the
 * restocks said since, by a margin, the room's {@code false_scarcity} alert is raised or
 * updated with the count, the orders and what was weighed. A count the orders never contradict
 * stays undecided: it is listed in that alert's evidence, if the family has one, with what
 * would decide it, and raises nothing by itself.
 *
 * <p>State per room: the current category, at most {@link #MAX_LISTINGS} listings already
 * checked, and per family (live and shadow apart) at most {@link #KEEP_MATCHES} matches and
 * {@link #MAX_SKUS} skus.
 */
public final class FalseClaimDetector extends SpecDetector<FalseClaimDetector.State> {
  public static final String KIND = "false_claim";
  static final DetectorSpec SPEC = DetectorSpec.of(KIND, Scope.ROOM)
      .accepts(EventType.SPEECH, EventType.ROOM_START, EventType.PRODUCT, EventType.ORDER,
          EventType.ORDER_CANCEL)
      .reads(Directory.Part.ROOMS);

  /**
   * One text that broke a rule of the family: where it was said or shown, the words as said,
   * the rule, its basis and rewrite, and each exemption the rule weighed with why it did not
   * apply, so a reviewer sees that 全网最低价 was not let off as a scoped self-comparison.
   */
  public record Match(Map<String, Object> event, String source, String text, List<Integer> span,
      String matched, String rule, String title, String severity, String category, String basis,
      List<String> also, String rewrite, List<Map<String, Object>> exemptionsConsidered) {}

  /** What a reviewer re-checks for one family in one room. */
  public record Evidence(String family, String familyName, List<String> rules, int findings,
      List<Match> matches, String rulePack, Map<String, Object> legalBasis,
      StockWatch.Evidence stock)
      implements org.qinglang.alert.Evidence {}

  private final ClaimRules rules;

  /** With the pack named by {@value ClaimRules#PROPERTY}, else the shipped one. */
  public FalseClaimDetector() {
    this(ClaimRules.fromProperty());
  }

  public FalseClaimDetector(ClaimRules rules) {
    super(SPEC);
    this.rules = rules;
  }
  static final int KEEP_MATCHES = 10;
  static final String FAMILY_SCARCITY = "false_scarcity";
  static final int MAX_SKUS_PER_TITLE = 5;
  static final int MAX_SKUS = 20;
  static final int MAX_LISTINGS = 500;
  private static final int MAX_TEXT = 300;

  /** Per room. */
  public static final class State {
    String platform;
    String anchor;
    String category;
    /** Title to category of the room's listings, to tell which product a sentence names. */
    final LinkedHashMap<String, String> listed = new LinkedHashMap<>();
    final HashSet<String> listingsChecked = new HashSet<>();
    final HashMap<String, FamilyFindings> families = new HashMap<>();
    /** What shadow rules would add, by family; empty unless the pack has shadow rules. */
    final HashMap<String, FamilyFindings> shadowFamilies = new HashMap<>();
    /** Title to sku of the room's listings, to tell which sku a stated count concerns. */
    final LinkedHashMap<String, ArrayList<String>> skuOfTitle = new LinkedHashMap<>();
    String latestSku;
    final StockWatch stock = new StockWatch();
  }

  /** What one rule family has found in one room. */
  public static final class FamilyFindings {
    final LinkedHashSet<String> rules = new LinkedHashSet<>();
    final LinkedHashSet<String> skus = new LinkedHashSet<>();
    final ArrayList<Map<String, Object>> matches = new ArrayList<>();
    int count;
    int emittedCount;
    int emittedRules;
    Severity emittedSeverity;
    Severity severity;
    String rule;
    String basisKey;
  }

  @Override
  public State newState() {
    return new State();
  }

  @Override
  public void onEvent(State s, Event e, Context ctx) {
    s.platform = e.platform();
    if (e instanceof RoomStart r) {
      s.anchor = r.anchor();
      check(s, r.title(), s.category, "title",
          AlertBuilder.ref("room_start", r.ts(), "room", r.room()), null, ctx, r.room());
    } else if (e instanceof Product p) {
      s.latestSku = p.sku();
      if (p.title() != null && !p.title().isBlank()
          && (s.skuOfTitle.size() < MAX_SKUS || s.skuOfTitle.containsKey(p.title()))) {
        // Two listings may share a title (sizes or packs listed apart): a sentence naming the
        // title does not say which, so all are kept.
        ArrayList<String> skus = s.skuOfTitle.computeIfAbsent(p.title(), k -> new ArrayList<>());
        if (!skus.contains(p.sku()) && skus.size() < MAX_SKUS_PER_TITLE) {
          skus.add(p.sku());
        }
      }
      if (p.category() != null) {
        s.category = p.category();
        if (p.title() != null && !p.title().isBlank()
            && (s.listed.size() < MAX_SKUS || s.listed.containsKey(p.title()))) {
          s.listed.put(p.title(), p.category());
        }
      }
      String key = p.sku() + '\u0000' + p.title() + '\u0000' + p.category();
      if (s.listingsChecked.size() < MAX_LISTINGS && s.listingsChecked.add(key)) {
        check(s, p.title(), p.category(), "listing",
            AlertBuilder.ref("product", p.ts(), "room", p.room(), "sku", p.sku()), p.sku(), ctx,
            p.room());
      }
    } else if (e instanceof Speech sp) {
      check(s, sp.text(), categoryOf(s, sp.text()), "speech",
          AlertBuilder.ref("speech", sp.ts(), "room", sp.room()), null, ctx, sp.room());
      stockSpeech(s, sp);
    } else if (e instanceof Order o) {
      if (s.stock.order(o.order(), o.sku(), o.qty(), o.ts())) {
        stockContradicted(s, ctx, o.room());
      }
    } else if (e instanceof OrderCancel c) {
      s.stock.cancel(c.order());
    }
  }

  /** Holds a stated count, or applies a restock, for the sku the sentence concerns. */
  private static void stockSpeech(State s, Speech sp) {
    StockStatement st = StockStatement.read(sp.text());
    if (st == null) {
      return;
    }
    Map<String, Object> ref = AlertBuilder.ref("speech", sp.ts(), "room", sp.room());
    List<String> named = namedSku(s, sp.text());
    if (st.kind() == StockStatement.Kind.RESTOCK) {
      s.stock.restock(st, sp.text(), ref, named);
      return;
    }
    if (named.size() > 1) {
      // Whichever listing the anchor meant must have sold past the count: held against each,
      // contradicted only when all of them are.
      String group = sp.ts() + "|" + sp.text().hashCode();
      for (String sku : named) {
        s.stock.count(st, sp.text(), ref, sp.ts(), sku,
            "title named, one of " + named.size() + " listings under it", null, group);
      }
      return;
    }
    String sku = named.size() == 1 ? named.get(0) : s.latestSku;
    s.stock.count(st, sp.text(), ref, sp.ts(), sku,
        named.size() == 1 ? "title named" : sku != null ? "latest listing" : null,
        "said before any listing: no sku to hold it against", null);
  }

  /** The skus of the listing title the sentence names (the longest it contains); empty if none. */
  static List<String> namedSku(State s, String text) {
    String best = longestNamed(s.skuOfTitle.keySet(), text);
    return best != null ? s.skuOfTitle.get(best) : List.of();
  }

  /**
   * The orders after a stated count ran past it: the family's finding, counted like a rule's.
   * Medium, not the pack's low for 绝版: the room's own orders show the count false. High when
   * more than twice what the count, the restocks and the margin allow was sold.
   */
  private void stockContradicted(State s, Context ctx, String room) {
    FamilyFindings ff = s.families.computeIfAbsent(FAMILY_SCARCITY, k -> new FamilyFindings());
    ff.count++;
    ff.rules.add(StockWatch.RULE);
    for (String sku : s.stock.contradictedSkus()) {
      if (ff.skus.size() < MAX_SKUS) {
        ff.skus.add(sku);
      }
    }
    Severity sev = s.stock.worstRatio() > 2 ? Severity.HIGH : Severity.MEDIUM;
    if (ff.severity == null || sev.compareTo(ff.severity) > 0) {
      ff.severity = sev;
      ff.rule = StockWatch.RULE;
      ff.basisKey = "ad_law_28";
    }
    emit(s, FAMILY_SCARCITY, ff, false, ctx, room);
  }

  /** The category of the listing the sentence names (the longest title it contains), else
   * of the latest listing. */
  static String categoryOf(State s, String text) {
    String best = text == null ? null : longestNamed(s.listed.keySet(), text);
    return best != null ? s.listed.get(best) : s.category;
  }

  /** The longest of the listing titles that the sentence contains; null when none. */
  private static String longestNamed(Iterable<String> titles, String text) {
    String best = null;
    for (String title : titles) {
      if (text.contains(title) && (best == null || title.length() > best.length())) {
        best = title;
      }
    }
    return best;
  }

  private void check(State s, String text, String category, String source,
      Map<String, Object> ref, String sku, Context ctx, String room) {
    List<ClaimFinding> found = rules.live().check(text, category);
    if (!found.isEmpty()) {
      record(s.families, false, found, s, text, source, ref, sku, ctx, room);
    }
    if (rules.hasShadowRules()) {
      List<ClaimFinding> shadow = rules.shadow(text, category, found);
      if (!shadow.isEmpty()) {
        record(s.shadowFamilies, true, shadow, s, text, source, ref, sku, ctx, room);
      }
    }
  }

  private void record(HashMap<String, FamilyFindings> families, boolean shadow,
      List<ClaimFinding> found, State s, String text, String source, Map<String, Object> ref,
      String sku, Context ctx, String room) {
    LinkedHashSet<String> touched = new LinkedHashSet<>();
    for (ClaimFinding f : found) {
      if (f.family().equals("minors")) {
        continue;
      }
      FamilyFindings ff = families.computeIfAbsent(f.family(), k -> new FamilyFindings());
      ff.count++;
      ff.rules.add(f.ruleId());
      if (sku != null && ff.skus.size() < MAX_SKUS) {
        ff.skus.add(sku);
      }
      if (ff.severity == null || f.severity().compareTo(ff.severity) > 0) {
        ff.severity = f.severity();
        ff.rule = f.ruleId();
        ff.basisKey = f.basisKey();
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("event", ref);
      m.put("source", source);
      m.put("text", text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "…" : text);
      // Plain maps and lists only: this lives in engine state until the room goes quiet.
      m.put("rule", f.ruleId());
      m.put("title", f.title());
      m.put("severity", f.severity().wire());
      m.put("span", new ArrayList<>(List.of(f.start(), f.end())));
      m.put("matched", f.matched());
      m.put("category", f.category());
      m.put("basis", f.basis().cite());
      ArrayList<String> also = new ArrayList<>();
      for (String k : f.alsoKeys()) {
        also.add(Basis.of(k).cite());
      }
      m.put("also", also);
      m.put("rewrite", f.rewrite());
      // Ids only in state; the texts are looked up from the pack when the alert is written.
      ArrayList<String> weighed = new ArrayList<>();
      for (Exemption x : f.considered()) {
        weighed.add(x.id());
      }
      m.put("considered", weighed);
      if (ff.matches.size() >= KEEP_MATCHES) {
        ff.matches.remove(KEEP_MATCHES / 2); // keep the first few and the latest few
      }
      ff.matches.add(m);
      touched.add(f.family());
    }
    for (String family : touched) {
      FamilyFindings ff = families.get(family);
      boolean material = ff.emittedSeverity == null
          || ff.rules.size() > ff.emittedRules
          || ff.severity.compareTo(ff.emittedSeverity) > 0
          || ff.count >= 2 * ff.emittedCount;
      if (material) {
        emit(s, family, ff, shadow, ctx, room);
      }
    }
  }

  private static boolean hasCounts(State s) {
    return !s.stock.bySku.isEmpty() || !s.stock.unmatched.isEmpty()
        || !s.stock.restocks.isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static List<Match> matches(List<Map<String, Object>> kept, RulePack pack) {
    Map<String, Exemption> byId = new HashMap<>();
    for (Exemption x : pack.exemptions()) {
      byId.put(x.id(), x);
    }
    List<Match> out = new ArrayList<>();
    for (Map<String, Object> m : kept) {
      List<Map<String, Object>> weighed = new ArrayList<>();
      for (String id : (List<String>) m.get("considered")) {
        weighed.add(byId.get(id).asMap(false));
      }
      out.add(new Match((Map<String, Object>) m.get("event"), (String) m.get("source"),
          (String) m.get("text"), (List<Integer>) m.get("span"), (String) m.get("matched"),
          (String) m.get("rule"), (String) m.get("title"), (String) m.get("severity"),
          (String) m.get("category"), (String) m.get("basis"), (List<String>) m.get("also"),
          (String) m.get("rewrite"), weighed));
    }
    return out;
  }

  private void emit(State s, String family, FamilyFindings ff, boolean shadow, Context ctx,
      String room) {
    ff.emittedCount = ff.count;
    ff.emittedRules = ff.rules.size();
    ff.emittedSeverity = ff.severity;
    String anchor = s.anchor;
    if (anchor == null && ctx.directory().room(room) != null) {
      anchor = ctx.directory().room(room).anchor();
    }
    double score = switch (ff.severity) {
      case LOW -> 0.4;
      case MEDIUM -> 0.6;
      case HIGH -> 0.8;
      case CRITICAL -> 0.95;
    };
    score = Math.min(1, score + Math.min(0.1, 0.02 * (ff.count - 1)));
    RulePack pack = rules.pack();
    String familyName = pack.families().getOrDefault(family, family);
    AlertBuilder b = AlertBuilder.of(KIND, room, family);
    if (shadow) {
      b.shadow();
    }
    b.at(ctx.now(), s.platform)
        .room(room)
        .score(score)
        .severity(ff.severity)
        .subject(Subject.room(room))
        .summary((shadow ? "shadow: " : "") + ff.count + " " + familyName
            + " finding(s) in the room's speech, title or listings"
            + (ff.rules.contains(StockWatch.RULE) ? " or its orders against a stated count" : "")
            + "; rules " + String.join(", ", ff.rules))
        .evidence(new Evidence(family, familyName, List.copyOf(ff.rules), ff.count,
            matches(ff.matches, pack), pack.version(), Basis.of(ff.basisKey).asEvidence(),
            !shadow && family.equals(FAMILY_SCARCITY) && hasCounts(s) ? s.stock.evidence()
                : null))
        .rule(ff.rule)
        .basis(ff.basisKey);
    if (anchor != null) {
      b.subject(Subject.anchor(anchor));
    }
    b.subjects("sku", ff.skus);
    ctx.emit(b.build());
  }
}
