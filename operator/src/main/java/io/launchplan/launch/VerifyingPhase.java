package io.launchplan.launch;

import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.Phase;
import io.launchplan.api.Reason;

/**
 * Verifying: the whole target runs the revision for {@code rollout.observe}; a fresh passing tick
 * ends the launch Succeeded.
 */
final class VerifyingPhase implements PhaseHandler {
  @Override
  public void decide(LaunchPlanSpec spec, Observation obs, Draft d) {
    if (Interruptions.interrupted(spec, obs, d)) {
      return;
    }
    if (obs.canary() != null) {
      d.effect(Effect.DELETE_CANARY);
    }
    if (Interruptions.windowPassed(spec, obs, d)) {
      d.end(Phase.Succeeded, Reason.Verified, "revision " + d.status().getRevision() + " verified for "
          + spec.rolloutOrDefault().observeText() + " with every check passing", false);
    }
  }
}
