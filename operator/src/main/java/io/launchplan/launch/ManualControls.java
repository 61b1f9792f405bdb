package io.launchplan.launch;

import io.launchplan.api.Durations;
import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import io.launchplan.api.QueryStatus;
import io.launchplan.api.Reason;
import java.time.Duration;
import java.time.Instant;

/**
 * The manual controls, as annotations so they work from Git as well as from kubectl:
 * {@code launchplan.io/abort: "<reason>"} reverts now (reason {@code Aborted});
 * {@code launchplan.io/promote: "<nonce or reason>"} skips the rest of the current observation
 * window (Observing → RollingOut, Verifying → Succeeded), still only when no check fails.
 *
 * <p>Each distinct value acts once: the last value handled is kept in status
 * ({@code handledAbort}, {@code handledPromote}), so a value left in Git, re-applied, or seen again
 * by a restarted operator does nothing. A value that cannot act in the current phase is handled
 * too, with a history entry saying why it was ignored: it never acts later by surprise.
 */
final class ManualControls {
  static final String PROMOTE = "launchplan.io/promote";
  static final String ABORT = "launchplan.io/abort";

  private ManualControls() {}

  /**
   * Handles a new abort value in any phase, and a new promote value in a phase without an
   * observation window. Returns true when it decided this step.
   */
  static boolean beforePhase(Observation obs, Draft d) {
    LaunchPlanStatus s = d.status();
    Phase phase = d.phase();
    String abort = fresh(obs.controls().abort(), s.getHandledAbort());
    if (abort != null) {
      s.setHandledAbort(abort);
      String said = said(ABORT, abort, obs.controls().abortBy());
      if (phase.isActive() && phase != Phase.Reverting) {
        Reverts.revert(obs, d, Reason.Aborted, "aborted by " + said);
      } else {
        ignore(d, Reason.AbortIgnored, said, switch (phase) {
          case Pending -> "no launch is running (spec.paused: true holds one that has not started)";
          case Reverting -> "the launch is already reverting";
          default -> "the launch already ended " + phase;
        });
      }
      return true;
    }
    String promote = fresh(obs.controls().promote(), s.getHandledPromote());
    if (promote != null && phase != Phase.Observing && phase != Phase.Verifying) {
      s.setHandledPromote(promote);
      ignore(d, Reason.PromoteIgnored, said(PROMOTE, promote, obs.controls().promoteBy()), switch (phase) {
        case Pending -> "the launch has not started";
        case Canary -> "the canary is not ready yet; promote skips an observation window (Observing or Verifying)";
        case RollingOut -> "the rollout is under way; promote again once Verifying to skip the verification window";
        case Paused -> "the launch is paused (" + s.getReason() + ")";
        case Reverting -> "the launch is reverting";
        default -> "the launch already ended " + phase;
      });
      return true;
    }
    return false;
  }

  /**
   * In Observing or Verifying, once nothing interrupts the launch: a new promote value ends the
   * window now, unless a check fires or has no answer. Returns true when it decided this step.
   */
  static boolean promote(LaunchPlanSpec spec, Observation obs, Draft d, Instant windowEnd) {
    LaunchPlanStatus s = d.status();
    String promote = fresh(obs.controls().promote(), s.getHandledPromote());
    if (promote == null) {
      return false;
    }
    s.setHandledPromote(promote);
    String said = said(PROMOTE, promote, obs.controls().promoteBy());
    String failing = failingCheck(spec, s);
    if (failing != null) {
      ignore(d, Reason.PromoteIgnored, said, failing);
      return true;
    }
    String left = windowEnd == null || !obs.now().isBefore(windowEnd) ? "none"
        : Durations.format(Duration.ofSeconds(Duration.between(obs.now(), windowEnd).toSeconds()));
    if (d.phase() == Phase.Observing && CanarySteps.hasNext(spec, s)) {
      // A promotion ends the current step's window only: the next step begins.
      CanarySteps.begin(spec, obs, d, Reason.ManualPromote, "promoted by " + said + ": skipped the rest of the "
          + CanarySteps.label(s) + "window (" + left + " left); ");
    } else if (d.phase() == Phase.Observing) {
      d.moveTo(Phase.RollingOut, Reason.ManualPromote, "promoted by " + said + ": skipped the rest of the "
          + CanarySteps.label(s) + "canary window (" + left + " left); rolling out");
      d.effect(Effect.PATCH_TARGET);
      d.wakeIn(LaunchDecider.WAIT_POLL);
    } else {
      d.end(Phase.Succeeded, Reason.ManualPromote, "promoted by " + said + ": revision " + s.getRevision()
          + " succeeded, skipping the rest of the verification window (" + left + " left)", false);
    }
    return true;
  }

  /**
   * In Observing, when the target already carries the launch's revision (the operator patched it
   * and stopped before it could write RollingOut): a new promote value is what decided that
   * patch, so it is recorded as the {@code ManualPromote} it was, with who set it, and handled.
   * Returns true when it recorded the move to RollingOut.
   */
  static boolean promotedEarlier(Observation obs, Draft d) {
    String promote = fresh(obs.controls().promote(), d.status().getHandledPromote());
    if (promote == null) {
      return false;
    }
    d.status().setHandledPromote(promote);
    d.moveTo(Phase.RollingOut, Reason.ManualPromote, "promoted by " + said(PROMOTE, promote, obs.controls().promoteBy())
        + ": skipped the rest of the canary window; rolling out (the target already carries revision "
        + d.status().getRevision() + ")");
    return true;
  }

  /** Why a promotion cannot skip the window now, or null: never promote on a failing check or without data. */
  private static String failingCheck(LaunchPlanSpec spec, LaunchPlanStatus s) {
    if (!spec.analysisOrDefault().hasChecks()) {
      return null;
    }
    if (s.getLastAnalysisAt() == null || s.getAnalysis() == null || s.getAnalysis().isEmpty()) {
      return "no analysis result yet; never promoting without data";
    }
    for (QueryStatus q : s.getAnalysis()) {
      if (q.getError() != null) {
        return "check " + q.getName() + " has no answer (" + q.getError() + ")";
      }
      if (q.firing()) {
        return "check " + q.getName() + " is firing (value " + q.getValue() + ")";
      }
    }
    return null;
  }

  private static void ignore(Draft d, Reason reason, String said, String why) {
    d.note(reason, said + " ignored: " + why, false);
    d.wakeIn(Duration.ZERO); // the phase's own step runs next
  }

  private static String said(String annotation, String value, String by) {
    return annotation + "=\"" + value + "\"" + (by != null ? " (set by " + by + ")" : "");
  }

  /** The value when it was not handled yet, else null. */
  private static String fresh(String value, String handled) {
    return value != null && !value.equals(handled) ? value : null;
  }
}
