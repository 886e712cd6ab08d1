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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.qinglang.io.Json;
import org.qinglang.server.ledger.Hashes;
import org.qinglang.server.ledger.MerkleTree;

/**
 * Checks an evidence package with nothing but the zip: every file's SHA-256 against the
 * manifest, no file missing or added, every alert and event line against its ledger record's
 * payload hash, every record hash recomputed, and every inclusion proof against the root. To
 * tie the package to the live ledger, compare the root with one the server published
 * ({@code GET /api/ledger/root} or {@code qinglang verify}).
 */
public final class EvidenceVerifier {
  /** The verdict; {@code root} is the ledger root the package proves inclusion in. */
  public record Result(List<String> problems, String root, int records) {
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
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zipBytes))) {
      ZipEntry e;
      while ((e = z.getNextEntry()) != null) {
        files.put(e.getName(), z.readAllBytes());
      }
    }
    List<String> problems = new ArrayList<>();
    byte[] mf = files.get("manifest.json");
    if (mf == null) {
      return new Result(List.of("manifest.json missing"), null, 0);
    }
    JsonNode manifest = Json.MAPPER.readTree(mf);
    if (!EvidencePackage.FORMAT.equals(manifest.path("format").asText())) {
      problems.add("unknown format " + manifest.path("format").asText());
    }
    java.util.Set<String> listed = new java.util.HashSet<>();
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
    for (String name : files.keySet()) {
      if (!name.equals("manifest.json") && !listed.contains(name)) {
        problems.add(name + ": not listed in the manifest");
      }
    }
    byte[] lj = files.get("ledger.json");
    if (lj == null) {
      problems.add("ledger.json missing");
      return new Result(problems, null, 0);
    }
    JsonNode ledger = Json.MAPPER.readTree(lj);
    byte[] root = Hashes.unhex(ledger.path("root").asText());
    long size = ledger.path("tree_size").asLong();
    Map<String, String[]> lines = new LinkedHashMap<>();
    for (String f : List.of("alerts.jsonl", "events.jsonl", "steps.jsonl")) {
      byte[] b = files.get(f);
      lines.put(f, b == null ? new String[0] : new String(b, StandardCharsets.UTF_8).split("\n"));
    }
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
        String[] ls = lines.get(file);
        if (ln < 1 || ln > ls.length) {
          problems.add(where + ": " + file + " has no line " + ln);
        } else if (!Arrays.equals(Hashes.sha256(ls[ln - 1].getBytes(StandardCharsets.UTF_8)), ph)) {
          problems.add(where + ": " + file + " line " + ln + " does not match the ledger's"
              + " payload hash");
        }
      }
      List<byte[]> path = new ArrayList<>();
      r.path("proof").forEach(p -> path.add(Hashes.unhex(p.asText())));
      if (!MerkleTree.verify(rh, seq - 1, size, path, root)) {
        problems.add(where + ": inclusion proof fails against root " + Hashes.hex(root));
      }
    }
    return new Result(problems, Hashes.hex(root), n);
  }
}
