package io.launchplan.plugin.backtest;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the backtest found for one check. Durations are in seconds; {@code error} is set instead of
 * the figures when the check could not be evaluated (Prometheus rejected it, or it had no data).
 *
 * @param name the status name ({@code canary-5xx}, {@code alert:service=checkout})
 * @param kind {@code query} or {@code alert}
 * @param promql what was sent, with the placeholders substituted
 * @param forSeconds the check's {@code for}
 * @param evaluatedSeconds the time the check had data for
 * @param firingShare the share of the evaluated time it fired, 0..1
 * @param episodes runs of consecutive firing steps
 * @param longestSeconds the longest of them
 * @param wouldAct how many of them lasted the check's {@code for}, i.e. would have made the operator act
 * @param threshold the threshold of an {@code EXPR op NUMBER} query, else null
 * @param distribution {@code EXPR}'s worst value per step (max for {@code >}, min for {@code <}) over the range
 * @param error why there are no figures: Prometheus' error, or "no data"
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckReport(String name, String kind, String action, boolean shadow, String promql, long forSeconds,
    Long evaluatedSeconds, Double firingShare, Integer episodes, Long longestSeconds, Integer wouldAct,
    ThresholdReport threshold, Distribution distribution, String error) {

  /**
   * The threshold of the query, the one the history suggests and the margins of both over the worst value.
   *
   * @param expr {@code EXPR}, with the placeholders substituted
   * @param margin {@code threshold − max} for {@code >} ({@code min − threshold} for {@code <}); negative: crossed
   * @param suggested see {@link Threshold#suggest}; null when none can be made
   * @param suggestedMargin the same margin for the suggested threshold
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ThresholdReport(String operator, double value, String expr, Double margin, Double suggested,
      Double suggestedMargin) {}

  static CheckReport failed(String name, String kind, String action, boolean shadow, String promql, long forSeconds,
      ThresholdReport threshold, String error) {
    return new CheckReport(name, kind, action, shadow, promql, forSeconds, null, null, null, null, null, threshold, null,
        error);
  }
}
