package io.launchplan.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.BindException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsEndpointTest {

  private final SimulatedPods pods = new SimulatedPods(System::nanoTime, LatencyBuckets.DEFAULT);
  private final HttpClient http = HttpClient.newHttpClient();
  private MetricsEndpoint endpoint;

  @BeforeEach
  void start() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(new TrafficMetricsCollector(pods));
    endpoint = MetricsEndpoint.start("127.0.0.1", 0, registry);
  }

  @AfterEach
  void stop() {
    endpoint.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://" + endpoint.address() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthzAnswersOk() throws Exception {
    HttpResponse<String> response = get("/healthz");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok");
  }

  @Test
  void metricsServesSimulatedTraffic() throws Exception {
    pods.simulate(new PodKey("shop", "web-1"), new TrafficProfile(10, 0.5, 0.05));

    HttpResponse<String> response = get("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("sim_pods 1")
        .contains("http_requests_total{code=\"500\",namespace=\"shop\",pod=\"web-1\"}")
        .contains("http_request_duration_seconds_bucket{namespace=\"shop\",pod=\"web-1\",le=");
  }

  @Test
  void unknownPathIsNotFound() throws Exception {
    assertThat(get("/nope").statusCode()).isEqualTo(404);
  }

  @Test
  void occupiedPortIsReportedAsBindException() {
    assertThatThrownBy(
            () -> MetricsEndpoint.start("127.0.0.1", endpoint.port(), new PrometheusRegistry()))
        .isInstanceOf(BindException.class);
  }
}
