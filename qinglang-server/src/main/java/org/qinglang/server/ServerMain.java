package org.qinglang.server;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.qinglang.server.auth.Passwords;
import org.qinglang.server.auth.Role;
import org.qinglang.server.auth.Scope;
import org.qinglang.server.ingest.AlertTailer;
import org.qinglang.server.ingest.IngestResult;
import org.qinglang.server.store.Sql;
import org.qinglang.server.store.Store;
import org.qinglang.server.web.WebApp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the governance server. The CLI calls {@link #start(ServerConfig)}; {@link #main}
 * is a bare launcher for running the module on its own.
 */
public final class ServerMain {
  private static final Logger LOG = LoggerFactory.getLogger(ServerMain.class);

  private ServerMain() {}

  public static Server start(ServerConfig cfg) {
    Store store = cfg.jdbcUrl() != null ? Store.external(cfg.jdbcUrl())
        : Store.embedded(cfg.dataDir().resolve("pg"));
    try {
      Sql sql = new Sql(store.dataSource());
      Services sv = Services.over(sql, cfg);
      bootstrapAdmin(sv, cfg);
      WebApp web = new WebApp(sv);
      Javalin http = web.create().start(cfg.bind(), cfg.port());
      AlertTailer tailer = null;
      if (cfg.alertsFile() != null) {
        tailer = new AlertTailer(cfg.alertsFile(), sql, 500, cfg.clock());
        tailer.start();
      }
      ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "qinglang-timer");
        t.setDaemon(true);
        return t;
      });
      CompletableFuture<IngestResult> imported = cfg.eventsFile() == null
          ? CompletableFuture.completedFuture(new IngestResult(0, 0, java.util.List.of()))
          : CompletableFuture.supplyAsync(() -> importEvents(sv, cfg.eventsFile()), timer);
      timer.scheduleWithFixedDelay(() -> housekeeping(sv), 1, 60, TimeUnit.SECONDS);
      LOG.info("Qinglang server on http://{}:{} ({})", cfg.bind(), http.port(),
          cfg.jdbcUrl() != null ? "external PostgreSQL" : "embedded PostgreSQL in "
              + cfg.dataDir().resolve("pg").toAbsolutePath());
      return new Server(store, sv, http, cfg.bind(), web.routeTable(), tailer, imported, timer);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  private static IngestResult importEvents(Services sv, Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      IngestResult r = sv.events().ingest(Scope.system("import"), in, file.toString());
      sv.ledger().checkpoint();
      LOG.info("imported {}: {} events, {} bad lines", file, r.accepted(), r.bad());
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void housekeeping(Services sv) {
    try {
      int n = sv.retention().sweep(sv.now());
      if (n > 0) {
        LOG.info("retention expired {} payloads", n);
      }
      sv.ledger().checkpoint();
    } catch (RuntimeException e) {
      LOG.warn("housekeeping failed: {}", e.toString());
    }
  }

  /**
   * The first start creates the regulator {@code admin}. Its password comes from the config, or
   * is generated and written to a file only the owner can read; it is never logged.
   */
  private static void bootstrapAdmin(Services sv, ServerConfig cfg) {
    if (sv.users().count() > 0) {
      return;
    }
    String pw = cfg.adminPassword();
    if (pw == null) {
      pw = Passwords.randomSecret();
      Path f = cfg.dataDir().resolve("admin-password.txt");
      try {
        Files.createDirectories(cfg.dataDir());
        Files.writeString(f, pw + "\n", StandardCharsets.UTF_8);
        try {
          Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system: the file keeps its default permissions
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      LOG.info("created user 'admin' (regulator); its password is in {}", f.toAbsolutePath());
    }
    sv.users().create(Scope.system("bootstrap"), "admin", pw, Role.REGULATOR, null, Set.of());
  }

  /** {@code --port N --bind HOST --data DIR --jdbc-url URL --alerts FILE --events FILE}. */
  public static void main(String[] args) throws Exception {
    ServerConfig cfg = ServerConfig.defaults();
    for (int i = 0; i + 1 < args.length; i += 2) {
      String v = args[i + 1];
      switch (args[i]) {
        case "--port" -> cfg = cfg.withPort(Integer.parseInt(v));
        case "--data" -> cfg = cfg.withDataDir(Path.of(v));
        case "--jdbc-url" -> cfg = cfg.withJdbcUrl(v);
        case "--alerts" -> cfg = cfg.withAlertsFile(Path.of(v));
        case "--events" -> cfg = cfg.withEventsFile(Path.of(v));
        case "--bind" -> cfg = cfg.withBind(v);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Server s = start(cfg);
    Runtime.getRuntime().addShutdownHook(new Thread(s::close));
    Thread.currentThread().join();
  }
}
