package io.launchplan.launch;

import io.launchplan.analysis.model.AnalysisOutcome;
import io.launchplan.analysis.model.CanaryPods;
import io.launchplan.analysis.model.Verdict;
import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import io.launchplan.api.Reason;
import java.time.Duration;
import java.time.Instant;

/**
 * The launch state machine: (spec, status, observation) to the next status and the cluster
 * changes to make. Pure: no clients, no clock of its own, no side effects.
 *
 * <pre>
 * Pending ──► Canary ──► Observing ──► RollingOut ──► Verifying ──► Succeeded
 *    │           └───────────┴──────┬───────┴──────────────┘
 *    │                              ▼
 *    │                 Paused (freeze, Pause-action query, spec.paused, onError)
 *    │                              │ resumes where it stood, restarting its window
 *    │                              ▼
 *    └──────────────────────► Reverting ──► Reverted
 * </pre>
 *
 * <p>A new {@code launchplan.io/abort} value comes first in every phase ({@link ManualControls}).
 * Interruptions are then checked before a phase's own step, in this order: a new revision
 * (supersede: undo the unverified one first), a revert signal, then pause causes. Promotion out
 * of an observation window needs a fresh, passing analysis tick: never promote without data; a
 * new {@code launchplan.io/promote} value ends the window early, still only with no failing check.
 * A tick whose {@code ${canaryPods}} matched no pod once the canary was ready has no data: it is
 * an analysis error ({@link CanaryPods#withoutCanaryPods}), never a pass.
 * Each phase's own step is a {@link PhaseHandler} of its own ({@link PendingPhase} with the gates
 * of the launch procedure, {@link CanaryPhase}, {@link ObservingPhase}, {@link RollingOutPhase},
 * {@link VerifyingPhase}, {@link PausedPhase}, {@link RevertingPhase}, {@link EndedPhase}); the
 * checks before it are {@link Interruptions}.
 */
public final class LaunchDecider {
  /** How long the canary may take to become ready before the launch is reverted. */
  static final Duration CANARY_READY_TIMEOUT = Duration.ofMinutes(10);
  /** How often to look again while waiting for the cluster, in case a watch event is missed. */
  static final Duration WAIT_POLL = Duration.ofSeconds(5);
  /** The target Deployment has {@code spec.paused: true}: Kubernetes does not roll it out. */
  static final Reason TARGET_PAUSED = Reason.TargetPaused;

  private static final PhaseHandler PENDING = new PendingPhase();
  private static final PhaseHandler CANARY = new CanaryPhase();
  private static final PhaseHandler OBSERVING = new ObservingPhase();
  private static final PhaseHandler ROLLING_OUT = new RollingOutPhase();
  private static final PhaseHandler VERIFYING = new VerifyingPhase();
  private static final PhaseHandler PAUSED = new PausedPhase();
  private static final PhaseHandler REVERTING = new RevertingPhase();
  private static final PhaseHandler ENDED = new EndedPhase();

  /** Decides the next step for a plan whose status is {@code current}. */
  public Decision decide(LaunchPlanSpec spec, LaunchPlanStatus current, Observation obs) {
    Draft d = Draft.of(current, obs.now());
    if (obs.analysis() != null && obs.canaryPods() == 0 && canaryPodsMustExist(d.status(), obs)) {
      obs = obs.withAnalysis(CanaryPods.withoutCanaryPods(spec.analysisOrDefault(), obs.analysis()));
    }
    if (obs.analysis() != null) {
      d.status().setAnalysis(obs.analysis().statuses());
      d.status().setLastAnalysisAt(obs.now().toString());
    }
    CheckGate.record(spec, obs, d);
    if (ManualControls.beforePhase(obs, d)) {
      scheduleAnalysis(spec, d, obs.tickPhase());
      return d.build();
    }
    handler(d.phase()).decide(spec, obs, d);
    CheckGate.startJobs(spec, d);
    scheduleAnalysis(spec, d, obs.tickPhase());
    return d.build();
  }

  /**
   * Whether this reconcile decides without asking Prometheus first: a new {@code launchplan.io/abort}
   * value or a Revert that Alertmanager pushed acts at once, never behind a query that may take up
   * to its timeout.
   *
   * @param pushed what pushed alerts say about the plan, or null
   */
  public static boolean actsWithoutPolling(Controls controls, LaunchPlanStatus status, AnalysisOutcome pushed) {
    return controls.newAbort(status.getHandledAbort()) || (pushed != null && pushed.verdict() == Verdict.REVERT);
  }

