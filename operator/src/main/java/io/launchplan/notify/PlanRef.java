package io.launchplan.notify;

import io.launchplan.api.LaunchPlan;

/** A plan by namespace and name. */
public record PlanRef(String namespace, String name) {
  public static PlanRef of(LaunchPlan plan) {
    return new PlanRef(plan.getMetadata().getNamespace(), plan.getMetadata().getName());
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
