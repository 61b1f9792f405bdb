package io.launchplan.plugin.dashboard;

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
import java.util.ArrayList;
import java.util.List;

/**
 * Prometheus' {@code /api/v1/query_range}, for the charts: the URL of {@code --prometheus-url} (or
 * {@code LAUNCHPLAN_PROMETHEUS_URL}) when given, else the plan's {@code analysis.prometheus.url}.
 * Prometheus' own error text is passed on, as the operator shows it.
 */
final class PrometheusRange {
  /** Points per chart, at most: the step grows with the launch's length. */
  static final int POINTS = 300;
  /** Series per line, at most (a query without sum() over many pods would otherwise draw hundreds). */
  static final int MAX_SERIES = 10;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI override;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  PrometheusRange(URI override) {
    this.override = override;
  }

  /** One series of an answer: its labels and its [seconds, value] points. */
  record Line(String labels, List<double[]> points) {}

  /** An answer: the lines, or Prometheus' (or the connection's) error. */
  record Answer(String prometheus, List<Line> lines, String error) {}

  /** The Prometheus the charts of a plan whose spec names {@code planUrl} (or none) come from. */
  URI baseFor(String planUrl) {
    if (override != null) {
      return override;
    }
    return planUrl == null || planUrl.isBlank() ? null : URI.create(planUrl);
  }

  static Duration step(Instant from, Instant to) {
    long seconds = Math.max(1, Duration.between(from, to).toSeconds() / POINTS);
    return Duration.ofSeconds(seconds);
  }

  Answer range(URI base, String expr, Instant from, Instant to) {
    if (base == null) {
      return new Answer(null, List.of(), "no Prometheus: the plan names none; start the dashboard with --prometheus-url");
    }
    String q = "query=" + enc(expr) + "&start=" + from.getEpochSecond() + "&end=" + to.getEpochSecond()
        + "&step=" + step(from, to).toSeconds();
    String root = base.toString().endsWith("/") ? base.toString() : base + "/";
    HttpRequest request = HttpRequest.newBuilder(URI.create(root + "api/v1/query_range")).timeout(Duration.ofSeconds(15))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(q)).build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(response.body());
      if (!"success".equals(body.path("status").asText())) {
        return new Answer(base.toString(), List.of(), body.path("errorType").asText() + ": " + body.path("error").asText());
      }
      List<Line> lines = new ArrayList<>();
      for (JsonNode series : body.path("data").path("result")) {
        if (lines.size() == MAX_SERIES) {
          break;
        }
        List<double[]> points = new ArrayList<>();
        for (JsonNode v : series.path("values")) {
          double value = number(v.get(1).asText());
          if (Double.isFinite(value)) { // NaN and ±Inf are gaps: JSON has no number for them
            points.add(new double[] {v.get(0).asDouble(), value});
          }
        }
        lines.add(new Line(series.path("metric").toString(), points));
      }
      return new Answer(base.toString(), lines, null);
    } catch (IOException e) {
      return new Answer(base.toString(), List.of(), "Prometheus " + base + " unreachable: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(base.toString(), List.of(), "interrupted");
    }
  }

  private static double number(String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return Double.NaN; // "+Inf", "-Inf"
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
