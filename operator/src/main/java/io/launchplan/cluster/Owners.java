package io.launchplan.cluster;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.launchplan.api.LaunchPlan;

/** Owner references to a plan, so garbage collection removes what it made. */
final class Owners {
  private Owners() {}

  static OwnerReference of(LaunchPlan plan) {
    return new OwnerReferenceBuilder()
        .withApiVersion(plan.getApiVersion())
        .withKind(plan.getKind())
        .withName(plan.getMetadata().getName())
        .withUid(plan.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }
}
