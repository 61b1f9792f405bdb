package io.launchplan.analysis;

import io.launchplan.analysis.model.QueryTemplate;
import io.launchplan.analysis.model.QueryVariables;
import io.launchplan.api.Action;
import io.launchplan.api.AlertSelector;
import io.launchplan.api.AnalysisQuery;
import io.launchplan.api.AnalysisSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One query or alert selector of a plan, ready to send: rendered PromQL, {@code for} and action.
 *
 * @param name the status name (the query's name, or {@code alert:k=v,...})
 * @param alert whether this is an alert selector (only changes how messages read)
 * @param shadow whether the check only watches ({@code mode: Shadow}): evaluated and shown, never acting
 */
record Check(String name, boolean alert, String promql, Duration forDuration, Action action, boolean shadow) {

  /**
   * Compiles all of a plan's checks, queries first, in spec order.
   *
   * @throws IllegalArgumentException naming the check, for anything that makes the spec invalid
   *     (unknown variable, bad label name, bad duration); nothing has been sent at that point
   */
  static List<Check> compile(AnalysisSpec spec, QueryVariables vars) {
    List<Check> checks = new ArrayList<>();
    for (AnalysisQuery q : spec.queriesOrEmpty()) {
      try {
        checks.add(new Check(q.getName(), false, QueryTemplate.render(q.getExpr(), vars), q.forOrZero(),
            q.actionOrDefault(), q.shadow()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("analysis query " + q.getName() + ": " + e.getMessage(), e);
      }
    }
    // Two selectors with the same labels would share a status name; number the repeats.
    Map<String, Integer> seen = new HashMap<>();
    List<AlertSelector> alerts = spec.alertsOrEmpty();
    for (int i = 0; i < alerts.size(); i++) {
      AlertSelector a = alerts.get(i);
      try {
        String base = AlertQuery.checkName(a);
        int n = seen.merge(base, 1, Integer::sum);
        checks.add(new Check(n == 1 ? base : base + "#" + n, true, AlertQuery.promql(a), Duration.ZERO,
            a.actionOrDefault(), a.shadow()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("analysis alerts[" + i + "]: " + e.getMessage(), e);
      }
    }
    return checks;
  }

  /** How the check is named in messages: {@code query canary-5xx} or {@code alert:service=checkout}. */
  String label() {
    return (shadow ? "shadow " : "") + (alert ? name : "query " + name);
  }
}
