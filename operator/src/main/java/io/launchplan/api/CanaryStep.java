package io.launchplan.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.time.Duration;

/**
 * One staged canary step after the first canary's observation: the canary Deployment grows to
 * {@code percent} of the target's current replicas (rounded up) or to {@code replicas} pods, and is
 * observed for {@code observe} (default: {@code canary.observe}). The target is not touched.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.percent) != has(self.replicas)",
    message = "a canary step sets exactly one of percent and replicas")
public class CanaryStep {
  public static final int MAX_REPLICAS = 1000;

  @Min(1)
  @Max(100)
  private Integer percent;

  @Min(1)
  @Max(MAX_REPLICAS)
  private Integer replicas;

  @Pattern(Durations.PATTERN)
  @Size(min = Durations.MIN_LENGTH, max = Durations.MAX_LENGTH)
  @ValidationRule(value = Durations.WINDOW_RULE, message = Durations.WINDOW_MESSAGE)
  private String observe;

  public CanaryStep() {}

  /** A step of {@code percent} % ({@code replicas} null) or of {@code replicas} pods ({@code percent} null). */
  public CanaryStep(Integer percent, Integer replicas, String observe) {
    this.percent = percent;
    this.replicas = replicas;
    this.observe = observe;
  }

  public Integer getPercent() { return percent; }
  public void setPercent(Integer percent) { this.percent = percent; }
  public Integer getReplicas() { return replicas; }
  public void setReplicas(Integer replicas) { this.replicas = replicas; }
  public String getObserve() { return observe; }
  public void setObserve(String observe) { this.observe = observe; }

  /** The step's window, {@code fallback} (the canary's) when it names none. */
  public Duration observeOr(Duration fallback) { return Durations.window(observe, fallback); }

  /**
   * The canary's size in this step next to a target of {@code targetReplicas}: {@code replicas},
   * or {@code percent} of the target rounded up, at least one pod.
   */
  public int size(int targetReplicas) {
    if (replicas != null) {
      return replicas;
    }
    int p = percent != null ? percent : 100;
    return Math.max(1, (int) ((Math.max(0, targetReplicas) * (long) p + 99) / 100));
  }

  /** How people write it, e.g. {@code 25%} or {@code 3 pods}. */
  public String describe() {
    return replicas != null ? replicas + (replicas == 1 ? " pod" : " pods") : percent + "%";
  }
}
