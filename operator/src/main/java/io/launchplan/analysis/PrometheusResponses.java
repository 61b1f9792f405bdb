package io.launchplan.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.launchplan.analysis.PrometheusException.Kind;
import io.launchplan.analysis.QueryResult.Sample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the body of a {@code /api/v1/query} answer. Kept apart from the HTTP code so the decoding
 * rules (which answers are results, which are errors of which kind) live in one place.
 */
final class PrometheusResponses {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Enough of an unreadable body to recognise it (an HTML error page, a proxy message). */
  private static final int SNIPPET = 200;

  private PrometheusResponses() {}

  /**
   * @param where Prometheus' base URL as it may be shown (no credentials)
   * @param httpStatus the HTTP status of the answer
   * @param body the answer's body
   */
  static QueryResult parse(String where, int httpStatus, String body) throws PrometheusException {
    JsonNode root = readJson(body);
    if (root != null && "error".equals(root.path("status").asText())) {
      String error = root.path("error").asText("");
      String errorType = textOrNull(root.get("errorType"));
      if (httpStatus >= 500) {
        // Prometheus' own 5xx (query timeout, overload, shutdown): transient, not the query's fault.
        throw new PrometheusException(Kind.UNREACHABLE,
            "Prometheus at " + where + " failed (HTTP " + httpStatus + "): " + error, errorType, httpStatus, null);
      }
      // Verbatim: this is the text people need to fix their PromQL.
      throw new PrometheusException(Kind.REJECTED, error, errorType, httpStatus, null);
    }
    if (httpStatus >= 500) {
      throw new PrometheusException(Kind.UNREACHABLE,
          "Prometheus at " + where + " answered HTTP " + httpStatus + snippetSuffix(body), null, httpStatus, null);
    }
    if (httpStatus / 100 != 2 || root == null || !"success".equals(root.path("status").asText())) {
      throw badResponse(where, httpStatus, body, null);
    }
    return readData(where, httpStatus, body, root.path("data"));
  }

  private static QueryResult readData(String where, int httpStatus, String body, JsonNode data)
      throws PrometheusException {
    String type = data.path("resultType").asText();
    JsonNode result = data.path("result");
    try {
      return switch (type) {
        case "vector" -> readVector(result);
        case "scalar" -> new QueryResult(List.of(readSample(Map.of(), result)));
        case "matrix", "string" -> throw new PrometheusException(Kind.REJECTED,
            "query returns a " + (type.equals("matrix") ? "range vector (matrix)" : "string")
                + "; analysis queries must return an instant vector or a scalar", null, httpStatus, null);
        default -> throw badResponse(where, httpStatus, body, null);
      };
    } catch (IllegalArgumentException e) {
      throw badResponse(where, httpStatus, body, e);
    }
  }

  private static QueryResult readVector(JsonNode result) {
    if (!result.isArray()) {
      throw new IllegalArgumentException("vector result is not an array");
    }
    List<Sample> samples = new ArrayList<>(result.size());
    for (JsonNode series : result) {
      Map<String, String> labels = new LinkedHashMap<>();
      series.path("metric").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
      if (series.has("histogram")) {
        // A native histogram still counts as a sample; its observation count is the closest scalar.
        String count = series.path("histogram").path(1).path("count").asText("NaN");
        samples.add(new Sample(labels, parseValue(count), count));
      } else {
        samples.add(readSample(labels, series.path("value")));
      }
    }
    return new QueryResult(samples);
  }

  /** Reads a {@code [<unix time>, "<value>"]} pair. */
  private static Sample readSample(Map<String, String> labels, JsonNode pair) {
    JsonNode text = pair.path(1);
    if (!pair.isArray() || pair.size() != 2 || !text.isTextual()) {
      throw new IllegalArgumentException("sample is not [time, \"value\"]: " + pair);
    }
    return new Sample(labels, parseValue(text.asText()), text.asText());
  }

  /** Go's float formatting, which Prometheus uses: {@code +Inf}, {@code -Inf}, {@code NaN}, {@code 1e-05}. */
  static double parseValue(String text) {
    return switch (text) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(text);
    };
  }

  private static JsonNode readJson(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node != null && node.isObject() ? node : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static PrometheusException badResponse(String where, int httpStatus, String body, Exception cause) {
    return new PrometheusException(Kind.BAD_RESPONSE,
        "unreadable answer from Prometheus at " + where + " (HTTP " + httpStatus + ")" + snippetSuffix(body),
        null, httpStatus, cause);
  }

  private static String snippetSuffix(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String flat = body.strip().replaceAll("\\s+", " ");
    return ": " + (flat.length() > SNIPPET ? flat.substring(0, SNIPPET) + "…" : flat);
  }

  private static String textOrNull(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }
}
