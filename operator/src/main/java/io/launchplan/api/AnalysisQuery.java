package io.launchplan.api;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * A PromQL query that FIRES when it returns any sample (an instant vector: a query that returns a
 * scalar is an analysis error, since it would fire on every tick). {@code ${namespace}}, {@code ${target}},
 * {@code ${canaryPods}}, {@code ${stablePods}} and {@code ${revision}} are substituted.
 */
public class AnalysisQuery {
  @Required
  @Pattern("^[a-zA-Z0-9]([-_.a-zA-Z0-9]*[a-zA-Z0-9])?$")
  @Size(max = 63)
  private String name;

  @Required
  @Size(min = 1, max = 4096)
  private String expr;

  /** How long the query must keep firing before it acts (default 0: at once). */
  @JsonProperty("for")
  @Pattern(Durations.PATTERN)
  @Size(min = Durations.MIN_LENGTH, max = Durations.MAX_LENGTH)
  private String forDuration;

  private Action action;

  /** {@code Shadow}: evaluated and shown, never acting (default {@code Enforce}). */
  private CheckMode mode;

  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public String getExpr() { return expr; }
  public void setExpr(String expr) { this.expr = expr; }
  /** The CEL rule sits on the getter: fabric8's generator finds it on the field only when the names match. */
  @JsonProperty("for")
  @ValidationRule(value = Durations.WINDOW_RULE, message = Durations.WINDOW_MESSAGE)
  public String getFor() { return forDuration; }
  @JsonProperty("for")
  public void setFor(String forDuration) { this.forDuration = forDuration; }
  public Action getAction() { return action; }
  public void setAction(Action action) { this.action = action; }

  public Duration forOrZero() { return Durations.window(forDuration, Duration.ZERO); }
  public CheckMode getMode() { return mode; }
  public void setMode(CheckMode mode) { this.mode = mode; }
  /** Whether the check only watches ({@link CheckMode#Shadow}). */
  public boolean shadow() { return mode == CheckMode.Shadow; }
  public Action actionOrDefault() { return action != null ? action : Action.Revert; }
}
