package io.launchplan.launch;

import io.launchplan.analysis.model.Verdict;
import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import io.launchplan.api.Reason;
import io.launchplan.gates.FreezePrecedence;
import io.launchplan.gates.Gates;
import io.launchplan.gates.Hold;
import io.launchplan.gates.LaneView;
import io.launchplan.gates.PolicyGate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The Pending phase: a new revision waits until it can be launched and judged (a valid spec, a
 * pre-flight analysis that answers, a target with replicas), until nothing holds it (spec.paused,
 * a freeze, another plan's launch on the same Deployment, a stranger holding the canary's name),
 * and until the gates of the launch procedure let it through (an owed postmortem, the rules and
 * launch windows of the LaunchPolicies covering it, the LaunchApprovals they and the plan ask for, its
 * turn in the lane, the lane's cooldown).
 * Then the canary starts, and the policies that covered it then ({@code status.policies}) are the
 * launch's own: a policy created later holds the next launch, never this one.
 *
 * <p>One Deployment has at most one active launch, whatever the plans' lanes ({@code TargetBusy},
 * first come first served, {@link TargetPlans}); {@code spec.emergency} does not bypass it, since
 * two launches on one Deployment would fight over its canary and its template.
 *
 * <p>Three gate outcomes are recorded as a step of their own before the launch goes on, so each has
 * its history entry and event: {@code PostmortemAccepted}, {@code Approved} (who approved the launch
 * and when) and {@code EmergencyBypass} (a Warning: {@code spec.emergency} skipped the lane, the
 * cooldown and any freeze). A wait for approvals ({@code ApprovalRequired}) is recorded, and so
 * announced, once per revision.
 */
final class PendingPhase implements PhaseHandler {
  /** How often a waiting plan looks again when no event or timer wakes it first. */
  static final Duration RECHECK = Duration.ofSeconds(30);

  @Override
  public void decide(LaunchPlanSpec spec, Observation obs, Draft d) {
    LaunchPlanStatus s = d.status();
    if (s.getQueuedAt() == null || !obs.revision().equals(s.getRevision())) {
      s.setQueuedAt(obs.now().toString()); // its place in the lane: first come, first served
    }
    s.setRevision(obs.revision());
    // The policies that cover the plan now; from the launch's start on, these stay its policies.
    s.setPolicies(obs.policy().isEmpty() ? null : obs.policy().names());
    s.setWindow(null);
    s.setApprovals(obs.approvals().statuses().isEmpty() ? null : obs.approvals().statuses());
    TargetView target = obs.target();
    if (obs.specError() != null) {
      d.stay(Reason.InvalidSpec, obs.specError(), true);
    } else if (obs.analysis() != null && obs.analysis().verdict() == Verdict.ERROR) {
      // The pre-flight run of the queries failed: never start a launch that could not be judged.
      d.stay(Reason.AnalysisError, obs.analysis().message() + " (the launch starts once every check answers)", true);
    } else if (target == null) {
      d.stay(Reason.TargetNotFound, "Deployment " + spec.getTargetRef().getName() + " not found", true);
    } else if (target.replicas() == 0) {
      d.stay(Reason.TargetScaledToZero, "Deployment " + spec.getTargetRef().getName()
          + " has 0 replicas: a canary would take all the traffic; scale it up to launch", true);
    } else if (target.paused() && !obs.revision().equals(target.launchedRevision())) {
      d.stay(LaunchDecider.TARGET_PAUSED, "Deployment " + spec.getTargetRef().getName() + " is paused (spec.paused:"
          + " true): its rollout could not progress; resume it (kubectl rollout resume deployment/"
          + spec.getTargetRef().getName() + ") to launch", true);
    } else if (spec.paused()) {
      d.stay(Reason.ManualPause, "spec.paused is true; the launch starts when it is removed", false);
    } else if (FreezePrecedence.holds(spec.emergency(), obs::frozen)) {
      d.stay(Reason.Frozen, "launches are frozen by " + obs.freeze() + obs.approvals().emergencyNote(), false);
    } else if (targetBusy(spec, obs, s) != null) {
      d.stay(Reason.TargetBusy, targetBusy(spec, obs, s), false);
    } else if (obs.revision().equals(target.launchedRevision())) {
      s.setStableRevision(target.templateHash());
      d.moveTo(Phase.Succeeded, Reason.AlreadyLaunched, "Deployment " + spec.getTargetRef().getName()
          + " already runs revision " + obs.revision());
      return;
    } else if (obs.canaryNameTaken() != null) {
      d.stay(Reason.CanaryNameTaken, canaryNameTaken(spec, obs, "the launch starts"), true);
    } else {
      gates(spec, obs, d);
      return;
    }
    d.wakeIn(RECHECK);
  }

