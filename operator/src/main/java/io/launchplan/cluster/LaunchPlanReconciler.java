package io.launchplan.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
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
import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import io.launchplan.api.QueryStatus;
import io.launchplan.gates.Freeze;
import io.launchplan.launch.Conditions;
import io.launchplan.launch.Controls;
import io.launchplan.launch.Decision;
import io.launchplan.launch.Effect;
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
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Observes the cluster and Prometheus for one plan, asks {@link LaunchDecider} what to do, makes
 * the changes, and writes the status once. Never waits inside a reconcile: it returns with a
 * reschedule and is woken by watches on Deployments and Namespaces, or by the timer. Reads come
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
  private final TargetDeployments targets;
  private final CanaryDeployments canaries;
  private final StableTemplates stableTemplates;
  private final SpecChecks specChecks;
  private final Freezes freezes;
  private final ClusterFreezes clusterFreezes;
  private final LaunchEvents events;
  private final PushedAlerts pushedAlerts;
  private final Notifier notifier;
  /**
   * A quiet analysis tick (nothing but the tick time and the query values changed) is not written
   * when the status already shows a tick younger than this: 1,000 plans on a 10 s interval would
   * otherwise write 100 unchanged statuses a second. Every change is written at once.
   */
  static final Duration QUIET_TICK_REFRESH = Duration.ofSeconds(30);
  /** How soon a plan whose reconcile keeps failing is looked at again once JOSDK's retries are used up. */
  static final Duration ERROR_RECHECK = Duration.ofSeconds(30);

  /** The last tick of plans whose quiet ticks were not written, by UID: the schedule runs from it. */
  private final Map<String, Instant> unwrittenTicks = new ConcurrentHashMap<>();
  /** Set when the event sources are made, before the first reconcile. */
  private volatile ClusterCache cache;

  public LaunchPlanReconciler(KubernetesClient client, Clock clock,
      PrometheusUrls prometheusUrls, Analyzer analyzer, OperatorMetrics metrics, PushedAlerts pushedAlerts, Notifier notifier,
      ClusterFreezes clusterFreezes) {
    this.clock = clock;
    this.prometheusUrls = prometheusUrls;
    this.analyzer = analyzer;
    this.metrics = metrics;
    this.targets = new TargetDeployments(client);
    this.canaries = new CanaryDeployments(client);
    this.stableTemplates = new StableTemplates(client);
    this.specChecks = new SpecChecks(targets, prometheusUrls);
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
    LaunchPlanStatus status = withUnwrittenTick(plan.getStatus() != null ? plan.getStatus() : new LaunchPlanStatus(),
        unwrittenTicks.get(uid));
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
    apply(plan, decision, target, canary, revision, next);
    stampActed(next, decision, now, clock.instant());

    next.setObservedGeneration(plan.getMetadata().getGeneration());
    next.setFreeze(frozenBy);
    Conditions.apply(next, plan.getMetadata().getGeneration(), now, freeze, plan.getSpec().emergency());
    notifier.status().applyCondition(plan, next, now);
    notifier.settle(plan, next); // status.notifiedThrough: how far the plan's notices are sent
    metrics.phase(key(plan), next.getPhase());
    JsonNode nextJson = Serialization.jsonMapper().valueToTree(next);
    JsonNode writtenJson = Serialization.jsonMapper().valueToTree(plan.getStatus());
    boolean quiet = analysis != null && decision.transition() == null && decision.effects().isEmpty()
        && quietTick(nextJson, writtenJson, now);
    if (quiet) {
      unwrittenTicks.put(uid, Instant.parse(next.getLastAnalysisAt()));
      metrics.statusWrite(false);
    } else if (!nextJson.equals(writtenJson)) {
      unwrittenTicks.remove(uid);
      metrics.statusWrite(true);
      writeStatus(plan, next, context);
    }
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
        writeStatus(plan, status, context);
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

  /** Writes {@code status} as the plan's whole status (server-side apply, guarded by the plan's resourceVersion). */
  private static void writeStatus(LaunchPlan plan, LaunchPlanStatus status, Context<LaunchPlan> context) {
    LaunchPlan fresh = new LaunchPlan();
    fresh.setMetadata(new ObjectMetaBuilder()
        .withName(plan.getMetadata().getName()).withNamespace(plan.getMetadata().getNamespace())
        .withResourceVersion(plan.getMetadata().getResourceVersion()).build());
    fresh.setStatus(status);
    PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(plan, fresh, context);
  }

  /**
   * The transition of {@code decision} happened when its changes were made, at {@code acted}, not
   * when it was decided: its history entry, and the start of the phase it entered, say so.
   */
  static void stampActed(LaunchPlanStatus next, Decision decision, Instant decided, Instant acted) {
    if (decision.transition() == null || next.getHistory() == null || next.getHistory().isEmpty()) {
      return;
    }
    HistoryEntry last = next.getHistory().get(next.getHistory().size() - 1);
    if (decided.toString().equals(last.getAt())) {
      last.setAt(acted.toString());
    }
    if (decided.toString().equals(next.getPhaseStartedAt())) {
      next.setPhaseStartedAt(acted.toString());
    }
    if (decided.toString().equals(next.getEndedAt())) {
      next.setEndedAt(acted.toString());
    }
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

  /** Makes the decision's changes, in order; each is idempotent. */
  private void apply(LaunchPlan plan, Decision decision, Deployment target, Deployment canary, String revision,
      LaunchPlanStatus next) {
    for (Effect effect : decision.effects()) {
      switch (effect) {
        case SAVE_STABLE_TEMPLATE -> stableTemplates.save(plan, target, next.getStableRevision());
        case APPLY_CANARY -> cache.wrote(canaries.apply(CanaryDeployments.build(plan, target,
            targets.dryRunPatch(plan, revision), revision, plan.getSpec().canaryOrDefault().replicasOrDefault()), canary),
            canary);
        case PATCH_TARGET -> {
          Deployment patched = targets.patch(plan, revision);
          cache.wrote(patched, target);
          next.setTargetTemplateHash(Revisions.templateHash(patched.getSpec().getTemplate()));
        }
        case DELETE_CANARY -> {
          canaries.delete(plan);
          if (next.getPhase() == Phase.Reverting && next.getRevertDecidedAt() != null && decision.transition() != null) {
            metrics.detectToRevert(Duration.between(Instant.parse(next.getRevertDecidedAt()), clock.instant()));
          }
        }
        case RESTORE_TARGET -> {
          JsonNode stable = stableTemplates.load(plan, next.getStableRevision());
          if (stable == null) {
            throw new IllegalStateException("the stable template " + next.getStableRevision() + " of "
                + plan.getMetadata().getName() + " is missing; cannot restore the target");
          }
          cache.wrote(targets.restore(plan, stable), target);
        }
      }
    }
  }

  @Override
  public DeleteControl cleanup(LaunchPlan plan, Context<LaunchPlan> context) {
    metrics.forget(key(plan));
    unwrittenTicks.remove(plan.getMetadata().getUid());
    notifier.status().forget(PlanRef.of(plan));
    LaunchPlanStatus status = plan.getStatus();
    Deployment target = targets.get(plan);
    // Only the plan's own canary goes (a stranger of that name stays, see CanaryDeployments.delete).
    canaries.delete(plan);
    // A launch that has not been verified must not stay on the target once its plan is gone; a plan
    // whose launch is not running there (never started, ended, waiting for another's) touches nothing.
    if (StableTemplates.restoreOnDelete(status, TargetDeployments.view(target))) {
      JsonNode stable = stableTemplates.load(plan, status.getStableRevision());
      if (stable != null) {
        targets.restore(plan, stable);
        log.info("{}/{} deleted during {}: target {} restored to stable revision {}", plan.getMetadata().getNamespace(),
            plan.getMetadata().getName(), status.getPhase(), plan.getSpec().getTargetRef().getName(),
            status.getStableRevision());
      }
    }
    return DeleteControl.defaultDelete();
  }

  /** {@code status} with the tick time of a quiet tick that was not written, when there is one. */
  private static LaunchPlanStatus withUnwrittenTick(LaunchPlanStatus status, Instant unwritten) {
    if (unwritten == null || status.getLastAnalysisAt() == null
        || !unwritten.isAfter(Instant.parse(status.getLastAnalysisAt()))) {
      return status;
    }
    LaunchPlanStatus copy = Serialization.jsonMapper().convertValue(status, LaunchPlanStatus.class);
    copy.setLastAnalysisAt(unwritten.toString());
    return copy;
  }

  /**
   * Whether {@code next} differs from the written status only by the tick time and the query
   * values, and the written tick is younger than {@link #QUIET_TICK_REFRESH}.
   */
  static boolean quietTick(LaunchPlanStatus next, LaunchPlanStatus written, Instant now) {
    return quietTick(Serialization.jsonMapper().valueToTree(next), Serialization.jsonMapper().valueToTree(written), now);
  }

  /** As above, on the statuses as JSON (each reconcile converts them once). */
  private static boolean quietTick(JsonNode next, JsonNode written, Instant now) {
    if (!written.hasNonNull("lastAnalysisAt") || !next.hasNonNull("lastAnalysisAt")
        || !now.isBefore(Instant.parse(written.get("lastAnalysisAt").asText()).plus(QUIET_TICK_REFRESH))) {
      return false;
    }
    return withoutTick(next).equals(withoutTick(written));
  }

  private static JsonNode withoutTick(JsonNode status) {
    ObjectNode json = (ObjectNode) status.deepCopy();
    json.remove("lastAnalysisAt");
    JsonNode analysis = json.get("analysis");
    if (analysis != null && analysis.isArray()) {
      analysis.forEach(q -> ((ObjectNode) q).remove("value"));
    }
    return json;
  }

  private static String key(LaunchPlan plan) {
    return plan.getMetadata().getNamespace() + "/" + plan.getMetadata().getName();
  }
}
