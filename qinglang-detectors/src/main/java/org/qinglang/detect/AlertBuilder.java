package org.qinglang.detect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.qinglang.alert.Alert;
import org.qinglang.alert.Severity;
import org.qinglang.alert.Subject;

/** Builds an {@link Alert} with a stable id; the one way detectors make alerts. */
public final class AlertBuilder {
  private final String kind;
  private final String[] key;
  private boolean shadow;
  private long ts;
  private String platform;
  private String room;
  private double score;
  private Severity severity;
  private final LinkedHashSet<Subject> subjects = new LinkedHashSet<>();
  private String summary;
  private final Map<String, Object> evidence = new LinkedHashMap<>();
  private String rule;
  private String basis;

  private AlertBuilder(String kind, String[] key) {
    this.kind = kind;
    this.key = key.clone();
  }

  /** A finding of {@code kind} identified by {@code key}: same key, same alert id. */
  public static AlertBuilder of(String kind, String... key) {
    return new AlertBuilder(kind, key);
  }

  /**
   * Marks the alert as raised by a rule on trial. Its id is derived from the key with a
   * "shadow" part in front, so it never takes the id of the live alert of the same finding:
   * the sinks upsert by id, and a shadow version must not overwrite a live one.
   */
  public AlertBuilder shadow() {
    this.shadow = true;
    return this;
  }

  public AlertBuilder at(long ts, String platform) {
    this.ts = ts;
    this.platform = platform;
    return this;
  }

  public AlertBuilder room(String room) {
    this.room = room;
    return this;
  }

  public AlertBuilder score(double score) {
    this.score = Math.max(0, Math.min(1, score));
    return this;
  }

  public AlertBuilder severity(Severity s) {
    this.severity = s;
    return this;
  }

  public AlertBuilder subject(Subject s) {
    subjects.add(s);
    return this;
  }

  public AlertBuilder subjects(String type, Iterable<String> ids) {
    for (String id : ids) {
      subjects.add(new Subject(type, id));
    }
    return this;
  }

  public AlertBuilder summary(String summary) {
    this.summary = summary;
    return this;
  }

  public AlertBuilder evidence(String name, Object value) {
    evidence.put(name, value);
    return this;
  }

  /**
   * The finding's typed evidence record: its fields (snake_case) join the evidence, after any
   * set before and before the legal basis. Prefer this to {@link #evidence(String, Object)}.
   */
  public AlertBuilder evidence(org.qinglang.alert.Evidence record) {
    evidence.putAll(org.qinglang.alert.EvidenceValues.fields(record));
    return this;
  }

  public AlertBuilder rule(String rule) {
    this.rule = rule;
    return this;
  }

  /** Cites a basis of {@code qinglang/bases.json}; its details go into the evidence. */
  public AlertBuilder basis(String basisKey) {
    Basis b = Basis.of(basisKey);
    this.basis = b.cite();
    evidence.put("legal_basis", b.asEvidence());
    return this;
  }

  public Alert build() {
    Severity sev = severity != null ? severity : Severity.ofScore(score);
    String id;
    if (shadow) {
      String[] k = new String[key.length + 1];
      k[0] = "shadow";
      System.arraycopy(key, 0, k, 1, key.length);
      id = Alert.idFor(kind, k);
    } else {
      id = Alert.idFor(kind, key);
    }
    return new Alert(id, kind, ts, platform, room, score, sev, new ArrayList<>(subjects), summary,
        evidence, rule, basis, shadow);
  }

  /** A compact, re-checkable reference to an event: type, time and the ids that name it. */
  public static Map<String, Object> ref(String type, long ts, Object... idPairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type);
    m.put("ts", ts);
    for (int i = 0; i + 1 < idPairs.length; i += 2) {
      if (idPairs[i + 1] != null) {
        m.put(String.valueOf(idPairs[i]), idPairs[i + 1]);
      }
    }
    return m;
  }

  /** Keeps at most {@code max} items, first and last halves, for bounded evidence lists. */
  public static <T> List<T> sample(List<T> items, int max) {
    if (items.size() <= max) {
      return List.copyOf(items);
    }
    List<T> out = new ArrayList<>(items.subList(0, max / 2));
    out.addAll(items.subList(items.size() - (max - max / 2), items.size()));
    return out;
  }
}
