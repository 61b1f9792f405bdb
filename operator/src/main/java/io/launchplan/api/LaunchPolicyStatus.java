package io.launchplan.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the operator found of a {@link LaunchPolicy}: a {@code Ready} condition ({@code False} with
 * reason {@code PolicyInvalid} and the errors when the operator cannot evaluate it: its covered
 * launches then fail closed) and whether its launch windows let launches start now.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LaunchPolicyStatus {
  private Long observedGeneration;
  private PolicyWindowStatus window;
  private List<Condition> conditions = new ArrayList<>();

  public Long getObservedGeneration() { return observedGeneration; }
  public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }
  public PolicyWindowStatus getWindow() { return window; }
  public void setWindow(PolicyWindowStatus window) { this.window = window; }
  public List<Condition> getConditions() { return conditions; }
  public void setConditions(List<Condition> conditions) { this.conditions = conditions; }

  @Override public boolean equals(Object o) {
    return o instanceof LaunchPolicyStatus s && Objects.equals(observedGeneration, s.observedGeneration)
        && Objects.equals(window, s.window) && Objects.equals(conditions, s.conditions);
  }

  @Override public int hashCode() { return Objects.hash(observedGeneration, window, conditions); }
}
