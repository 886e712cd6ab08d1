package org.qinglang.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.qinglang.io.AlertJson;
import org.qinglang.server.Server;
import org.qinglang.server.ServerConfig;
import org.qinglang.server.ServerMain;
import org.qinglang.server.Services;
import org.qinglang.server.TestPg;
import org.qinglang.server.auth.Role;
import org.qinglang.server.auth.Scope;
import org.qinglang.server.cases.EvidenceVerifier;

/**
 * Each role's walk through the console in headless Chromium (Debian's chromium and
 * chromedriver), one browser session per role: the platform analyst triages the inbox, groups
 * alerts into one case and responds to the notice; the regulator reads the evidence, runs a case
 * to closure with a penalty, exports and verifies the package, manages the negative list and
 * users; the agency sees its anchor's alerts only. Skipped, saying why, when Chromium is not
 * installed ({@code sh qinglang-server/scripts/install-browser-deps.sh}). Screenshots go to
 * target/screenshots, and to the directory named by {@code -Dqinglang.screenshots=...}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  private static final long T0 = 1_732_000_000_000L;
  private static final String PASSWORD = "console password";
  private static Server server;
  private static Http http;
  private static Path downloads;
  private static Path home;
  private static int sessions;
  private WebDriver driver;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
        "Chromium not installed: sh qinglang-server/scripts/install-browser-deps.sh");
    server = ServerMain.start(ServerConfig.defaults().withPort(0).withDataDir(dir.resolve("data"))
        .withJdbcUrl(TestPg.freshJdbcUrl()).withAdminPassword(PASSWORD));
    http = new Http(server.url());
    seed(server.services());
    downloads = Files.createDirectories(dir.resolve("downloads"));
    home = Files.createDirectories(dir.resolve("home"));
    System.setProperty("SE_OFFLINE", "true");
  }

  private WebDriver browser() {
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM.toString());
    o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--window-size=1280,1000",
        "--user-data-dir=" + home.resolve("profile-" + (sessions++)));
    Map<String, Object> prefs = new HashMap<>();
    prefs.put("download.default_directory", downloads.toString());
    prefs.put("download.prompt_for_download", false);
    o.setExperimentalOption("prefs", prefs);
    ChromeDriverService svc = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile())
        .withEnvironment(Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", home.toString(),
            "XDG_CACHE_HOME", home.toString(), "SE_OFFLINE", "true"))
        .build();
    driver = new ChromeDriver(svc, o);
    return driver;
  }

  static void seed(Services sv) throws Exception {
    StringBuilder ev = new StringBuilder();
    ev.append(line("douyin", "room_start", T0, "r-risky", "\"anchor\":\"an-risky\",\"title\":\"低价好物专场\",\"merchant\":\"m-1\""));
    ev.append(line("douyin", "room_start", T0, "r-calm", "\"anchor\":\"an-calm\",\"title\":\"农产品直播\""));
    ev.append(line("kuaishou", "room_start", T0, "r-ks", "\"anchor\":\"an-ks\",\"title\":\"快手专场\""));
    for (int m = 0; m < 20; m++) {
      long ts = T0 + m * 60_000L;
      ev.append(line("douyin", "viewer_count", ts, "r-risky", "\"online\":" + (5000 + m * 800)));
      for (int j = 0; j < 3 + m % 4; j++) {
        ev.append(line("douyin", "viewer_join", ts + j, "r-risky", "\"user\":\"v" + m + "_" + j + "\""));
        ev.append(line("douyin", "comment", ts + 100 + j, "r-risky", "\"user\":\"v" + m + "_" + j + "\",\"text\":\"好用\""));
      }
      ev.append(line("douyin", "order", ts + 500, "r-risky", "\"user\":\"v" + m + "_0\",\"order\":\"o" + m
          + "\",\"sku\":\"s1\",\"qty\":1,\"amount\":9900"));
    }
    ev.append(line("douyin", "speech", T0 + 60_000, "r-risky", "\"text\":\"这是全网最低价，效果第一\""));
    ev.append("{\"type\":\"account\",\"ts\":" + T0 + ",\"platform\":\"douyin\",\"user\":\"u-banned\","
        + "\"created\":1,\"id_hash\":\"9f2c44e1a0b3d5c79f2c44e1a0b3d5c7\",\"phone_hash\":\"0b7e55aa1c2d3e4f\"}\n");
    ev.append("{\"type\":\"sanction\",\"ts\":" + (T0 + 1000) + ",\"platform\":\"douyin\",\"user\":"
        + "\"u-banned\",\"scope\":\"selling\",\"reason\":\"刷单\"}\n");
    ev.append("this line is not json\n"); // a dead letter for the regulator's page
    sv.events().ingest(Scope.system("test"), new ByteArrayInputStream(ev.toString().getBytes(StandardCharsets.UTF_8)), "seed");

    String speechRef = "{\"type\":\"speech\",\"ts\":" + (T0 + 60_000) + ",\"room\":\"r-risky\"}";
    upsert(sv, "a-risky", "false_claim", T0 + 60_000, "douyin", "r-risky", 0.92, "critical",
        "[{\"type\":\"room\",\"id\":\"r-risky\"}]", "绝对化用语",
        "{\"family\":\"absolute\",\"matches\":[{\"event\":" + speechRef + ",\"source\":\"speech\","
        + "\"text\":\"这是全网最低价，效果第一\",\"rule\":\"QL-AD-ABS-001\",\"title\":\"绝对化用语\","
        + "\"severity\":\"critical\",\"span\":[2,7],\"matched\":\"全网最低价\",\"category\":\"other\","
        + "\"basis\":\"中华人民共和国广告法（2021年修正） 第九条第（三）项\",\"also\":["
        + "\"广告绝对化用语执法指南（国家市场监督管理总局，2023年） \"],\"rewrite\":\"近期优惠价\"}]}",
        "QL-AD-ABS-001", "中华人民共和国广告法（2021年修正） 第九条第（三）项");
    upsert(sv, "a-inflation", "viewer_inflation", T0 + 600_000, "douyin", "r-risky", 0.88, "high",
        "[{\"type\":\"room\",\"id\":\"r-risky\"}]", "displayed 20,200 online, at most 60 explained",
        "{\"excessive_counts\":[{\"type\":\"viewer_count\",\"ts\":" + (T0 + 19 * 60_000L)
        + ",\"room\":\"r-risky\",\"online\":20200}],\"final\":true}", "QL-AUD-001", null);
    for (int i = 0; i < 6; i++) {
      String user = "tt-" + i;
      upsert(sv, "a-tt-" + i, "fake_testimonial", T0 + 120_000 + i * 1000L, "douyin", "r-risky",
          0.6 + i * 0.01, "medium", "[{\"type\":\"room\",\"id\":\"r-risky\"},{\"type\":\"account\",\"id\":\""
          + user + "\"}]", "testimonial without purchase by " + user,
          "{\"testimonials\":[{\"type\":\"comment\",\"ts\":" + (T0 + 110_000 + i) + ",\"room\":\"r-risky\","
          + "\"user\":\"" + user + "\",\"text\":\"用了一周瘦了五斤\"}],\"orders_seen_of_account\":0}",
          "QL-CMT-002", null);
    }
    upsert(sv, "a-cancel", "post_show_cancellation", T0 + 3 * 3_600_000L, "douyin", "r-risky", 0.7,
        "high", "[{\"type\":\"room\",\"id\":\"r-risky\"}]", "14 of 20 orders undone after the show",
        "{\"room_end_ts\":" + (T0 + 20 * 60_000L) + ",\"named_orders\":[{\"type\":\"order\",\"ts\":"
        + (T0 + 500) + ",\"order\":\"o0\"},{\"type\":\"order\",\"ts\":" + (T0 + 60_500) + ",\"order\":\"o1\"}],"
        + "\"named_cancellations\":[{\"type\":\"order_cancel\",\"ts\":" + (T0 + 2 * 3_600_000L)
        + ",\"order\":\"o0\"},{\"type\":\"order_cancel\",\"ts\":" + (T0 + 2 * 3_600_000L + 5000)
        + ",\"order\":\"o1\"}]}", "QL-ORD-004", null);
    upsert(sv, "a-calm", "comment_flood", T0, "douyin", "r-calm", 0.3, "low",
        "[{\"type\":\"room\",\"id\":\"r-calm\"}]", "minor", "{}", null, null);
    // no room: reachable only from the inbox; names an-risky, so its agency sees it too
    upsert(sv, "a-pyramid", "pyramid_scheme", T0 + 26 * 3_600_000L, "douyin", null, 0.8, "high",
        "[{\"type\":\"account\",\"id\":\"an-risky\"},{\"type\":\"account\",\"id\":\"p-2\"}]",
        "4 levels, 7 persons, entry fees", "{\"levels\":4,\"tree\":[{\"level\":1,\"persons\":1,\"fee_payers\":0},"
        + "{\"level\":2,\"persons\":2,\"fee_payers\":2},{\"level\":3,\"persons\":4,\"fee_payers\":4}],"
        + "\"referrals\":[{\"type\":\"referral\",\"ts\":" + T0 + ",\"user\":\"p-2\",\"referrer\":\"an-risky\"},"
        + "{\"type\":\"referral\",\"ts\":" + T0 + ",\"user\":\"p-3\",\"referrer\":\"p-2\"}]}",
        "QL-PYR-001", "禁止传销条例 第七条");
    upsert(sv, "a-evasion", "identity_evasion", T0 + 27 * 3_600_000L, "douyin", null, 0.9, "high",
        "[{\"type\":\"account\",\"id\":\"u-new\"},{\"type\":\"anchor\",\"id\":\"an-calm\"}]",
        "u-new shares an ID digest with banned u-banned", "{\"strength\":\"strong\",\"matches\":["
        + "{\"identity_kind\":\"id_hash\",\"identity_value\":\"9f2c44e1a0b3d5c79f2c44e1a0b3d5c7\","
        + "\"banned_account\":\"u-banned\",\"banned_scope\":\"selling\"}]}", "QL-ID-001", null);
    upsert(sv, "a-ks", "comment_flood", T0, "kuaishou", "r-ks", 0.99, "critical",
        "[{\"type\":\"room\",\"id\":\"r-ks\"}]", "kuaishou flood", "{}", null, null);
    sv.ledger().checkpoint();
    sv.users().create(Scope.system("test"), "dy", PASSWORD, Role.PLATFORM_ANALYST, "douyin", Set.of());
    sv.users().create(Scope.system("test"), "agency", PASSWORD, Role.AGENCY, null, Set.of("an-risky"));
  }

  private static void upsert(Services sv, String id, String kind, long ts, String platform,
      String room, double score, String severity, String subjects, String summary,
      String evidence, String rule, String basis) throws Exception {
    sv.alerts().upsert(AlertJson.parseAlert("{\"id\":\"" + id + "\",\"kind\":\"" + kind + "\",\"ts\":"
        + ts + ",\"platform\":\"" + platform + "\"" + (room == null ? "" : ",\"room\":\"" + room + "\"")
        + ",\"score\":" + score + ",\"severity\":\"" + severity + "\",\"subjects\":" + subjects
        + ",\"summary\":\"" + summary + "\",\"evidence\":" + evidence
        + (rule == null ? "" : ",\"rule\":\"" + rule + "\"")
        + (basis == null ? "" : ",\"basis\":\"" + basis + "\"") + "}"));
  }

  static String line(String platform, String type, long ts, String room, String rest) {
    return "{\"type\":\"" + type + "\",\"ts\":" + ts + ",\"platform\":\"" + platform + "\",\"room\":\""
        + room + "\"," + rest + "}\n";
  }

  @AfterEach
  void quit() {
    if (driver != null) {
      driver.quit();
      driver = null;
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private WebDriverWait waitUp() {
    // the page re-renders after each step, so an element found a moment ago may be gone
    return (WebDriverWait) new WebDriverWait(driver, Duration.ofSeconds(20))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class);
  }

  private void shot(String name) throws Exception {
    byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    Path t = Files.createDirectories(Path.of("target", "screenshots"));
    Files.write(t.resolve(name + ".png"), png);
    String docs = System.getProperty("qinglang.screenshots");
    if (docs != null) {
      Files.write(Files.createDirectories(Path.of(docs)).resolve(name + ".png"), png);
    }
  }

  private void login(String name) {
    driver.get(server.url() + "/#/login");
    waitUp().until(ExpectedConditions.presenceOfElementLocated(By.name("name")));
    driver.findElement(By.name("name")).sendKeys(name);
    driver.findElement(By.name("password")).sendKeys(PASSWORD);
    driver.findElement(By.cssSelector("form button")).click();
    waitUp().until(ExpectedConditions.presenceOfElementLocated(By.id("h-rooms")));
  }

  private void go(String hash, By ready) {
    driver.get(server.url() + "/" + hash);
    waitUp().until(ExpectedConditions.presenceOfElementLocated(ready));
  }

  private List<String> nav() {
    return driver.findElements(By.cssSelector("#nav a")).stream()
        .map(a -> a.getAttribute("data-page")).toList();
  }

  private List<String> inboxIds() {
    return driver.findElements(By.cssSelector("#inbox tr[data-id]")).stream()
        .map(r -> r.getAttribute("data-id")).toList();
  }

  private String status() {
    return driver.findElement(By.id("status")).getAttribute("data-status");
  }

  private void submit(String step) {
    driver.findElement(By.cssSelector("form[data-step='" + step + "'] button")).click();
  }

  /** Waits for the inbox to show rows after a navigation (the table header alone is there first). */
  private void inboxLoaded() {
    waitUp().until(d -> !d.findElement(By.id("shown")).getText().isEmpty());
  }

  @Test
  @Order(1)
  void analystTriagesTheInboxGroupsAlertsIntoOneCaseAndResponds() throws Exception {
    browser();
    driver.get(server.url() + "/#/login");
    waitUp().until(ExpectedConditions.presenceOfElementLocated(By.name("name")));
    // the login page offers no logout and no navigation
    assertThat(driver.findElement(By.id("logout")).isDisplayed()).isFalse();
    assertThat(driver.findElements(By.cssSelector("#nav a"))).isEmpty();
    shot("login");
    login("dy");

    // headline numbers are the API's, for this analyst's platform only
    JsonNode stats = http.get("/api/overview/stats", http.login("dy", PASSWORD)).json();
    assertThat(driver.findElement(By.id("h-rooms")).getText()).isEqualTo("2");
    assertThat(driver.findElement(By.id("h-alerts")).getText()).isEqualTo(stats.get("alerts").asText());
    waitUp().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#c1 canvas")));
    assertThat(nav()).contains("overview", "inbox", "cases", "negative", "rulecheck")
        .doesNotContain("users", "ledger", "deadLetters");
    shot("overview");

    go("#/alerts", By.id("inbox"));
    inboxLoaded();
    // every douyin alert, the room-less ones included; nothing of kuaishou
    assertThat(inboxIds()).contains("a-pyramid", "a-evasion", "a-tt-0", "a-risky")
        .doesNotContain("a-ks").hasSize(12);
    new Select(driver.findElement(By.name("kind"))).selectByValue("fake_testimonial");
    driver.findElement(By.cssSelector("#filters button")).click();
    waitUp().until(d -> d.getCurrentUrl().contains("kind=fake_testimonial") && inboxIds().size() == 6);
    for (String id : List.of("a-tt-0", "a-tt-1", "a-tt-2")) {
      driver.findElement(By.cssSelector("input.sel[value='" + id + "']")).click();
    }
    assertThat(driver.findElement(By.id("selcount")).getText()).isEqualTo("3");
    driver.findElement(By.id("case-title")).sendKeys("三条虚假好评");
    shot("inbox");
    driver.findElement(By.id("mkcase")).click();
    waitUp().until(ExpectedConditions.presenceOfElementLocated(By.id("status")));
    assertThat(status()).isEqualTo("open");
    assertThat(driver.findElement(By.id("case-title")).getText()).isEqualTo("三条虚假好评");
    assertThat(driver.findElements(By.cssSelector("#case-alerts a[href^='#/alert/a-tt-']"))).hasSize(3);
    String caseId = driver.getCurrentUrl().replaceAll(".*/case/(\\d+).*", "$1");

    // the rest of the batch: one set aside as organic, with the reason
    go("#/alerts?kind=fake_testimonial&status=new", By.id("inbox"));
    waitUp().until(d -> inboxIds().size() == 3);
    driver.findElement(By.cssSelector("input.sel[value='a-tt-5']")).click();
    driver.findElement(By.id("dismiss-reason")).sendKeys("真实买家");
    driver.findElement(By.id("dismiss")).click();
    waitUp().until(d -> inboxIds().size() == 2);
    go("#/alerts?status=dismissed", By.id("inbox"));
    waitUp().until(d -> inboxIds().equals(List.of("a-tt-5")));

    // the regulator sends the notice (its own walk is below); the analyst answers it
    String admin = http.login("admin", PASSWORD);
    assertThat(http.post("/api/cases/" + caseId + "/notice", admin, "{\"deadline\":"
        + (System.currentTimeMillis() + 86_400_000L) + ",\"text\":\"请核查\"}").status()).isEqualTo(200);
    go("#/case/" + caseId, By.cssSelector("form[data-step='respond']"));
    // an analyst gets no regulator forms
    assertThat(driver.findElements(By.cssSelector("form[data-step='verify'], form[data-step='close'],"
        + " form[data-step='penalties']"))).isEmpty();
    new Select(driver.findElement(By.cssSelector("form[data-step='respond'] select"))).selectByValue("takedown");
    submit("respond");
    waitUp().until(d -> status().equals("responded"));
    driver.findElement(By.id("edit-title")).click();
    WebElement title = driver.findElement(By.cssSelector("#title-form input"));
    title.clear();
    title.sendKeys("三条虚假好评（已下架）");
    driver.findElement(By.cssSelector("#title-form button")).click();
    waitUp().until(d -> d.findElement(By.id("case-title")).getText().equals("三条虚假好评（已下架）"));
    assertThat(driver.findElement(By.id("steps")).getText()).contains("平台回复", "下架", "修改标题");
    shot("case-analyst");
  }

  @Test
  @Order(2)
  void regulatorReadsEvidenceClosesPenalisesAndManagesTheNegativeListAndUsers() throws Exception {
    browser();
    login("admin");
    assertThat(nav()).contains("users", "ledger", "deadLetters", "audit", "negative");

    // evidence people can read, per kind
    go("#/alert/a-risky", By.cssSelector(".claim mark"));
    assertThat(driver.findElement(By.cssSelector(".claim mark")).getText()).isEqualTo("全网最低价");
    assertThat(driver.findElement(By.cssSelector(".evidence")).getText())
        .contains("QL-AD-ABS-001", "近期优惠价", "第九条第（三）项", "最高级");
    shot("alert-false-claim");
    go("#/alert/a-inflation", By.cssSelector("#ev-aud canvas"));
    shot("alert-viewer-inflation");
    go("#/alert/a-tt-3", By.id("ev-accounts"));
    assertThat(driver.findElement(By.id("ev-accounts")).getText()).contains("tt-3", "用了一周瘦了五斤");
    go("#/alert/a-cancel", By.cssSelector("#ev-timeline canvas"));
    shot("alert-cancellation");
    go("#/alert/a-pyramid", By.cssSelector("#ev-tree canvas"));
    assertThat(driver.findElements(By.cssSelector("#ev-levels tr"))).hasSize(4);
    assertThat(driver.findElement(By.cssSelector(".basis")).getText()).contains("禁止传销条例", "传销行为");
    shot("alert-pyramid");
    go("#/alert/a-evasion", By.id("ev-identities"));
    assertThat(driver.findElement(By.id("ev-identities")).getText()).contains("u-banned", "9f2c44e1a0b3")
        .doesNotContain("9f2c44e1a0b3d5c79f2c44e1a0b3d5c7");
    shot("alert-identity-evasion");

    // the case loop, from the alert page
    go("#/alert/a-risky", By.cssSelector(".claim mark"));
    driver.findElement(By.id("mkcase")).click();
    waitUp().until(ExpectedConditions.presenceOfElementLocated(By.id("status")));
    assertThat(status()).isEqualTo("open");
    submit("notice");
    waitUp().until(d -> status().equals("notice_sent"));
    submit("respond");
    waitUp().until(d -> status().equals("responded"));
    submit("verify");
    waitUp().until(d -> status().equals("verified"));
    new Select(driver.findElement(By.cssSelector("form[data-step='penalties'] select[name='kind']")))
        .selectByValue("fine");
    driver.findElement(By.cssSelector("form[data-step='penalties'] input[name='subject_id']")).sendKeys("an-risky");
    driver.findElement(By.cssSelector("form[data-step='penalties'] input[name='amount']")).sendKeys("500000");
    submit("penalties");
    waitUp().until(d -> d.getPageSource().contains("¥5,000.00"));
    new Select(driver.findElement(By.cssSelector("form[data-step='close'] select"))).selectByValue("substantiated");
    // closing asks first: dismissing the question leaves the case as it was
    submit("close");
    waitUp().until(ExpectedConditions.alertIsPresent()).dismiss();
    assertThat(status()).isEqualTo("verified");
    submit("close");
    waitUp().until(ExpectedConditions.alertIsPresent()).accept();
    waitUp().until(d -> status().equals("closed"));
    shot("case");

    driver.findElement(By.id("export")).click();
    Path zip = downloads.resolve(driver.getCurrentUrl().replaceAll(".*/case/(\\d+).*", "qinglang-case-$1.zip"));
    waitUp().until(d -> Files.exists(zip) && verifies(zip));
    assertThat(EvidenceVerifier.verify(zip).problems()).isEmpty();

    // the room: both charts drawn, the cited term marked in the transcript
    go("#/room/r-risky", By.cssSelector("#c2 canvas"));
    assertThat(driver.findElement(By.tagName("mark")).getText()).isEqualTo("全网最低价");
    shot("room");

    // the anchor's grade is the API's, after the substantiated case
    go("#/anchor/an-risky", By.cssSelector("#anchor-page #c1 canvas"));
    JsonNode credit = http.get("/api/credit/anchor/an-risky", http.login("admin", PASSWORD)).json();
    assertThat(driver.findElement(By.id("credit-score")).getText())
        .isEqualTo(String.format(java.util.Locale.ROOT, "%.1f", credit.get("score").asDouble()));
    assertThat(driver.findElement(By.id("credit-grade")).getText()).isEqualTo(credit.get("grade").asText());
    shot("anchor");

    // negative list: the sanction from the event, then one added here and revoked
    driver.findElement(By.cssSelector("#nav a[data-page='negative']")).click();
    waitUp().until(d -> d.getPageSource().contains("u-banned"));
    WebElement add = driver.findElement(By.id("neg-add"));
    add.findElement(By.name("platform")).sendKeys("douyin");
    add.findElement(By.name("account")).sendKeys("u-console");
    new Select(add.findElement(By.name("identity_kind"))).selectByValue("device");
    add.findElement(By.name("identity_value")).sendKeys("d3adbeefd3adbeefd3adbeefd3adbeef");
    add.findElement(By.name("reason")).sendKeys("控评");
    add.findElement(By.tagName("button")).click();
    waitUp().until(d -> d.getPageSource().contains("u-console"));
    WebElement row = driver.findElements(By.cssSelector("#negative tr")).stream()
        .filter(r -> r.getText().contains("u-console")).findFirst().orElseThrow();
    row.findElement(By.cssSelector("button.revoke")).click();
    waitUp().until(ExpectedConditions.alertIsPresent()).accept();
    waitUp().until(d -> d.findElements(By.cssSelector("#negative tr")).stream()
        .anyMatch(r -> r.getText().contains("u-console") && r.getText().contains("已撤销")));
    shot("negative");

    driver.findElement(By.cssSelector("#nav a[data-page='users']")).click();
    waitUp().until(ExpectedConditions.presenceOfElementLocated(By.id("user-add")));
    WebElement uf = driver.findElement(By.id("user-add"));
    uf.findElement(By.name("name")).sendKeys("ks-analyst");
    uf.findElement(By.name("password")).sendKeys("a long password");
    uf.findElement(By.name("platform")).sendKeys("kuaishou");
    uf.findElement(By.tagName("button")).click();
    waitUp().until(d -> d.findElement(By.id("users")).getText().contains("ks-analyst"));
    assertThat(http.login("ks-analyst", "a long password")).isNotBlank();
    driver.findElement(By.cssSelector("#token button")).click();
    waitUp().until(ExpectedConditions.presenceOfElementLocated(By.id("token-value")));
    String token = driver.findElement(By.id("token-value")).getText();
    assertThat(http.get("/api/me", token).json().get("name").asText()).isEqualTo("admin");
    shot("users");

    driver.findElement(By.cssSelector("#nav a[data-page='audit']")).click();
    waitUp().until(d -> d.findElement(By.id("audit")).getText().contains("POST /api/cases"));
    shot("audit");
    driver.findElement(By.cssSelector("#nav a[data-page='deadLetters']")).click();
    waitUp().until(d -> d.findElement(By.id("dead")).getText().contains("this line is not json"));
    shot("dead-letters");

    driver.findElement(By.cssSelector("#nav a[data-page='rulecheck']")).click();
    waitUp().until(ExpectedConditions.presenceOfElementLocated(By.name("script")));
    driver.findElement(By.name("venue")).sendKeys("kindergarten");
    driver.findElement(By.name("script")).sendKeys("小朋友们看过来\n这款文具好用");
    driver.findElement(By.cssSelector("#rc button")).click();
    waitUp().until(ExpectedConditions.presenceOfElementLocated(By.id("findings")));
    assertThat(driver.findElement(By.id("findings")).getText()).contains("minor_venue", "第三十九条");
    shot("rulecheck");

    // English from the same catalogue: navigation, kinds and statuses
    driver.findElement(By.id("lang")).click();
    waitUp().until(d -> d.findElement(By.cssSelector("#nav a")).getText().equals("Overview"));
    go("#/alerts?kind=pyramid_scheme", By.id("inbox"));
    waitUp().until(d -> d.findElement(By.id("inbox")).getText().contains("Pyramid scheme"));
    driver.findElement(By.id("lang")).click();
  }

  private static boolean verifies(Path zip) {
    try {
      return EvidenceVerifier.verify(zip).ok();
    } catch (Exception e) {
      return false; // still being written
    }
  }

  @Test
  @Order(3)
  void agencySeesOnlyItsAnchorsAlertsAndChangesNothing() throws Exception {
    browser();
    login("agency");
    assertThat(nav()).contains("overview", "inbox", "cases")
        .doesNotContain("negative", "users", "ledger", "deadLetters");
    assertThat(driver.findElement(By.id("h-rooms")).getText()).isEqualTo("1");
    go("#/alerts", By.id("inbox"));
    inboxLoaded();
    // its anchor's room, and the room-less alert naming its anchor; not an-calm's evasion
    assertThat(inboxIds()).contains("a-risky", "a-pyramid", "a-tt-0")
        .doesNotContain("a-calm", "a-evasion", "a-ks");
    assertThat(driver.findElements(By.cssSelector("input.sel, #mkcase, #dismiss"))).isEmpty();
    // live: alerts stored while the page is open appear on top, only those in its scope (the
    // other anchor's is stored first, so it would be there by the time the second shows)
    Thread.sleep(1500); // the stream is open and at the head
    Services sv = server.services();
    upsert(sv, "a-live-calm", "comment_flood", T0 + 28 * 3_600_000L, "douyin", "r-calm", 0.5, "medium",
        "[{\"type\":\"room\",\"id\":\"r-calm\"}]", "live, other anchor", "{}", null, null);
    upsert(sv, "a-live", "comment_flood", T0 + 28 * 3_600_000L, "douyin", "r-risky", 0.5, "medium",
        "[{\"type\":\"room\",\"id\":\"r-risky\"}]", "live, its anchor", "{}", null, null);
    waitUp().until(d -> !d.findElements(By.cssSelector("#inbox tr.fresh[data-id='a-live']")).isEmpty());
    assertThat(inboxIds()).doesNotContain("a-live-calm");
    assertThat(inboxIds().get(0)).isEqualTo("a-live");
    assertThat(driver.findElement(By.id("shown")).getText()).isEqualTo(String.valueOf(inboxIds().size()));
    shot("inbox-agency");
    go("#/alert/a-evasion", By.cssSelector("section.err"));
    driver.get(server.url() + "/#/negative");
    waitUp().until(d -> d.findElement(By.cssSelector("section.err")).getText().contains("403"));
  }
}
