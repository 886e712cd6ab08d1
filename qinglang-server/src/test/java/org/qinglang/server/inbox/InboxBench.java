package org.qinglang.server.inbox;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.qinglang.io.Json;
import org.qinglang.server.Server;
import org.qinglang.server.ServerConfig;
import org.qinglang.server.ServerMain;
import org.qinglang.server.TestPg;
import org.qinglang.server.auth.Role;
import org.qinglang.server.auth.Scope;

/**
 * How fast the inbox answers over HTTP on a store of N alerts (default 100,000): a main, not a
 * test, because a timing depends on the machine and would make a test red for the wrong reason.
 * The alerts are bulk-inserted in SQL (the ledger path is measured elsewhere); each query is
 * run 5 times to warm up, then 30 times; the median and the 95th percentile are printed.
 *
 * <pre>mvn -B -ntp -q -o -pl qinglang-server -am test-compile
 * java -cp "qinglang-server/target/test-classes:qinglang-server/target/classes:$(cat cp.txt)" \
 *   org.qinglang.server.inbox.InboxBench 100000</pre>
 */
public final class InboxBench {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    Path dir = Files.createTempDirectory("inbox-bench");
    try (Server server = ServerMain.start(ServerConfig.defaults().withPort(0).withDataDir(dir)
        .withJdbcUrl(TestPg.freshJdbcUrl()).withAdminPassword("bench password"))) {
      var sql = server.services().sql();
      long t0 = 1_732_000_000_000L;
      long load = System.nanoTime();
      sql.update("insert into ledger (seq, class, ref, created_at, payload, payload_hash, prev_hash,"
          + " record_hash) values (1, 'alert', 'bench', 0, null, '\\x00', '\\x00', '\\x00')");
      // 4 platforms, 2,000 rooms (500 anchors), 15 kinds, 30 days; one alert in 20 has no room
      sql.update("insert into room (room, platform, anchor, title, started) select 'r-' || i,"
          + " (array['douyin','kuaishou','taobao','xhs'])[1 + i % 4], 'an-' || (i % 500), 'room ' || i, ?"
          + " from generate_series(0, 1999) i", t0);
      sql.update("insert into alert (id, kind, ts, platform, room, score, severity, body, version,"
          + " first_ts, ledger_seq) select 'a-' || i, (array['viewer_inflation','bot_audience',"
          + "'comment_flood','fake_testimonial','order_brushing','post_show_cancellation',"
          + "'forced_purchase','sales_claim_mismatch','false_claim','price_fraud','counterfeit_risk',"
          + "'minor_venue','lockstep_group','identity_evasion','pyramid_scheme'])[1 + i % 15],"
          + " ? + (i::bigint * 2592000000 / ?), (array['douyin','kuaishou','taobao','xhs'])[1 + (i % 2000) % 4],"
          + " case when i % 20 = 0 then null else 'r-' || (i % 2000) end, (i % 97) / 97.0,"
          + " (array['low','medium','high','critical'])[1 + (i * 7) % 4], jsonb_build_object('summary',"
          + " 'finding number ' || i || ' in room ' || (i % 2000), 'subjects', jsonb_build_array("
          + "jsonb_build_object('type','account','id','u-' || (i % 5000)))), 1, ? + (i::bigint *"
          + " 2592000000 / ?), 1 from generate_series(0, ? - 1) i", t0, n, t0, n, n);
      // some triage already done: one alert in 50 in a case, one in 100 dismissed
      sql.update("insert into gov_case (id, platform, title, status, opened_by, opened_at) select"
          + " i, (array['douyin','kuaishou','taobao','xhs'])[1 + (i % 2000) % 4], 'c', 'open', 'bench', 0"
          + " from generate_series(0, ? - 1, 50) i", n);
      sql.update("insert into case_alert (case_id, alert_id) select i, 'a-' || i from"
          + " generate_series(0, ? - 1, 50) i", n);
      sql.update("insert into alert_dismissal (alert_id, at, actor, role) select 'a-' || i, 0,"
          + " 'bench', 'regulator' from generate_series(1, ? - 1, 100) i", n);
      sql.update("analyze");
      System.out.printf(Locale.ROOT, "loaded %,d alerts in %.1f s%n", n,
          (System.nanoTime() - load) / 1e9);
      server.services().users().create(Scope.system("bench"), "dy", "bench password",
          Role.PLATFORM_ANALYST, "douyin", Set.of());
      server.services().users().create(Scope.system("bench"), "ag", "bench password",
          Role.AGENCY, null, Set.of("an-7", "an-8"));
      String admin = login(server.url(), "admin");
      String dy = login(server.url(), "dy");
      String ag = login(server.url(), "ag");

      Map<String, String[]> queries = new LinkedHashMap<>();
      queries.put("regulator, first page (50, newest)", new String[] {admin, ""});
      queries.put("regulator, kind=fake_testimonial", new String[] {admin, "kind=fake_testimonial"});
      queries.put("regulator, severity=critical, by score", new String[] {admin,
          "severity=critical&sort=score"});
      queries.put("regulator, sort=severity", new String[] {admin, "sort=severity"});
      queries.put("regulator, status=dismissed", new String[] {admin, "status=dismissed"});
      queries.put("regulator, anchor=an-7", new String[] {admin, "anchor=an-7"});
      queries.put("regulator, text 'number 4242 in' (one match)", new String[] {admin,
          "q=" + URLEncoder.encode("number 4242 in", StandardCharsets.UTF_8)});
      queries.put("regulator, text 'room 7' (many matches)", new String[] {admin, "q=room%207"});
      queries.put("regulator, last day of 30", new String[] {admin, "from=" + (t0 + 29L * 86_400_000L)});
      queries.put("analyst (douyin), first page", new String[] {dy, ""});
      queries.put("analyst, kind + status=new", new String[] {dy, "kind=comment_flood&status=new"});
      queries.put("agency (2 anchors), first page", new String[] {ag, ""});
      String deep = admin;
      String cursor = null;
      for (int i = 0; i < 40; i++) { // 40 pages in: a cursor far from the start
        var page = Json.MAPPER.readTree(get(server.url(), "/api/alerts?limit=50"
            + (cursor == null ? "" : "&next=" + cursor), admin));
        cursor = page.get("next").asText();
      }
      queries.put("regulator, page 41 by cursor", new String[] {deep, "next=" + cursor});

      System.out.printf(Locale.ROOT, "%-48s %9s %9s %6s%n", "GET /api/alerts?…", "median ms",
          "p95 ms", "rows");
      for (var e : queries.entrySet()) {
        String path = "/api/alerts?limit=50&" + e.getValue()[1];
        for (int i = 0; i < 5; i++) {
          get(server.url(), path, e.getValue()[0]);
        }
        List<Double> ms = new ArrayList<>();
        int rows = 0;
        for (int i = 0; i < 30; i++) {
          long s = System.nanoTime();
          String body = get(server.url(), path, e.getValue()[0]);
          ms.add((System.nanoTime() - s) / 1e6);
          rows = Json.MAPPER.readTree(body).get("items").size();
        }
        ms.sort(null);
        System.out.printf(Locale.ROOT, "%-48s %9.1f %9.1f %6d%n", e.getKey(), ms.get(15),
            ms.get(28), rows);
      }
      List<Double> ms = new ArrayList<>();
      for (int i = 0; i < 15; i++) {
        long s = System.nanoTime();
        get(server.url(), "/api/overview/stats", admin);
        ms.add((System.nanoTime() - s) / 1e6);
      }
      ms.sort(null);
      System.out.printf(Locale.ROOT, "%-48s %9.1f %9.1f%n", "GET /api/overview/stats (regulator)",
          ms.get(7), ms.get(13));
    }
  }

  private static String login(String url, String name) throws Exception {
    HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(url + "/api/login"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name
            + "\",\"password\":\"bench password\"}")).build(), HttpResponse.BodyHandlers.ofString());
    return Json.MAPPER.readTree(r.body()).get("token").asText();
  }

  private static String get(String url, String path, String token) throws Exception {
    HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(url + path))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }
}
