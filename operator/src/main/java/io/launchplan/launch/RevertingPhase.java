package io.launchplan.launch;

import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import io.launchplan.api.Reason;
import io.launchplan.api.Reason.Meaning;
import java.time.Duration;

/**
 * Reverting: the canary is deleted and the target restored; Reverted once it is back and available
 * (or Pending again after a superseded launch).
 */
final class RevertingPhase implements PhaseHandler {
  @Override
  public void decide(LaunchPlanSpec spec, Observation obs, Draft d) {
    LaunchPlanStatus s = d.status();
    if (obs.canary() != null) {
      d.effect(Effect.DELETE_CANARY);
    }
    TargetView target = obs.target();
    boolean superseded = Reason.is(s.getReason(), Meaning.MAKES_WAY);
    if (target != null && !target.templateHash().equals(s.getStableRevision())) {
      d.effect(Effect.RESTORE_TARGET);
      d.wakeIn(LaunchDecider.WAIT_POLL);
      return;
    }
    if (obs.canary() != null || (target != null && !target.rolledOut())) {
      d.wakeIn(LaunchDecider.WAIT_POLL);
      return;
    }
    s.setCanary(null);
    s.setTargetTemplateHash(null);
    if (superseded) {
      d.moveTo(Phase.Pending, Reason.Superseded, "revision " + s.getRevision() + " was undone; revision "
          + obs.revision() + " launches next");
      d.wakeIn(Duration.ZERO);
    } else {
      String why = s.getMessage() == null ? "" : ": " + s.getMessage();
      d.endKeepingReason(Phase.Reverted, (target == null
          ? "the target Deployment is gone; the canary is removed"
          : "the target is back on stable revision " + s.getStableRevision()) + why, true);
    }
  }
}
