package io.launchplan.launch;

import io.launchplan.api.CanaryStatus;
import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.Phase;
import io.launchplan.api.Reason;
import java.time.Instant;

/**
 * Canary: the canary Deployment is applied and becomes ready (or the launch reverts after {@link
 * LaunchDecider#CANARY_READY_TIMEOUT}).
 */
final class CanaryPhase implements PhaseHandler {
  @Override
  public void decide(LaunchPlanSpec spec, Observation obs, Draft d) {
    if (Interruptions.interrupted(spec, obs, d)) {
      return;
    }
    CanaryView canary = obs.canary();
    int desired = CanarySteps.desired(spec, d.status(), obs.target());
    CanarySteps.record(d, desired);
    boolean staged = d.status().getStep() != null;
    if (canary == null || !d.status().getRevision().equals(canary.revision()) || canary.desired() != desired
        || (staged && canary.step() != CanarySteps.current(d.status()))) {
      d.effect(Effect.APPLY_CANARY);
      d.status().setCanary(new CanaryStatus(0, desired));
    } else {
      d.status().setCanary(new CanaryStatus(canary.ready(), canary.desired()));
      if (canary.ready() >= canary.desired()) {
        boolean later = CanarySteps.current(d.status()) > 0;
        d.moveTo(Phase.Observing, later ? Reason.StepReady : Reason.CanaryReady, CanarySteps.label(d.status())
            + canary.ready() + "/" + canary.desired() + " canary pods ready; observing for "
            + CanarySteps.observeText(spec, d.status()));
        d.wakeAt(LaunchDecider.windowEnd(spec, d.status())); // only the clock ends the window; no watch event will come
        return;
      }
    }
    Instant started = LaunchDecider.parse(d.status().getPhaseStartedAt());
    if (started != null && !obs.now().isBefore(started.plus(LaunchDecider.CANARY_READY_TIMEOUT))) {
      Reverts.revert(obs, d, Reason.CanaryNotReady, "the canary was not ready within " + LaunchDecider.CANARY_READY_TIMEOUT.toMinutes() + "m");
      return;
    }
    d.wakeIn(LaunchDecider.WAIT_POLL);
  }
}
