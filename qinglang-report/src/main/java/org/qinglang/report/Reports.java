package org.qinglang.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.qinglang.io.Json;

/** Makes a report from an alerts file and an events file and writes its three forms. */
public final class Reports {
  private Reports() {}

  /** The report kinds. */
  public enum Kind {
    GOVERNANCE("直播电商治理报告 Live-commerce governance report"),
    INFLUENCER("主播尽职调查报告 Influencer due-diligence report"),
    ESG("社会责任（ESG）指标报告 ESG indicators"),
    DISCLOSURE("违规发现公示 Public disclosure of findings");

    final String title;

    Kind(String title) {
      this.title = title;
    }

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What to report on; null times mean the span of the events. */
  public record Request(Kind kind, String from, String to, String platform, String anchor,
      String mcn) {}

  /** The files written. */
  public record Written(Path json, Path html, Path pdf, Report report) {}

  public static Written write(Request req, Path alerts, Path events, Path outDir) throws IOException {
    Report r = build(req, Inputs.read(alerts, events));
    Files.createDirectories(outDir);
    Path json = outDir.resolve("report.json");
    Files.writeString(json, Json.MAPPER.writerWithDefaultPrettyPrinter()
        .writeValueAsString(r.json()) + "\n", StandardCharsets.UTF_8);
    String html = Html.render(r);
    Path htmlFile = outDir.resolve("report.html");
    Files.writeString(htmlFile, html, StandardCharsets.UTF_8);
    Path pdf = outDir.resolve("report.pdf");
    Pdf.write(html, pdf);
    return new Written(json, htmlFile, pdf, r);
  }

  public static Report build(Request req, Inputs in) {
    Evening ev = Evening.of(in.events());
    long first = ev.firstStart != Long.MAX_VALUE ? ev.firstStart
        : in.events().stream().mapToLong(e -> e.ts()).min().orElse(0);
    // By default the period holds everything the files hold: a finding without a room (an
    // evasion, a scheme) may be stamped before the first show, or after the last event
    java.util.LongSummaryStatistics alertTs =
        in.alerts().stream().mapToLong(a -> a.ts()).summaryStatistics();
    long from = req.from() != null ? Scope.parseTime(req.from())
        : Math.min(first, alertTs.getMin());
    long to = req.to() != null ? Scope.parseTime(req.to())
        : Math.max(Math.max(ev.lastTs, alertTs.getMax()), from) + 1;
    if (req.kind() == Kind.INFLUENCER && req.anchor() == null) {
      throw new IllegalArgumentException("influencer needs --anchor ID");
    }
    Scope scope = new Scope(from, to, req.platform(), req.anchor(), req.mcn());
    Ctx c = new Ctx(in, ev, scope);
    Map<String, Object> figures = switch (req.kind()) {
      case GOVERNANCE -> Governance.figures(c);
      case INFLUENCER -> Influencer.figures(c);
      case ESG -> Esg.figures(c);
      case DISCLOSURE -> Disclosure.figures(c);
    };
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("report", req.kind().wire());
    root.put("title", req.kind().title);
    root.put("generated_by", "qinglang 0.1.0");
    Map<String, Object> sc = new LinkedHashMap<>();
    sc.put("from", Scope.format(from));
    sc.put("to", Scope.format(to));
    sc.put("from_ms", from);
    sc.put("to_ms", to);
    sc.put("platform", req.platform());
    sc.put("anchor", req.anchor());
    sc.put("mcn", req.mcn());
    sc.put("rule", "a room counts in the period its show started; an alert where its room "
        + "counts, or by its time when it concerns no known room");
    root.put("scope", sc);
    root.put("inputs", inputs(in));
    root.put("ledger", Map.of("available", false, "reason",
        "made from files: no evidence ledger was read, so no ledger root or tree size"));
    root.put("figures", figures);
    root.put("not_available", c.notAvailable);
    Map<String, Object> defs = new TreeMap<>();
    c.defs.used().forEach((k, d) -> defs.put(k, d));
    root.put("definitions", defs);
    return new Report(req.kind().wire(), req.kind().title, root, c.charts);
  }

  private static Map<String, Object> inputs(Inputs in) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("file", in.alertsFile().name());
    a.put("sha256", in.alertsFile().sha256());
    a.put("bytes", in.alertsFile().bytes());
    a.put("lines", in.alertsFile().lines());
    a.put("bad_lines", in.alertsFile().badLines());
    a.put("alert_versions", in.alertVersions());
    a.put("alerts", in.alerts().size());
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("file", in.eventsFile().name());
    e.put("sha256", in.eventsFile().sha256());
    e.put("bytes", in.eventsFile().bytes());
    e.put("lines", in.eventsFile().lines());
    e.put("bad_lines", in.eventsFile().badLines());
    e.put("events", in.events().size());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("alerts", a);
    m.put("events", e);
    m.put("sha256", in.sha256());
    m.put("sha256_rule", "SHA-256 of \"alerts:\" + sha256(alerts) + \"\\nevents:\" + sha256(events) + \"\\n\"");
    return m;
  }
}
