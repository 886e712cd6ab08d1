package org.qinglang.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
import org.qinglang.server.auth.Scope;
import org.qinglang.server.cases.EvidenceVerifier;

/**
 * Walks the console in headless Chromium (Debian's chromium and chromedriver): log in, open the
 * riskiest room, open a case from its alert, send the notice, record the platform's response,
 * verify, close, export the package. Skipped, saying why, when Chromium is not installed
 * ({@code apt-get install -y chromium chromium-driver}). Screenshots go to target/screenshots,
 * and to the directory named by {@code -Dqinglang.screenshots=...} when given.
 */
class ConsoleBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  private static Server server;
  private static WebDriver driver;
  private static Path downloads;
  private static Path home;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
        "Chromium not installed: apt-get install -y chromium chromium-driver");
    server = ServerMain.start(ServerConfig.defaults().withPort(0).withDataDir(dir.resolve("data"))
        .withJdbcUrl(TestPg.freshJdbcUrl()).withAdminPassword("console password"));
    seed(server.services());
    downloads = Files.createDirectories(dir.resolve("downloads"));
    home = Files.createDirectories(dir.resolve("home"));
    System.setProperty("SE_OFFLINE", "true");
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM.toString());
    o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--window-size=1280,1000", "--user-data-dir=" + home.resolve("profile"));
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
  }

  static void seed(Services sv) throws Exception {
    StringBuilder ev = new StringBuilder();
    long t0 = 1_732_000_000_000L;
    ev.append(line("room_start", t0, "r-risky", "\"anchor\":\"an-risky\",\"title\":\"低价好物专场\",\"merchant\":\"m-1\""));
    ev.append(line("room_start", t0, "r-calm", "\"anchor\":\"an-calm\",\"title\":\"农产品直播\""));
    for (int m = 0; m < 20; m++) {
      long ts = t0 + m * 60_000L;
      ev.append(line("viewer_count", ts, "r-risky", "\"online\":" + (5000 + m * 800)));
      for (int j = 0; j < 3 + m % 4; j++) {
        ev.append(line("viewer_join", ts + j, "r-risky", "\"user\":\"v" + m + "_" + j + "\""));
        ev.append(line("comment", ts + 100 + j, "r-risky", "\"user\":\"v" + m + "_" + j + "\",\"text\":\"好用\""));
      }
      ev.append(line("order", ts + 500, "r-risky", "\"user\":\"v" + m + "_0\",\"order\":\"o" + m
          + "\",\"sku\":\"s1\",\"qty\":1,\"amount\":9900"));
    }
    ev.append(line("speech", t0 + 60_000, "r-risky", "\"text\":\"这是全网最低价，效果第一\""));
    ev.append("{\"type\":\"account\",\"ts\":" + t0 + ",\"platform\":\"douyin\",\"user\":\"u-banned\","
        + "\"created\":1,\"id_hash\":\"9f2c44e1a0b3d5c7\",\"phone_hash\":\"0b7e55aa1c2d3e4f\"}\n");
    ev.append("{\"type\":\"sanction\",\"ts\":" + (t0 + 1000) + ",\"platform\":\"douyin\",\"user\":"
        + "\"u-banned\",\"scope\":\"selling\",\"reason\":\"刷单\"}\n");
    sv.events().ingest(Scope.system("test"), new ByteArrayInputStream(ev.toString().getBytes(StandardCharsets.UTF_8)), "seed");
    sv.alerts().upsert(AlertJson.parseAlert("{\"id\":\"a-risky\",\"kind\":\"false_claim\",\"ts\":"
        + (t0 + 60_000) + ",\"platform\":\"douyin\",\"room\":\"r-risky\",\"score\":0.92,\"severity\":"
        + "\"critical\",\"subjects\":[{\"type\":\"room\",\"id\":\"r-risky\"}],\"summary\":\"绝对化用语\","
        + "\"evidence\":{\"term\":\"全网最低价\",\"speech\":[{\"type\":\"speech\",\"ts\":" + (t0 + 60_000)
        + ",\"room\":\"r-risky\"}]}}"));
    sv.alerts().upsert(AlertJson.parseAlert("{\"id\":\"a-calm\",\"kind\":\"comment_flood\",\"ts\":"
        + t0 + ",\"platform\":\"douyin\",\"room\":\"r-calm\",\"score\":0.3,\"severity\":\"low\","
        + "\"subjects\":[],\"summary\":\"minor\"}"));
    sv.ledger().checkpoint();
  }

  static String line(String type, long ts, String room, String rest) {
    return "{\"type\":\"" + type + "\",\"ts\":" + ts + ",\"platform\":\"douyin\",\"room\":\"" + room
        + "\"," + rest + "}\n";
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  private static WebDriverWait waitUp() {
    // the page re-renders after each step, so an element found a moment ago may be gone
    return (WebDriverWait) new WebDriverWait(driver, Duration.ofSeconds(20))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class);
  }

  private static void shot(String name) throws Exception {
    byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    Path t = Files.createDirectories(Path.of("target", "screenshots"));
    Files.write(t.resolve(name + ".png"), png);
    String docs = System.getProperty("qinglang.screenshots");
    if (docs != null) {
      Files.write(Files.createDirectories(Path.of(docs)).resolve(name + ".png"), png);
    }
  }

  private static String status() {
    return driver.findElement(By.id("status")).getText();
  }

  private static void submit(String step) {
    WebElement f = driver.findElement(By.cssSelector("form[data-step='" + step + "']"));
    f.findElement(By.tagName("button")).click();
  }

  @Test
  void analystWalkFromLoginToExportedEvidence() throws Exception {
    driver.get(server.url() + "/#/login");
    waitUp().until(ExpectedConditions.presenceOfElementLocated(By.name("name")));
    driver.findElement(By.name("name")).sendKeys("admin");
    driver.findElement(By.name("password")).sendKeys("console password");
    driver.findElement(By.cssSelector("form button")).click();

    // overview: the riskiest room first, and the alerts chart drawn
    waitUp().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#c1 canvas")));
    List<WebElement> rows = driver.findElements(By.cssSelector("table tr td:first-child a"));
    assertThat(rows.get(0).getText()).isEqualTo("r-risky");
    assertThat(driver.getPageSource()).contains("r-calm");
    shot("overview");

    rows.get(0).click();
    waitUp().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#c2 canvas")));
    assertThat(driver.findElement(By.tagName("mark")).getText()).isEqualTo("全网最低价");
    shot("room");

    driver.findElement(By.cssSelector("button[data-alert='a-risky']")).click();
    waitUp().until(ExpectedConditions.presenceOfElementLocated(By.id("status")));
    assertThat(status()).isEqualTo("open");
    submit("notice");
    waitUp().until(d -> status().equals("notice_sent"));
    new Select(driver.findElement(By.cssSelector("form[data-step='respond'] select")))
        .selectByValue("takedown");
    submit("respond");
    waitUp().until(d -> status().equals("responded"));
    submit("verify");
    waitUp().until(d -> status().equals("verified"));
    new Select(driver.findElement(By.cssSelector("form[data-step='close'] select")))
        .selectByValue("substantiated");
    submit("close");
    waitUp().until(d -> status().equals("closed"));
    assertThat(driver.findElements(By.cssSelector("table tr"))).hasSizeGreaterThanOrEqualTo(5);
    shot("case");

    driver.findElement(By.id("export")).click();
    Path zip = downloads.resolve(driver.getCurrentUrl().replaceAll(".*/case/(\\d+).*",
        "qinglang-case-$1.zip"));
    waitUp().until(d -> Files.exists(zip));
    waitUp().until(d -> EvidenceVerifierQuiet.ok(zip));
    EvidenceVerifier.Result r = EvidenceVerifier.verify(zip);
    assertThat(r.problems()).isEmpty();
    assertThat(r.records()).isGreaterThanOrEqualTo(6); // alert, speech event, 5 steps

    driver.findElement(By.cssSelector("a[href^='#/room/']")).click();
    waitUp().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("a[href^='#/anchor/']")))
        .click();
    waitUp().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#anchor-page #c1 canvas")));
    // the page shows the grade the API computes (alert + substantiated case), not a stale one
    Http api = new Http(server.url());
    var credit = api.get("/api/credit/anchor/an-risky", api.login("admin", "console password")).json();
    assertThat(credit.get("score").asDouble()).isLessThan(100);
    // one format for credit scores everywhere: one decimal place, whole or not ("84.0")
    assertThat(driver.findElement(By.id("credit-score")).getText())
        .isEqualTo(String.format(java.util.Locale.ROOT, "%.1f", credit.get("score").asDouble()));
    assertThat(driver.findElement(By.id("credit-grade")).getText())
        .isEqualTo(credit.get("grade").asText());
    shot("anchor");

    driver.findElement(By.cssSelector("a[href='#/negative']")).click();
    waitUp().until(d -> d.getPageSource().contains("u-banned"));
    assertThat(driver.getPageSource()).contains("phone_hash").contains("刷单");
    shot("negative");

    driver.findElement(By.cssSelector("a[href='#/rulecheck']")).click();
    waitUp().until(ExpectedConditions.presenceOfElementLocated(By.name("script")));
    driver.findElement(By.name("venue")).sendKeys("kindergarten");
    driver.findElement(By.name("script")).sendKeys("小朋友们看过来\n这款文具好用");
    driver.findElement(By.cssSelector("#rc button")).click();
    waitUp().until(ExpectedConditions.presenceOfElementLocated(By.id("findings")));
    assertThat(driver.findElement(By.id("findings")).getText()).contains("minor_venue");
    shot("rulecheck");

    driver.findElement(By.id("lang")).click();
    waitUp().until(d -> d.findElement(By.cssSelector("nav a")).getText().equals("Overview"));
  }

  /** Polls until a download has finished writing (the verifier reads the whole zip). */
  static final class EvidenceVerifierQuiet {
    static boolean ok(Path zip) {
      try {
        return EvidenceVerifier.verify(zip).ok();
      } catch (Exception e) {
        return false;
      }
    }
  }
}
