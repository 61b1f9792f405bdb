package io.launchplan.plugin.dashboard;

import io.launchplan.analysis.model.QueryTemplate;
import io.launchplan.analysis.model.QueryVariables;
import io.launchplan.api.AlertSelector;
import io.launchplan.api.AnalysisQuery;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.plugin.Plans;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the plan page charts for each check (pure): the PromQL to send to {@code query_range}, split
 * into the value and its threshold, for the canary's pods and, where the query names them, the
 * stable pods side by side.
 *
 * <p>A query fires when it returns a sample, so {@code rate(...) > 0.01} returns nothing while all is
 * well: the chart draws the left side ({@code rate(...)}) and the threshold ({@code 0.01}) as a line.
 * The pods over the launch are matched by the names the operator's Deployments give them
 * ({@code <target>-canary-<hash>-<suffix>} and {@code <target>-<hash>-<suffix>}), since the pods
 * of a past moment are gone from the cluster.
 */
final class ChartQueries {
  /** A trailing comparison with a number, at the outermost level: {@code ... > 0.01}, {@code ... < bool 5}. */
  private static final Pattern THRESHOLD = Pattern.compile(
      "(?s)^(.*?)\\s*(>=|<=|==|!=|>|<)\\s*(?:bool\\s+)?([-+]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?)\\s*$");
  private static final String CANARY_MARK = "lpdashboardcanarypods";
  private static final String STABLE_MARK = "lpdashboardstablepods";

  private ChartQueries() {}

  /** One line of a chart. */
  record Series(String label, String expr) {}

  /**
   * One chart: a query (or an alert selector, as {@code ALERTS{...}}), its threshold when the
   * expression has one, its {@code for} and action, and the series to draw.
   */
  record Chart(String name, String kind, String expr, String comparison, Double threshold, String forDuration, String action,
      List<Series> series, String error) {}

  static List<Chart> of(LaunchPlan plan) {
    LaunchPlanSpec spec = plan.getSpec();
    List<Chart> charts = new ArrayList<>();
    if (spec == null || spec.getAnalysis() == null) {
      return charts;
    }
    for (AnalysisQuery q : nz(spec.getAnalysis().getQueries())) {
      charts.add(query(plan, q));
    }
    for (AlertSelector a : nz(spec.getAnalysis().getAlerts())) {
      String expr = alertsExpr(a.getMatchLabels());
      charts.add(new Chart(alertName(a.getMatchLabels()), "alert", expr, null, null, null, String.valueOf(a.getAction()),
          List.of(new Series("firing alerts", "count(" + expr + ")")), null));
    }
    return charts;
  }

  static Chart query(LaunchPlan plan, AnalysisQuery q) {
    String expr = q.getExpr();
    Matcher m = THRESHOLD.matcher(expr);
    String value = expr;
    String comparison = null;
    Double threshold = null;
    if (m.matches() && balanced(m.group(1))) {
      value = m.group(1);
      comparison = m.group(2);
      threshold = Double.valueOf(m.group(3));
    }
    String action = q.getAction() == null ? "Revert" : q.getAction().name();
    try {
      String rendered = render(plan, value);
      List<Series> series = new ArrayList<>();
      boolean canary = rendered.contains(CANARY_MARK);
      if (canary) {
        series.add(new Series("canary", pods(plan, rendered, true)));
        series.add(new Series("stable", pods(plan, rendered.replace(CANARY_MARK, STABLE_MARK), false)));
      } else {
        series.add(new Series(rendered.contains(STABLE_MARK) ? "stable" : "value", pods(plan, rendered, false)));
      }
      return new Chart(q.getName(), "query", expr, comparison, threshold, q.getFor(), action, series, null);
    } catch (IllegalArgumentException e) {
      return new Chart(q.getName(), "query", expr, comparison, threshold, q.getFor(), action, List.of(), e.getMessage());
    }
  }

  private static String render(LaunchPlan plan, String expr) {
    String revision = plan.getStatus() == null || plan.getStatus().getRevision() == null ? "" : plan.getStatus().getRevision();
    return QueryTemplate.render(expr, new QueryVariables(plan.getMetadata().getNamespace(), Plans.target(plan),
        List.of(CANARY_MARK), List.of(STABLE_MARK), revision));
  }

  /** The pod-name patterns in place of the marks. */
  private static String pods(LaunchPlan plan, String rendered, boolean canary) {
    String target = Plans.target(plan).replace(".", "[.]"); // a DNS name: '.' is its only regex metacharacter
    String canaryPods = target + "-canary-[a-z0-9]+-[a-z0-9]+";
    String stablePods = target + "-[a-z0-9]+-[a-z0-9]+";
    return rendered.replace(CANARY_MARK, canaryPods).replace(STABLE_MARK, stablePods);
  }

  private static boolean balanced(String text) {
    int depth = 0;
    for (char c : text.toCharArray()) {
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
    }
    return depth == 0;
  }

  static String alertsExpr(Map<String, String> labels) {
    Map<String, String> sorted = new TreeMap<>(labels == null ? Map.of() : labels);
    String matchers = sorted.entrySet().stream().map(e -> e.getKey() + "=\"" + e.getValue().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
        .collect(Collectors.joining(","));
    return "ALERTS{alertstate=\"firing\"" + (matchers.isEmpty() ? "" : "," + matchers) + "}";
  }

  private static String alertName(Map<String, String> labels) {
    return "alerts " + new TreeMap<>(labels == null ? Map.of() : labels);
  }

  private static <T> List<T> nz(List<T> list) {
    return list == null ? List.of() : list;
  }
}
