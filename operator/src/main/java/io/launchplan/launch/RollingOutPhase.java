package io.launchplan.launch;

import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.Phase;
import io.launchplan.api.Reason;

/**
 * RollingOut: the target carries the launch and Kubernetes rolls it out; the canary goes once every
 * replica is on it.
 */
final class RollingOutPhase implements PhaseHandler {
  @Override
  public void decide(LaunchPlanSpec spec, Observation obs, Draft d) {
    if (Interruptions.interrupted(spec, obs, d)) {
      return;
    }
    TargetView target = obs.target();
    if (!LaunchDecider.ours(target, d.status())) {
      d.effect(Effect.PATCH_TARGET);
      d.wakeIn(LaunchDecider.WAIT_POLL);
      return;
    }
    if (d.status().getTargetTemplateHash() == null) {
      d.status().setTargetTemplateHash(target.templateHash());
    }
    if (!target.rolledOut() && target.paused()) {
      // Kubernetes does not roll a paused Deployment out: say so and hold, instead of waiting in silence.
      d.stay(LaunchDecider.TARGET_PAUSED, "Deployment " + spec.getTargetRef().getName() + " is paused (spec.paused: true), so its"
          + " rolling update cannot progress; the launch holds in RollingOut until it is resumed (kubectl rollout"
          + " resume deployment/" + spec.getTargetRef().getName() + ")", true);
      d.wakeIn(LaunchDecider.WAIT_POLL);
      return;
    }
    if (target.rolledOut()) {
      d.effect(Effect.DELETE_CANARY);
      d.status().setCanary(null);
      d.moveTo(Phase.Verifying, Reason.RolledOut, "all " + target.replicas() + " replicas run revision "
          + d.status().getRevision() + "; verifying for " + spec.rolloutOrDefault().observeText());
      d.wakeAt(LaunchDecider.windowEnd(spec, d.status()));
      return;
    }
    d.wakeIn(LaunchDecider.WAIT_POLL);
  }
}
