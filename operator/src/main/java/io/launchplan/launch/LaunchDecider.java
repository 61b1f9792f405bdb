package io.launchplan.launch;

import io.launchplan.analysis.model.AnalysisOutcome;
import io.launchplan.analysis.model.CanaryPods;
import io.launchplan.analysis.model.Verdict;
import io.launchplan.api.CanaryStatus;
import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.OnError;
import io.launchplan.api.Phase;
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
 * Pending, with the gates of the launch procedure (postmortem, lane, cooldown, emergency), is
 * {@link PendingPhase}.
 */
public final class LaunchDecider {
  /** How long the canary may take to become ready before the launch is reverted. */
  static final Duration CANARY_READY_TIMEOUT = Duration.ofMinutes(10);
  /** How often to look again while waiting for the cluster, in case a watch event is missed. */
  static final Duration WAIT_POLL = Duration.ofSeconds(5);
  /** The target Deployment has {@code spec.paused: true}: Kubernetes does not roll it out. */
  static final String TARGET_PAUSED = "TargetPaused";

  private final PauseCauses pauseCauses = new PauseCauses();

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
    if (ManualControls.beforePhase(obs, d)) {
      scheduleAnalysis(spec, d, obs.tickPhase());
      return d.build();
    }
    switch (d.phase()) {
      case Pending -> PendingPhase.decide(spec, obs, d);
      case Canary -> canary(spec, obs, d);
      case Observing -> observing(spec, obs, d);
      case RollingOut -> rollingOut(spec, obs, d);
      case Verifying -> verifying(spec, obs, d);
      case Paused -> paused(spec, obs, d);
      case Reverting -> reverting(obs, d);
      case Succeeded, Reverted -> ended(obs, d);
    }
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

