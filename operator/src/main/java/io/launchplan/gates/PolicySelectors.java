package io.launchplan.gates;

import io.launchplan.api.PolicySelector;
import io.launchplan.api.SelectorRequirement;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Matches a LaunchPolicy's label selectors as Kubernetes does: every {@code matchLabels} pair and
 * every requirement must hold; an absent or empty selector matches everything. A selector whose keys
 * or values are not label keys or values (which the schema cannot say) does not match or miss: it is
 * an error, and the policy then fails closed.
 */
final class PolicySelectors {
  private static final String NAME = "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?";
  private static final String PREFIX = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
  private static final Pattern KEY = Pattern.compile("(" + PREFIX + "/)?" + NAME);
  private static final Pattern VALUE = Pattern.compile("(" + NAME + ")?");

  private PolicySelectors() {}

  /**
   * Whether {@code selector} selects an object with {@code labels}.
   *
   * @param field how the selector is named in a message, e.g. {@code namespaceSelector}
   * @throws IllegalArgumentException naming the field and the bad key, value or operator
   */
  static boolean matches(String field, PolicySelector selector, Map<String, String> labels) {
    if (selector == null) {
      return true;
    }
    check(field, selector);
    for (Map.Entry<String, String> e : selector.matchLabelsOrEmpty().entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    for (SelectorRequirement r : selector.matchExpressionsOrEmpty()) {
      String value = labels.get(r.getKey());
      boolean holds = switch (r.getOperator()) {
        case In -> value != null && r.valuesOrEmpty().contains(value);
        case NotIn -> value == null || !r.valuesOrEmpty().contains(value);
        case Exists -> value != null;
        case DoesNotExist -> value == null;
      };
      if (!holds) {
        return false;
      }
    }
    return true;
  }

  /** Throws IllegalArgumentException for the first key, value or requirement Kubernetes would not accept. */
  static void check(String field, PolicySelector selector) {
    for (Map.Entry<String, String> e : selector.matchLabelsOrEmpty().entrySet()) {
      key(field + ".matchLabels", e.getKey());
      value(field + ".matchLabels[" + e.getKey() + "]", e.getValue());
    }
    int i = 0;
    for (SelectorRequirement r : selector.matchExpressionsOrEmpty()) {
      String where = field + ".matchExpressions[" + i++ + "]";
      key(where + ".key", r.getKey());
      if (r.getOperator() == null) {
        throw new IllegalArgumentException(where + ".operator is missing (In, NotIn, Exists or DoesNotExist)");
      }
      boolean takesValues = r.getOperator() == SelectorRequirement.Operator.In
          || r.getOperator() == SelectorRequirement.Operator.NotIn;
      if (takesValues == r.valuesOrEmpty().isEmpty()) {
        throw new IllegalArgumentException(where + ": " + r.getOperator()
            + (takesValues ? " needs values" : " takes no values"));
      }
      for (String v : r.valuesOrEmpty()) {
        value(where + ".values", v);
      }
    }
  }

  private static void key(String where, String key) {
    if (key == null || !KEY.matcher(key).matches() || (key.contains("/") && key.indexOf('/') > 253)) {
      throw new IllegalArgumentException(where + ": '" + key + "' is not a label key (e.g. team or example.com/team)");
    }
  }

  private static void value(String where, String value) {
    if (value == null || !VALUE.matcher(value).matches()) {
      throw new IllegalArgumentException(where + ": '" + value + "' is not a label value");
    }
  }
}
