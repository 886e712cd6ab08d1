package org.qinglang.server.cases;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.qinglang.event.EventType;
import org.qinglang.io.Json;
import org.qinglang.server.auth.Scope;
import org.qinglang.server.ledger.Hashes;
import org.qinglang.server.ledger.Ledger;
import org.qinglang.server.ledger.RecordClass;
import org.qinglang.server.ledger.MerkleTree;
import org.qinglang.server.store.Queries;
import org.qinglang.server.store.Sql;

/**
 * Exports a case as a self-checking zip:
 * <ul>
 *   <li>{@code case.json}: the case, its steps and penalties;</li>
 *   <li>{@code alerts.jsonl}: every stored version of every alert of the case, byte for byte as
 *       in the ledger;</li>
 *   <li>{@code events.jsonl}: the events the alerts' evidence cites, byte for byte as in the
 *       ledger (references that match no stored event, e.g. expired ones, are listed in the
 *       manifest as unmatched);</li>
 *   <li>{@code steps.jsonl}: the case's workflow steps as recorded in the ledger;</li>
 *   <li>{@code ledger.json}: for each line of those files, its ledger record
 *       (seq, class, ref, time, payload hash, previous hash, record hash) and a Merkle
 *       inclusion proof against one root;</li>
 *   <li>{@code manifest.json}: SHA-256 and size of every other file.</li>
 * </ul>
 * {@link EvidenceVerifier} checks all of it offline, without the server or its database.
 */
public final class EvidencePackage {
  public static final String FORMAT = "qinglang-evidence-1";

  private final Sql sql;
  private final Cases cases;
  private final Queries queries;

  public EvidencePackage(Sql sql, Cases cases, Queries queries) {
    this.sql = sql;
    this.cases = cases;
    this.queries = queries;
  }

  public byte[] export(Scope s, long caseId, long now) {
    Map<String, Object> cs = cases.get(s, caseId, now); // scope check
    List<String> alertIds = cases.alertIds(caseId);
    // ledger records to include, by seq -> (file, line)
    TreeMap<Long, String[]> recs = new TreeMap<>();
    StringBuilder alertsJsonl = new StringBuilder();
    Set<String> refKeys = new LinkedHashSet<>();
    List<JsonNode> refs = new ArrayList<>();
    int line = 0;
    for (String id : alertIds) {
      List<Object[]> versions = sql.list("select seq, payload from ledger where class = 'alert'"
          + " and ref like ? order by seq", rs -> new Object[] {rs.getLong(1), rs.getBytes(2)},
          id.replace("%", "\\%").replace("_", "\\_") + "@%");
      for (Object[] v : versions) {
        if (v[1] == null) {
          continue;
        }
        String text = new String((byte[]) v[1], StandardCharsets.UTF_8);
        alertsJsonl.append(text).append('\n');
        line++;
        recs.put((Long) v[0], new String[] {"alerts.jsonl", String.valueOf(line)});
        collectRefs(read(text).path("evidence"), refs, refKeys);
      }
    }
    StringBuilder eventsJsonl = new StringBuilder();
    List<JsonNode> unmatched = new ArrayList<>();
    Set<Long> eventSeqs = new LinkedHashSet<>();
    line = 0;
    for (JsonNode ref : refs) {
      List<Map<String, Object>> found = eventsFor(ref);
      if (found.isEmpty()) {
        unmatched.add(ref);
      }
      for (Map<String, Object> e : found) {
        long seq = (Long) e.get("seq");
        byte[] payload = (byte[]) e.get("payload");
        if (payload != null && eventSeqs.add(seq)) {
          eventsJsonl.append(new String(payload, StandardCharsets.UTF_8)).append('\n');
          line++;
          recs.put(seq, new String[] {"events.jsonl", String.valueOf(line)});
        }
      }
    }
    StringBuilder stepsJsonl = new StringBuilder();
    line = 0;
    for (Object st : (List<?>) cs.get("steps")) {
      Object seq = ((Map<?, ?>) st).get("ledger_seq");
      if (seq != null) {
        long q = ((Number) seq).longValue();
        byte[] payload = sql.one("select payload from ledger where seq = ?", rs -> rs.getBytes(1), q);
        if (payload != null) {
          stepsJsonl.append(new String(payload, StandardCharsets.UTF_8)).append('\n');
          line++;
          recs.put(q, new String[] {"steps.jsonl", String.valueOf(line)});
        }
      }
    }
    String exportJson = exportRecord(caseId, s.user(), now, recs);
    String ledgerJson = ledgerJson(caseId, recs, exportJson, now);
    List<String> stepLines = stepsJsonl.isEmpty() ? List.of()
        : List.of(stepsJsonl.toString().split("\n"));
    String caseJson = CaseRecord.fromSteps(caseId, stepLines);
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("case.json", caseJson.getBytes(StandardCharsets.UTF_8));
    files.put("alerts.jsonl", alertsJsonl.toString().getBytes(StandardCharsets.UTF_8));
    files.put("events.jsonl", eventsJsonl.toString().getBytes(StandardCharsets.UTF_8));
    files.put("steps.jsonl", stepsJsonl.toString().getBytes(StandardCharsets.UTF_8));
    files.put("export.json", (exportJson + "\n").getBytes(StandardCharsets.UTF_8));
    files.put("ledger.json", ledgerJson.getBytes(StandardCharsets.UTF_8));
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("format", FORMAT);
    manifest.put("case", caseId);
    manifest.put("exported_at", now);
    manifest.put("exported_by", s.user());
    List<Map<String, Object>> fl = new ArrayList<>();
    for (var f : files.entrySet()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", f.getKey());
      m.put("sha256", Hashes.hex(Hashes.sha256(f.getValue())));
      m.put("bytes", f.getValue().length);
      fl.add(m);
    }
    manifest.put("files", fl);
    manifest.put("unmatched_event_refs", unmatched);
    files.put("manifest.json", pretty(manifest).getBytes(StandardCharsets.UTF_8));
    return zip(files);
  }

