package io.launchplan.launch;

import io.launchplan.analysis.model.AnalysisOutcome;
import io.launchplan.analysis.model.Verdict;
import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import io.launchplan.api.QueryStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The decisions the reconcile loop makes around {@link LaunchDecider}: whether this reconcile may
 * start a launch, which analysis it runs before deciding, what an analysis that cannot run says,
 * what a deleted plan puts back, when a revert it measures was decided, and how long to wait
 * before the next look. Pure, like the decider:
 * the cluster side ({@code cluster.Observer}, {@code cluster.Actuator}) only carries them out.
 */
public final class LoopDecisions {
  private LoopDecisions() {}

  /** What a reconcile asks before deciding. */
  public enum AnalysisRun {
    /** Only what Alertmanager pushed (a new abort or a pushed Revert acts without waiting for Prometheus). */
    PUSHED,
    /** The queries once before a launch starts, so a query Prometheus rejects changes nothing. */
    PREFLIGHT,
    /** The analysis tick the schedule (or a window's end) asks for. */
    TICK,
    /** Nothing: no tick is due. */
    NONE
  }

  /**
   * Whether this reconcile may start a launch: the plan is Pending (or new), or it ended and its
   * template changed since ({@code revision} differs from the ended launch's).
   */
  public static boolean isLaunch(LaunchPlanStatus status, String revision) {
    Phase phase = status.getPhase() != null ? status.getPhase() : Phase.Pending;
    return phase == Phase.Pending || (phase.isTerminal() && !revision.equals(status.getRevision()));
  }

  /**
   * Which analysis this reconcile runs: what was pushed when that acts at once ({@link
   * LaunchDecider#actsWithoutPolling}), the pre-flight of a launch that may start (its spec
   * valid, its target there), or a due tick of a launch under way (its target there).
   *
   * @param urgent whether the decision acts without polling
   * @param specError why the spec cannot be launched, or null
   */
  public static AnalysisRun analysisRun(LaunchPlanSpec spec, LaunchPlanStatus status, boolean urgent,
      boolean launching, String specError, boolean targetExists, Instant now, double tickPhase) {
    if (urgent) {
      return AnalysisRun.PUSHED;
    }
    if (launching && specError == null && targetExists) {
      return AnalysisRun.PREFLIGHT;
    }
    if (targetExists && LaunchDecider.analysisDue(spec, status, now, tickPhase)) {
      return AnalysisRun.TICK;
    }
    return AnalysisRun.NONE;
  }

  /**
   * The outcome of a tick whose {@code spec.analysis} was edited mid-launch into something that
   * cannot run (a malformed or refused Prometheus URL): an error that holds the launch, never a
   * blind promotion; the previous query values stay.
   */
  public static AnalysisOutcome analysisCannotRun(List<QueryStatus> previous, String problem) {
    return new AnalysisOutcome(previous, Verdict.ERROR, null, "invalid spec.analysis: " + problem);
  }

  /**
   * How late a tick on the schedule runs: from the slot it was due at ({@link TickSchedule#next}
   * after {@code status.lastAnalysisAt}) to {@code now}.
   */
  public static Duration tickLag(LaunchPlanSpec spec, LaunchPlanStatus status, Instant now, double tickPhase) {
    return Duration.between(TickSchedule.next(Instant.parse(status.getLastAnalysisAt()),
        spec.analysisOrDefault().intervalOrDefault(), tickPhase), now);
  }

  /**
   * Whether a plan deleted with {@code status} must put its stable template back onto
   * {@code target}: only while its own launch is active and the target carries its stamp (the
   * {@code launchplan.io/revision} of the launched revision). A plan that never started, whose
   * launch ended, or that waits for another plan's launch on the same Deployment touches nothing.
   */
  public static boolean restoreOnDelete(LaunchPlanStatus status, TargetView target) {
    return status != null && status.getPhase() != null && status.getPhase().isActive()
        && status.getStableRevision() != null && status.getRevision() != null && target != null
        && status.getRevision().equals(target.launchedRevision())
        && !status.getStableRevision().equals(target.templateHash());
  }

  /**
   * When the revert that {@code decision} starts was decided (the first signal that asked for it),
   * for the time from detection to the revert's first change; null unless the decision enters
   * Reverting now.
   */
  public static Instant revertDecidedAt(Decision decision) {
    LaunchPlanStatus next = decision.status();
    return next.getPhase() == Phase.Reverting && next.getRevertDecidedAt() != null && decision.transition() != null
        ? Instant.parse(next.getRevertDecidedAt()) : null;
  }

  /**
   * The reschedule, in milliseconds, for a decision made at {@code decided} that asked to look
   * again after {@code wait}, returned at {@code now}: the timer starts when the reconcile returns,
   * so the wait counts from the decision, not from then (or every tick would run late by one
   * reconcile); rounded up, so a wake-up is never a hair early, and at least 50 ms.
   */
  public static long rescheduleMillis(Duration wait, Instant decided, Instant now) {
    Duration left = Duration.between(now, decided.plus(wait));
    return Math.max((left.toNanos() + 999_999) / 1_000_000, 50);
  }
}
