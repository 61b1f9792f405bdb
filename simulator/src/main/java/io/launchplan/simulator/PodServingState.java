package io.launchplan.simulator;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;

/** Decides from a pod's status whether it would be receiving traffic. */
final class PodServingState {

  private PodServingState() {}

  /**
   * True for a pod that is {@code Running} with condition {@code Ready=True} and not being deleted.
   *
   * <p>A terminating pod is excluded even while still Ready: Kubernetes takes it out of its
   * Services' endpoints as soon as deletion starts, so it would receive no new requests.
   */
  static boolean isServing(Pod pod) {
    if (pod.getMetadata() != null && pod.getMetadata().getDeletionTimestamp() != null) {
      return false;
    }
    PodStatus status = pod.getStatus();
    if (status == null || !"Running".equals(status.getPhase()) || status.getConditions() == null) {
      return false;
    }
    for (PodCondition condition : status.getConditions()) {
      if ("Ready".equals(condition.getType())) {
        return "True".equals(condition.getStatus());
      }
    }
    return false;
  }
}
