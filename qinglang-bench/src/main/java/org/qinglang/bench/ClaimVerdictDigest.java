package org.qinglang.bench;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.qinglang.detectors.claim.ClaimChecker;
import org.qinglang.detectors.claim.RulePack;
import org.qinglang.io.Json;

/**
 * Everything the claim check says about every corpus sentence, as one digest per corpus file:
 * the findings and the exemptions applied by the shipped checker, by the rules alone, and the
 * child-directed reading. A change meant only to make the check faster must leave every digest
 * as it was; a record's {@code toString} holds every field (spans, matched text, basis, the
 * model's probability to the last bit), so any difference shows.
 *
 * <pre>java -cp qinglang-bench/target/benchmarks.jar org.qinglang.bench.ClaimVerdictDigest \
 *     qinglang-detectors/src/test/resources/claims [full.txt]</pre>
 *
 * Prints one line per {@code *.jsonl} file (sentences, digest) and the digest of them all; with a
 * second argument it also writes every verdict, one sentence per block, for a diff.
 */
public final class ClaimVerdictDigest {
  private ClaimVerdictDigest() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: ClaimVerdictDigest corpus-dir [full-dump.txt]");
      System.exit(2);
    }
    ClaimChecker shipped = ClaimChecker.standard();
    ClaimChecker rulesAlone = new ClaimChecker(RulePack.standard(), null);
    List<Path> files;
    try (Stream<Path> s = Files.list(Path.of(args[0]))) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
    }
    MessageDigest all = sha256();
    try (BufferedWriter full = args.length > 1
        ? Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8) : null) {
      for (Path f : files) {
        MessageDigest one = sha256();
        int n = 0;
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          if (line.isBlank()) {
            continue;
          }
          var node = Json.MAPPER.readTree(line);
          String text = node.path("text").asText();
          String category = node.path("category").asText(null);
          String verdict = f.getFileName() + ":" + ++n + "\n"
              + shipped.explain(text, category) + "\n"
              + rulesAlone.explain(text, category) + "\n"
              + shipped.childDirected(text) + "\n";
          byte[] b = verdict.getBytes(StandardCharsets.UTF_8);
          one.update(b);
          all.update(b);
          if (full != null) {
            full.write(verdict);
          }
        }
        System.out.printf("%-24s %6d  %s%n", f.getFileName(), n, hex(one));
      }
    }
    System.out.printf("%-24s %6s  %s  (pack %s, model %s)%n", "all", "", hex(all),
        shipped.pack().version(), shipped.model() == null ? "off" : shipped.model().version());
  }

  private static MessageDigest sha256() throws NoSuchAlgorithmException {
    return MessageDigest.getInstance("SHA-256");
  }

  private static String hex(MessageDigest d) {
    return HexFormat.of().formatHex(d.digest()).substring(0, 16);
  }
}
