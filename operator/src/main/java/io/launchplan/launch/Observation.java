package io.launchplan.launch;

import io.launchplan.analysis.model.AnalysisOutcome;
import io.launchplan.gates.ApprovalGate;
import io.launchplan.gates.CombinedPolicy;
import io.launchplan.gates.LaneView;
import io.launchplan.gates.PolicyQueue;
import java.time.Instant;
import java.util.List;

/**
 * Everything the decision looks at besides the plan itself: what the cluster and Prometheus show
 * right now. Built by {@code cluster.Observer}; no client objects cross this line.
 *
 * @param now the clock's reading for this decision
 * @param revision hash of the plan's current {@code spec.template}
 * @param specError why the spec cannot be launched onto the target (unknown container, a merged
 *     template the API server rejects, an unknown query variable), or null
 * @param target the target Deployment, or null when it does not exist
 * @param canary the canary Deployment, or null when it does not exist
 * @param analysis the result of an analysis tick run for this decision, or null when none was due;
 *     in Pending, the pre-flight run of the queries (with no canary pods yet)
 * @param freeze who froze launches and why (e.g. {@code namespace shop: incident INC-42}), or null
 * @param lane the plan's lane and the other plans in it, when a launch may start; null otherwise
 *     (then the plan counts as alone in its lane)
 * @param controls the manual control annotations ({@link Controls#NONE} when there are none)
 * @param tickPhase the plan's place in each analysis interval, in [0, 1) ({@link TickSchedule#phaseOf})
 * @param canaryNameTaken what holds the canary's name when a Deployment the plan does not own has
 *     it (e.g. {@code Deployment web-canary exists and is not this plan's canary (it has no
 *     controller)}), or null; {@code canary} is then null
 * @param targetPlans the other plans on the same target Deployment, when a launch may start; null
 *     otherwise (then the plan counts as alone on it)
 * @param canaryPods how many pods {@code ${canaryPods}} matched in this decision's analysis tick,
 *     or -1 when they were not counted
 * @param policy the LaunchPolicies that apply: while Pending, those covering the plan now; during a
 *     launch, those that covered it when it started ({@link CombinedPolicy#NONE} when none)
 * @param approvals the plan's LaunchApprovals judged against the requirements
 *     ({@link ApprovalGate.Verdict#NONE} when there are neither)
 * @param policyQueues the plans counted by each covering policy's {@code maxConcurrentLaunches}, when a
 *     launch may start; empty otherwise
 * @param checks what this reconcile saw of the Job and web checks ({@link CheckFindings#NONE} when none)
 */
public record Observation(
    Instant now,
    String revision,
    String specError,
    TargetView target,
    CanaryView canary,
    AnalysisOutcome analysis,
    String freeze,
    LaneView lane,
    Controls controls,
    double tickPhase,
    String canaryNameTaken,
    TargetPlans targetPlans,
    int canaryPods,
    CombinedPolicy policy,
    ApprovalGate.Verdict approvals,
    List<PolicyQueue> policyQueues,
    CheckFindings checks) {

  public Observation {
    controls = controls != null ? controls : Controls.NONE;
    policy = policy != null ? policy : CombinedPolicy.NONE;
    approvals = approvals != null ? approvals : ApprovalGate.Verdict.NONE;
    policyQueues = policyQueues != null ? List.copyOf(policyQueues) : List.of();
    checks = checks != null ? checks : CheckFindings.NONE;
  }

  /** An observation without LaunchApprovals, launch-slot queues or Job and web check findings. */
  public Observation(Instant now, String revision, String specError, TargetView target, CanaryView canary,
      AnalysisOutcome analysis, String freeze, LaneView lane, Controls controls, double tickPhase,
      String canaryNameTaken, TargetPlans targetPlans, int canaryPods, CombinedPolicy policy) {
    this(now, revision, specError, target, canary, analysis, freeze, lane, controls, tickPhase, canaryNameTaken,
        targetPlans, canaryPods, policy, ApprovalGate.Verdict.NONE, List.of(), CheckFindings.NONE);
  }

  /** An observation without launch-slot queues or check findings. */
  public Observation(Instant now, String revision, String specError, TargetView target, CanaryView canary,
      AnalysisOutcome analysis, String freeze, LaneView lane, Controls controls, double tickPhase,
      String canaryNameTaken, TargetPlans targetPlans, int canaryPods, CombinedPolicy policy,
      ApprovalGate.Verdict approvals) {
    this(now, revision, specError, target, canary, analysis, freeze, lane, controls, tickPhase, canaryNameTaken,
        targetPlans, canaryPods, policy, approvals, List.of(), CheckFindings.NONE);
  }

  /** An observation without launch-slot queues. */
  public Observation(Instant now, String revision, String specError, TargetView target, CanaryView canary,
      AnalysisOutcome analysis, String freeze, LaneView lane, Controls controls, double tickPhase,
      String canaryNameTaken, TargetPlans targetPlans, int canaryPods, CombinedPolicy policy,
      ApprovalGate.Verdict approvals, CheckFindings checks) {
    this(now, revision, specError, target, canary, analysis, freeze, lane, controls, tickPhase, canaryNameTaken,
        targetPlans, canaryPods, policy, approvals, List.of(), checks);
  }

  /** An observation without LaunchApprovals or Job and web check findings. */
  public Observation(Instant now, String revision, String specError, TargetView target, CanaryView canary,
      AnalysisOutcome analysis, String freeze, LaneView lane, Controls controls, double tickPhase,
      String canaryNameTaken, TargetPlans targetPlans, int canaryPods, CombinedPolicy policy,
      List<PolicyQueue> policyQueues) {
    this(now, revision, specError, target, canary, analysis, freeze, lane, controls, tickPhase, canaryNameTaken,
        targetPlans, canaryPods, policy, ApprovalGate.Verdict.NONE, policyQueues, CheckFindings.NONE);
  }

  boolean frozen() {
    return freeze != null;
  }

  /** This observation with {@code other} as the analysis tick's outcome. */
  Observation withAnalysis(AnalysisOutcome other) {
    return new Observation(now, revision, specError, target, canary, other, freeze, lane, controls, tickPhase,
        canaryNameTaken, targetPlans, canaryPods, policy, approvals, policyQueues, checks);
  }
}
