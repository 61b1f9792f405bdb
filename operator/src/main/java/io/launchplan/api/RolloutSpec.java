package io.launchplan.api;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.time.Duration;

/** How long the fully rolled-out target is observed before the launch succeeds. */
public class RolloutSpec {
  public static final Duration DEFAULT_OBSERVE = Duration.ofMinutes(5);

  @Pattern(Durations.PATTERN)
  @Size(min = Durations.MIN_LENGTH, max = Durations.MAX_LENGTH)
  @ValidationRule(value = Durations.WINDOW_RULE, message = Durations.WINDOW_MESSAGE)
  private String observe;

  public String getObserve() { return observe; }
  public void setObserve(String observe) { this.observe = observe; }

  public Duration observeOrDefault() { return Durations.window(observe, DEFAULT_OBSERVE); }
  /** The observation window as people write it, e.g. {@code 2m}. */
  public String observeText() { return Durations.format(observeOrDefault()); }
}
