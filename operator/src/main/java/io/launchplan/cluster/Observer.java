package io.launchplan.cluster;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.launchplan.analysis.Analyzer;
import io.launchplan.analysis.model.AnalysisOutcome;
import io.launchplan.analysis.model.Verdict;
import io.launchplan.analysis.model.QueryVariables;
import io.launchplan.analysis.model.ShadowActs;
import io.launchplan.analysis.receiver.PushedAlerts;
import io.launchplan.api.FreezeStatus;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import io.launchplan.api.QueryStatus;
import io.launchplan.gates.ApprovalGate;
import io.launchplan.gates.CombinedPolicy;
import io.launchplan.gates.Freeze;
import io.launchplan.gates.LaneView;
import io.launchplan.gates.PolicyQueue;
import io.launchplan.launch.Controls;
import io.launchplan.launch.GitOpsDrift;
import io.launchplan.launch.LaunchDecider;
import io.launchplan.launch.CheckFindings;
import io.launchplan.launch.LoopDecisions;
import io.launchplan.launch.LoopDecisions.AnalysisRun;
import io.launchplan.launch.Observation;
import io.launchplan.launch.Revisions;
import io.launchplan.launch.TargetPlans;
import io.launchplan.launch.TargetView;
import io.launchplan.launch.TickSchedule;
import io.launchplan.metrics.OperatorMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Reads the world for one reconcile into an {@link Observation}: the target and canary from the
 * informers' caches, the spec checks of a launch that may start, the freeze, the manual controls,
 * the analysis (what Alertmanager pushed, the pre-flight or a due tick, as
 * {@link LoopDecisions#analysisRun} says), and, when a launch may start, its lane and the other
 * plans of its target and the launch slots of its policies, all locked until {@link #release} so two
 * plans never decide on one picture.
 * Decides nothing itself.
 */
final class Observer implements Loop.Observe {
  private final Clock clock;
  private final Supplier<ClusterCache> cache;
  private final Supplier<LaunchPolicies> policies;
  private final Supplier<LaunchApprovals> approvals;
  private final SpecChecks specChecks;
  private final Freezes freezes;
  private final Lanes lanes;
  private final TargetClaims targetClaims = new TargetClaims();
  private final PolicyQueues policyQueues = new PolicyQueues();
  private final PushedAlerts pushedAlerts;
  private final Analyzer analyzer;
  private final PrometheusConnections connections;
  private final OperatorMetrics metrics;
  private final CheckObserver checks;

  Observer(Clock clock, Supplier<ClusterCache> cache, Supplier<LaunchPolicies> policies,
      Supplier<LaunchApprovals> approvals, SpecChecks specChecks,
      Freezes freezes, PushedAlerts pushedAlerts, Analyzer analyzer, PrometheusConnections connections,
      OperatorMetrics metrics, CheckObserver checks) {
    this.checks = checks;
    this.clock = clock;
    this.cache = cache;
    this.policies = policies;
    this.approvals = approvals;
    this.specChecks = specChecks;
    this.freezes = freezes;
    this.lanes = new Lanes(plan -> freezes.find(plan) != null);
    this.pushedAlerts = pushedAlerts;
    this.analyzer = analyzer;
    this.connections = connections;
    this.metrics = metrics;
  }

  /** What the decision for {@code plan}, whose status is {@code status}, looks at. */
  @Override
  public Observed observe(LaunchPlan plan, LaunchPlanStatus status, Context<LaunchPlan> context) {
    ClusterCache cache = this.cache.get();
    Instant now = clock.instant(); // the observation's time; the decision takes its own (below)
    Phase phase = status.getPhase() != null ? status.getPhase() : Phase.Pending;
    String revision = Revisions.templateHash(plan.getSpec().getTemplate());
    double tickPhase = TickSchedule.phaseOf(plan.getMetadata().getUid());
    Deployment target = cache.target(plan);
    Deployment canary = cache.canary(plan);
    boolean launching = LoopDecisions.isLaunch(status, revision);
    String specError = launching ? specChecks.problem(plan, target, revision) : null;
    // The LaunchPolicies that apply, and the spec the launch is judged by: the plan's own with their required checks.
    CombinedPolicy policy = policies.get().forPlan(plan, status, launching,
        cache.namespace(plan.getMetadata().getNamespace()));
    // The plan's LaunchApprovals judged; an emergency lacking its Emergency approvals bypasses nothing.
    ApprovalGate.Verdict approved = approvals.get().verdict(plan, status, policy, revision, launching, now);
    LaunchPlanSpec spec = approved.effectiveSpec(policy.effectiveSpec(plan.getSpec()));
    Freeze freezeFound = freezes.find(plan);
    if (freezeFound == null && !launching && phase.isActive()) {
      freezeFound = LaunchPolicies.windowClosed(policy, now);
    }
    // The freeze keeps the "since" status has while the same freeze persists (reconciles, restarts).
    FreezeStatus frozenBy = Freeze.tracked(status.getFreeze(), freezeFound, now);
    Controls controls = ControlAnnotations.of(plan);
    // A new abort or a pushed Revert alert acts now: it never waits behind a Prometheus query.
    AnalysisOutcome pushed = pushedAlerts.outcomeFor(plan, spec, status.getAnalysis(), now);
    boolean urgent = LaunchDecider.actsWithoutPolling(controls, status, pushed);
    AnalysisRun run = LoopDecisions.analysisRun(spec, status, urgent, launching, specError, target != null,
        now, tickPhase);
    CanaryDeployments.PodNames pods = run == AnalysisRun.TICK ? CanaryDeployments.podNames(plan, target, cache) : null;
    AnalysisOutcome analysis = switch (run) {
      case PUSHED -> pushed;
      case PREFLIGHT -> preflight(plan, spec, now);
      case TICK -> tick(plan, spec, status, pods, now, tickPhase);
      case NONE -> null;
    };
    if (!urgent && pushed != null) {
      // A matching alert Alertmanager pushed acts now, whether or not a poll tick was due.
      analysis = PushedAlerts.combine(analysis, analysis != null
          ? pushedAlerts.outcomeFor(plan, spec, analysis.statuses(), now) : pushed);
    }
    // A launch may start: look at its lane, locked until this reconcile has written its status ...
    LaneView lane = launching ? lanes.lockAndView(plan, context.getPrimaryCache()) : null;
    // ... and at the other plans of its target Deployment, locked the same way (always after the lane).
    TargetPlans targetPlans = launching ? targetClaims.lockAndView(plan, context.getPrimaryCache()) : null;
    // ... and at the launch slots of its policies' maxConcurrentLaunches, across lanes (after the target).
    List<PolicyQueue> slots = launching ? policyQueues.lockAndView(plan, policy, policies.get().views(),
        context.getPrimaryCache(), cache, lanes) : List.of();
    int canaryPods = analysis == null || target == null || launching ? -1
        : (pods != null ? pods : CanaryDeployments.podNames(plan, target, cache)).canary().size();
    // The Job checks' Jobs at the launch's point, and its web checks when a tick (or the pre-flight) runs.
    CheckFindings checkFindings = specError != null ? CheckFindings.NONE : checks.observe(plan, status, revision,
        launching, run == AnalysisRun.TICK || run == AnalysisRun.PREFLIGHT);
    // The decision is stamped with the time it is made, after the queries, not when the reconcile began.
    Observation observation = new Observation(clock.instant(), revision, specError, targetView(target, status, context),
        CanaryDeployments.view(canary), analysis, Freeze.describe(frozenBy), lane, controls, tickPhase,
        cache.canaryNameTaken(plan), targetPlans, canaryPods, policy, approved, slots, checkFindings);
    return new Observed(observation, spec, phase, target, canary, frozenBy, analysis != null);
  }

  /**
   * The decision's view of the target; when its template looks changed by someone else, with the
   * writer read from the live object's managedFields (the cache drops them to save memory), so the
   * GitOps drift is named. Costs one GET per reconcile only while a drift holds the launch.
   */
  private static TargetView targetView(Deployment target, LaunchPlanStatus status, Context<LaunchPlan> context) {
    TargetView view = TargetDeployments.view(target);
    if (!GitOpsDrift.suspected(view, status) || context == null) {
      return view;
    }
    Deployment live = context.getClient().apps().deployments().inNamespace(target.getMetadata().getNamespace())
        .withName(target.getMetadata().getName()).get();
    return live == null ? view : GitOpsDrift.writtenBy(view, TemplateWriters.newest(live));
  }

  /** Releases the lane and target locks {@link #observe} took on this thread, if any. */
  @Override
  public void release() {
    policyQueues.unlock();
    targetClaims.unlock();
    lanes.unlock();
  }

  /** Runs the queries once before a launch starts, so a query Prometheus rejects changes nothing. */
  private AnalysisOutcome preflight(LaunchPlan plan, LaunchPlanSpec effective, Instant now) {
    var spec = effective.analysisOrDefault();
    if (!spec.hasChecks()) {
      return null;
    }
    String webConnection = checks.connectionProblem(plan); // a web check's Secret missing: nothing starts (issue 17)
    if (webConnection != null) {
      return new AnalysisOutcome(List.of(), Verdict.ERROR, null, webConnection);
    }
    if (!spec.hasPrometheusChecks()) {
      return new AnalysisOutcome(List.of(), Verdict.PASS, null, "no Prometheus checks");
    }
    QueryVariables vars = new QueryVariables(plan.getMetadata().getNamespace(), plan.getSpec().getTargetRef().getName(),
        List.of(), List.of(), Revisions.templateHash(plan.getSpec().getTemplate()));
    try {
      return analyzer.evaluate(spec, connections.source(plan.getMetadata().getNamespace(), spec), vars, List.of(), now,
          null);
    } catch (IllegalArgumentException e) {
      // The plan's own checks passed SpecChecks: what cannot run is a LaunchPolicy's required check.
      return LoopDecisions.analysisCannotRun(List.of(), e.getMessage());
    }
  }

  /** A due analysis tick of a launch under way, on its slot of the schedule when it is on time. */
  private AnalysisOutcome tick(LaunchPlan plan, LaunchPlanSpec effective, LaunchPlanStatus status,
      CanaryDeployments.PodNames pods, Instant now, double tickPhase) {
    Instant slot = LaunchDecider.tickSlot(effective, status, now, tickPhase);
    if (slot != null) {
      metrics.tickLag(LoopDecisions.tickLag(effective, status, now, tickPhase));
    }
    QueryVariables vars = new QueryVariables(plan.getMetadata().getNamespace(), plan.getSpec().getTargetRef().getName(),
        pods.canary(), pods.stable(), Objects.requireNonNullElse(status.getRevision(), ""));
    var spec = effective.analysisOrDefault();
    List<QueryStatus> previous = status.getAnalysis() == null ? List.of() : status.getAnalysis();
    try {
      AnalysisOutcome outcome = analyzer.evaluate(spec, connections.source(plan.getMetadata().getNamespace(), spec), vars,
          previous, now, slot);
      ShadowActs.newlyActing(previous, outcome.statuses()).forEach(a -> metrics.shadowWouldAct(a.name()));
      return outcome;
    } catch (IllegalArgumentException e) {
      // spec.analysis was edited mid-launch into something that cannot run: hold, never promote blind.
      return LoopDecisions.analysisCannotRun(previous, e.getMessage());
    }
  }
}
