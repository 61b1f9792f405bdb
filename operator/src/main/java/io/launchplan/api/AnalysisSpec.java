package io.launchplan.api;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.time.Duration;
import java.util.List;

/** The Prometheus queries and alerts that judge a launch, and how often they run. */
@ValidationRule(value = "!has(self.queries) || self.queries.all(q, self.queries.exists_one(p, p.name == q.name))",
    message = "analysis.queries names must be unique")
@ValidationRule(value = "!has(self.web) || self.web.all(q, self.web.exists_one(p, p.name == q.name))",
    message = "analysis.web names must be unique")
@ValidationRule(value = "!has(self.jobs) || self.jobs.all(q, self.jobs.exists_one(p, p.name == q.name))",
    message = "analysis.jobs names must be unique")
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

  // Job and web checks (issue 17): run at a named point of the launch (api/CheckPoint).
  /** HTTP(S) checks, sent on every analysis tick while the launch is at their point. */
  @Size(max = 16)
  private List<WebCheck> web;

  /** Kubernetes Jobs, run once per revision at their point. */
  @Size(max = 8)
  private List<JobCheck> jobs;

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
  public List<WebCheck> getWeb() { return web; }
  public void setWeb(List<WebCheck> web) { this.web = web; }
  public List<JobCheck> getJobs() { return jobs; }
  public void setJobs(List<JobCheck> jobs) { this.jobs = jobs; }
  public OnError getOnError() { return onError; }
  public void setOnError(OnError onError) { this.onError = onError; }

  public Duration intervalOrDefault() { return Durations.interval(interval, DEFAULT_INTERVAL); }
  public List<AnalysisQuery> queriesOrEmpty() { return queries != null ? queries : List.of(); }
  public List<AlertSelector> alertsOrEmpty() { return alerts != null ? alerts : List.of(); }
  public OnError onErrorOrDefault() { return onError != null ? onError : OnError.Pause; }
  public List<WebCheck> webOrEmpty() { return web != null ? web : List.of(); }
  public List<JobCheck> jobsOrEmpty() { return jobs != null ? jobs : List.of(); }
  /** Whether the plan has anything to ask on an analysis tick: Prometheus, or a web check. */
  public boolean hasChecks() { return hasPrometheusChecks() || !webOrEmpty().isEmpty(); }
  /** Whether the plan has anything to ask Prometheus. */
  public boolean hasPrometheusChecks() { return !queriesOrEmpty().isEmpty() || !alertsOrEmpty().isEmpty(); }
}
