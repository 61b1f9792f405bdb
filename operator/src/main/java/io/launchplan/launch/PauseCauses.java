package io.launchplan.launch;

import io.launchplan.analysis.model.AnalysisOutcome;
import io.launchplan.api.CheckStatus;
import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import io.launchplan.api.Reason;
import io.launchplan.api.Reason.Meaning;
import io.launchplan.gates.FreezePrecedence;

/**
 * What holds an active launch where it stands, strongest first: a person (spec.paused), a
 * freeze ({@link FreezePrecedence#holds}: unless {@code spec.emergency}), the target vanishing or being edited by someone else, a
 * stranger holding the name of the canary the launch needs, then the analysis (a Pause query, or
 * Prometheus failing with onError: Pause).
 */
final class PauseCauses {
  record Cause(Reason reason, String message, boolean bad) {}

  Cause find(LaunchPlanSpec spec, Observation obs, LaunchPlanStatus status) {
    String target = spec.getTargetRef().getName();
    if (spec.paused()) {
      return new Cause(Reason.ManualPause, "spec.paused is true", false);
    }
    if (FreezePrecedence.holds(spec.emergency(), obs::frozen)) {
      return new Cause(Reason.Frozen, "launches are frozen by " + obs.freeze(), false);
    }
    if (obs.target() == null) {
      return new Cause(Reason.TargetNotFound, "Deployment " + target + " disappeared during the launch", true);
    }
    if (obs.target().replicas() == 0) {
      return new Cause(Reason.TargetScaledToZero, "Deployment " + target + " was scaled to 0 during the launch", true);
    }
    if (editedBySomeoneElse(obs.target(), status)) {
      return new Cause(Reason.TargetModified, "the pod template of Deployment " + target
          + " was changed by someone else during the launch" + GitOpsDrift.by(obs.target())
          + "; restore it, apply a new revision, or abort", true);
    }
    if (obs.canary() == null && obs.canaryNameTaken() != null && needsCanary(status)) {
      return new Cause(Reason.CanaryNameTaken,
          PendingPhase.canaryNameTaken(spec, obs, "the launch goes on with a canary of its own"), true);
    }
    CheckStatus check = CheckGate.pauseCause(spec, status);
    if (check != null) {
      return new Cause(CheckGate.reason(check), check.getMessage(), true);
    }
    return analysisCause(spec, obs.analysis(), status);
  }

  /** Canary and Observing need the canary (it is recreated when lost); later phases only remove it. */
  private static boolean needsCanary(LaunchPlanStatus status) {
    Phase phase = status.getPhase() == Phase.Paused ? status.getPausedFrom() : status.getPhase();
    return phase == Phase.Canary || phase == Phase.Observing;
  }

  private static Cause analysisCause(LaunchPlanSpec spec, AnalysisOutcome analysis, LaunchPlanStatus status) {
    if (analysis == null) {
      // No tick this time: an analysis pause holds until a tick passes. A plan whose checks were
      // all removed has no tick to wait for.
      boolean held = status.getPhase() == Phase.Paused && Reason.is(status.getReason(), Meaning.HELD_BY_ANALYSIS)
          && spec.analysisOrDefault().hasChecks();
      return held ? new Cause(Reason.of(status.getReason()), status.getMessage(), true) : null;
    }
    return switch (analysis.verdict()) {
      case PAUSE -> new Cause(Reason.AnalysisPause, analysis.message(), true);
      case ERROR -> new Cause(Reason.AnalysisError, analysis.message() + " (onError: Pause; never promoting without data)", true);
      case PASS, REVERT -> null;
    };
  }

  /**
   * Before the rollout the target must still be on its stable template (or carry this launch's
   * stamp, when the operator was stopped right after patching it); after the rollout started it
   * must be exactly what the operator left.
   */
  static boolean editedBySomeoneElse(TargetView target, LaunchPlanStatus status) {
    Phase phase = status.getPhase() == Phase.Paused ? status.getPausedFrom() : status.getPhase();
    boolean ours = LaunchDecider.ours(target, status);
    if (phase == Phase.Canary || phase == Phase.Observing) {
      return !ours && !target.templateHash().equals(status.getStableRevision());
    }
    if (phase == Phase.RollingOut || phase == Phase.Verifying) {
      if (status.getTargetTemplateHash() != null) {
        return !target.templateHash().equals(status.getTargetTemplateHash());
      }
      // Before the patch lands (RollingOut) the target may still be stable.
      return !ours && !target.templateHash().equals(status.getStableRevision());
    }
    return false;
  }
}
