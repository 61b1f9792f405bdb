package io.launchplan.plugin.backtest;

import io.launchplan.analysis.AlertQuery;
import io.launchplan.analysis.model.QueryTemplate;
import io.launchplan.analysis.model.QueryVariables;
import io.launchplan.api.AlertSelector;
import io.launchplan.api.AnalysisQuery;
import io.launchplan.api.AnalysisSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Runs each of a plan's queries and alert selectors over a range of Prometheus history, as the
 * operator would have run them at each step, and reports per check how it behaved. The PromQL is
 * the operator's own: its {@link QueryTemplate} substitutes the placeholders, its {@link AlertQuery}
 * turns a selector into {@code ALERTS{alertstate="firing",...}}.
 *
 * <p>Which steps count as evaluated: for an {@code EXPR op NUMBER} query, the steps where {@code EXPR}
 * returned a sample (a query over pods that did not exist yet evaluated nothing); for any other query
 * and for alerts, whose silence cannot be told from missing data, the steps where Prometheus had any
 * data at all ({@value #ANY_DATA}). A check with no evaluated step has no figures: "no data", never a
 * zero that reads as "never fires".
 */
public final class Backtest {
  /** The probe of "Prometheus had data here" for checks without an {@code EXPR} of their own. */
  static final String ANY_DATA = "count(up)";
  /** How the error of a check without data begins. */
  public static final String NO_DATA = "no data";

  private final PrometheusHistory prometheus;
  private final StepRange range;
  private boolean[] anyData;

  public Backtest(PrometheusHistory prometheus, StepRange range) {
    this.prometheus = prometheus;
    this.range = range;
  }

  /**
   * @throws IllegalArgumentException naming the check when its text cannot be rendered (unknown placeholder, bad label)
   * @throws BacktestException when Prometheus is unreachable (a rejected query is reported in its check instead)
   */
  public List<CheckReport> run(AnalysisSpec spec, QueryVariables vars) {
    List<CheckReport> reports = new ArrayList<>();
    for (AnalysisQuery q : spec.queriesOrEmpty()) {
      String promql;
      try {
        promql = QueryTemplate.render(q.getExpr(), vars);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("analysis query " + q.getName() + ": " + e.getMessage(), e);
      }
      reports.add(check(q.getName(), "query", q.actionOrDefault().name(), q.shadow(), promql, q.forOrZero(),
          Threshold.parse(promql)));
    }
    List<AlertSelector> alerts = spec.alertsOrEmpty();
    for (int i = 0; i < alerts.size(); i++) {
      AlertSelector a = alerts.get(i);
      String promql;
      String name;
      try {
        promql = AlertQuery.promql(a);
        name = AlertQuery.checkName(a);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("analysis alerts[" + i + "]: " + e.getMessage(), e);
      }
      reports.add(check(name, "alert", a.actionOrDefault().name(), a.shadow(), promql, Duration.ZERO, Optional.empty()));
    }
    return reports;
  }

  private CheckReport check(String name, String kind, String action, boolean shadow, String promql, Duration forDuration,
      Optional<Threshold> threshold) {
    long forSeconds = forDuration.toSeconds();
    PrometheusHistory.Grid fired;
    PrometheusHistory.Grid values = null;
    try {
      fired = prometheus.range(promql, range);
      if (threshold.isPresent()) {
        values = prometheus.range(threshold.get().expr(), range);
      }
    } catch (BacktestException e) {
      if (e.kind() != BacktestException.Kind.REJECTED) {
        throw e;
      }
      return CheckReport.failed(name, kind, action, shadow, promql, forSeconds, thresholdOnly(threshold), e.getMessage());
    }
    int n = range.steps();
    boolean[] evaluated = new boolean[n];
    boolean[] firing = new boolean[n];
    double[] worst = new double[n];
    boolean[] data = values == null ? anyData() : null;
    int worstCount = 0;
    for (int i = 0; i < n; i++) {
      firing[i] = fired.any(i);
      if (values == null) {
        evaluated[i] = data[i] || firing[i];
        continue;
      }
      Double w = null;
      for (Double[] s : values.series()) {
        Double v = s[i];
        if (v != null && !v.isNaN()) {
          w = w == null ? v : threshold.get().firesHigh() ? Math.max(w, v) : Math.min(w, v);
        }
        evaluated[i] |= v != null;
      }
      evaluated[i] |= firing[i];
      if (w != null) {
        worst[worstCount++] = w;
      }
    }
    FiringStats stats = FiringStats.of(evaluated, firing, range.step(), forDuration);
    if (stats.evaluatedSteps() == 0) {
      return CheckReport.failed(name, kind, action, shadow, promql, forSeconds, thresholdOnly(threshold),
          NO_DATA + " from " + range.start() + " to " + range.end() + (values == null
              ? " (Prometheus had no sample of " + ANY_DATA + ")"
              : " (" + threshold.get().expr().strip().replaceAll("\\s+", " ") + " returned no sample)"));
    }
    Distribution d = threshold.isPresent() ? Distribution.of(Arrays.copyOf(worst, worstCount)) : null;
    return new CheckReport(name, kind, action, shadow, promql, forSeconds, range.duration(stats.evaluatedSteps()).toSeconds(),
        stats.share(), stats.episodes(), range.duration(stats.longestSteps()).toSeconds(), stats.actions(),
        threshold.map(t -> thresholdReport(t, d)).orElse(null), d, null);
  }

  private static CheckReport.ThresholdReport thresholdReport(Threshold t, Distribution d) {
    if (d == null) {
      return thresholdOnly(Optional.of(t));
    }
    double w = t.firesHigh() ? d.max() : d.min();
    Double suggested = t.suggest(w);
    return new CheckReport.ThresholdReport(t.operator(), t.value(), t.expr(), t.margin(t.value(), w), suggested,
        suggested == null ? null : t.margin(suggested, w));
  }

  private static CheckReport.ThresholdReport thresholdOnly(Optional<Threshold> t) {
    return t.map(x -> new CheckReport.ThresholdReport(x.operator(), x.value(), x.expr(), null, null, null)).orElse(null);
  }

  private boolean[] anyData() {
    if (anyData == null) {
      PrometheusHistory.Grid g = prometheus.range(ANY_DATA, range);
      anyData = new boolean[range.steps()];
      for (int i = 0; i < anyData.length; i++) {
        anyData[i] = g.any(i);
      }
    }
    return anyData;
  }
}
