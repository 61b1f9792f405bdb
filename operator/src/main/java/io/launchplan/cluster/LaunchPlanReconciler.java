package io.launchplan.cluster;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.launchplan.analysis.Analyzer;
import io.launchplan.analysis.PrometheusUrls;
import io.launchplan.analysis.model.AnalysisOutcome;
import io.launchplan.analysis.model.QueryVariables;
import io.launchplan.analysis.model.Verdict;
import io.launchplan.analysis.receiver.PushedAlerts;
import io.launchplan.api.AnalysisSpec;
import io.launchplan.api.FreezeStatus;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import io.launchplan.api.QueryStatus;
import io.launchplan.gates.Freeze;
import io.launchplan.launch.Conditions;
import io.launchplan.launch.Controls;
import io.launchplan.launch.Decision;
import io.launchplan.launch.LaunchDecider;
import io.launchplan.launch.Observation;
import io.launchplan.launch.Revisions;
import io.launchplan.launch.TickSchedule;
import io.launchplan.metrics.OperatorMetrics;
import io.launchplan.notify.Notifier;
import io.launchplan.notify.PlanRef;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Observes the cluster and Prometheus for one plan, asks {@link LaunchDecider} what to do, makes
 * the changes ({@link Actuator}), and writes the status once ({@link StatusWriter}); a reconcile
 * that throws ends in {@code Ready=False}/{@code ReconcileError} ({@link #updateErrorStatus}).
 * Never waits inside a reconcile: it returns with a reschedule and is woken by watches on
 * Deployments and Namespaces, or by the timer. Reads come
 * from the informers' caches ({@link ClusterCache}); deletion clean-up reads live objects.
 */
@ControllerConfiguration(name = "launchplan")
public final class LaunchPlanReconciler implements Reconciler<LaunchPlan>, Cleaner<LaunchPlan> {
  private static final Logger log = LoggerFactory.getLogger("io.launchplan.transitions");

  private final Clock clock;
  private final PrometheusUrls prometheusUrls;
  private final Analyzer analyzer;
  private final OperatorMetrics metrics;
  private final LaunchDecider decider = new LaunchDecider();
  private final Lanes lanes;
  private final TargetClaims targetClaims = new TargetClaims();
  private final SpecChecks specChecks;
  private final Actuator actuator;
  private final StatusWriter statusWriter;
  private final Freezes freezes;
  private final ClusterFreezes clusterFreezes;
  private final LaunchEvents events;
  private final PushedAlerts pushedAlerts;
  private final Notifier notifier;
  /** How soon a plan whose reconcile keeps failing is looked at again once JOSDK's retries are used up. */
  static final Duration ERROR_RECHECK = Duration.ofSeconds(30);

  /** Set when the event sources are made, before the first reconcile. */
  private volatile ClusterCache cache;

  public LaunchPlanReconciler(KubernetesClient client, Clock clock,
      PrometheusUrls prometheusUrls, Analyzer analyzer, OperatorMetrics metrics, PushedAlerts pushedAlerts, Notifier notifier,
      ClusterFreezes clusterFreezes) {
    this.clock = clock;
    this.prometheusUrls = prometheusUrls;
    this.analyzer = analyzer;
    this.metrics = metrics;
    TargetDeployments targets = new TargetDeployments(client);
    this.specChecks = new SpecChecks(targets, prometheusUrls);
    this.actuator = new Actuator(client, targets, metrics, clock, () -> cache);
    this.statusWriter = new StatusWriter(metrics);
    this.clusterFreezes = clusterFreezes;
    this.freezes = new Freezes(name -> cache.namespace(name), clusterFreezes);
    this.lanes = new Lanes(plan -> freezes.find(plan) != null);
    this.events = new LaunchEvents(client);
    this.pushedAlerts = pushedAlerts;
    this.notifier = notifier;
  }

  @Override
  public List<EventSource<?, LaunchPlan>> prepareEventSources(EventSourceContext<LaunchPlan> context) {
    WakeUps.Sources sources = WakeUps.eventSources(context, pushedAlerts, notifier.status(), clusterFreezes);
    this.cache = sources.cache();
    return sources.eventSources();
  }

  @Override
  public UpdateControl<LaunchPlan> reconcile(LaunchPlan plan, Context<LaunchPlan> context) {
    long started = System.nanoTime();
    try {
      return step(plan, context);
    } finally {
      targetClaims.unlock();
      lanes.unlock();
      metrics.reconcile(Duration.ofNanos(System.nanoTime() - started));
    }
  }

  private UpdateControl<LaunchPlan> step(LaunchPlan plan, Context<LaunchPlan> context) {
    Instant now = clock.instant(); // the observation's time; the decision takes its own (below)
    String uid = plan.getMetadata().getUid();
    LaunchPlanStatus status = statusWriter.current(plan);
    Phase phase = status.getPhase() != null ? status.getPhase() : Phase.Pending;
    String revision = Revisions.templateHash(plan.getSpec().getTemplate());
    double tickPhase = TickSchedule.phaseOf(uid);
    Deployment target = cache.target(plan);
    Deployment canary = cache.canary(plan);
    boolean launching = phase == Phase.Pending || (phase.isTerminal() && !revision.equals(status.getRevision()));
    String specError = launching ? specChecks.problem(plan, target, revision) : null;
    // The freeze keeps the "since" status has while the same freeze persists (reconciles, restarts).
    FreezeStatus frozenBy = Freeze.tracked(status.getFreeze(), freezes.find(plan), now);
    String freeze = Freeze.describe(frozenBy);
    Controls controls = ControlAnnotations.of(plan);
    // A new abort or a pushed Revert alert acts now: it never waits behind a Prometheus query.
    AnalysisOutcome pushed = pushedAlerts.outcomeFor(plan, status.getAnalysis(), now);
    boolean urgent = LaunchDecider.actsWithoutPolling(controls, status, pushed);
    AnalysisOutcome analysis = null;
    CanaryDeployments.PodNames pods = null;
    if (urgent) {
      analysis = pushed;
    } else if (launching && specError == null && target != null) {
      analysis = preflight(plan, now);
    } else if (target != null && LaunchDecider.analysisDue(plan.getSpec(), status, now, tickPhase)) {
      Instant slot = LaunchDecider.tickSlot(plan.getSpec(), status, now, tickPhase);
      if (slot != null) {
        metrics.tickLag(Duration.between(TickSchedule.next(Instant.parse(status.getLastAnalysisAt()),
            plan.getSpec().analysisOrDefault().intervalOrDefault(), tickPhase), now));
      }
      pods = CanaryDeployments.podNames(plan, target, cache);
      analysis = analyse(plan, status, pods, now, slot);
    }
    if (!urgent && pushed != null) {
      // A matching alert Alertmanager pushed acts now, whether or not a poll tick was due.
      analysis = PushedAlerts.combine(analysis, analysis != null
          ? pushedAlerts.outcomeFor(plan, analysis.statuses(), now) : pushed);
    }
    // A launch may start: look at its lane, locked until this reconcile has written its status.
    var lane = launching ? lanes.lockAndView(plan, context.getPrimaryCache()) : null;
    // ... and at the other plans of its target Deployment, locked the same way (always after the lane).
    var targetPlans = launching ? targetClaims.lockAndView(plan, context.getPrimaryCache()) : null;
    int canaryPods = analysis == null || target == null || launching ? -1
        : (pods != null ? pods : CanaryDeployments.podNames(plan, target, cache)).canary().size();
    // The decision is stamped with the time it is made, after the queries, not when the reconcile began.
    now = clock.instant();
    Observation obs = new Observation(now, revision, specError, TargetDeployments.view(target),
        CanaryDeployments.view(canary), analysis, freeze, lane, controls, tickPhase,
        cache.canaryNameTaken(plan), targetPlans, canaryPods);
    Decision decision = decider.decide(plan.getSpec(), status, obs);
    LaunchPlanStatus next = decision.status();
    actuator.apply(plan, decision, target, canary, revision, next);
    Actuator.stampActed(next, decision, now, clock.instant());

    next.setObservedGeneration(plan.getMetadata().getGeneration());
    next.setFreeze(frozenBy);
    Conditions.apply(next, plan.getMetadata().getGeneration(), now, freeze, plan.getSpec().emergency());
    notifier.status().applyCondition(plan, next, now);
    notifier.settle(plan, next); // status.notifiedThrough: how far the plan's notices are sent
    metrics.phase(key(plan), next.getPhase());
    statusWriter.write(plan, next, decision, analysis != null, now, context);
    if (decision.transition() != null) {
      // After the write: a write that fails repeats the step, and the transition is told once.
      var t = next.getHistory().get(next.getHistory().size() - 1);
      log.info("{}/{} {} -> {} reason={} revision={} message=\"{}\"", plan.getMetadata().getNamespace(),
          plan.getMetadata().getName(), phase, t.getPhase(), t.getReason(), t.getRevision(), t.getMessage());
      events.record(plan, t, decision.warning());
      metrics.transition(t.getPhase(), t.getReason());
    }
    notifier.catchUp(plan, next); // after the write: a failed write repeats the step
    UpdateControl<LaunchPlan> control = UpdateControl.noUpdate();
    if (decision.requeueAfter() != null) {
      // The timer starts when this returns: count the wait from now, not from the reconcile's start,
      // or every tick runs late by one reconcile. Rounded up, so a wake-up is never a hair early.
      Duration left = Duration.between(clock.instant(), now.plus(decision.requeueAfter()));
      control.rescheduleAfter(Math.max((left.toNanos() + 999_999) / 1_000_000, 50));
    }
    return control;
  }

  /**
   * A reconcile that threw: {@code Ready=False} with reason {@code ReconcileError} and what went
   * wrong, and a Warning Event when the error is new, so a plan never sits without a word while
   * JOSDK retries with backoff. When the retries are used up the plan is looked at again after
   * {@link #ERROR_RECHECK}. The next reconcile that gets through clears the condition.
   */
  @Override
  public ErrorStatusUpdateControl<LaunchPlan> updateErrorStatus(LaunchPlan plan, Context<LaunchPlan> context,
      Exception e) {
    String message = ReconcileErrors.describe(e);
    log.warn("{}/{} reconcile failed: {}", plan.getMetadata().getNamespace(), plan.getMetadata().getName(), message);
    LaunchPlanStatus status = plan.getStatus() != null
        ? Serialization.jsonMapper().convertValue(plan.getStatus(), LaunchPlanStatus.class) : new LaunchPlanStatus();
    Condition ready = Conditions.find(status, Conditions.READY);
    boolean known = ready != null && Conditions.RECONCILE_ERROR.equals(ready.getReason())
        && message.equals(ready.getMessage());
    if (!known) {
      Conditions.reconcileError(status, plan.getMetadata().getGeneration(), clock.instant(), message);
      try {
        StatusWriter.writeStatus(plan, status, context);
        events.record(plan, ReconcileErrors.entry(status, message, clock.instant()), true);
      } catch (RuntimeException writeFailed) {
        // The plan changed meanwhile (its own write went through) or the API server is away: the retry tells.
        log.warn("{}/{} could not record the reconcile error: {}", plan.getMetadata().getNamespace(),
            plan.getMetadata().getName(), writeFailed.getMessage());
      }
    }
    ErrorStatusUpdateControl<LaunchPlan> control = ErrorStatusUpdateControl.noStatusUpdate();
    if (context.getRetryInfo().map(RetryInfo::isLastAttempt).orElse(false)) {
      control.withNoRetry().rescheduleAfter(ERROR_RECHECK);
    }
    return control;
  }

  /** Runs the queries once before a launch starts, so a query Prometheus rejects changes nothing. */
  private AnalysisOutcome preflight(LaunchPlan plan, Instant now) {
    var spec = plan.getSpec().analysisOrDefault();
    if (!spec.hasChecks()) {
      return null;
    }
    QueryVariables vars = new QueryVariables(plan.getMetadata().getNamespace(), plan.getSpec().getTargetRef().getName(),
        List.of(), List.of(), Revisions.templateHash(plan.getSpec().getTemplate()));
    return analyzer.evaluate(spec, prometheusUrl(spec), vars, List.of(), now);
  }

  /** The plan's Prometheus; throws IllegalArgumentException for a URL that is malformed or not allowed. */
  private URI prometheusUrl(AnalysisSpec spec) {
    return Analyzer.prometheusUrl(spec, prometheusUrls);
  }

  private AnalysisOutcome analyse(LaunchPlan plan, LaunchPlanStatus status, CanaryDeployments.PodNames pods,
      Instant now, Instant tickSlot) {
    QueryVariables vars = new QueryVariables(plan.getMetadata().getNamespace(), plan.getSpec().getTargetRef().getName(),
        pods.canary(), pods.stable(), Objects.requireNonNullElse(status.getRevision(), ""));
    var spec = plan.getSpec().analysisOrDefault();
    List<QueryStatus> previous = status.getAnalysis() == null ? List.of() : status.getAnalysis();
    try {
      return analyzer.evaluate(spec, prometheusUrl(spec), vars, previous, now, tickSlot);
    } catch (IllegalArgumentException e) {
      // spec.analysis was edited mid-launch into something that cannot run: hold, never promote blind.
      return new AnalysisOutcome(previous, Verdict.ERROR, null, "invalid spec.analysis: " + e.getMessage());
    }
  }

  @Override
  public DeleteControl cleanup(LaunchPlan plan, Context<LaunchPlan> context) {
    metrics.forget(key(plan));
    statusWriter.forget(plan);
    notifier.status().forget(PlanRef.of(plan));
    actuator.removeOnDelete(plan);
    return DeleteControl.defaultDelete();
  }

  private static String key(LaunchPlan plan) {
    return plan.getMetadata().getNamespace() + "/" + plan.getMetadata().getName();
  }
}