  /**
   * Once the canary was ready (Observing with its Deployment there, and the rollout after it,
   * where the target's pods of the launched revision count too), a tick whose {@code ${canaryPods}}
   * matched no pod has judged nothing. In Canary the pods may still be starting, and a canary
   * Deployment that is gone is recreated ({@code CanaryLost}): neither is an analysis error, or a
   * launch paused by it could never get its canary back.
   */
  private static boolean canaryPodsMustExist(LaunchPlanStatus status, Observation obs) {
    Phase phase = status.getPhase() == Phase.Paused ? status.getPausedFrom() : status.getPhase();
    return (phase == Phase.Observing && obs.canary() != null) || phase == Phase.RollingOut
        || phase == Phase.Verifying;
  }

  /** Each phase's step; exhaustive, so a phase without a handler does not compile. */
  private static PhaseHandler handler(Phase phase) {
    return switch (phase) {
      case Pending -> PENDING;
      case Canary -> CANARY;
      case Observing -> OBSERVING;
      case RollingOut -> ROLLING_OUT;
      case Verifying -> VERIFYING;
      case Paused -> PAUSED;
      case Reverting -> REVERTING;
      case Succeeded, Reverted -> ENDED;
    };
  }

  /**
   * Whether this reconcile must run the analysis queries before deciding.
   *
   * @param phase the plan's place in each interval ({@link TickSchedule#phaseOf})
   */
  public static boolean analysisDue(LaunchPlanSpec spec, LaunchPlanStatus status, Instant now, double phase) {
    Phase analysed = analysedPhase(status);
    if (analysed == null || !spec.analysisOrDefault().hasChecks()) {
      return false;
    }
    Instant last = parse(status.getLastAnalysisAt());
    if (last == null || !now.isBefore(TickSchedule.next(last, spec.analysisOrDefault().intervalOrDefault(), phase))) {
      return true;
    }
    // A window that ended after the last tick needs one more tick to decide on fresh data.
    Instant windowEnd = windowEnd(spec, status);
    return windowEnd != null && last.isBefore(windowEnd) && !now.isBefore(windowEnd);
  }

  /**
   * The slot this reconcile's analysis tick belongs to when it runs on schedule: the start of the
   * interval slot it falls in, which every plan with the same interval shares (so a query text they
   * all send goes to Prometheus once per slot). Null for a tick off the schedule (a launch's first
   * tick, the tick at a window's end), which asks afresh, or when no tick is due.
   */
  public static Instant tickSlot(LaunchPlanSpec spec, LaunchPlanStatus status, Instant now, double phase) {
    Instant last = parse(status.getLastAnalysisAt());
    Duration interval = spec.analysisOrDefault().intervalOrDefault();
    if (last == null || analysedPhase(status) == null || now.isBefore(TickSchedule.next(last, interval, phase))) {
      return null;
    }
    return TickSchedule.slot(now, interval);
  }

  /** The target carries the operator's stamp for this launch's revision. */
  static boolean ours(TargetView target, LaunchPlanStatus status) {
    return target != null && status.getRevision() != null && status.getRevision().equals(target.launchedRevision());
  }

  private void scheduleAnalysis(LaunchPlanSpec spec, Draft d, double phase) {
    if (analysedPhase(d.status()) == null || !spec.analysisOrDefault().hasChecks()) {
      return;
    }
    Instant last = parse(d.status().getLastAnalysisAt());
    d.wakeAt(last == null ? d.now() : TickSchedule.next(last, spec.analysisOrDefault().intervalOrDefault(), phase));
  }

  /** The phase whose checks run now: the phase itself, or the one a Paused launch resumes to. */
  private static Phase analysedPhase(LaunchPlanStatus status) {
    Phase phase = status.getPhase() == Phase.Paused ? status.getPausedFrom() : status.getPhase();
    return phase != null && phase.isAnalysed() ? phase : null;
  }

  /** The end of the current observation window, or null outside Observing and Verifying. */
  static Instant windowEnd(LaunchPlanSpec spec, LaunchPlanStatus status) {
    Instant started = parse(status.getPhaseStartedAt());
    if (started == null) {
      return null;
    }
    return switch (status.getPhase()) {
      case Observing -> started.plus(CanarySteps.observe(spec, status));
      case Verifying -> started.plus(spec.rolloutOrDefault().observeOrDefault());
      default -> null;
    };
  }

  static Instant parse(String instant) {
    return instant == null ? null : Instant.parse(instant);
  }
}
