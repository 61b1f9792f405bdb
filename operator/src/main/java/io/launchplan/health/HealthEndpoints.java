package io.launchplan.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * {@code GET /healthz} (liveness) and {@code GET /readyz} (readiness) as text, 200 or 503, for the
 * kubelet's probes; installed as the default handler of the metrics HTTP server (everything but
 * {@code /metrics}), so both share the metrics port. Other paths answer 404.
 */
public final class HealthEndpoints implements HttpHandler {
  public static final String LIVENESS = "/healthz";
  public static final String READINESS = "/readyz";

  private final Supplier<ControllerState> state;

  public HealthEndpoints(Supplier<ControllerState> state) {
    this.state = state;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      if (!"GET".equals(exchange.getRequestMethod()) && !head) {
        respond(exchange, 405, "only GET\n", false);
        return;
      }
      HealthVerdicts.Verdict verdict = switch (path) {
        case LIVENESS -> HealthVerdicts.liveness(state.get());
        case READINESS -> HealthVerdicts.readiness(state.get());
        default -> null;
      };
      if (verdict == null) {
        respond(exchange, 404, "not found; try /metrics, " + LIVENESS + " or " + READINESS + "\n", head);
      } else {
        respond(exchange, verdict.status(), verdict.body(), head);
      }
    }
  }

  private static void respond(HttpExchange exchange, int status, String body, boolean head) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
