package org.qinglang.detectors.claim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a new rule pack changes on real text, before it goes live: per family, the texts the
 * old pack flagged and the new one does not (removed) and the other way round (added), with
 * examples a reviewer can read. This is the question a rules owner asks of every pack change
 * ("what will this start and stop alerting on?"), answered on the platform's own speech and
 * listings rather than on the corpus the change was written against.
 *
 * <p>A text counts once per family, however many spans of it a pack flags: the unit is the
 * alert a moderator would see for that sentence, not the rule that fired.
 */
public final class PackDiff {

  /** A text to check: where it came from (file:line), the text, and the goods' category. */
  public record Item(String where, String text, String category) {}

  /** One text whose verdict for a family changed, with the rules and words that decided it. */
  public record Change(Item item, List<String> rules, List<String> matched) {}

  /**
   * A family's figures: texts flagged by the old pack and by the new one, and the texts added
   * and removed (counts over every text, examples up to the limit given).
   */
  public record FamilyDiff(String family, int before, int after, int added, int removed,
      List<Change> addedExamples, List<Change> removedExamples) {
    /** True when the pack change alters nothing in this family. */
    public boolean unchanged() {
      return added == 0 && removed == 0;
    }
  }

  /** The whole comparison: how many texts were read, and every family either pack flagged. */
  public record Result(String oldVersion, String newVersion, int texts,
      List<FamilyDiff> families) {}

  private PackDiff() {}

  /** Runs both checkers over every item; keeps up to {@code examples} per family and side. */
  public static Result diff(ClaimChecker oldPack, ClaimChecker newPack, Iterable<Item> items,
      int examples) {
    Map<String, Tally> tallies = new TreeMap<>();
    int texts = 0;
    for (Item item : items) {
      texts++;
      Map<String, List<ClaimFinding>> before = byFamily(oldPack.check(item.text(), item.category()));
      Map<String, List<ClaimFinding>> after = byFamily(newPack.check(item.text(), item.category()));
      TreeSet<String> families = new TreeSet<>(before.keySet());
      families.addAll(after.keySet());
      for (String f : families) {
        Tally t = tallies.computeIfAbsent(f, k -> new Tally());
        List<ClaimFinding> b = before.get(f);
        List<ClaimFinding> a = after.get(f);
        if (b != null) {
          t.before++;
        }
        if (a != null) {
          t.after++;
        }
        if (a != null && b == null) {
          t.added++;
          if (t.addedExamples.size() < examples) {
            t.addedExamples.add(change(item, a));
          }
        } else if (b != null && a == null) {
          t.removed++;
          if (t.removedExamples.size() < examples) {
            t.removedExamples.add(change(item, b));
          }
        }
      }
    }
    List<FamilyDiff> out = new ArrayList<>();
    tallies.forEach((f, t) -> out.add(new FamilyDiff(f, t.before, t.after, t.added, t.removed,
        List.copyOf(t.addedExamples), List.copyOf(t.removedExamples))));
    return new Result(oldPack.pack().version(), newPack.pack().version(), texts, out);
  }

  private static Map<String, List<ClaimFinding>> byFamily(List<ClaimFinding> findings) {
    Map<String, List<ClaimFinding>> m = new LinkedHashMap<>();
    for (ClaimFinding f : findings) {
      m.computeIfAbsent(f.family(), k -> new ArrayList<>()).add(f);
    }
    return m;
  }

  private static Change change(Item item, List<ClaimFinding> fs) {
    List<String> rules = new ArrayList<>();
    List<String> matched = new ArrayList<>();
    for (ClaimFinding f : fs) {
      rules.add(f.ruleId());
      matched.add(f.matched());
    }
    return new Change(item, List.copyOf(rules), List.copyOf(matched));
  }

  private static final class Tally {
    int before;
    int after;
    int added;
    int removed;
    final List<Change> addedExamples = new ArrayList<>();
    final List<Change> removedExamples = new ArrayList<>();
  }
}
