package io.launchplan.launch;

import io.launchplan.api.CanaryStatus;
import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.Phase;
import io.launchplan.api.Reason;
import java.time.Duration;

/**
 * Observing: the canary serves traffic for {@code canary.observe}; a fresh passing tick, or a new
 * promote value, rolls out.
 */
final class ObservingPhase implements PhaseHandler {
  @Override
  public void decide(LaunchPlanSpec spec, Observation obs, Draft d) {
    if (Interruptions.interrupted(spec, obs, d)) {
      return;
    }
    if (LaunchDecider.ours(obs.target(), d.status())) {
      // The target already carries this revision: the operator patched it and stopped before
      // it could record RollingOut. Continue from there instead of patching again, and keep
      // the record of a manual promotion that decided it.
      if (!ManualControls.promotedEarlier(obs, d)) {
        d.moveTo(Phase.RollingOut, Reason.Promoted, "the target already carries revision " + d.status().getRevision());
      }
      d.wakeIn(Duration.ZERO); // the rollout may be complete already: no watch event would come
      return;
    }
    if (obs.canary() == null) {
      d.effect(Effect.APPLY_CANARY);
      d.moveToWarning(Phase.Canary, Reason.CanaryLost, "the canary Deployment disappeared; recreating it");
      d.wakeIn(LaunchDecider.WAIT_POLL);
      return;
    }
    d.status().setCanary(new CanaryStatus(obs.canary().ready(), obs.canary().desired()));
    if (CanarySteps.reconcile(spec, obs, d)) {
      return;
    }
    if (Interruptions.windowPassed(spec, obs, d)) {
      String observed = CanarySteps.label(d.status()) + "canary observed for " + CanarySteps.observeText(spec, d.status())
          + " with every check passing; ";
      if (CanarySteps.hasNext(spec, d.status())) {
        CanarySteps.begin(spec, obs, d, Reason.StepStarted, observed);
        return;
      }
      d.moveTo(Phase.RollingOut, Reason.Promoted, observed + "rolling out");
      d.effect(Effect.PATCH_TARGET);
      d.wakeIn(LaunchDecider.WAIT_POLL);
    }
  }
}
