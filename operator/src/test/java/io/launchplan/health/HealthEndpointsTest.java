package io.launchplan.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The endpoints on the metrics server, next to /metrics, as Main serves them. */
class HealthEndpointsTest {
  @Test
  void healthAndReadinessShareTheMetricsPort() throws Exception {
    var state = new AtomicReference<>(new ControllerState(false, false, false, true, List.of()));
    try (HTTPServer server = HTTPServer.builder().port(0).registry(new PrometheusRegistry())
        .defaultHandler(new HealthEndpoints(state::get)).buildAndStart()) {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + server.getPort();

      assertThat(get(http, base + "/healthz").statusCode()).isEqualTo(503);
      state.set(new ControllerState(true, false, false, true, List.of("launchplan/x: informer for all namespaces, not watching")));
      assertThat(get(http, base + "/healthz").statusCode()).isEqualTo(200);
      HttpResponse<String> notReady = get(http, base + "/readyz");
      assertThat(notReady.statusCode()).isEqualTo(503);
      assertThat(notReady.body()).contains("not watching");
      assertThat(notReady.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
      state.set(new ControllerState(true, false, false, true, List.of()));
      assertThat(get(http, base + "/readyz").statusCode()).isEqualTo(200);

      assertThat(get(http, base + "/metrics").statusCode()).isEqualTo(200);
      assertThat(get(http, base + "/nothing").statusCode()).isEqualTo(404);
      var post = http.send(HttpRequest.newBuilder(URI.create(base + "/readyz")).POST(HttpRequest.BodyPublishers.noBody())
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(post.statusCode()).isEqualTo(405);
    }
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
