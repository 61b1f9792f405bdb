package io.launchplan.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.launchplan.analysis.Analyzer;
import io.launchplan.analysis.PrometheusUrls;
import io.launchplan.analysis.WebChecks;
import io.launchplan.analysis.receiver.PushedAlerts;
import io.launchplan.api.LaunchPlan;
import io.launchplan.metrics.OperatorMetrics;
import io.launchplan.notify.Notifier;
import java.time.Clock;
import java.util.List;

/**
 * The real parts of the loop ({@link Observer}, {@link Actuator}, {@link StatusWriter}) built
 * from the operator's collaborators, and the event sources whose caches they read: the caches
 * exist once JOSDK has asked for the event sources, before the first reconcile.
 */
final class LoopParts {
  private final PushedAlerts pushedAlerts;
  private final Notifier notifier;
  private final ClusterFreezes clusterFreezes;
  private final Loop.Observe observer;
  private final Loop.Act actuator;
  private final Loop.Write statusWriter;
  /** Set when the event sources are made, before the first reconcile. */
  private volatile ClusterCache cache;
  private volatile LaunchPolicies policies;
  private volatile LaunchApprovals approvals;
  private volatile CheckJobWatch jobs;

  private final PrometheusConnections connections;

  LoopParts(KubernetesClient client, Clock clock, PrometheusUrls prometheusUrls, PrometheusConnections connections,
      Analyzer analyzer, OperatorMetrics metrics, PushedAlerts pushedAlerts, Notifier notifier,
      ClusterFreezes clusterFreezes) {
    this.connections = connections;
    this.pushedAlerts = pushedAlerts;
    this.notifier = notifier;
    this.clusterFreezes = clusterFreezes;
    TargetDeployments targets = new TargetDeployments(client);
    Freezes freezes = new Freezes(name -> cache.namespace(name), clusterFreezes);
    JobChecks jobChecks = new JobChecks(client, (namespace, name) -> jobs.job(namespace, name));
    this.observer = new Observer(clock, () -> cache, () -> policies, () -> approvals,
        new SpecChecks(targets, prometheusUrls, jobChecks), freezes, pushedAlerts, analyzer, connections, metrics,
        new CheckObserver(jobChecks, new WebChecks(metrics::query, prometheusUrls.allowList()),
            new HttpConnections(connections.objects())));
    this.actuator = new Actuator(client, targets, metrics, clock, () -> cache);
    this.statusWriter = new StatusWriter(metrics, notifier, new LaunchEvents(client), clock);
  }

  /** The loop's parts, deciding with {@code decider}. */
  Loop.Parts parts(Loop.Decide decider) {
    return new Loop.Parts(observer, decider, actuator, statusWriter, this::eventSources);
  }

  /** The event sources that wake plans ({@link WakeUps}); keeps the cache they fill for the parts. */
  List<EventSource<?, LaunchPlan>> eventSources(EventSourceContext<LaunchPlan> context) {
    WakeUps.Sources sources = WakeUps.eventSources(context, pushedAlerts, notifier.status(), clusterFreezes);
    this.cache = sources.cache();
    this.jobs = sources.jobs();
    // A changed Secret or ConfigMap of a connection wakes the plans that may use it (issue 17).
    String defaultNamespace = connections.defaultNamespace();
    connections.objects().onChange((namespace, name) -> sources.waker().wake(p -> namespace.equals(
        p.getMetadata().getNamespace()) || namespace.equals(defaultNamespace)));
    this.policies = sources.policies();
    this.approvals = sources.approvals();
    return sources.eventSources();
  }
}
