package io.launchplan.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes label selector (the shape of {@code metav1.LabelSelector}): every {@code matchLabels}
 * pair and every requirement must hold; an empty selector selects everything. Bounded, so the API
 * server can check it at apply.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PolicySelector {
  @Size(max = 32)
  private Map<String, String> matchLabels;

  @Size(max = 16)
  private List<SelectorRequirement> matchExpressions;

  public Map<String, String> getMatchLabels() { return matchLabels; }
  public void setMatchLabels(Map<String, String> matchLabels) { this.matchLabels = matchLabels; }
  public List<SelectorRequirement> getMatchExpressions() { return matchExpressions; }
  public void setMatchExpressions(List<SelectorRequirement> matchExpressions) { this.matchExpressions = matchExpressions; }

  public Map<String, String> matchLabelsOrEmpty() { return matchLabels != null ? matchLabels : Map.of(); }
  public List<SelectorRequirement> matchExpressionsOrEmpty() {
    return matchExpressions != null ? matchExpressions : List.of();
  }
}
