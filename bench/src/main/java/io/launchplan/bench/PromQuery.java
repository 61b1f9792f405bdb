package io.launchplan.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/** The bench's own view of Prometheus (and Alertmanager): instant queries at an explicit time. */
final class PromQuery {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI prometheus;

  PromQuery(URI prometheus) {
    this.prometheus = prometheus;
  }

  /** Whether {@code promql}, evaluated at {@code at}, returns any sample (what makes a query fire). */
  boolean fires(String promql, Instant at) {
    String time = String.format("%d.%03d", at.getEpochSecond(), at.getNano() / 1_000_000);
    URI uri = prometheus.resolve("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&time=" + time);
    return get(uri).path("data").path("result").size() > 0;
  }

  static JsonNode get(URI uri) {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(uri + " answered " + r.statusCode() + ": " + r.body());
      }
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new IllegalStateException(uri + " unreachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
