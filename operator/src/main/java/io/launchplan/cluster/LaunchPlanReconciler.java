package io.launchplan.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
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
import io.launchplan.analysis.receiver.PushedAlerts;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.launch.Decision;
import io.launchplan.launch.LaunchDecider;
import io.launchplan.launch.LoopDecisions;
import io.launchplan.metrics.OperatorMetrics;
import io.launchplan.notify.Notifier;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * One reconcile: {@link Observer} reads the world, {@link LaunchDecider} decides, {@link Actuator}
 * makes the changes and {@link StatusWriter} writes the status once (then tells of the
 * transition); a reconcile that throws ends in {@code Ready=False}/{@code ReconcileError}
 * ({@link #updateErrorStatus}). Never waits inside a reconcile: it returns with a reschedule and is
 * woken by watches on Deployments and Namespaces ({@link WakeUps}), or by the timer. Reads come
 * from the informers' caches ({@link ClusterCache}); deletion clean-up reads live objects.
 */
@ControllerConfiguration(name = "launchplan")
public final class LaunchPlanReconciler implements Reconciler<LaunchPlan>, Cleaner<LaunchPlan> {
  /** How soon a plan whose reconcile keeps failing is looked at again once JOSDK's retries are used up. */
  static final Duration ERROR_RECHECK = Duration.ofSeconds(30);

  private final Clock clock;
  private final OperatorMetrics metrics;
  /** Observer, decider, Actuator, StatusWriter, and the event sources whose caches they read. */
  private final Loop.Parts parts;

  public LaunchPlanReconciler(KubernetesClient client, Clock clock, PrometheusUrls prometheusUrls,
      PrometheusConnections connections, Analyzer analyzer,
      OperatorMetrics metrics, PushedAlerts pushedAlerts, Notifier notifier, ClusterFreezes clusterFreezes) {
    this(clock, metrics, new LoopParts(client, clock, prometheusUrls, connections, analyzer, metrics, pushedAlerts, notifier,
        clusterFreezes).parts(new LaunchDecider()::decide));
  }

  /** The loop over the given parts (tests pass fakes). */
  LaunchPlanReconciler(Clock clock, OperatorMetrics metrics, Loop.Parts parts) {
    this.clock = clock;
    this.metrics = metrics;
    this.parts = parts;
  }

  @Override
  public List<EventSource<?, LaunchPlan>> prepareEventSources(EventSourceContext<LaunchPlan> context) {
    return parts.wakeUps().eventSources(context);
  }

  @Override
  public UpdateControl<LaunchPlan> reconcile(LaunchPlan plan, Context<LaunchPlan> context) {
    long started = System.nanoTime();
    try {
      return step(plan, context);
    } finally {
      parts.observer().release();
      metrics.reconcile(Duration.ofNanos(System.nanoTime() - started));
    }
  }

  /** Observe, decide, act, write; then look again when the decision asks to. */
  UpdateControl<LaunchPlan> step(LaunchPlan plan, Context<LaunchPlan> context) {
    LaunchPlanStatus status = parts.statusWriter().current(plan);
    Observed seen = parts.observer().observe(plan, status, context);
    Decision decision = parts.decider().decide(seen.spec(), status, seen.observation());
    parts.actuator().act(plan, decision, seen);
    parts.statusWriter().write(plan, decision, seen, context);
    UpdateControl<LaunchPlan> control = UpdateControl.noUpdate();
    if (decision.requeueAfter() != null) {
      control.rescheduleAfter(LoopDecisions.rescheduleMillis(decision.requeueAfter(), seen.observation().now(),
          clock.instant()));
    }
    return control;
  }

  /**
   * A reconcile that threw: {@code Ready=False} with reason {@code ReconcileError} and what went
   * wrong ({@link StatusWriter#writeError}), so a plan never sits without a word while JOSDK
   * retries with backoff. When the retries are used up the plan is looked at again after
   * {@link #ERROR_RECHECK}. The next reconcile that gets through clears the condition.
   */
  @Override
  public ErrorStatusUpdateControl<LaunchPlan> updateErrorStatus(LaunchPlan plan, Context<LaunchPlan> context,
      Exception e) {
    parts.statusWriter().writeError(plan, e, context);
    ErrorStatusUpdateControl<LaunchPlan> control = ErrorStatusUpdateControl.noStatusUpdate();
    if (context.getRetryInfo().map(RetryInfo::isLastAttempt).orElse(false)) {
      control.withNoRetry().rescheduleAfter(ERROR_RECHECK);
    }
    return control;
  }

  @Override
  public DeleteControl cleanup(LaunchPlan plan, Context<LaunchPlan> context) {
    parts.statusWriter().forget(plan);
    parts.actuator().removeOnDelete(plan);
    return DeleteControl.defaultDelete();
  }
}
