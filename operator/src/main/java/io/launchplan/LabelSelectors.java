package io.launchplan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a Kubernetes label selector in its string form ({@code shard=a}, {@code tier in (a,b)},
 * {@code !legacy}, comma-separated requirements, all of which must hold) before it reaches the
 * API server, so a typo stops the operator at start-up with a message instead of an informer error.
 */
final class LabelSelectors {
  private static final String NAME = "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?";
  private static final String PREFIX = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
  private static final String KEY = "(" + PREFIX + "/)?" + NAME;
  private static final String VALUE = "(" + NAME + ")?";
  private static final Pattern EXISTS = Pattern.compile("!?\\s*(" + KEY + ")");
  private static final Pattern EQUALITY = Pattern.compile("(" + KEY + ")\\s*(=|==|!=)\\s*(" + VALUE + ")");
  private static final Pattern SET = Pattern.compile("(" + KEY + ")\\s+(in|notin)\\s*\\(([^()]*)\\)");

  private LabelSelectors() {}

  /** Throws IllegalArgumentException saying which requirement of {@code selector} is malformed. */
  static void check(String setting, String selector) {
    for (String requirement : requirements(setting, selector)) {
      String r = requirement.trim();
      if (r.isEmpty()) {
        throw new IllegalArgumentException(setting + ": '" + selector + "' has an empty requirement (two commas?)");
      }
      Matcher set = SET.matcher(r);
      if (set.matches()) {
        for (String value : set.group(set.groupCount()).split(",", -1)) {
          if (!value.trim().matches(VALUE) || value.length() > 63) {
            throw new IllegalArgumentException(setting + ": in '" + r + "', '" + value.trim() + "' is not a label value");
          }
        }
        continue;
      }
      if (!EQUALITY.matcher(r).matches() && !EXISTS.matcher(r).matches()) {
        throw new IllegalArgumentException(setting + ": '" + r + "' is not a label selector requirement"
            + " (key=value, key!=value, key in (a,b), key notin (a,b), key or !key; e.g. shard=a)");
      }
      String key = r.replaceFirst("^!\\s*", "").split("[\\s=!]", 2)[0];
      if (key.contains("/") && key.substring(0, key.indexOf('/')).length() > 253) {
        throw new IllegalArgumentException(setting + ": the key prefix in '" + r + "' is longer than 253 characters");
      }
    }
  }

  /** Splits on the commas that are not inside {@code ( )}. */
  private static List<String> requirements(String setting, String selector) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < selector.length(); i++) {
      char c = selector.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        out.add(selector.substring(start, i));
        start = i + 1;
      }
      if (depth < 0 || depth > 1) {
        throw new IllegalArgumentException(setting + ": '" + selector + "' has unbalanced parentheses");
      }
    }
    if (depth != 0) {
      throw new IllegalArgumentException(setting + ": '" + selector + "' has unbalanced parentheses");
    }
    out.add(selector.substring(start));
    return out;
  }
}
