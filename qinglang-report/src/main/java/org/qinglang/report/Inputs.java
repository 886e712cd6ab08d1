package org.qinglang.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qinglang.alert.Alert;
import org.qinglang.event.Event;
import org.qinglang.io.AlertJson;
import org.qinglang.io.JsonlEventReader;

/**
 * The two files a report is made from, read whole, with the SHA-256 of their bytes so a
 * published figure can be traced to exactly these inputs.
 */
public final class Inputs {

  /** A file as read: name (not the path, which says where it sat on someone's disk), hash, size. */
  public record FileInfo(String name, String sha256, long bytes, long lines, long badLines) {}

  private final List<Alert> alerts;
  private final int shadowAlerts;
  private final long alertVersions;
  private final List<Event> events;
  private final FileInfo alertsFile;
  private final FileInfo eventsFile;

  private Inputs(List<Alert> alerts, long alertVersions, List<Event> events, FileInfo alertsFile,
      FileInfo eventsFile) {
    // A shadow alert is a rule's trial, not a finding anyone stands behind: no report
    // publishes it. The file's hash still covers it, so the inputs stay traceable.
    this.alerts = alerts.stream().filter(a -> !a.shadow()).toList();
    this.shadowAlerts = alerts.size() - this.alerts.size();
    this.alertVersions = alertVersions;
    this.events = events;
    this.alertsFile = alertsFile;
    this.eventsFile = eventsFile;
  }

  public static Inputs read(Path alertsPath, Path eventsPath) throws IOException {
    String alertsHash = sha256(alertsPath);
    Map<String, Alert> latest = new LinkedHashMap<>();
    long versions = 0;
    long alertLines = 0;
    long badAlerts = 0;
    try (BufferedReader r = Files.newBufferedReader(alertsPath, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        alertLines++;
        if (line.isBlank()) {
          continue;
        }
        Alert a;
        try {
          a = AlertJson.parseAlert(line);
        } catch (IOException | RuntimeException e) {
          badAlerts++; // counted and shown, so a report never silently rests on fewer alerts
          continue;
        }
        if (a.id() == null || a.kind() == null) {
          badAlerts++;
          continue;
        }
        versions++;
        // A finding that grows is rewritten under its id; the server keeps the version that is
        // not older by ts, and so does the report, so both count the same finding once.
        Alert prev = latest.get(a.id());
        if (prev == null || a.ts() >= prev.ts()) {
          latest.put(a.id(), a);
        }
      }
    }
    List<Event> events = new ArrayList<>();
    long[] bad = new long[1];
    try (JsonlEventReader r = JsonlEventReader.open(eventsPath, (no, reason, raw) -> bad[0]++)) {
      Event e;
      while ((e = r.next()) != null) {
        events.add(e);
      }
      return new Inputs(new ArrayList<>(latest.values()), versions, events,
          new FileInfo(alertsPath.getFileName().toString(), alertsHash, Files.size(alertsPath),
              alertLines, badAlerts),
          new FileInfo(eventsPath.getFileName().toString(), sha256(eventsPath),
              Files.size(eventsPath), r.lineNo(), bad[0]));
    }
  }

  /** The latest version of every live alert, one per id; shadow alerts are left out. */
  public List<Alert> alerts() {
    return alerts;
  }

  /** Shadow alerts (rules on trial) in the file, left out of {@link #alerts()}. */
  public int shadowAlerts() {
    return shadowAlerts;
  }

  /** Alert lines read (every version of every alert). */
  public long alertVersions() {
    return alertVersions;
  }

  public List<Event> events() {
    return events;
  }

  public FileInfo alertsFile() {
    return alertsFile;
  }

  public FileInfo eventsFile() {
    return eventsFile;
  }

  /**
   * One digest naming both inputs: SHA-256 of the UTF-8 text
   * {@code "alerts:" + hex(alerts) + "\nevents:" + hex(events) + "\n"}, so anyone holding the two
   * files can recompute it with sha256sum and a shell line.
   */
  public String sha256() {
    return hex(("alerts:" + alertsFile.sha256() + "\nevents:" + eventsFile.sha256() + "\n")
        .getBytes(StandardCharsets.UTF_8));
  }

  static String sha256(Path file) throws IOException {
    MessageDigest md = digest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(md.digest());
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
