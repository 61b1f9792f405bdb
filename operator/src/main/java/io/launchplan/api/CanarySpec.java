package io.launchplan.api;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.time.Duration;

/** The canary Deployment's size and how long it is observed before the full rollout. */
public class CanarySpec {
  public static final int DEFAULT_REPLICAS = 1;
  public static final Duration DEFAULT_OBSERVE = Duration.ofMinutes(2);

  @Min(1)
  @Max(100)
  private Integer replicas;

  @Pattern(Durations.PATTERN)
  @Size(min = Durations.MIN_LENGTH, max = Durations.MAX_LENGTH)
  @ValidationRule(value = Durations.WINDOW_RULE, message = Durations.WINDOW_MESSAGE)
  private String observe;

  public Integer getReplicas() { return replicas; }
  public void setReplicas(Integer replicas) { this.replicas = replicas; }
  public String getObserve() { return observe; }
  public void setObserve(String observe) { this.observe = observe; }

  public int replicasOrDefault() { return replicas != null ? replicas : DEFAULT_REPLICAS; }
  public Duration observeOrDefault() { return Durations.window(observe, DEFAULT_OBSERVE); }
  /** The observation window as people write it, e.g. {@code 2m}. */
  public String observeText() { return Durations.format(observeOrDefault()); }
}
