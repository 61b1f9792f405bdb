package io.launchplan.api;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Why a launch stands where it stands: the {@code reason} of a plan's status, of its history
 * entries and Events, and of its conditions. The status carries the name as a string (the API does
 * not change: {@code LaneBusy}, {@code AnalysisPause} ...); this enum is what the code means by
 * each, so the conditions ({@link #degraded}), the lanes and target queues ({@link #waitsInLane},
 * {@link #waitsForTarget}) and the pauses ({@link #heldByAnalysis}) read one list.
 */
public enum Reason {
  // Pending: waiting for its turn, or about to be judged by the gates.
  NewRevision(Means.LANE_QUEUE, Means.TARGET_QUEUE),
  LaneBusy(Means.LANE_QUEUE, Means.TARGET_QUEUE),
  Cooldown(Means.LANE_QUEUE, Means.TARGET_QUEUE),
  TargetBusy(Means.TARGET_QUEUE),
  PostmortemAccepted(Means.LANE_QUEUE, Means.TARGET_QUEUE),
  EmergencyBypass(Means.TARGET_QUEUE),
  // Pending or Paused: held by a problem of its own.
  InvalidSpec(Means.DEGRADED),
  PostmortemRequired,
  InvalidPostmortem(Means.DEGRADED),
  TargetNotFound(Means.DEGRADED),
  TargetScaledToZero(Means.DEGRADED),
  TargetPaused(Means.DEGRADED),
  TargetModified(Means.DEGRADED),
  CanaryNameTaken,
  ManualPause(Means.MANUAL_PAUSE),
  Frozen,
  AnalysisPause(Means.DEGRADED, Means.ANALYSIS_HOLD),
  AnalysisError(Means.DEGRADED, Means.ANALYSIS_HOLD),
  // Moving on.
  AlreadyLaunched,
  LaunchStarted,
  CanaryReady,
  CanaryLost(Means.DEGRADED),
  Promoted,
  ManualPromote,
  RolledOut,
  Verified,
  Resumed,
  // Going back.
  Superseded(Means.LANE_QUEUE, Means.TARGET_QUEUE, Means.MAKES_WAY),
  AnalysisRevert,
  CanaryNotReady,
  Aborted,
  // Notes on a manual control that changed nothing.
  AbortIgnored,
  PromoteIgnored,
  // Conditions only.
  ReconcileError,
  NotPaused,
  NotFrozen,
  AsExpected,
  NotEmergency;

  /** What a reason says about the plan, besides where it stands. */
  private enum Means {
    /** Something is wrong though the launch has not reverted ({@code Degraded=True}). */
    DEGRADED,
    /** A Pending plan that waits only for its turn in its lane (or is about to be judged). */
    LANE_QUEUE,
    /** A Pending plan that waits only for its turn on its target Deployment (or is about to be judged). */
    TARGET_QUEUE,
    /** Set by the analysis: holds until a fresh tick passes. */
    ANALYSIS_HOLD,
    /** A person paused the plan ({@code spec.paused}): {@code Paused=True} even while Pending. */
    MANUAL_PAUSE,
    /** A revert that makes way for a new revision: it ends Pending, not Reverted. */
    MAKES_WAY
  }

  private static final Map<String, Reason> BY_NAME =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Reason::name, Function.identity()));

  private final Set<Means> means;

  Reason(Means... means) {
    this.means = means.length == 0 ? EnumSet.noneOf(Means.class) : EnumSet.of(means[0], means);
  }

  /** The reason a status or history entry carries, or null for none or one this build does not know. */
  public static Reason of(String name) {
    return name == null ? null : BY_NAME.get(name);
  }

  /** Whether the status reason {@code name} is a known reason with {@code meaning}. */
  public static boolean is(String name, Predicate<Reason> meaning) {
    Reason reason = of(name);
    return reason != null && meaning.test(reason);
  }

  /** Something is wrong even though the launch has not reverted: {@code Degraded=True}. */
  public boolean degraded() {
    return means.contains(Means.DEGRADED);
  }

  /**
   * A Pending plan with this reason waits only for its turn in its lane, or is about to be judged
   * (a new revision, a superseded launch, a postmortem just accepted); one held by a problem of its
   * own lets the others pass.
   */
  public boolean waitsInLane() {
    return means.contains(Means.LANE_QUEUE);
  }

  /** As {@link #waitsInLane}, for the plans of one target Deployment (its own turn there included). */
  public boolean waitsForTarget() {
    return means.contains(Means.TARGET_QUEUE);
  }

  /** Set by the analysis (a Pause query, Prometheus failing with onError: Pause): holds until a tick passes. */
  public boolean heldByAnalysis() {
    return means.contains(Means.ANALYSIS_HOLD);
  }

  /** A person holds the plan ({@code spec.paused}): it counts as paused even while Pending. */
  public boolean pausedByHand() {
    return means.contains(Means.MANUAL_PAUSE);
  }

  /** A revert that makes way for a new revision: once undone, the plan is Pending, not Reverted. */
  public boolean makesWay() {
    return means.contains(Means.MAKES_WAY);
  }
}
