package org.qinglang.server.cases;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.qinglang.io.Json;
import org.qinglang.server.ledger.Hashes;
import org.qinglang.server.ledger.MerkleTree;

/**
 * Checks an evidence package with nothing but the zip. It trusts no file on its own word:
 * <ul>
 *   <li>the zip holds each known file once and nothing else (a duplicate entry could show one
 *       reader a forged file and another the real one);</li>
 *   <li>every file's SHA-256 matches the manifest;</li>
 *   <li>every line of alerts.jsonl, events.jsonl, steps.jsonl and export.json is claimed by
 *       exactly one ledger record whose payload hash it matches, and every record's line
 *       exists; every record hash is recomputed and proven in the Merkle root;</li>
 *   <li>the export record, appended to the ledger when the package was made, is the last leaf
 *       of the tree and lists exactly the records the package holds (a dropped closure step or
 *       event no longer matches it);</li>
 *   <li>case.json is what the ledgered steps say ({@link CaseRecord}), byte for byte.</li>
 * </ul>
 * What no offline check can exclude is a package rebuilt wholesale with a new root: compare
 * the root and tree size it prints with the ones the server published
 * ({@code GET /api/ledger/root}, its checkpoints, or a report that quoted them).
 */
public final class EvidenceVerifier {
  /** The files a package holds. */
  public static final Set<String> FILES = Set.of("case.json", "alerts.jsonl", "events.jsonl",
      "steps.jsonl", "export.json", "ledger.json", "manifest.json");
  private static final List<String> LEDGERED = List.of("alerts.jsonl", "events.jsonl",
      "steps.jsonl", "export.json");

  /** The verdict; {@code root} and {@code treeSize} are the ledger tree the package proves inclusion in. */
  public record Result(List<String> problems, String root, int records, long treeSize) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  private EvidenceVerifier() {}

  public static Result verify(Path zip) throws IOException {
    try (InputStream in = Files.newInputStream(zip)) {
      return verify(in.readAllBytes());
    }
  }

