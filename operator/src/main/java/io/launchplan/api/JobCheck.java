package io.launchplan.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.time.Duration;

/**
 * A Kubernetes Job the operator runs once per revision at {@link #at}: succeeded passes, failed
 * takes {@link #action}, not finished within {@link #timeout} is inconclusive and pauses (never
 * promote blind). The Job gets {@code LAUNCHPLAN_*} env vars naming the canary, the target and
 * the revision; it is owned by the plan.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class JobCheck {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  @Required
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  @Size(max = 30)
  private String name;

  @Required
  private CheckPoint at;

  /** What a failed Job does: Revert (default) or Pause. */
  private Action action;

  /** How long the Job may run before the check is inconclusive (default 10m). */
  @Pattern(Durations.PATTERN)
  @Size(min = Durations.MIN_LENGTH, max = Durations.MAX_LENGTH)
  @ValidationRule(value = Durations.WINDOW_RULE, message = Durations.WINDOW_MESSAGE)
  private String timeout;

  /**
   * The Job: {@code metadata} (labels, annotations) and {@code spec} of a batch/v1 Job. Left open
   * here: the API server checks it with a server-side dry run before the launch starts.
   */
  @Required
  @SchemaFrom(type = JobTemplateSchema.class)
  @ValidationRule(value = "has(self.spec)", message = "template.spec (a batch/v1 JobSpec) is required")
  private JsonNode template;

  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public CheckPoint getAt() { return at; }
  public void setAt(CheckPoint at) { this.at = at; }
  public Action getAction() { return action; }
  public void setAction(Action action) { this.action = action; }
  public String getTimeout() { return timeout; }
  public void setTimeout(String timeout) { this.timeout = timeout; }
  public JsonNode getTemplate() { return template; }
  public void setTemplate(JsonNode template) { this.template = template; }

  public Action actionOrDefault() { return action != null ? action : Action.Revert; }
  public Duration timeoutOrDefault() { return Durations.window(timeout, DEFAULT_TIMEOUT); }
}
