package io.launchplan;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.health.InformerWrappingEventSourceHealthIndicator;
import io.javaoperatorsdk.operator.health.Status;
import io.launchplan.health.ControllerState;
import io.launchplan.analysis.Analyzer;
import io.launchplan.analysis.CoalescingPrometheusClient;
import io.launchplan.analysis.FreezeAlerts;
import io.launchplan.analysis.HttpPrometheusClient;
import io.launchplan.analysis.PrometheusUrls;
import io.launchplan.analysis.receiver.AlertReceiver;
import io.launchplan.analysis.receiver.PushedAlerts;
import io.launchplan.analysis.receiver.ReceiverConfig;
import io.launchplan.analysis.receiver.ReceiverToken;
import io.launchplan.cluster.ClusterFreezes;
import io.launchplan.cluster.LaunchPlanReconciler;
import io.launchplan.cluster.LaunchPolicyReconciler;
import io.launchplan.cluster.PrometheusConnections;
import io.launchplan.cluster.WatchedObjects;
import io.launchplan.cluster.Secrets;
import io.launchplan.metrics.OperatorMetrics;
import io.launchplan.notify.DeliveryStatus;
import io.launchplan.notify.Notifier;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The operator wired together: used by {@link Main} and, in-process, by the integration tests. */
public final class LaunchPlanOperator implements AutoCloseable {
  private final Operator operator;
  private final OperatorMetrics metrics;
  private final PushedAlerts pushedAlerts;
  private final Notifier notifier;
  private final ReceiverConfig receiverConfig;
  private final ReceiverToken receiverToken;
  private final boolean leaderElection;
  private AlertReceiver receiver;
  /** Set when this replica gets the lease (JOSDK then starts processing events). */
  private volatile boolean leading;
  private final FreezeAlerts freezeAlerts;
  private ScheduledExecutorService freezeAlertPoller;
  /** The Secrets and ConfigMaps of the Prometheus connections, watched one by one. */
  private final WatchedObjects watchedObjects;

  public LaunchPlanOperator(KubernetesClient client, OperatorConfig config, Clock clock, PrometheusRegistry registry) {
    this(client, config, clock, registry, LeaderElection.off());
  }

  public LaunchPlanOperator(KubernetesClient client, OperatorConfig config, Clock clock, PrometheusRegistry registry,
      LeaderElection leaderElection) {
    this.metrics = new OperatorMetrics(registry);
    var prometheus = new CoalescingPrometheusClient(
        new HttpPrometheusClient(config.queryTimeout(), metrics::query), Duration.ofMillis(500), config.queryTimeout());
    this.receiverConfig = config.receiver();
    this.pushedAlerts = new PushedAlerts(clock, receiverConfig.alertTtl());
    this.receiverToken = !receiverConfig.enabled() ? null : ReceiverToken.forConfig(receiverConfig, () -> Secrets.read(
        client, receiverConfig.tokenSecret().namespace(), receiverConfig.tokenSecret().name(),
        receiverConfig.tokenSecret().key()));
    this.notifier = new Notifier(Notifier.Settings.DEFAULTS,
        (namespace, ref) -> Secrets.read(client, namespace, ref.getName(), ref.getKey()), metrics, new DeliveryStatus(),
        clock);
    this.watchedObjects = new WatchedObjects(client);
    var connections = new PrometheusConnections(watchedObjects, config.prometheusUrls(), config.prometheusConnection());
    this.freezeAlerts = config.freezeAlerts() == null ? null : new FreezeAlerts(config.freezeAlerts(), prometheus,
        config.prometheusUrl(), connections.defaultSource(), () -> pushedAlerts.firing().stream()
            .map(a -> new FreezeAlerts.Firing(a.labels(), a.startsAt() != null ? a.startsAt() : a.firstReceivedAt()))
            .toList(), clock, metrics::freezeAlertPoll);
    if (freezeAlerts != null) {
      pushedAlerts.afterReceive(freezeAlerts::refresh);
    }
    var reconciler = new LaunchPlanReconciler(client, clock, config.prometheusUrls(), connections, new Analyzer(prometheus),
        metrics,
        pushedAlerts, notifier, new ClusterFreezes(config.configMap(), freezeAlerts, clock));
    this.operator = new Operator(o -> {
      o.withKubernetesClient(client)
          .withConcurrentReconciliationThreads(config.concurrency())
          .withExecutorService(ReconcileThreads.pool(config.concurrency()))
          .withCloseClientOnStop(false)
          // Resource versions are numbers on every API server in use: lets the caches keep the
          // operator's own writes until the informers have caught up with them (ClusterCache).
          .withParseResourceVersions(true)
          .withStopOnInformerErrorDuringStartup(true);
      if (leaderElection.enabled()) {
        o.withLeaderElectionConfiguration(leaderElection.toJosdk(() -> stopping, () -> leading = true));
      }
    });
    this.leaderElection = leaderElection.enabled();
    // The LaunchPolicies' own status (cluster-scoped: all of them, whatever namespaces the plans' controller watches).
    operator.register(new LaunchPolicyReconciler(client, clock, metrics.policies()));
    operator.register(reconciler, c -> {
      if (!config.namespaces().isEmpty()) {
        c.settingNamespaces(config.namespaces());
      }
      if (!config.labelSelector().isEmpty()) {
        c.withLabelSelector(config.labelSelector());
      }
    });
  }

