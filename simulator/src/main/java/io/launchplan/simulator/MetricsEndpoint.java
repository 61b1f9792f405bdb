package io.launchplan.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The simulator's HTTP face: {@code /metrics} for Prometheus and {@code /healthz} for scripts
 * checking that the simulator is up.
 *
 * <p>Built on the Prometheus client's {@link HTTPServer} so that format negotiation (Prometheus
 * text, OpenMetrics, protobuf) and compression come for free; every path other than {@code
 * /metrics} goes to its default handler, which this class supplies.
 */
final class MetricsEndpoint implements Closeable {

  static final String HEALTH_PATH = "/healthz";

  private final HTTPServer server;
  private final String host;

  private MetricsEndpoint(HTTPServer server, String host) {
    this.server = server;
    this.host = host;
  }

  /**
   * Binds {@code host:port} and starts serving.
   *
   * @param port 0 picks a free port (see {@link #port()})
   * @throws java.net.BindException if the address is taken
   * @throws IOException if the server cannot start for another reason
   */
  static MetricsEndpoint start(String host, int port, PrometheusRegistry registry)
      throws IOException {
    HTTPServer server =
        HTTPServer.builder()
            .hostname(host)
            .port(port)
            .registry(registry)
            .defaultHandler(new HealthAndNotFoundHandler())
            .buildAndStart();
    return new MetricsEndpoint(server, host);
  }

  /** The port actually bound, which differs from the requested one only if that was 0. */
  int port() {
    return server.getPort();
  }

  /** {@code host:port} as bound, with IPv6 hosts bracketed, ready to prefix with "http://". */
  String address() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
  }

  @Override
  public void close() {
    server.close();
  }

  /** Answers {@code /healthz} with "ok" and anything else (bar {@code /metrics}) with 404. */
  private static final class HealthAndNotFoundHandler implements HttpHandler {
    @Override
    public void handle(HttpExchange exchange) throws IOException {
      try (exchange) {
        boolean healthCheck = HEALTH_PATH.equals(exchange.getRequestURI().getPath());
        byte[] body =
            (healthCheck ? "ok" : "not found; try /metrics or " + HEALTH_PATH + "\n")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
        exchange.sendResponseHeaders(healthCheck ? 200 : 404, head ? -1 : body.length);
        if (!head) {
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        }
      }
    }
  }
}
