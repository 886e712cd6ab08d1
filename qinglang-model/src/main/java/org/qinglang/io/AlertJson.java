package org.qinglang.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qinglang.alert.Alert;
import org.qinglang.alert.Label;
import org.qinglang.alert.Severity;
import org.qinglang.alert.Subject;

/** Alerts and labels as JSON Lines, in the field order of the contract. */
public final class AlertJson {
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private AlertJson() {}

  public static String toLine(Alert a) {
    return Json.line(g -> {
      g.writeStartObject();
      g.writeStringField("id", a.id());
      g.writeStringField("kind", a.kind());
      g.writeNumberField("ts", a.ts());
      Json.str(g, "platform", a.platform());
      Json.str(g, "room", a.room());
      g.writeNumberField("score", Math.round(a.score() * 1000) / 1000.0);
      g.writeStringField("severity", a.severity().wire());
      writeSubjects(g, a.subjects());
      Json.str(g, "summary", a.summary());
      g.writeObjectField("evidence", a.evidence());
      Json.str(g, "rule", a.rule());
      Json.str(g, "basis", a.basis());
      if (a.shadow()) {
        // Absent when false, so a file without shadow rules is byte for byte what it was.
        g.writeBooleanField("shadow", true);
      }
      g.writeEndObject();
    });
  }

  public static String toLine(Label l) {
    return Json.line(g -> {
      g.writeStartObject();
      g.writeStringField("kind", l.kind());
      Json.str(g, "room", l.room());
      writeSubjects(g, l.subjects());
      g.writeEndObject();
    });
  }

  private static void writeSubjects(JsonGenerator g, List<Subject> subjects) throws IOException {
    g.writeArrayFieldStart("subjects");
    for (Subject s : subjects) {
      g.writeStartObject();
      g.writeStringField("type", s.type());
      g.writeStringField("id", s.id());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  public static Alert parseAlert(String line) throws IOException {
    JsonNode n = Json.MAPPER.readTree(line);
    Map<String, Object> evidence = n.has("evidence")
        ? Json.MAPPER.convertValue(n.get("evidence"), MAP) : Map.of();
    return new Alert(text(n, "id"), text(n, "kind"), n.path("ts").asLong(), text(n, "platform"),
        text(n, "room"), n.path("score").asDouble(),
        n.has("severity") ? Severity.ofWire(n.get("severity").asText()) : Severity.LOW,
        subjects(n), text(n, "summary"), evidence, text(n, "rule"), text(n, "basis"),
        shadow(n));
  }

  public static Label parseLabel(String line) throws IOException {
    JsonNode n = Json.MAPPER.readTree(line);
    return new Label(text(n, "kind"), text(n, "room"), subjects(n));
  }

  private static List<Subject> subjects(JsonNode n) {
    List<Subject> out = new ArrayList<>();
    for (JsonNode s : n.path("subjects")) {
      out.add(new Subject(s.path("type").asText(), s.path("id").asText()));
    }
    return out;
  }

  /**
   * Only a JSON {@code true} makes an alert shadow: a string "true" or a number is a writer's
   * mistake, and reading it as live keeps a broken alert counted rather than silently hidden.
   */
  private static boolean shadow(JsonNode n) {
    JsonNode v = n.get("shadow");
    return v != null && v.isBoolean() && v.booleanValue();
  }

  private static String text(JsonNode n, String f) {
    JsonNode v = n.get(f);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** Reads every alert of a file; when an id repeats, the later line wins (an update). */
  public static List<Alert> readAlerts(Path file) throws IOException {
    Map<String, Alert> byId = new LinkedHashMap<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank()) {
          Alert a = parseAlert(line);
          byId.put(a.id(), a);
        }
      }
    }
    return new ArrayList<>(byId.values());
  }

  public static List<Label> readLabels(Path file) throws IOException {
    List<Label> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank()) {
          out.add(parseLabel(line));
        }
      }
    }
    return out;
  }
}
