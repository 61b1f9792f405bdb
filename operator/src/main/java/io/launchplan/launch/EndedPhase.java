package io.launchplan.launch;

import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.Phase;
import io.launchplan.api.Reason;
import java.time.Duration;

/** Succeeded or Reverted: a new revision of the plan goes back to Pending. */
final class EndedPhase implements PhaseHandler {
  @Override
  public void decide(LaunchPlanSpec spec, Observation obs, Draft d) {
    if (!obs.revision().equals(d.status().getRevision())) {
      if (d.phase() == Phase.Reverted && d.status().getLastRevertedRevision() == null) {
        d.status().setLastRevertedRevision(d.status().getRevision()); // ended before the gate existed
      }
      d.moveTo(Phase.Pending, Reason.NewRevision, "revision " + obs.revision() + " was applied; it launches next");
      d.wakeIn(Duration.ZERO);
    }
  }
}