  /** Why another plan keeps this one off the target (one active launch per Deployment), or null. */
  private static String targetBusy(LaunchPlanSpec spec, Observation obs, LaunchPlanStatus s) {
    return obs.targetPlans() == null ? null
        : obs.targetPlans().busy(spec.getTargetRef().getName(), Instant.parse(s.getQueuedAt()));
  }

  /** The canary's name is held by a Deployment the plan does not own: it is never adopted or changed. */
  static String canaryNameTaken(LaunchPlanSpec spec, Observation obs, String then) {
    String target = spec.getTargetRef().getName();
    return obs.canaryNameTaken() + "; the canary of Deployment " + target + " is always called " + target
        + "-canary and the operator never changes or deletes a Deployment it does not own: rename or delete that"
        + " Deployment and " + then;
  }

  private static void gates(LaunchPlanSpec spec, Observation obs, Draft d) {
    LaunchPlanStatus s = d.status();
    Gates.Outcome outcome = Gates.check(spec, s, lane(spec, obs), obs.policy(), obs.approvals(), obs.policyQueues(),
        obs.now());
    if (outcome instanceof Hold hold) {
      if (hold.reason() == Reason.OutsideLaunchWindow) {
        s.setWindow(PolicyGate.status(obs.policy(), obs.now()));
      }
      if (hold.reason() == Reason.ApprovalRequired && hold.reason().name().equals(s.getReason())
          && !obs.revision().equals(lastRevisionRecorded(s))) {
        d.note(Reason.ApprovalRequired, hold.message(), false); // a new revision asks for approval anew
      }
      d.stay(hold.reason(), hold.message(), hold.warning());
      if (hold.retryAt() != null) {
        d.wakeAt(hold.retryAt());
      }
      d.wakeIn(RECHECK);
    } else if (outcome instanceof Gates.PostmortemAccepted accepted) {
      s.setPostmortemAcceptedFor(accepted.revision());
      d.stay(Reason.PostmortemAccepted, accepted.message(), false);
      d.wakeIn(Duration.ZERO);
    } else if (obs.approvals().recordsApproval() && !Reason.Approved.name().equals(s.getReason())
        && !Reason.EmergencyBypass.name().equals(s.getReason())) {
      // Who approved, and when: a step of its own (history, Event), just before the launch goes on.
      d.stay(Reason.Approved, obs.approvals().approvedMessage(), false);
      d.wakeIn(Duration.ZERO);
    } else if (spec.emergency() && !Reason.EmergencyBypass.name().equals(s.getReason())) {
      List<String> bypassed = new ArrayList<>(((Gates.Open) outcome).bypassed());
      if (obs.frozen()) {
        bypassed.add("the freeze by " + obs.freeze());
      }
      d.stay(Reason.EmergencyBypass, "EMERGENCY launch of revision " + obs.revision() + " (spec.emergency: true), "
          + (bypassed.isEmpty() ? "nothing was holding it" : "bypassing: " + String.join("; ", bypassed))
          + ". The canary and the analysis still run.", true);
      d.wakeIn(Duration.ZERO);
    } else if (!CheckGate.holdsLaunch(spec, obs, d)) {
      start(spec, obs, d);
    }
  }

  /** The revision of the newest history entry, or null. */
  private static String lastRevisionRecorded(LaunchPlanStatus s) {
    return s.getHistory() == null || s.getHistory().isEmpty() ? null
        : s.getHistory().get(s.getHistory().size() - 1).getRevision();
  }

  private static void start(LaunchPlanSpec spec, Observation obs, Draft d) {
    LaunchPlanStatus s = d.status();
    TargetView target = obs.target();
    s.setStableRevision(target.templateHash());
    s.setLaunchStartedAt(obs.now().toString());
    s.setTargetTemplateHash(null);
    s.setPausedFrom(null);
    s.setRevertDecidedAt(null);
    s.setLastAnalysisAt(null);
    s.setAnalysis(new ArrayList<>());
    s.setCanary(null);
    s.setStep(CanarySteps.first(spec, obs.now().toString()));
    s.setDrift(null);
    d.moveTo(Phase.Canary, Reason.LaunchStarted, (spec.emergency() ? "EMERGENCY: " : "") + "launching revision "
        + obs.revision() + " onto Deployment " + spec.getTargetRef().getName() + " (stable revision "
        + target.templateHash() + ")");
    CheckGate.onStart(spec, d);
    d.effect(Effect.SAVE_STABLE_TEMPLATE);
    d.effect(Effect.APPLY_CANARY);
    d.wakeIn(LaunchDecider.WAIT_POLL);
  }

  /** The plan's lane; alone in a lane named after {@code spec.lane} when the observation has none. */
  private static LaneView lane(LaunchPlanSpec spec, Observation obs) {
    return obs.lane() != null ? obs.lane()
        : LaneView.alone(spec.getLane() != null ? spec.getLane() : "(default)", "", "", null);
  }
}
