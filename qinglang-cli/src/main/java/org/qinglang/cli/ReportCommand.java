package org.qinglang.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.qinglang.report.Reports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code qinglang report}. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Write a report from an alerts file and an events file: report.json (every",
        "figure with its definition), report.html (charts) and report.pdf (Chinese font embedded).",
        "",
        "  governance  per platform and period: rooms, hours watched, findings by kind and",
        "              severity, repeat offenders, trend against the previous period",
        "  influencer  due diligence on one anchor (--anchor): displayed vs observed audience,",
        "              bot and lockstep share, comment authenticity, sales-claim accuracy",
        "  esg         social-responsibility indicators of a platform (--platform) or agency (--mcn)",
        "  disclosure  the public list of findings, personal data removed",
        "",
        "Case figures (cases, penalties, negative list, credit) exist only in the governance",
        "server and are reported as not available. See docs/reports.md."})
public final class ReportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "KIND", description = "governance, influencer, esg or disclosure.")
  Reports.Kind kind;

  @Option(names = "--alerts", required = true, description = "alerts.jsonl (as written by analyze).")
  Path alerts;

  @Option(names = "--events", required = true, description = "The events the alerts came from (.jsonl or .jsonl.gz).")
  Path events;

  @Option(names = "--from", description = "Start of the period: epoch ms, ISO date-time, or a date (Beijing time). Default: the first show.")
  String from;

  @Option(names = "--to", description = "End of the period (exclusive), same forms. Default: after the last event.")
  String to;

  @Option(names = "--platform", description = "Only this platform (required for esg unless --mcn).")
  String platform;

  @Option(names = "--anchor", paramLabel = "ID", description = "The anchor's account id (influencer).")
  String anchor;

  @Option(names = "--mcn", paramLabel = "ID", description = "Only rooms of this MCN agency (esg).")
  String mcn;

  @Option(names = "--out", required = true, description = "Output directory.")
  Path out;

  @Override
  public Integer call() throws Exception {
    Reports.Written w = Reports.write(new Reports.Request(kind, from, to, platform, anchor, mcn),
        alerts, events, out);
    System.out.println(w.report().title());
    System.out.println("  " + w.json());
    System.out.println("  " + w.html());
    System.out.println("  " + w.pdf());
    System.out.println("  inputs SHA-256 " + ((java.util.Map<?, ?>) w.report().json().get("inputs")).get("sha256"));
    return 0;
  }
}
