package io.launchplan.analysis;

import io.launchplan.api.AlertSelector;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns an {@link AlertSelector} into the PromQL that finds its firing alerts,
 * {@code ALERTS{alertstate="firing",k="v",...}}, and matches pushed alerts against it.
 * Labels are sorted so equal selectors give equal query text (and are sent once per tick).
 */
public final class AlertQuery {
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private AlertQuery() {}

  /**
   * @throws IllegalArgumentException when a label name is not a Prometheus label name, a value is
   *     missing, the selector is empty (it would match every firing alert) or sets {@code alertstate}
   */
  public static String promql(AlertSelector selector) {
    StringBuilder q = new StringBuilder("ALERTS{alertstate=\"firing\"");
    validated(selector).forEach((name, value) ->
        q.append(',').append(name).append("=\"").append(escape(value)).append('"'));
    return q.append('}').toString();
  }

  /**
   * The name under which the selector's result appears in status, e.g.
   * {@code alert:service=checkout} or {@code alert:severity=page,service=checkout}, and
   * {@code policy:<policy>/alert:severity=critical} for a LaunchPolicy's required selector. Query names
   * cannot contain ':', so this never collides with a query.
   */
  public static String checkName(AlertSelector selector) {
    StringJoiner name = new StringJoiner(",", "alert:", "");
    validated(selector).forEach((k, v) -> name.add(k + "=" + v));
    // A LaunchPolicy's required selector names its source, as a required query does: policy:<policy>/alert:...
    return selector.getRequiredBy() != null ? "policy:" + selector.getRequiredBy() + "/" + name : name.toString();
  }

  /**
   * Whether an alert with {@code alertLabels} (e.g. one pushed by Alertmanager) is one the
   * selector catches. Same rule as the PromQL: every selector label equal; a label the alert
   * lacks counts as the empty value.
   */
  public static boolean matches(AlertSelector selector, Map<String, String> alertLabels) {
    return validated(selector).entrySet().stream()
        .allMatch(e -> e.getValue().equals(alertLabels.getOrDefault(e.getKey(), "")));
  }

  /** Escapes a value for a double-quoted PromQL string literal. */
  static String escape(String value) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static TreeMap<String, String> validated(AlertSelector selector) {
    Map<String, String> labels = selector.getMatchLabels();
    if (labels == null || labels.isEmpty()) {
      throw new IllegalArgumentException("alert selector without matchLabels would match every firing alert");
    }
    TreeMap<String, String> sorted = new TreeMap<>();
    labels.forEach((name, value) -> {
      if (name == null || !LABEL_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("not a Prometheus label name in alert matchLabels: '" + name
            + "' (must match [a-zA-Z_][a-zA-Z0-9_]*)");
      }
      if ("alertstate".equals(name)) {
        throw new IllegalArgumentException("alert matchLabels must not set alertstate: only firing alerts count");
      }
      if (value == null) {
        throw new IllegalArgumentException("alert matchLabels." + name + " has no value");
      }
      sorted.put(name, value);
    });
    return sorted;
  }
}
