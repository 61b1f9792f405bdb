package io.launchplan.api;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * The least care a covered launch must take: a plan asking for less (a shorter observation, a
 * rarer analysis, a bigger canary) waits {@code Pending}/{@code PolicyViolation}. Absent fields set
 * no minimum. The plan's own defaults count when it leaves a field out (canary observe 2m, rollout
 * observe 5m, interval 10s, 1 canary replica).
 */
public class PolicyMinimums {
  /** The shortest {@code canary.observe} a covered plan may ask for. */
  @Pattern(Durations.PATTERN)
  @Size(min = Durations.MIN_LENGTH, max = Durations.MAX_LENGTH)
  @ValidationRule(value = Durations.WINDOW_RULE, message = Durations.WINDOW_MESSAGE)
  private String canaryObserve;

  /** The shortest {@code rollout.observe}. */
  @Pattern(Durations.PATTERN)
  @Size(min = Durations.MIN_LENGTH, max = Durations.MAX_LENGTH)
  @ValidationRule(value = Durations.WINDOW_RULE, message = Durations.WINDOW_MESSAGE)
  private String rolloutObserve;

  /** The longest {@code analysis.interval}: the checks must run at least this often. */
  @Pattern(Durations.PATTERN)
  @Size(min = Durations.MIN_LENGTH, max = Durations.MAX_LENGTH)
  @ValidationRule(value = Durations.INTERVAL_RULE, message = Durations.INTERVAL_MESSAGE)
  private String maxAnalysisInterval;

  /** The most {@code canary.replicas}: how much of the traffic the first step may take. */
  @Min(1)
  @Max(100)
  private Integer maxCanaryReplicas;

  public String getCanaryObserve() { return canaryObserve; }
  public void setCanaryObserve(String canaryObserve) { this.canaryObserve = canaryObserve; }
  public String getRolloutObserve() { return rolloutObserve; }
  public void setRolloutObserve(String rolloutObserve) { this.rolloutObserve = rolloutObserve; }
  public String getMaxAnalysisInterval() { return maxAnalysisInterval; }
  public void setMaxAnalysisInterval(String maxAnalysisInterval) { this.maxAnalysisInterval = maxAnalysisInterval; }
  public Integer getMaxCanaryReplicas() { return maxCanaryReplicas; }
  public void setMaxCanaryReplicas(Integer maxCanaryReplicas) { this.maxCanaryReplicas = maxCanaryReplicas; }
}
