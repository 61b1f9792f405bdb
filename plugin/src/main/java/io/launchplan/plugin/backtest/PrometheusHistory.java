package io.launchplan.plugin.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.launchplan.analysis.ConnectionSettings;
import io.launchplan.analysis.HttpCalls;
import io.launchplan.analysis.PrometheusException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prometheus' {@code /api/v1/query_range} for the backtest: one query over a {@link StepRange},
 * answered as a {@link Grid} of its series' samples per step. Ranges of more than {@link #MAX_POINTS}
 * steps are asked in pieces (Prometheus refuses more than 11,000 points per series). Requests are
 * POSTed form-encoded, with the connection's headers (e.g. {@code Authorization}) and its TLS settings
 * (a CA, a server name, insecureSkipVerify), by a client built as the operator builds its own
 * ({@link HttpCalls}).
 */
public final class PrometheusHistory {
  /** Steps per request, under Prometheus' limit of 11,000 points per series. */
  static final int MAX_POINTS = 10_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI base;
  private final Map<String, String> headers;
  private final Duration timeout;
  private final HttpClient http;

  /**
   * @param connection the headers and TLS settings to send the queries with (its timeout is not used)
   * @param timeout how long one request may take
   * @throws PrometheusException ({@link PrometheusException.Kind#CONNECTION_SETUP}) when its CA holds no usable certificate
   */
  public PrometheusHistory(URI base, ConnectionSettings connection, Duration timeout) throws PrometheusException {
    this.base = base;
    this.headers = connection.headers();
    this.timeout = timeout;
    this.http = HttpCalls.clientFor(timeout, connection.tls());
  }

  public URI base() {
    return base;
  }

  /**
   * The samples of every series {@code promql} returns, per step of {@code range}; a step a series has
   * no sample at is null.
   */
  public record Grid(List<Double[]> series) {
    /** Whether any series has a sample at {@code step}: the query would have fired there. */
    public boolean any(int step) {
      return series.stream().anyMatch(s -> s[step] != null);
    }
  }

  /** @throws BacktestException when Prometheus rejects the query or gives no usable answer */
  public Grid range(String promql, StepRange range) {
    List<Double[]> all = new ArrayList<>();
    Map<String, Double[]> byLabels = new LinkedHashMap<>();
    for (int from = 0; from < range.steps(); from += MAX_POINTS) {
      int to = Math.min(range.steps(), from + MAX_POINTS) - 1;
      JsonNode result = send(promql, range.at(from).getEpochSecond(), range.at(to).getEpochSecond(),
          range.step().toSeconds());
      for (JsonNode s : result) {
        Double[] values = byLabels.computeIfAbsent(s.path("metric").toString(), k -> {
          Double[] fresh = new Double[range.steps()];
          all.add(fresh);
          return fresh;
        });
        for (JsonNode v : s.path("values")) {
          int i = range.index(v.get(0).asDouble());
          if (i >= 0 && i < values.length) {
            values[i] = number(v.get(1).asText());
          }
        }
      }
    }
    return new Grid(all);
  }

  private JsonNode send(String promql, long start, long end, long step) {
    String form = "query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&start=" + start + "&end=" + end
        + "&step=" + step;
    String root = base.toString().replaceAll("/+$", "");
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root + "/api/v1/query_range")).timeout(timeout)
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    String badHeader = HttpCalls.addHeaders(request, headers);
    if (badHeader != null) { // never the JDK's message, which may quote a credential
      throw new IllegalArgumentException("header " + badHeader + ": HTTP does not allow its name or value");
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new BacktestException(BacktestException.Kind.UNREACHABLE, "Prometheus at " + base + " unreachable: " + describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BacktestException(BacktestException.Kind.UNREACHABLE, "interrupted while querying Prometheus at " + base);
    }
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      body = null;
    }
    if (body == null || !body.has("status")) {
      String text = response.body() == null ? "" : response.body().strip();
      throw new BacktestException(BacktestException.Kind.UNREACHABLE, "Prometheus at " + base + " answered HTTP "
          + response.statusCode() + " without Prometheus' JSON" + (text.isEmpty() ? "" : ": " + cut(text)));
    }
    if (!"success".equals(body.path("status").asText())) {
      String error = body.path("errorType").asText() + ": " + body.path("error").asText();
      // 400/422: the query; 503/500 (e.g. a timeout or too many samples): Prometheus itself
      BacktestException.Kind kind = response.statusCode() == 400 || response.statusCode() == 422
          ? BacktestException.Kind.REJECTED : BacktestException.Kind.UNREACHABLE;
      throw new BacktestException(kind, "Prometheus at " + base + " rejected the query (HTTP " + response.statusCode()
          + "): " + error);
    }
    return body.path("data").path("result");
  }

  /** The operator's words for a failed exchange (a certificate that fails says why), and which flag sets the timeout. */
  private String describe(IOException e) {
    return HttpCalls.describe(e, base, timeout) + (e instanceof HttpTimeoutException ? " (--request-timeout)" : "");
  }

  private static String cut(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }

  private static Double number(String text) {
    return switch (text) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.valueOf(text);
    };
  }
}
