package io.launchplan.api;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.time.Duration;
import java.util.List;

/** The Prometheus queries and alerts that judge a launch, and how often they run. */
@ValidationRule(value = "!has(self.queries) || self.queries.all(q, self.queries.exists_one(p, p.name == q.name))",
    message = "analysis.queries names must be unique")
public class AnalysisSpec {
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

  private PrometheusSpec prometheus;

  @Pattern(Durations.PATTERN)
  @Size(min = Durations.MIN_LENGTH, max = Durations.MAX_LENGTH)
  @ValidationRule(value = Durations.INTERVAL_RULE, message = Durations.INTERVAL_MESSAGE)
  private String interval;

  @Size(max = 32)
  private List<AnalysisQuery> queries;

  @Size(max = 32)
  private List<AlertSelector> alerts;

  /** What to do when Prometheus is unreachable or rejects a query. Never promote blind. */
  private OnError onError;

  public PrometheusSpec getPrometheus() { return prometheus; }
  public void setPrometheus(PrometheusSpec prometheus) { this.prometheus = prometheus; }
  public String getInterval() { return interval; }
  public void setInterval(String interval) { this.interval = interval; }
  public List<AnalysisQuery> getQueries() { return queries; }
  public void setQueries(List<AnalysisQuery> queries) { this.queries = queries; }
  public List<AlertSelector> getAlerts() { return alerts; }
  public void setAlerts(List<AlertSelector> alerts) { this.alerts = alerts; }
  public OnError getOnError() { return onError; }
  public void setOnError(OnError onError) { this.onError = onError; }

  public Duration intervalOrDefault() { return Durations.interval(interval, DEFAULT_INTERVAL); }
  public List<AnalysisQuery> queriesOrEmpty() { return queries != null ? queries : List.of(); }
  public List<AlertSelector> alertsOrEmpty() { return alerts != null ? alerts : List.of(); }
  public OnError onErrorOrDefault() { return onError != null ? onError : OnError.Pause; }
  /** Whether the plan has anything to ask Prometheus. */
  public boolean hasChecks() { return !queriesOrEmpty().isEmpty() || !alertsOrEmpty().isEmpty(); }
}