  /** Whether this reconcile must run the analysis queries before deciding (phase 0). */
  public static boolean analysisDue(LaunchPlanSpec spec, LaunchPlanStatus status, Instant now) {
    return analysisDue(spec, status, now, 0);
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

  private void canary(LaunchPlanSpec spec, Observation obs, Draft d) {
    if (interrupted(spec, obs, d)) {
      return;
    }
    CanaryView canary = obs.canary();
    int desired = spec.canaryOrDefault().replicasOrDefault();
    if (canary == null || !d.status().getRevision().equals(canary.revision()) || canary.desired() != desired) {
      d.effect(Effect.APPLY_CANARY);
      d.status().setCanary(new CanaryStatus(0, desired));
    } else {
      d.status().setCanary(new CanaryStatus(canary.ready(), canary.desired()));
      if (canary.ready() >= canary.desired()) {
        d.moveTo(Phase.Observing, "CanaryReady", canary.ready() + "/" + canary.desired()
            + " canary pods ready; observing for " + spec.canaryOrDefault().observeText());
        d.wakeAt(windowEnd(spec, d.status())); // only the clock ends the window; no watch event will come
        return;
      }
    }
    Instant started = parse(d.status().getPhaseStartedAt());
    if (started != null && !obs.now().isBefore(started.plus(CANARY_READY_TIMEOUT))) {
      Reverts.revert(obs, d, "CanaryNotReady", "the canary was not ready within " + CANARY_READY_TIMEOUT.toMinutes() + "m");
      return;
    }
    d.wakeIn(WAIT_POLL);
  }

  private void observing(LaunchPlanSpec spec, Observation obs, Draft d) {
    if (interrupted(spec, obs, d)) {
      return;
    }
    if (ours(obs.target(), d.status())) {
      // The target already carries this revision: the operator patched it and stopped before
      // it could record RollingOut. Continue from there instead of patching again, and keep
      // the record of a manual promotion that decided it.
      if (!ManualControls.promotedEarlier(obs, d)) {
        d.moveTo(Phase.RollingOut, "Promoted", "the target already carries revision " + d.status().getRevision());
      }
      d.wakeIn(Duration.ZERO); // the rollout may be complete already: no watch event would come
      return;
    }
    if (obs.canary() == null) {
      d.effect(Effect.APPLY_CANARY);
      d.moveToWarning(Phase.Canary, "CanaryLost", "the canary Deployment disappeared; recreating it");
      d.wakeIn(WAIT_POLL);
      return;
    }
    d.status().setCanary(new CanaryStatus(obs.canary().ready(), obs.canary().desired()));
    Instant end = windowEnd(spec, d.status());
    if (ManualControls.promote(spec, obs, d, end)) {
      return;
    }
    if (obs.now().isBefore(end)) {
      d.wakeAt(end);
    } else if (passedWithData(spec, obs)) {
      d.moveTo(Phase.RollingOut, "Promoted", "canary observed for "
          + spec.canaryOrDefault().observeText() + " with every check passing; rolling out");
      d.effect(Effect.PATCH_TARGET);
      d.wakeIn(WAIT_POLL);
    }
  }

  private void rollingOut(LaunchPlanSpec spec, Observation obs, Draft d) {
    if (interrupted(spec, obs, d)) {
      return;
    }
    TargetView target = obs.target();
    if (!ours(target, d.status())) {
      d.effect(Effect.PATCH_TARGET);
      d.wakeIn(WAIT_POLL);
      return;
    }
    if (d.status().getTargetTemplateHash() == null) {
      d.status().setTargetTemplateHash(target.templateHash());
    }
    if (!target.rolledOut() && target.paused()) {
      // Kubernetes does not roll a paused Deployment out: say so and hold, instead of waiting in silence.
      d.stay(TARGET_PAUSED, "Deployment " + spec.getTargetRef().getName() + " is paused (spec.paused: true), so its"
          + " rolling update cannot progress; the launch holds in RollingOut until it is resumed (kubectl rollout"
          + " resume deployment/" + spec.getTargetRef().getName() + ")", true);
      d.wakeIn(WAIT_POLL);
      return;
    }
    if (target.rolledOut()) {
      d.effect(Effect.DELETE_CANARY);
      d.status().setCanary(null);
      d.moveTo(Phase.Verifying, "RolledOut", "all " + target.replicas() + " replicas run revision "
          + d.status().getRevision() + "; verifying for " + spec.rolloutOrDefault().observeText());
      d.wakeAt(windowEnd(spec, d.status()));
      return;
    }
    d.wakeIn(WAIT_POLL);
  }

  private void verifying(LaunchPlanSpec spec, Observation obs, Draft d) {
    if (interrupted(spec, obs, d)) {
      return;
    }
    if (obs.canary() != null) {
      d.effect(Effect.DELETE_CANARY);
    }
    Instant end = windowEnd(spec, d.status());
    if (ManualControls.promote(spec, obs, d, end)) {
      return;
    }
    if (obs.now().isBefore(end)) {
      d.wakeAt(end);
    } else if (passedWithData(spec, obs)) {
      d.end(Phase.Succeeded, "Verified", "revision " + d.status().getRevision() + " verified for "
          + spec.rolloutOrDefault().observeText() + " with every check passing", false);
    }
  }

  private void paused(LaunchPlanSpec spec, Observation obs, Draft d) {
    if (interrupted(spec, obs, d)) {
      return;
    }
    Phase resumeTo = d.status().getPausedFrom() != null ? d.status().getPausedFrom() : Phase.Canary;
    d.status().setPausedFrom(null);
    d.moveTo(resumeTo, "Resumed", "nothing holds the launch any more; resuming " + resumeTo
        + (resumeTo == Phase.Observing || resumeTo == Phase.Verifying ? " with a fresh observation window" : ""));
    d.wakeIn(Duration.ZERO);
  }

  private void reverting(Observation obs, Draft d) {
    LaunchPlanStatus s = d.status();
    if (obs.canary() != null) {
      d.effect(Effect.DELETE_CANARY);
    }
    TargetView target = obs.target();
    boolean superseded = "Superseded".equals(s.getReason());
    if (target != null && !target.templateHash().equals(s.getStableRevision())) {
      d.effect(Effect.RESTORE_TARGET);
      d.wakeIn(WAIT_POLL);
      return;
    }
    if (obs.canary() != null || (target != null && !target.rolledOut())) {
      d.wakeIn(WAIT_POLL);
      return;
    }
    s.setCanary(null);
    s.setTargetTemplateHash(null);
    if (superseded) {
      d.moveTo(Phase.Pending, "Superseded", "revision " + s.getRevision() + " was undone; revision "
          + obs.revision() + " launches next");
      d.wakeIn(Duration.ZERO);
    } else {
      String why = s.getMessage() == null ? "" : ": " + s.getMessage();
      d.end(Phase.Reverted, s.getReason(), (target == null
          ? "the target Deployment is gone; the canary is removed"
          : "the target is back on stable revision " + s.getStableRevision()) + why, true);
    }
  }

  private void ended(Observation obs, Draft d) {
    if (!obs.revision().equals(d.status().getRevision())) {
      if (d.phase() == Phase.Reverted && d.status().getLastRevertedRevision() == null) {
        d.status().setLastRevertedRevision(d.status().getRevision()); // ended before the gate existed
      }
      d.moveTo(Phase.Pending, "NewRevision", "revision " + obs.revision() + " was applied; it launches next");
      d.wakeIn(Duration.ZERO);
    }
  }

  /**
   * Handles what stops an active phase's own step: a new revision, a revert signal, a pause
   * cause. Returns true when it decided.
   */
  private boolean interrupted(LaunchPlanSpec spec, Observation obs, Draft d) {
    LaunchPlanStatus s = d.status();
    if (!obs.revision().equals(s.getRevision())) {
      d.status().setPausedFrom(null);
      Reverts.start(obs, d, "Superseded", "revision " + obs.revision() + " replaced revision " + s.getRevision()
          + " before it was verified; undoing " + s.getRevision() + " first", false);
      return true;
    }
    AnalysisOutcome analysis = obs.analysis();
    if (analysis != null && analysis.verdict() == Verdict.REVERT) {
      Reverts.revert(obs, d, "AnalysisRevert", analysis.message());
      return true;
    }
    if (analysis != null && analysis.verdict() == Verdict.ERROR
        && spec.analysisOrDefault().onErrorOrDefault() == OnError.Revert) {
      Reverts.revert(obs, d, "AnalysisError", analysis.message() + " (onError: Revert)");
      return true;
    }
    PauseCauses.Cause cause = pauseCauses.find(spec, obs, s);
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

  /** Promotion needs a fresh passing analysis tick, unless the plan has no checks at all. */
  private static boolean passedWithData(LaunchPlanSpec spec, Observation obs) {
    if (!spec.analysisOrDefault().hasChecks()) {
      return true;
    }
    return obs.analysis() != null && obs.analysis().verdict() == Verdict.PASS;
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
      case Observing -> started.plus(spec.canaryOrDefault().observeOrDefault());
      case Verifying -> started.plus(spec.rolloutOrDefault().observeOrDefault());
      default -> null;
    };
  }

  static Instant parse(String instant) {
    return instant == null ? null : Instant.parse(instant);
  }
}
