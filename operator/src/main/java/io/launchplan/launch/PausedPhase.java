package io.launchplan.launch;

import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.Phase;
import io.launchplan.api.Reason;
import java.time.Duration;

/** Paused: held while a pause cause lasts; resumes where it stood, a window starting afresh. */
final class PausedPhase implements PhaseHandler {
  @Override
  public void decide(LaunchPlanSpec spec, Observation obs, Draft d) {
    if (Interruptions.interrupted(spec, obs, d)) {
      return;
    }
    Phase resumeTo = d.status().getPausedFrom() != null ? d.status().getPausedFrom() : Phase.Canary;
    d.status().setPausedFrom(null);
    d.moveTo(resumeTo, Reason.Resumed, "nothing holds the launch any more; resuming " + resumeTo
        + (resumeTo == Phase.Observing || resumeTo == Phase.Verifying ? " with a fresh observation window" : ""));
    d.wakeIn(Duration.ZERO);
  }
}
