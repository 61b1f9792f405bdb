package io.launchplan.api;

import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Map;

/** Existing Prometheus alerts, matched as {@code ALERTS{alertstate="firing", <matchLabels>}}. */
public class AlertSelector {
  @Required
  @Size(min = 1)
  private Map<String, String> matchLabels;

  private Action action;

  /** {@code Shadow}: evaluated and shown, never acting (default {@code Enforce}). */
  private CheckMode mode;

  public Map<String, String> getMatchLabels() { return matchLabels; }
  public void setMatchLabels(Map<String, String> matchLabels) { this.matchLabels = matchLabels; }
  public Action getAction() { return action; }
  public void setAction(Action action) { this.action = action; }

  public CheckMode getMode() { return mode; }
  public void setMode(CheckMode mode) { this.mode = mode; }
  /** Whether the check only watches ({@link CheckMode#Shadow}). */
  public boolean shadow() { return mode == CheckMode.Shadow; }
  public Action actionOrDefault() { return action != null ? action : Action.Revert; }
}
