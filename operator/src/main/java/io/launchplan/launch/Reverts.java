package io.launchplan.launch;

import io.launchplan.api.Phase;
import io.launchplan.api.Reason;

/** Entering Reverting, shared by the analysis, the canary timeout and the abort annotation. */
final class Reverts {
  private Reverts() {}

  /** Reverts because something is wrong: a Warning, and the moment is kept for detect-to-revert. */
  static void revert(Observation obs, Draft d, Reason reason, String message) {
    d.status().setRevertDecidedAt(obs.now().toString());
    d.status().setPausedFrom(null);
    start(obs, d, reason, message, true);
  }

  /** Enters Reverting and makes its first changes in the same step: every second counts. */
  static void start(Observation obs, Draft d, Reason reason, String message, boolean bad) {
    if (bad) {
      d.moveToWarning(Phase.Reverting, reason, message);
    } else {
      d.moveTo(Phase.Reverting, reason, message);
    }
    if (obs.canary() != null) {
      d.effect(Effect.DELETE_CANARY);
    }
    if (obs.target() != null && !obs.target().templateHash().equals(d.status().getStableRevision())) {
      d.effect(Effect.RESTORE_TARGET);
    }
    d.wakeIn(LaunchDecider.WAIT_POLL);
  }
}
