package io.launchplan.analysis.model;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Substitutes {@code ${namespace}}, {@code ${target}}, {@code ${canaryPods}}, {@code ${stablePods}}
 * and {@code ${revision}} into a query's PromQL.
 *
 * <p>Pod lists become a regex alternation meant for {@code pod=~"${canaryPods}"}: PromQL anchors
 * regexes, so it matches exactly the listed pods. Metacharacters are escaped as one-character
 * classes ({@code [.]}) rather than with backslashes, so the same text is right inside {@code "..."}
 * and inside {@code `...`}. An empty list renders {@value #NO_PODS}: it cannot be a pod name, and
 * unlike the empty regex it does not match series that have no {@code pod} label.
 *
 * <p>{@code $${...}} writes a literal {@code ${...}}; {@code ${1}} (a group reference in
 * {@code label_replace}) is left alone. Any other {@code ${name}} is an error.
 */
public final class QueryTemplate {
  /** What an empty pod list renders to: a regex that matches no pod name (and no empty label). */
  public static final String NO_PODS = "<no pods>";

  /** {@code $${name}} (escaped) or {@code ${name}}; digits-only names are regex group references. */
  private static final Pattern PLACEHOLDER = Pattern.compile("(\\$?)\\$\\{([^}]*)}");
  private static final Pattern GROUP_REFERENCE = Pattern.compile("[0-9]+");
  /** Regex metacharacters that are literal inside a character class. */
  private static final String CLASS_ESCAPABLE = ".+*?()|{}$";

  private QueryTemplate() {}

  /**
   * @return {@code expr} with the variables substituted
   * @throws IllegalArgumentException naming the variable when {@code expr} uses an unknown one, or
   *     when a pod name contains characters no pod name can have
   */
  public static String render(String expr, QueryVariables v) {
    Map<String, String> values = Map.of(
        "namespace", v.namespace(),
        "target", v.target(),
        "canaryPods", podRegex(v.canaryPods()),
        "stablePods", podRegex(v.stablePods()),
        "revision", v.revision());
    Matcher m = PLACEHOLDER.matcher(expr);
    StringBuilder out = new StringBuilder(expr.length() + 64);
    while (m.find()) {
      String name = m.group(2);
      String replacement;
      if (!m.group(1).isEmpty()) {
        replacement = "${" + name + "}";
      } else if (GROUP_REFERENCE.matcher(name).matches()) {
        replacement = m.group();
      } else if (values.containsKey(name)) {
        replacement = values.get(name);
      } else {
        throw new IllegalArgumentException("unknown variable ${" + name + "} in query; known are "
            + String.join(", ", new TreeSet<>(values.keySet()).stream().map(k -> "${" + k + "}").toList())
            + " (write $${" + name + "} for a literal ${" + name + "})");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * A regex matching exactly {@code pods} (sorted, so the same pods always give the same query
   * text and identical queries can be coalesced), or {@link #NO_PODS} for none.
   */
  public static String podRegex(List<String> pods) {
    if (pods.isEmpty()) {
      return NO_PODS;
    }
    StringBuilder regex = new StringBuilder();
    for (String pod : new TreeSet<>(pods)) {
      if (regex.length() > 0) {
        regex.append('|');
      }
      appendLiteral(regex, pod);
    }
    return regex.toString();
  }

  private static void appendLiteral(StringBuilder regex, String pod) {
    if (pod.isEmpty()) {
      throw new IllegalArgumentException("empty pod name");
    }
    for (int i = 0; i < pod.length(); i++) {
      char c = pod.charAt(i);
      if (CLASS_ESCAPABLE.indexOf(c) >= 0) {
        regex.append('[').append(c).append(']');
      } else if ("[\\^]\"'`".indexOf(c) >= 0 || Character.isISOControl(c)) {
        // Escaping these depends on how the query quotes the string; no DNS name contains them.
        throw new IllegalArgumentException("not a pod name: '" + pod + "'");
      } else {
        regex.append(c);
      }
    }
  }
}