  /** Walks evidence for event references: objects with a contract event type and a ts. */
  static void collectRefs(JsonNode n, List<JsonNode> out, Set<String> seen) {
    if (n.isObject()) {
      if (n.path("type").isTextual() && EventType.ofWire(n.get("type").asText()) != null
          && n.path("ts").canConvertToLong() && n.get("ts").isIntegralNumber()) {
        if (seen.add(n.toString())) {
          out.add(n);
        }
        return;
      }
      n.elements().forEachRemaining(c -> collectRefs(c, out, seen));
    } else if (n.isArray()) {
      n.elements().forEachRemaining(c -> collectRefs(c, out, seen));
    }
  }

  /**
   * What this package holds, by ledger seq per file: appended to the ledger as the package's
   * last record, so a package that drops a record (a closure step, an event) no longer matches
   * it, and rewriting it changes the root that the ledger published.
   */
  private static String exportRecord(long caseId, String by, long now,
      TreeMap<Long, String[]> recs) {
    Map<String, List<Long>> byFile = new TreeMap<>();
    for (String f : List.of("alerts.jsonl", "events.jsonl", "steps.jsonl")) {
      byFile.put(f, new ArrayList<>());
    }
    recs.forEach((seq, fl) -> byFile.get(fl[0]).add(seq));
    return Json.line(g -> {
      g.writeStartObject();
      g.writeNumberField("export", caseId);
      g.writeNumberField("at", now);
      g.writeStringField("by", by);
      g.writeObjectField("records", byFile);
      g.writeEndObject();
    });
  }

  /**
   * Appends the export record and proves every line against the root of the tree that ends
   * with it, in one transaction under the ledger lock: the root is the live ledger's root at
   * that size, and a checkpoint of it is stored.
   */
  private String ledgerJson(long caseId, TreeMap<Long, String[]> recs, String exportJson,
      long now) {
    return sql.tx(c -> {
      long exportSeq = Ledger.append(c, List.of(new Ledger.Entry(RecordClass.CASE, "case-"
          + caseId + ":export", exportJson.getBytes(StandardCharsets.UTF_8))), now).get(0).seq();
      TreeMap<Long, String[]> all = new TreeMap<>(recs);
      all.put(exportSeq, new String[] {"export.json", "1"});
      List<byte[]> leaves = Sql.list(c, "select record_hash from ledger order by seq",
          rs -> rs.getBytes(1));
      byte[] root = MerkleTree.root(leaves);
      Sql.update(c, "insert into ledger_checkpoint (tree_size, root, created_at) values (?,?,?)"
          + " on conflict (tree_size) do nothing", (long) leaves.size(), root, now);
      List<Map<String, Object>> out = new ArrayList<>();
      for (var r : all.entrySet()) {
        long seq = r.getKey();
        Map<String, Object> m = Sql.list(c, "select seq, class, ref, created_at,"
            + " encode(payload_hash, 'hex') as payload_hash, encode(prev_hash, 'hex') as"
            + " prev_hash, encode(record_hash, 'hex') as record_hash from ledger where seq = ?",
            Sql::row, seq).get(0);
        m.put("file", r.getValue()[0]);
        m.put("line", Integer.parseInt(r.getValue()[1]));
        m.put("proof", MerkleTree.proof(leaves, (int) (seq - 1)).stream().map(Hashes::hex)
            .toList());
        out.add(m);
      }
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("tree_size", leaves.size());
      doc.put("root", Hashes.hex(root));
      doc.put("records", out);
      return pretty(doc);
    });
  }

  private static JsonNode read(String s) {
    try {
      return Json.MAPPER.readTree(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String pretty(Object o) {
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] zip(Map<String, byte[]> files) {
    ByteArrayOutputStream bo = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bo)) {
      for (var f : files.entrySet()) {
        ZipEntry e = new ZipEntry(f.getKey());
        e.setTime(0); // same case, same bytes: no wall clock in the archive metadata
        z.putNextEntry(e);
        z.write(f.getValue());
        z.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bo.toByteArray();
  }

  /**
   * Finds stored events matching an alert's event reference ({type, ts, room?, user?, ...}):
   * events have no ids, so a reference is matched on every field it names.
   */
  private List<Map<String, Object>> eventsFor(JsonNode ref) {
    if (!ref.hasNonNull("type") || !ref.hasNonNull("ts")) {
      return List.of();
    }
    List<Map<String, Object>> cands = sql.list("select e.seq, e.body, l.payload from event e join"
        + " ledger l on l.seq = e.seq where e.type = ? and e.ts = ?", rs -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("seq", rs.getLong(1));
          m.put("body", rs.getString(2));
          m.put("payload", rs.getBytes(3));
          return m;
        }, ref.get("type").asText(), ref.get("ts").asLong());
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> c : cands) {
      JsonNode body = org.qinglang.io.Json.MAPPER.valueToTree(Map.of());
      try {
        body = org.qinglang.io.Json.MAPPER.readTree((String) c.get("body"));
      } catch (java.io.IOException e) {
        continue;
      }
      boolean all = true;
      var it = ref.fields();
      while (it.hasNext() && all) {
        var f = it.next();
        JsonNode v = body.get(f.getKey());
        all = v != null && v.asText().equals(f.getValue().asText());
      }
      if (all) {
        out.add(c);
      }
    }
    return out;
  }
}
