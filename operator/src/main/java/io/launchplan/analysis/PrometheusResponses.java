package io.launchplan.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.launchplan.analysis.PrometheusException.Kind;
import io.launchplan.analysis.QueryResult.Sample;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the body of a {@code /api/v1/query} answer. Kept apart from the HTTP code so the decoding
 * rules (which answers are results, which are errors of which kind) live in one place.
 *
 * <p>Only an instant vector is a usable result: a check fires when its query returns any series.
 * A scalar is always exactly one value (even {@code 0} or {@code NaN}), so a scalar query would
 * fire on every tick whatever it measures; it is refused like a range vector or a string.
 *
 * <p>What reaches a condition or an Event is kept short, because a plan may point
 * {@code prometheus.url} at anything: Prometheus' own {@code error} text is shown up to
 * {@link #MAX_ECHO} characters, and any other body (an HTML page, another service's JSON) is never
 * echoed, only summarised as {@code HTTP <code>, <content type>, <n> bytes}.
 */
final class PrometheusResponses {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The longest piece of an answer that is shown; past it the text is cut and marked. */
  static final int MAX_ECHO = 200;
  static final String TRUNCATED = "…(truncated)";

  private PrometheusResponses() {}

  /**
   * @param where Prometheus' base URL as it may be shown (no credentials)
   * @param httpStatus the HTTP status of the answer
   * @param contentType the answer's {@code Content-Type}, or null
   * @param body the answer's body
   */
  static QueryResult parse(String where, int httpStatus, String contentType, String body) throws PrometheusException {
    JsonNode root = readJson(body);
    if (root != null && "error".equals(root.path("status").asText())) {
      String error = shorten(root.path("error").asText(""));
      String errorType = textOrNull(root.get("errorType"));
      if (httpStatus >= 500) {
        // Prometheus' own 5xx (query timeout, overload, shutdown): transient, not the query's fault.
        throw new PrometheusException(Kind.UNREACHABLE,
            "Prometheus at " + where + " failed (HTTP " + httpStatus + "): " + error, errorType, httpStatus, null);
      }
      // Verbatim (if not too long): this is the text people need to fix their PromQL.
      throw new PrometheusException(Kind.REJECTED, error, errorType, httpStatus, null);
    }
    if (httpStatus == 401 || httpStatus == 403) {
      // The body is not echoed (any server may be behind the URL); the status says it all.
      throw new PrometheusException(Kind.BAD_RESPONSE, "Prometheus at " + where + " answered HTTP " + httpStatus
          + (httpStatus == 401 ? " Unauthorized: it refused the credentials sent (or wants some): check auth"
              : " Forbidden: the credentials sent may not query it: check auth and the headers")
          + " of the Prometheus connection", null, httpStatus, null);
    }
    if (httpStatus >= 500) {
      throw new PrometheusException(Kind.UNREACHABLE,
          "Prometheus at " + where + " answered " + summary(httpStatus, contentType, body), null, httpStatus, null);
    }
    if (httpStatus / 100 != 2 || root == null || !"success".equals(root.path("status").asText())) {
      throw badResponse(where, httpStatus, contentType, body, null);
    }
    return readData(where, httpStatus, contentType, body, root.path("data"));
  }

  /** As above, for an answer known to be JSON (tests). */
  static QueryResult parse(String where, int httpStatus, String body) throws PrometheusException {
    return parse(where, httpStatus, "application/json", body);
  }

  private static QueryResult readData(String where, int httpStatus, String contentType, String body, JsonNode data)
      throws PrometheusException {
    String type = data.path("resultType").asText();
    JsonNode result = data.path("result");
    try {
      return switch (type) {
        case "vector" -> readVector(result);
        case "scalar", "matrix", "string" -> throw new PrometheusException(Kind.NOT_A_VECTOR, notAVector(type),
            null, httpStatus, null);
        default -> throw badResponse(where, httpStatus, contentType, body, null);
      };
    } catch (IllegalArgumentException e) {
      throw badResponse(where, httpStatus, contentType, body, e);
    }
  }

  private static String notAVector(String type) {
    String what = switch (type) {
      case "scalar" -> "a scalar (always one value, so it would fire on every tick)";
      case "matrix" -> "a range vector (matrix)";
      default -> "a string";
    };
    return "the query returns " + what + "; analysis queries must return an instant vector: a check fires when "
        + "its query returns any series, so compare a vector, e.g. sum(rate(http_errors_total[1m])) > 0.01";
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

  private static PrometheusException badResponse(String where, int httpStatus, String contentType, String body,
      Exception cause) {
    return new PrometheusException(Kind.BAD_RESPONSE,
        "unreadable answer from Prometheus at " + where + " (" + summary(httpStatus, contentType, body) + ")",
        null, httpStatus, cause);
  }

  /** What an answer was, without any of its content: {@code HTTP 502, text/html, 1234 bytes}. */
  static String summary(int httpStatus, String contentType, String body) {
    int bytes = body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length;
    String type = contentType == null || contentType.isBlank() ? "no content type" : shorten(contentType.strip());
    return "HTTP " + httpStatus + ", " + type + ", " + (bytes == 0 ? "no body" : bytes + (bytes == 1 ? " byte" : " bytes"));
  }

  /** {@code text} on one line, cut to {@link #MAX_ECHO} characters and marked when it was longer. */
  static String shorten(String text) {
    String flat = text.strip().replaceAll("\\s+", " ");
    if (flat.length() <= MAX_ECHO) {
      return flat;
    }
    int cut = MAX_ECHO;
    if (Character.isHighSurrogate(flat.charAt(cut - 1))) {
      cut--; // never split a character in two
    }
    return flat.substring(0, cut) + TRUNCATED;
  }

  private static String textOrNull(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }
}
