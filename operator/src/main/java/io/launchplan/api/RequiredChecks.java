package io.launchplan.api;

import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * Queries and alert selectors added to the analysis of every covered plan, next to the plan's own:
 * a plan can neither drop nor weaken them. They show in the plan's {@code status.analysis} as
 * {@code policy:<policy>/<name>}.
 */
@ValidationRule(value = "!has(self.queries) || self.queries.all(q, self.queries.exists_one(p, p.name == q.name))",
    message = "required.queries names must be unique")
public class RequiredChecks {
  @Size(max = 16)
  private List<AnalysisQuery> queries;

  @Size(max = 16)
  private List<AlertSelector> alerts;

  public List<AnalysisQuery> getQueries() { return queries; }
  public void setQueries(List<AnalysisQuery> queries) { this.queries = queries; }
  public List<AlertSelector> getAlerts() { return alerts; }
  public void setAlerts(List<AlertSelector> alerts) { this.alerts = alerts; }

  public List<AnalysisQuery> queriesOrEmpty() { return queries != null ? queries : List.of(); }
  public List<AlertSelector> alertsOrEmpty() { return alerts != null ? alerts : List.of(); }
}
