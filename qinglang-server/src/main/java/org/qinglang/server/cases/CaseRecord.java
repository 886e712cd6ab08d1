package org.qinglang.server.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.qinglang.io.Json;

/**
 * A case as its ledgered steps tell it: what {@code case.json} of an evidence package holds.
 * The exporter writes it and the verifier recomputes it from {@code steps.jsonl}, byte for
 * byte, so editing case.json (an outcome turned to unsubstantiated, a deadline moved) is
 * caught even when the manifest's hash is updated to match.
 */
public final class CaseRecord {
  private CaseRecord() {}

  /** The summary of the step payloads (one JSON object per line, in ledger order). */
  public static String fromSteps(long caseId, List<String> stepLines) {
    ObjectNode c = Json.MAPPER.createObjectNode();
    c.put("case", caseId);
    c.put("status", CaseStatus.OPEN.wire());
    c.putNull("outcome");
    c.putNull("deadline");
    ArrayNode penalties = Json.MAPPER.createArrayNode();
    ArrayNode steps = Json.MAPPER.createArrayNode();
    for (String line : stepLines) {
      JsonNode s = read(line);
      JsonNode d = s.path("data");
      switch (s.path("step").asText()) {
        case "clue" -> {
          c.set("title", d.path("title"));
          c.set("alerts", d.path("alerts"));
          c.set("opened_by", s.path("actor"));
          c.set("opened_at", s.path("at"));
        }
        case "notice" -> {
          c.put("status", CaseStatus.NOTICE_SENT.wire());
          c.set("deadline", d.path("deadline"));
        }
        case "response" -> c.put("status", CaseStatus.RESPONDED.wire());
        case "title" -> c.set("title", d.path("title")); // a case renamed after it was opened
        case "verification" -> c.put("status", d.path("ok").asBoolean()
            ? CaseStatus.VERIFIED.wire() : CaseStatus.OPEN.wire());
        case "closure" -> {
          c.put("status", CaseStatus.CLOSED.wire());
          c.set("outcome", d.path("outcome"));
        }
        case "penalty" -> {
          ObjectNode p = ((ObjectNode) d.deepCopy());
          p.set("at", s.path("at"));
          p.set("actor", s.path("actor"));
          penalties.add(p);
        }
        default -> { }
      }
      ObjectNode st = Json.MAPPER.createObjectNode();
      st.set("step", s.path("step"));
      st.set("at", s.path("at"));
      st.set("actor", s.path("actor"));
      st.set("role", s.path("role"));
      steps.add(st);
    }
    c.set("penalties", penalties);
    c.set("steps", steps);
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(c) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read(String s) {
    try {
      return Json.MAPPER.readTree(s);
    } catch (IOException e) {
      throw new IllegalArgumentException("a step line is not JSON: " + e.getMessage());
    }
  }
}
