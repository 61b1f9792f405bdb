package io.launchplan.api;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Why a launch stands where it stands: the {@code reason} of a plan's status, of its history
 * entries and Events, and of its conditions. The status carries the name as a string (the API does
 * not change: {@code LaneBusy}, {@code AnalysisPause} ...); this enum is what the code means by
 * each ({@link Meaning}), so the conditions ({@code DEGRADED}), the lane and target queues
 * ({@code WAITS_IN_LANE}, {@code WAITS_FOR_TARGET}) and the pauses ({@code HELD_BY_ANALYSIS})
 * read one list.
 */
public enum Reason {
  // Pending: waiting for its turn, or about to be judged by the gates.
  NewRevision(Meaning.WAITS_IN_LANE, Meaning.WAITS_FOR_TARGET),
  LaneBusy(Meaning.WAITS_IN_LANE, Meaning.WAITS_FOR_TARGET),
  Cooldown(Meaning.WAITS_IN_LANE, Meaning.WAITS_FOR_TARGET),
  TargetBusy(Meaning.WAITS_FOR_TARGET),
  PostmortemAccepted(Meaning.WAITS_IN_LANE, Meaning.WAITS_FOR_TARGET),
  EmergencyBypass(Meaning.WAITS_FOR_TARGET),
  // Pending or Paused: held by a problem of its own.
  InvalidSpec(Meaning.DEGRADED),
  PostmortemRequired,
  InvalidPostmortem(Meaning.DEGRADED),
  TargetNotFound(Meaning.DEGRADED),
  TargetScaledToZero(Meaning.DEGRADED),
  TargetPaused(Meaning.DEGRADED),
  TargetModified(Meaning.DEGRADED),
  CanaryNameTaken,
  ManualPause(Meaning.PAUSED_BY_HAND),
  Frozen,
  AnalysisPause(Meaning.DEGRADED, Meaning.HELD_BY_ANALYSIS),
  AnalysisError(Meaning.DEGRADED, Meaning.HELD_BY_ANALYSIS),
  // Job and web checks (issue 17): waiting for one, or held or reverted by one.
  CheckRunning,
  CheckFailed(Meaning.DEGRADED),
  CheckInconclusive(Meaning.DEGRADED),
  // Launch hooks (issue 17): a CronJob resumed by hand during the launch is left as it was set.
  CronJobResumedByHand,
  // Pending: held by a LaunchPolicy (gates/PolicyGate). A broken policy or a broken rule is bad news;
  // a closed launch window is a wait. None of them queues: the plans behind pass.
  PolicyInvalid(Meaning.DEGRADED),
  PolicyViolation(Meaning.DEGRADED),
  OutsideLaunchWindow,
  // Pending: LaunchApprovals (gates/ApprovalGate). Waiting for approvals is a wait that does not queue;
  // the approvals found are recorded as a step of their own before the launch goes on.
  ApprovalRequired,
  Approved(Meaning.WAITS_IN_LANE, Meaning.WAITS_FOR_TARGET),
  // Pending: waiting for a free slot under a LaunchPolicy's maxConcurrentLaunches (gates/PolicyConcurrency);
  // it keeps its place in its lane's queue as in the policy's.
  PolicyConcurrency(Meaning.WAITS_IN_LANE, Meaning.WAITS_FOR_TARGET),
  // Moving on.
  AlreadyLaunched,
  LaunchStarted,
  CanaryReady,
  CanaryLost(Meaning.DEGRADED),
  Promoted,
  ManualPromote,
  RolledOut,
  Verified,
  Resumed,
  // Staged canary steps (issue 16): a step begins (its canary scaled), its canary is ready, a
  // percent step's canary follows the target's replicas.
  StepStarted,
  StepReady,
  StepResized,
  // Going back.
  Superseded(Meaning.WAITS_IN_LANE, Meaning.WAITS_FOR_TARGET, Meaning.MAKES_WAY),
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
  NotEmergency,
  // Conditions only, GitOps drift (issue 16): the GitOpsDrift condition once the drift is gone.
  NoDrift;

  /** What a reason says about the plan, besides where it stands. */
  public enum Meaning {
    /** Something is wrong even though the launch has not reverted: {@code Degraded=True}. */
    DEGRADED,
    /**
     * A Pending plan that waits only for its turn in its lane, or is about to be judged (a new
     * revision, a superseded launch, a postmortem just accepted); one held by a problem of its own
     * lets the others pass.
     */
    WAITS_IN_LANE,
    /** As {@link #WAITS_IN_LANE}, for the plans of one target Deployment (its own turn there included). */
    WAITS_FOR_TARGET,
    /** Set by the analysis (a Pause query, Prometheus failing with onError: Pause): holds until a tick passes. */
    HELD_BY_ANALYSIS,
    /** A person holds the plan ({@code spec.paused}): {@code Paused=True} even while Pending. */
    PAUSED_BY_HAND,
    /** A revert that makes way for a new revision: once undone, the plan is Pending, not Reverted. */
    MAKES_WAY
  }

  private static final Map<String, Reason> BY_NAME =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Reason::name, Function.identity()));

  private final Set<Meaning> means;

  Reason(Meaning... means) {
    this.means = means.length == 0 ? EnumSet.noneOf(Meaning.class) : EnumSet.of(means[0], means);
  }

  /** The reason a status or history entry carries, or null for none or one this build does not know. */
  public static Reason of(String name) {
    return name == null ? null : BY_NAME.get(name);
  }

  /** Whether the status reason {@code name} is a known reason with {@code meaning}. */
  public static boolean is(String name, Meaning meaning) {
    Reason reason = of(name);
    return reason != null && reason.means(meaning);
  }

  /** Whether this reason has {@code meaning}. */
  public boolean means(Meaning meaning) {
    return means.contains(meaning);
  }
}