  public static Result verify(byte[] zipBytes) throws IOException {
    List<String> problems = new ArrayList<>();
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zipBytes))) {
      ZipEntry e;
      while ((e = z.getNextEntry()) != null) {
        byte[] b = z.readAllBytes();
        if (files.containsKey(e.getName())) {
          problems.add(e.getName() + ": appears more than once in the zip");
        } else {
          files.put(e.getName(), b);
        }
        if (!FILES.contains(e.getName())) {
          problems.add(e.getName() + ": unknown file (a package holds " + new TreeSet<>(FILES)
              + ")");
        }
      }
    }
    byte[] mf = files.get("manifest.json");
    if (mf == null) {
      problems.add("manifest.json missing");
      return new Result(problems, null, 0, 0);
    }
    JsonNode manifest = Json.MAPPER.readTree(mf);
    if (!EvidencePackage.FORMAT.equals(manifest.path("format").asText())) {
      problems.add("unknown format " + manifest.path("format").asText());
    }
    Set<String> listed = new HashSet<>();
    for (JsonNode f : manifest.path("files")) {
      String name = f.path("name").asText();
      listed.add(name);
      byte[] b = files.get(name);
      if (b == null) {
        problems.add(name + ": listed in the manifest but missing");
      } else if (!Hashes.hex(Hashes.sha256(b)).equals(f.path("sha256").asText())) {
        problems.add(name + ": SHA-256 " + Hashes.hex(Hashes.sha256(b))
            + " differs from the manifest's " + f.path("sha256").asText());
      }
    }
    for (String name : FILES) {
      if (!name.equals("manifest.json") && !listed.contains(name)) {
        problems.add(name + ": not listed in the manifest");
      }
    }
    byte[] lj = files.get("ledger.json");
    if (lj == null) {
      problems.add("ledger.json missing");
      return new Result(problems, null, 0, 0);
    }
    JsonNode ledger = Json.MAPPER.readTree(lj);
    byte[] root = Hashes.unhex(ledger.path("root").asText());
    long size = ledger.path("tree_size").asLong();
    Map<String, List<String>> lines = new LinkedHashMap<>();
    for (String f : LEDGERED) {
      byte[] b = files.get(f);
      List<String> ls = new ArrayList<>();
      if (b != null && b.length > 0) {
        String text = new String(b, StandardCharsets.UTF_8);
        if (!text.endsWith("\n")) {
          problems.add(f + ": does not end with a newline");
        }
        ls.addAll(List.of(text.split("\n", -1)));
        ls.remove(ls.size() - 1);
      }
      lines.put(f, ls);
    }
    Map<String, Set<Integer>> claimed = new HashMap<>();
    Map<String, List<Long>> seqsByFile = new TreeMap<>();
    long exportSeq = -1;
    int n = 0;
    for (JsonNode r : ledger.path("records")) {
      n++;
      long seq = r.path("seq").asLong();
      String where = "ledger record " + seq;
      byte[] ph = Hashes.unhex(r.path("payload_hash").asText());
      byte[] rh = Hashes.unhex(r.path("record_hash").asText());
      byte[] computed = Hashes.record(seq, r.path("class").asText(),
          r.path("ref").isNull() ? null : r.path("ref").asText(), r.path("created_at").asLong(),
          ph, Hashes.unhex(r.path("prev_hash").asText()));
      if (!Arrays.equals(computed, rh)) {
        problems.add(where + ": record hash does not match its fields");
      }
      String file = r.path("file").asText();
      if (!lines.containsKey(file)) {
        problems.add(where + ": names unknown file " + file);
      } else {
        int ln = r.path("line").asInt();
        List<String> ls = lines.get(file);
        if (ln < 1 || ln > ls.size()) {
          problems.add(where + ": " + file + " has no line " + ln);
        } else if (!claimed.computeIfAbsent(file, x -> new HashSet<>()).add(ln)) {
          problems.add(where + ": " + file + " line " + ln + " is claimed by two records");
        } else if (!Arrays.equals(Hashes.sha256(ls.get(ln - 1).getBytes(StandardCharsets.UTF_8)),
            ph)) {
          problems.add(where + ": " + file + " line " + ln + " does not match the ledger's"
              + " payload hash");
        }
        if (file.equals("export.json")) {
          exportSeq = seq;
        } else {
          seqsByFile.computeIfAbsent(file, x -> new ArrayList<>()).add(seq);
        }
      }
      List<byte[]> path = new ArrayList<>();
      r.path("proof").forEach(p -> path.add(Hashes.unhex(p.asText())));
      if (!MerkleTree.verify(rh, seq - 1, size, path, root)) {
        problems.add(where + ": inclusion proof fails against root " + Hashes.hex(root));
      }
    }
    for (var f : lines.entrySet()) {
      Set<Integer> c = claimed.getOrDefault(f.getKey(), Set.of());
      for (int i = 1; i <= f.getValue().size(); i++) {
        if (!c.contains(i)) {
          problems.add(f.getKey() + " line " + i + ": no ledger record vouches for it");
        }
      }
    }
    checkExport(lines.get("export.json"), exportSeq, size, seqsByFile, manifest, problems);
    checkCase(files, lines.get("steps.jsonl"), manifest.path("case").asLong(), problems);
    return new Result(problems, Hashes.hex(root), n, size);
  }

  private static void checkExport(List<String> export, long exportSeq, long size,
      Map<String, List<Long>> seqsByFile, JsonNode manifest, List<String> problems)
      throws IOException {
    if (export.size() != 1 || exportSeq < 0) {
      problems.add("export.json: must be one ledgered line (the export record)");
      return;
    }
    if (exportSeq != size) {
      problems.add("export.json: its record " + exportSeq + " is not the last leaf of the tree"
          + " of size " + size);
    }
    JsonNode ex = Json.MAPPER.readTree(export.get(0));
    if (ex.path("export").asLong() != manifest.path("case").asLong()) {
      problems.add("export.json: is the export of case " + ex.path("export").asText()
          + ", the manifest says case " + manifest.path("case").asText());
    }
    for (var f : ex.path("records").properties()) {
      List<Long> named = new ArrayList<>();
      f.getValue().forEach(v -> named.add(v.asLong()));
      List<Long> held = new ArrayList<>(seqsByFile.getOrDefault(f.getKey(), List.of()));
      java.util.Collections.sort(held);
      java.util.Collections.sort(named);
      if (!named.equals(held)) {
        List<Long> missing = new ArrayList<>(named);
        missing.removeAll(held);
        List<Long> extra = new ArrayList<>(held);
        extra.removeAll(named);
        problems.add(f.getKey() + ": the export record lists ledger records " + named
            + " but the package holds " + held + (missing.isEmpty() ? "" : " (missing " + missing
            + ")") + (extra.isEmpty() ? "" : " (not exported " + extra + ")"));
      }
    }
  }

  private static void checkCase(Map<String, byte[]> files, List<String> steps, long caseId,
      List<String> problems) {
    byte[] cj = files.get("case.json");
    if (cj == null) {
      return;
    }
    String expected;
    try {
      expected = CaseRecord.fromSteps(caseId, steps);
    } catch (IllegalArgumentException e) {
      problems.add("steps.jsonl: " + e.getMessage());
      return;
    }
    if (!expected.equals(new String(cj, StandardCharsets.UTF_8))) {
      problems.add("case.json: differs from what the ledgered steps say (status, outcome,"
          + " deadline, penalties or steps edited)");
    }
  }
}
