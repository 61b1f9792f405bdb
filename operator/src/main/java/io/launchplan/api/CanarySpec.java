package io.launchplan.api;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.time.Duration;
import java.util.List;

/**
 * The canary Deployment's size and how long it is observed before the full rollout, and the
 * optional staged {@code steps} it grows through before it.
 */
// Staged canary steps (issue 16): a replicas step never below the first canary.
@ValidationRule(value = "!has(self.steps) || !has(self.replicas) || self.steps.all(s, !has(s.replicas) || s.replicas >= self.replicas)",
    message = "a canary step of replicas must not be smaller than canary.replicas")
public class CanarySpec {
  /** At most this many {@code steps}. */
  public static final int MAX_STEPS = 10;
  public static final int DEFAULT_REPLICAS = 1;
  public static final Duration DEFAULT_OBSERVE = Duration.ofMinutes(2);

  @Min(1)
  @Max(100)
  private Integer replicas;

  @Pattern(Durations.PATTERN)
  @Size(min = Durations.MIN_LENGTH, max = Durations.MAX_LENGTH)
  @ValidationRule(value = Durations.WINDOW_RULE, message = Durations.WINDOW_MESSAGE)
  private String observe;

  // Staged canary steps (issue 16).
  /** Staged canary steps after the first canary's window, each larger or equal, before the full rollout. */
  @Size(max = MAX_STEPS)
  @ValidationRule(value = "self.filter(s, has(s.percent)).map(s, s.percent).isSorted()",
      message = "canary steps must not shrink: each percent step must be at least the previous one")
  @ValidationRule(value = "self.filter(s, has(s.replicas)).map(s, s.replicas).isSorted()",
      message = "canary steps must not shrink: each replicas step must be at least the previous one")
  private List<CanaryStep> steps;

  public Integer getReplicas() { return replicas; }
  public void setReplicas(Integer replicas) { this.replicas = replicas; }
  public String getObserve() { return observe; }
  public void setObserve(String observe) { this.observe = observe; }
  public List<CanaryStep> getSteps() { return steps; }
  public void setSteps(List<CanaryStep> steps) { this.steps = steps; }
  /** The steps, none when absent. */
  public List<CanaryStep> stepsOrEmpty() { return steps != null ? steps : List.of(); }

  public int replicasOrDefault() { return replicas != null ? replicas : DEFAULT_REPLICAS; }
  public Duration observeOrDefault() { return Durations.window(observe, DEFAULT_OBSERVE); }
  /** The observation window as people write it, e.g. {@code 2m}. */
  public String observeText() { return Durations.format(observeOrDefault()); }
}
