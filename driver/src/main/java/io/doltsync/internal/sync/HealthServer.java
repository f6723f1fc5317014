package io.doltsync.internal.sync;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The sync service's HTTP health endpoint (the JDK's HTTP server): {@code GET /health} answers the
 * {@link SyncHealth} JSON with 200 when the status is {@code healthy} and 503 otherwise (a readiness probe);
 * {@code GET /live} answers the same JSON with 200 while the process runs (a liveness probe).
 */
public final class HealthServer implements AutoCloseable {

  private final HttpServer server;

  private HealthServer(HttpServer server) {
    this.server = server;
  }

  /** Starts serving on {@code port} (0: a free port) on every interface. */
  public static HealthServer start(int port, SyncHealth health) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/health", exchange -> answer(exchange, health, true));
    server.createContext("/live", exchange -> answer(exchange, health, false));
    server.setExecutor(null);
    server.start();
    return new HealthServer(server);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange, SyncHealth health, boolean readiness) throws IOException {
    try (exchange) {
      Instant now = Instant.now();
      byte[] body = health.json(now).getBytes(StandardCharsets.UTF_8);
      int code = !readiness || health.status(now) == SyncHealth.Status.HEALTHY ? 200 : 503;
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(code, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