  /** Starts the controller, then the Alertmanager receiver (when configured). */
  public LaunchPlanOperator start() {
    operator.start();
    if (freezeAlerts != null) {
      // Polled as well as pushed: works with the receiver off or Alertmanager down; also expires pushed alerts.
      freezeAlertPoller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "freeze-alert-poll");
        t.setDaemon(true);
        return t;
      });
      freezeAlertPoller.scheduleWithFixedDelay(freezeAlerts::poll, 0, FreezeAlerts.POLL_INTERVAL.toMillis(),
          TimeUnit.MILLISECONDS);
    }
    if (receiverConfig.enabled()) {
      receiver = new AlertReceiver(receiverConfig.port(), receiverToken, pushedAlerts, metrics::alertPush).start();
    }
    return this;
  }

  /** The alerts Alertmanager pushed that are firing now. */
  public PushedAlerts pushedAlerts() {
    return pushedAlerts;
  }

  public OperatorMetrics metrics() {
    return metrics;
  }

  /** The controller's state for {@code /healthz} and {@code /readyz}. */
  public ControllerState controllerState() {
    RuntimeInfo info = operator.getRuntimeInfo();
    boolean started = info.isStarted();
    List<String> unhealthy = new ArrayList<>();
    if (started) {
      info.unhealthyEventSources().forEach((controller, sources) -> sources.forEach((name, indicator) -> {
        if (indicator instanceof InformerWrappingEventSourceHealthIndicator<?> informers) {
          informers.informerHealthIndicators().forEach((namespace, informer) -> {
            if (informer.getStatus() != Status.HEALTHY) {
              unhealthy.add(controller + "/" + name + ": informer for "
                  + (namespace == null || namespace.isEmpty() || Constants.WATCH_ALL_NAMESPACES.equals(namespace)
                      ? "all namespaces" : "namespace " + namespace)
                  + (informer.isRunning() ? "" : ", not running") + (informer.isWatching() ? "" : ", not watching")
                  + (informer.hasSynced() ? "" : ", not synced"));
            }
          });
        } else {
          unhealthy.add(controller + "/" + name + ": " + indicator.getStatus());
        }
      }));
      unhealthy.sort(null);
    }
    return new ControllerState(started, stopping, leaderElection, !leaderElection || leading, unhealthy);
  }

  /** Set by {@link #close}: giving up the lease then is a stop, not a lost lease. */
  private volatile boolean stopping;

  @Override
  public void close() {
    stopping = true;
    if (receiver != null) {
      receiver.close();
    }
    if (freezeAlertPoller != null) {
      freezeAlertPoller.shutdownNow();
    }
    operator.stop();
    watchedObjects.close();
    notifier.close();
  }
}
