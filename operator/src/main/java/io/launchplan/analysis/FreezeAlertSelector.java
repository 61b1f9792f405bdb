package io.launchplan.analysis;

import io.launchplan.api.AlertSelector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Which firing alerts freeze every launch ({@code LAUNCHPLAN_FREEZE_ALERTS}): equality label
 * matchers, comma-separated, e.g. {@code alertname=IncidentOpen} or
 * {@code alertname=IncidentOpen,severity="critical"} (quotes allow commas and spaces in a value).
 * Matched as the plans' alert selectors are: {@code ALERTS{alertstate="firing",<matchers>}} when
 * polled, and every matcher equal for an alert Alertmanager pushes.
 */
public final class FreezeAlertSelector {
  private final Map<String, String> matchers;
  private final AlertSelector selector = new AlertSelector();

  private FreezeAlertSelector(Map<String, String> matchers) {
    this.matchers = Collections.unmodifiableMap(new TreeMap<>(matchers));
    selector.setMatchLabels(this.matchers);
    AlertQuery.promql(selector); // validates label names and alertstate
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException saying what is wrong: empty, a matcher without {@code =}, an
   *     empty value, a label given twice, a label name Prometheus would reject, or {@code alertstate}
   */
  public static FreezeAlertSelector parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("no matchers (e.g. alertname=IncidentOpen)");
    }
    Map<String, String> matchers = new TreeMap<>();
    for (String part : split(text)) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("'" + part + "' is not a label=value matcher");
      }
      String name = part.substring(0, eq).trim();
      String value = unquote(part.substring(eq + 1).trim(), part);
      if (value.startsWith("~") || name.endsWith("!")) {
        throw new IllegalArgumentException("'" + part + "': only equality matchers (label=value) are supported");
      }
      if (value.isEmpty()) {
        throw new IllegalArgumentException("'" + part + "' has an empty value");
      }
      if (matchers.put(name, value) != null) {
        throw new IllegalArgumentException("label '" + name + "' is given twice");
      }
    }
    return new FreezeAlertSelector(matchers);
  }

  /** {@code ALERTS{alertstate="firing",...}}, labels sorted. */
  public String promql() {
    return AlertQuery.promql(selector);
  }

  /** Whether an alert with these labels is one that freezes launches. */
  public boolean matches(Map<String, String> alertLabels) {
    return AlertQuery.matches(selector, alertLabels);
  }

  public Map<String, String> matchers() {
    return matchers;
  }

  /** The selector as it would be written, e.g. {@code alertname="IncidentOpen",severity="critical"}. */
  @Override public String toString() {
    StringJoiner j = new StringJoiner(",");
    matchers.forEach((k, v) -> j.add(k + "=\"" + AlertQuery.escape(v) + "\""));
    return j.toString();
  }

  @Override public boolean equals(Object o) {
    return o instanceof FreezeAlertSelector s && matchers.equals(s.matchers);
  }

  @Override public int hashCode() {
    return matchers.hashCode();
  }

  /** Splits at commas outside double quotes; blank parts are an error. */
  private static List<String> split(String text) {
    List<String> parts = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && quoted && i + 1 < text.length()) {
        cur.append(c).append(text.charAt(++i));
      } else if (c == '"') {
        quoted = !quoted;
        cur.append(c);
      } else if (c == ',' && !quoted) {
        parts.add(cur.toString().trim());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("unbalanced quote in '" + text + "'");
    }
    parts.add(cur.toString().trim());
    for (String p : parts) {
      if (p.isEmpty()) {
        throw new IllegalArgumentException("empty matcher in '" + text + "'");
      }
    }
    return parts;
  }

  private static String unquote(String value, String part) {
    if (!value.startsWith("\"")) {
      return value;
    }
    if (value.length() < 2 || !value.endsWith("\"")) {
      throw new IllegalArgumentException("'" + part + "': a quoted value must end with a quote");
    }
    StringBuilder out = new StringBuilder();
    for (int i = 1; i < value.length() - 1; i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length() - 1) {
        out.append(value.charAt(++i));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
