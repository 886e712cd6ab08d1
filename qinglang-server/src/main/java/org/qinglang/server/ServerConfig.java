package org.qinglang.server;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to start a server. Every field has a default, so {@code ServerConfig.defaults()} runs an
 * embedded PostgreSQL under {@code ./data/pg} and listens on 8080.
 *
 * @param port HTTP port; 0 picks a free one (see {@link Server#port()})
 * @param dataDir where the embedded PostgreSQL keeps its files ({@code dataDir/pg}) and the
 *     first admin password is written
 * @param jdbcUrl an external PostgreSQL (user and password in the URL); null for embedded
 * @param alertsFile an alerts JSONL file to tail (upserted by id); null for none
 * @param eventsFile an events JSONL(.gz) file to import once at start; null for none
 * @param retention how long each ledger record class keeps its payload
 * @param adminPassword password for the first regulator account {@code admin}; null makes a
 *     random one, written to {@code dataDir/admin-password.txt} (never logged)
 * @param bind the address HTTP listens on: loopback by default, so only this machine (or a
 *     reverse proxy on it) reaches the server; {@code 0.0.0.0} opens it to the network
 * @param clock the server's "now" for every stored time, deadline, expiry and score; tests
 *     fix or move it
 */
public record ServerConfig(int port, Path dataDir, String jdbcUrl, Path alertsFile,
    Path eventsFile, Map<String, Duration> retention, String adminPassword, String bind,
    Clock clock) {

  public ServerConfig {
    retention = Map.copyOf(retention);
  }

  /** Content (comments, speech, audience) 60 days; transactions and the rest 3 years. */
  public static Map<String, Duration> defaultRetention() {
    Map<String, Duration> m = new LinkedHashMap<>();
    m.put("content", Duration.ofDays(60));
    m.put("transaction", Duration.ofDays(3 * 365));
    m.put("identity", Duration.ofDays(3 * 365));
    m.put("alert", Duration.ofDays(3 * 365));
    return m;
  }

  public static ServerConfig defaults() {
    return new ServerConfig(8080, Path.of("data"), null, null, null, defaultRetention(), null,
        "127.0.0.1", Clock.systemUTC());
  }

  public ServerConfig withPort(int p) {
    return new ServerConfig(p, dataDir, jdbcUrl, alertsFile, eventsFile, retention, adminPassword, bind, clock);
  }

  public ServerConfig withDataDir(Path d) {
    return new ServerConfig(port, d, jdbcUrl, alertsFile, eventsFile, retention, adminPassword, bind, clock);
  }

  public ServerConfig withJdbcUrl(String u) {
    return new ServerConfig(port, dataDir, u, alertsFile, eventsFile, retention, adminPassword, bind, clock);
  }

  public ServerConfig withAlertsFile(Path f) {
    return new ServerConfig(port, dataDir, jdbcUrl, f, eventsFile, retention, adminPassword, bind, clock);
  }

  public ServerConfig withEventsFile(Path f) {
    return new ServerConfig(port, dataDir, jdbcUrl, alertsFile, f, retention, adminPassword, bind, clock);
  }

  public ServerConfig withRetention(Map<String, Duration> r) {
    return new ServerConfig(port, dataDir, jdbcUrl, alertsFile, eventsFile, r, adminPassword, bind, clock);
  }

  public ServerConfig withAdminPassword(String pw) {
    return new ServerConfig(port, dataDir, jdbcUrl, alertsFile, eventsFile, retention, pw, bind, clock);
  }

  public ServerConfig withBind(String host) {
    return new ServerConfig(port, dataDir, jdbcUrl, alertsFile, eventsFile, retention, adminPassword, host, clock);
  }

  public ServerConfig withClock(Clock c) {
    return new ServerConfig(port, dataDir, jdbcUrl, alertsFile, eventsFile, retention, adminPassword, bind, c);
  }
}
