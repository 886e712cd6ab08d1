package org.qinglang.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.qinglang.server.Server;
import org.qinglang.server.ServerConfig;
import org.qinglang.server.ServerMain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qinglang serve}. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Start the governance server and web console.", "",
        "Stores alerts and events in PostgreSQL (an embedded real PostgreSQL under --data by",
        "default, or any PostgreSQL by --jdbc-url), appends them to the evidence ledger, and",
        "serves the REST API (/openapi.json) and the console. The first start creates the",
        "regulator account 'admin' with a random password written to DATA/admin-password.txt."})
public final class ServeCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--bind", defaultValue = "127.0.0.1", description = {"Address to listen on"
      + " (default ${DEFAULT-VALUE}: this machine only; put a TLS reverse proxy in front, or give"
      + " 0.0.0.0 to open plain HTTP to the network)."})
  String bind;

  @Option(names = "--data", defaultValue = "data", description = "Data directory (default ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--jdbc-url", description = "External PostgreSQL instead of the embedded one.")
  String jdbcUrl;

  @Option(names = "--alerts", description = "An alerts JSONL file to tail (the engine's output).")
  Path alerts;

  @Option(names = "--events", description = "An events JSONL(.gz) file to import at start.")
  Path events;

  @Override
  public Integer call() throws Exception {
    Server s = ServerMain.start(ServerConfig.defaults().withPort(port).withBind(bind)
        .withDataDir(data).withJdbcUrl(jdbcUrl).withAlertsFile(alerts).withEventsFile(events));
    System.out.println("console: " + s.url() + "  (user admin; password in "
        + data.resolve("admin-password.txt") + " on first start)");
    Runtime.getRuntime().addShutdownHook(new Thread(s::close));
    Thread.currentThread().join();
    return 0;
  }

  static Server start(int port, Path data, String jdbcUrl, Path alerts, Path events) {
    return ServerMain.start(ServerConfig.defaults().withPort(port).withDataDir(data)
        .withJdbcUrl(jdbcUrl).withAlertsFile(alerts).withEventsFile(events));
  }
}
