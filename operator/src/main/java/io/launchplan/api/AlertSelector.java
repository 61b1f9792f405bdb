package io.launchplan.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Map;

/** Existing Prometheus alerts, matched as {@code ALERTS{alertstate="firing", <matchLabels>}}. */
public class AlertSelector {
  @Required
  @Size(min = 1)
  private Map<String, String> matchLabels;

  private Action action;

  /** LaunchPolicies: the policy that requires this selector (it is then named after it), null for the plan's own. */
  @JsonIgnore
  private String requiredBy;

  /** {@code Shadow}: evaluated and shown, never acting (default {@code Enforce}). */
  private CheckMode mode;

  public Map<String, String> getMatchLabels() { return matchLabels; }
  public void setMatchLabels(Map<String, String> matchLabels) { this.matchLabels = matchLabels; }
  public Action getAction() { return action; }
  public void setAction(Action action) { this.action = action; }

  @JsonIgnore
  public String getRequiredBy() { return requiredBy; }
  @JsonIgnore
  public void setRequiredBy(String requiredBy) { this.requiredBy = requiredBy; }

  public CheckMode getMode() { return mode; }
  public void setMode(CheckMode mode) { this.mode = mode; }
  /** Whether the check only watches ({@link CheckMode#Shadow}). */
  public boolean shadow() { return mode == CheckMode.Shadow; }
  public Action actionOrDefault() { return action != null ? action : Action.Revert; }
}
