package org.qinglang.server;

import io.javalin.Javalin;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.qinglang.server.ingest.AlertTailer;
import org.qinglang.server.ingest.IngestResult;
import org.qinglang.server.store.Store;
import org.qinglang.server.web.Api;

/** A running server: database, HTTP, alert tailer, background import and retention sweeps. */
public final class Server implements AutoCloseable {
  private final Store store;
  private final Services services;
  private final Javalin http;
  private final String bind;
  private final List<Api.Route> routes;
  private final AlertTailer tailer;
  private final CompletableFuture<IngestResult> importDone;
  private final ScheduledExecutorService timer;

  Server(Store store, Services services, Javalin http, String bind, List<Api.Route> routes, AlertTailer tailer,
      CompletableFuture<IngestResult> importDone, ScheduledExecutorService timer) {
    this.store = store;
    this.services = services;
    this.http = http;
    this.bind = bind;
    this.routes = routes;
    this.tailer = tailer;
    this.importDone = importDone;
    this.timer = timer;
  }

  public int port() {
    return http.port();
  }

  /** Where this machine reaches the server (a wildcard bind is reached on loopback). */
  public String url() {
    String host = bind == null || bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1"
        : bind.contains(":") ? "[" + bind + "]" : bind;
    return "http://" + host + ":" + port();
  }

  public Services services() {
    return services;
  }

  /** Authenticated API routes as "METHOD path". */
  public List<String> routes() {
    return routes.stream().map(r -> r.method() + " " + r.path()).toList();
  }

  /** Authenticated API routes with the roles each is open to. */
  public List<Api.Route> routeTable() {
    return routes;
  }

  /** The import of {@link ServerConfig#eventsFile()}; completes at once when there is none. */
  public CompletableFuture<IngestResult> importDone() {
    return importDone;
  }

  public AlertTailer tailer() {
    return tailer;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    if (tailer != null) {
      tailer.close();
    }
    http.stop();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    store.close();
  }
}
