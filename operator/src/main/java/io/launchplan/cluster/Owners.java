package io.launchplan.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
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

  /** Whether {@code plan} is the controller of {@code object} (an owner reference with its UID and controller: true). */
  static boolean controlledBy(HasMetadata object, LaunchPlan plan) {
    String uid = plan.getMetadata().getUid();
    return uid != null && object.getMetadata().getOwnerReferences() != null
        && object.getMetadata().getOwnerReferences().stream()
            .anyMatch(o -> uid.equals(o.getUid()) && Boolean.TRUE.equals(o.getController()));
  }

  /** The controller of {@code object} as {@code Kind name}, or null when it has none. */
  static String controller(HasMetadata object) {
    if (object.getMetadata().getOwnerReferences() == null) {
      return null;
    }
    return object.getMetadata().getOwnerReferences().stream().filter(o -> Boolean.TRUE.equals(o.getController()))
        .map(o -> o.getKind() + " " + o.getName()).findFirst().orElse(null);
  }
}
