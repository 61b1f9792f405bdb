package io.launchplan.launch;

import io.launchplan.analysis.model.AnalysisOutcome;
import io.launchplan.analysis.model.Verdict;
import io.launchplan.api.CheckStatus;
import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.OnError;
import io.launchplan.api.Phase;
import io.launchplan.api.Reason;
import java.time.Duration;
import java.time.Instant;

/**
 * What the active phases check before their own step (a new revision, a revert signal, a pause
 * cause), and what promotion out of an observation window needs.
 */
final class Interruptions {
  private static final PauseCauses PAUSE_CAUSES = new PauseCauses();

  private Interruptions() {}

  /**
   * Handles what stops an active phase's own step: a new revision, a revert signal, a pause
   * cause. Returns true when it decided.
   */
  static boolean interrupted(LaunchPlanSpec spec, Observation obs, Draft d) {
    LaunchPlanStatus s = d.status();
    if (!obs.revision().equals(s.getRevision())) {
      d.status().setPausedFrom(null);
      Reverts.start(obs, d, Reason.Superseded, "revision " + obs.revision() + " replaced revision " + s.getRevision()
          + " before it was verified; undoing " + s.getRevision() + " first", false);
      return true;
    }
    AnalysisOutcome analysis = obs.analysis();
    if (analysis != null && analysis.verdict() == Verdict.REVERT) {
      Reverts.revert(obs, d, Reason.AnalysisRevert, analysis.message());
      return true;
    }
    CheckStatus failedCheck = CheckGate.revertCause(spec, s);
    if (failedCheck != null) {
      Reverts.revert(obs, d, Reason.CheckFailed, failedCheck.getMessage());
      return true;
    }
    if (analysis != null && analysis.verdict() == Verdict.ERROR
        && spec.analysisOrDefault().onErrorOrDefault() == OnError.Revert) {
      Reverts.revert(obs, d, Reason.AnalysisError, analysis.message() + " (onError: Revert)");
      return true;
    }
    PauseCauses.Cause cause = PAUSE_CAUSES.find(spec, obs, s);
    GitOpsDrift.record(s, cause, obs.target());
    if (cause == null) {
      return false;
    }
    if (d.phase() == Phase.Paused) {
      d.stay(cause.reason(), cause.message(), cause.bad());
    } else {
      s.setPausedFrom(d.phase());
      if (cause.bad()) {
        d.moveToWarning(Phase.Paused, cause.reason(), cause.message());
      } else {
        d.moveTo(Phase.Paused, cause.reason(), cause.message());
      }
    }
    d.wakeIn(Duration.ofSeconds(30));
    return true;
  }

  /**
   * In an observation window (Observing, Verifying): whether it is over with a fresh passing tick,
   * so the phase may move on. A new promote value is handled here ({@link ManualControls#promote});
   * before the window's end the plan is woken at it.
   */
  static boolean windowPassed(LaunchPlanSpec spec, Observation obs, Draft d) {
    Instant end = LaunchDecider.windowEnd(spec, d.status());
    if (ManualControls.promote(spec, obs, d, end)) {
      return false;
    }
    if (obs.now().isBefore(end)) {
      d.wakeAt(end);
      return false;
    }
    if (!CheckGate.passed(spec, d.status(), CheckGate.pointOf(d.status()))) {
      return false; // a Job check still runs (CheckGate.startJobs looks again) or a web check has not passed yet
    }
    return passedWithData(spec, obs);
  }

  /** Promotion needs a fresh passing analysis tick, unless the plan has no checks at all. */
  static boolean passedWithData(LaunchPlanSpec spec, Observation obs) {
    if (!spec.analysisOrDefault().hasChecks()) {
      return true;
    }
    return obs.analysis() != null && obs.analysis().verdict() == Verdict.PASS;
  }
}
