package io.launchplan.analysis.receiver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads the body Alertmanager's webhook receiver sends (payload {@code version: "4"}):
 * <pre>{"version":"4","status":"firing","receiver":"...","alerts":[
 *   {"status":"firing","labels":{"alertname":"...",...},"startsAt":"2025-01-01T00:00:00.123Z",
 *    "fingerprint":"c6b8d1a2e3f40516",...}], ...}</pre>
 * Everything is checked before anything is used: one malformed alert rejects the whole body, so a
 * rejected push has no effect at all.
 */
public final class AlertmanagerPayload {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private AlertmanagerPayload() {}

  /** Why a body is not an Alertmanager webhook payload; the message is sent back to the sender. */
  public static final class InvalidPayload extends Exception {
    InvalidPayload(String message) {
      super(message);
    }
  }

  /** The alerts of {@code body}, in the order sent. */
  public static List<WebhookAlert> parse(byte[] body) throws InvalidPayload {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidPayload("body is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidPayload("body is not JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InvalidPayload("body is not a JSON object");
    }
    JsonNode version = root.get("version");
    if (version == null || !version.isTextual() || !"4".equals(version.asText())) {
      throw new InvalidPayload("not an Alertmanager webhook payload: version must be \"4\", got "
          + (version == null ? "none" : version.toString()));
    }
    JsonNode alerts = root.get("alerts");
    if (alerts == null || !alerts.isArray()) {
      throw new InvalidPayload("not an Alertmanager webhook payload: alerts must be an array");
    }
    List<WebhookAlert> out = new ArrayList<>(alerts.size());
    for (int i = 0; i < alerts.size(); i++) {
      out.add(alert(alerts.get(i), "alerts[" + i + "]"));
    }
    return out;
  }

  private static WebhookAlert alert(JsonNode a, String where) throws InvalidPayload {
    if (!a.isObject()) {
      throw new InvalidPayload(where + " is not an object");
    }
    String status = text(a, "status");
    if (!"firing".equals(status) && !"resolved".equals(status)) {
      throw new InvalidPayload(where + ".status must be firing or resolved, got " + a.get("status"));
    }
    String fingerprint = text(a, "fingerprint");
    if (fingerprint == null || fingerprint.isBlank()) {
      throw new InvalidPayload(where + ".fingerprint is missing");
    }
    JsonNode labelsNode = a.get("labels");
    if (labelsNode == null || !labelsNode.isObject()) {
      throw new InvalidPayload(where + ".labels must be an object");
    }
    Map<String, String> labels = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = labelsNode.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> label = it.next();
      if (!label.getValue().isTextual()) {
        throw new InvalidPayload(where + ".labels." + label.getKey() + " must be a string");
      }
      labels.put(label.getKey(), label.getValue().asText());
    }
    return new WebhookAlert("firing".equals(status), labels, instant(a.get("startsAt"), where), fingerprint);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }

  /** RFC 3339 as Alertmanager writes it; its zero time (0001-01-01) and absence mean "unknown". */
  private static Instant instant(JsonNode v, String where) throws InvalidPayload {
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new InvalidPayload(where + ".startsAt must be an RFC 3339 time");
    }
    try {
      Instant t = OffsetDateTime.parse(v.asText()).toInstant();
      return t.getEpochSecond() < 0 ? null : t;
    } catch (DateTimeParseException e) {
      throw new InvalidPayload(where + ".startsAt is not an RFC 3339 time: " + v.asText());
    }
  }
}
