package org.qinglang.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.qinglang.detectors.claim.ClaimChecker;
import org.qinglang.detectors.claim.ClaimModel;
import org.qinglang.detectors.claim.PackDiff;
import org.qinglang.detectors.claim.PackPromotion;
import org.qinglang.detectors.claim.RulePack;
import org.qinglang.event.Event;
import org.qinglang.event.Product;
import org.qinglang.event.RoomStart;
import org.qinglang.event.Speech;
import org.qinglang.io.JsonlEventReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code qinglang rules}: the claim rule pack's lifecycle. */
@Command(name = "rules", mixinStandardHelpOptions = true,
    description = {"The marketing-claim rule pack's lifecycle: what a new version changes,",
        "promoting a rule on trial (\"shadow\": true) to live, and what each rule costs."},
    subcommands = {RulesCommand.Diff.class, RulesCommand.Promote.class,
        RulesCommand.Cost.class})
public final class RulesCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /** The texts diff and cost read: {@code --input}, repeatable, events or sentences. */
  static final class Texts {
    @Option(names = "--input", required = true, description = "Events (.jsonl, .jsonl.gz) or sentences (.tsv); repeatable.")
    List<Path> inputs;

    List<PackDiff.Item> read() throws IOException {
      List<PackDiff.Item> items = new ArrayList<>();
      for (Path in : inputs) {
        read(in, items);
      }
      return items;
    }

    /**
     * The texts of a file: sentences of a .tsv, or what the false_claim detector reads in an
     * events file (speech, held against the category of the room's latest listing, as the
     * detector does when a sentence names no listing; listing titles with their own category;
     * room titles).
     */
    private static void read(Path in, List<PackDiff.Item> items) throws IOException {
      String name = in.getFileName().toString();
      if (name.endsWith(".tsv") || name.endsWith(".txt")) {
        try (BufferedReader r = Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
          String line;
          int no = 0;
          while ((line = r.readLine()) != null) {
            no++;
            if (line.isBlank() || line.startsWith("#")) {
              continue;
            }
            int tab = line.indexOf('\t');
            String text = tab < 0 ? line : line.substring(0, tab);
            String category = tab < 0 ? null : line.substring(tab + 1).strip();
            items.add(new PackDiff.Item(name + ":" + no, text.strip(),
                category == null || category.isEmpty() ? null : category));
          }
        }
        return;
      }
      Map<String, String> roomCategory = new HashMap<>();
      try (JsonlEventReader r = JsonlEventReader.open(in, (line, why, raw) -> System.err.println(
          in + ":" + line + ": set aside: " + why))) {
        Event e;
        while ((e = r.next()) != null) {
          String where = name + ":" + r.lineNo();
          if (e instanceof Product p) {
            if (p.category() != null && p.room() != null) {
              roomCategory.put(p.room(), p.category());
            }
            if (p.title() != null) {
              items.add(new PackDiff.Item(where, p.title(), p.category()));
            }
          } else if (e instanceof Speech s && s.text() != null) {
            items.add(new PackDiff.Item(where, s.text(), roomCategory.get(s.room())));
          } else if (e instanceof RoomStart rs && rs.title() != null) {
            items.add(new PackDiff.Item(where, rs.title(), null));
          }
        }
      }
    }
  }

  /** {@code qinglang rules diff}. */
  @Command(name = "diff", mixinStandardHelpOptions = true,
      description = {"What a new rule pack adds and removes, per family, with examples, on your own",
          "text: speech, listing titles and room titles of an events file (.jsonl, .jsonl.gz),",
          "or sentences one per line (.tsv: text, optionally a tab and the goods' category).",
          "A text counts once per family, as the alert a moderator would see.",
          "Rules marked \"shadow\": true count as absent in both packs' tables; when the new",
          "pack has some, a second table shows what promoting them would change.",
          "With --old-model or --new-model, the learned model is compared as well (or alone,",
          "when both sides use the same pack): what a model upgrade starts and stops flagging.",
          "Exit 0; 2 on bad usage or an unreadable pack."})
  static final class Diff implements Callable<Integer> {
    @Option(names = "--old", description = "The pack in use (default: the one shipped in this build).")
    Path oldPack;

    @Option(names = "--new", description = "The candidate pack (default: the one shipped in this build).")
    Path newPack;

    @Mixin
    Texts texts;

    @Option(names = "--examples", defaultValue = "5", description = "Examples per family and direction (default ${DEFAULT-VALUE}).")
    int examples;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--with-model", description = "Run the shipped learned model beside both packs, as the detector does (default: the rules alone, so that only the packs differ).")
    boolean withModel;

    @Option(names = "--old-model", paramLabel = "FILE", description = "The learned model in use (a claims-model.json); implies --with-model.")
    Path oldModel;

    @Option(names = "--new-model", paramLabel = "FILE", description = "The candidate learned model (default with --old-model: the one shipped in this build).")
    Path newModel;

    @Override
    public Integer call() throws Exception {
      if (oldPack == null && newPack == null && oldModel == null && newModel == null) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "nothing to compare: give --new (a pack), --old-model or --new-model");
      }
      withModel |= oldModel != null || newModel != null;
      ClaimChecker before = checker(oldPack, oldModel);
      ClaimChecker after = checker(newPack, newModel);
      List<PackDiff.Item> items = texts.read();
      PackDiff.Result r = PackDiff.diff(before, after, items, examples);
      java.io.PrintWriter out = spec.commandLine().getOut();
      out.printf("rule pack %s -> %s over %,d texts%s%n%n", r.oldVersion(), r.newVersion(),
          r.texts(), withModel ? String.format(" (learned model %s -> %s)",
              modelName(before), modelName(after)) : "");
      print(out, r, "old pack", "new pack");
      List<String> trial = after.pack().shadowRules().stream()
          .map(org.qinglang.detectors.claim.ClaimRule::id).toList();
      if (!trial.isEmpty()) {
        // Against the new pack's own live rules, so the figures are the trial rules' alone.
        PackDiff.Result sh = PackDiff.diff(after, ClaimChecker.promoted(after.pack(),
            after.model()), items, examples);
        out.printf("%nshadow rules of %s (%s): what promoting them would change, against its"
            + " live rules%n%n", sh.newVersion(), String.join(", ", trial));
        print(out, sh, "live", "promoted");
      }
      out.flush();
      return 0;
    }

    private static void print(java.io.PrintWriter out, PackDiff.Result r, String left,
        String right) {
      out.println("| family | " + left + " | " + right + " | added | removed |");
      out.println("|---|---:|---:|---:|---:|");
      for (PackDiff.FamilyDiff f : r.families()) {
        out.printf("| %s | %d | %d | %d | %d |%n", f.family(), f.before(), f.after(),
            f.added(), f.removed());
      }
      for (PackDiff.FamilyDiff f : r.families()) {
        print(out, "added", f.family(), f.added(), f.addedExamples());
        print(out, "removed", f.family(), f.removed(), f.removedExamples());
      }
      if (r.families().stream().allMatch(PackDiff.FamilyDiff::unchanged)) {
        out.println("\nno text changes its verdict in any family");
      }
    }

    private static void print(java.io.PrintWriter out, String what, String family, int n,
        List<PackDiff.Change> ex) {
      if (n == 0) {
        return;
      }
      out.printf("%n%s, %s (%d):%n", what, family, n);
      for (PackDiff.Change c : ex) {
        List<String> why = new ArrayList<>();
        for (int i = 0; i < c.rules().size(); i++) {
          why.add(c.rules().get(i) + ": " + c.matched().get(i));
        }
        out.printf("  %s [%s] %s%s%n", c.item().where(), String.join("; ", why),
            c.item().text(), c.item().category() == null ? "" : " (" + c.item().category() + ")");
      }
    }

    private static String modelName(ClaimChecker c) {
      return c.model() == null ? "off" : c.model().version();
    }

    private ClaimChecker checker(Path pack, Path model) throws IOException {
      RulePack p = pack == null ? RulePack.standard() : RulePack.read(pack);
      if (!withModel) {
        return new ClaimChecker(p);
      }
      return new ClaimChecker(p, model == null ? ClaimModel.standard() : ClaimModel.read(model));
    }
  }

  /** {@code qinglang rules cost}. */
  @Command(name = "cost", mixinStandardHelpOptions = true,
      description = {"Which of a pack's regular expressions the check spends its time in, on your",
          "own text (the inputs of rules diff): per regex, the texts it ran on after its",
          "trigger words, microseconds per run and its share of the time. One thread; the",
          "first pass over the texts warms the JIT and is not counted. Exit 0; 2 on bad usage."})
  static final class Cost implements Callable<Integer> {
    @Option(names = "--pack", description = "The pack to time (default: the one shipped in this build).")
    Path pack;

    @Mixin
    Texts texts;

    @Option(names = "--rounds", defaultValue = "5", description = "Timed passes over the texts (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--top", defaultValue = "20", description = "Regexes listed, costliest first (default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--no-model", description = "Time the rules alone, without the learned model.")
    boolean noModel;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (rounds < 1 || top < 1) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "--rounds and --top must be at least 1");
      }
      RulePack p = pack == null ? RulePack.standard() : RulePack.read(pack);
      ClaimModel m = noModel ? null : ClaimModel.standard();
      List<PackDiff.Item> items = texts.read();
      if (items.isEmpty()) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "no text to check in the inputs");
      }
      // A first checker warms the JIT; the counted one starts from zero.
      pass(ClaimChecker.timed(p, m), items);
      ClaimChecker timed = ClaimChecker.timed(p, m);
      long total = 0;
      for (int r = 0; r < rounds; r++) {
        total += pass(timed, items);
      }
      List<ClaimChecker.RegexCost> costs = new ArrayList<>(timed.regexCost());
      long regex = costs.stream().mapToLong(ClaimChecker.RegexCost::nanos).sum();
      long checks = (long) rounds * items.size();
      java.io.PrintWriter out = spec.commandLine().getOut();
      out.printf("rule pack %s%s over %,d texts, %d timed passes: %.1f µs per check, of which"
              + " regexes %.1f µs (%.0f %%)%n%n", p.version(), m == null ? "" : ", learned model "
              + m.version(), items.size(), rounds, total / 1e3 / checks, regex / 1e3 / checks,
          total == 0 ? 0.0 : 100.0 * regex / total);
      costs.sort((a, b) -> Long.compare(b.nanos(), a.nanos()));
      out.println("| rule | regex | family | tried at | runs per pass | µs per run"
          + " | share of the regexes' time |");
      out.println("|---|---:|---|---|---:|---:|---:|");
      for (ClaimChecker.RegexCost c : costs.subList(0, Math.min(top, costs.size()))) {
        if (c.runs() == 0) {
          break;
        }
        out.printf("| %s | %d | %s | %s | %.1f | %.1f | %.1f %% |%n", c.rule(), c.index(),
            c.family(), c.sparse() ? "its start chars" : "every char",
            c.runs() / (double) rounds, c.nanos() / 1e3 / c.runs(),
            regex == 0 ? 0.0 : 100.0 * c.nanos() / regex);
      }
      out.flush();
      return 0;
    }

    /** One pass over the texts; its wall time in nanoseconds. */
    private static long pass(ClaimChecker c, List<PackDiff.Item> items) {
      long t0 = System.nanoTime();
      for (PackDiff.Item i : items) {
        c.check(i.text(), i.category());
      }
      return System.nanoTime() - t0;
    }
  }

  /** {@code qinglang rules promote}. */
  @Command(name = "promote", mixinStandardHelpOptions = true,
      description = {"Writes a new version of a pack in which a rule on trial (\"shadow\": true)",
          "is live; everything else is kept as it was. Run rules diff on the day's text first.",
          "Exit 0; 2 on bad usage, an invalid pack, an unknown rule or one already live."})
  static final class Promote implements Callable<Integer> {
    @Option(names = "--pack", required = true, description = "The pack with the rule on trial.")
    Path pack;

    @Option(names = "--rule", required = true, description = "The id of the shadow rule to make live.")
    String rule;

    @Option(names = "--out", required = true, description = "Where to write the new pack (not the input file).")
    Path out;

    @Option(names = "--version", paramLabel = "VERSION", description = "The new pack's version (default: the old one with its last number raised).")
    String version;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (Files.exists(out) && Files.isSameFile(out, pack)) {
        // The old version is what a rollback goes back to: keep it.
        throw new IllegalArgumentException("--out must not be the input pack " + pack);
      }
      String text;
      try {
        text = Files.readString(pack, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read rule pack " + pack + ": " + e);
      }
      PackPromotion.Result r = PackPromotion.promote(text, pack.toString(), rule, version);
      Files.writeString(out, r.json(), StandardCharsets.UTF_8);
      java.io.PrintWriter w = spec.commandLine().getOut();
      w.printf("rule %s is live in %s (version %s -> %s)%n", r.ruleId(), out, r.oldVersion(),
          r.newVersion());
      w.flush();
      return 0;
    }
  }
}
