package io.launchplan;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.launchplan.analysis.Analyzer;
import io.launchplan.analysis.CoalescingPrometheusClient;
import io.launchplan.analysis.HttpPrometheusClient;
import io.launchplan.cluster.LaunchPlanReconciler;
import io.launchplan.metrics.OperatorMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;

/** The operator wired together: used by {@link Main} and, in-process, by the integration tests. */
public final class LaunchPlanOperator implements AutoCloseable {
  private final Operator operator;
  private final OperatorMetrics metrics;

  public LaunchPlanOperator(KubernetesClient client, OperatorConfig config, Clock clock, PrometheusRegistry registry) {
    this(client, config, clock, registry, LeaderElection.off());
  }

  public LaunchPlanOperator(KubernetesClient client, OperatorConfig config, Clock clock, PrometheusRegistry registry,
      LeaderElection leaderElection) {
    this.metrics = new OperatorMetrics(registry);
    var prometheus = new CoalescingPrometheusClient(
        new HttpPrometheusClient(config.queryTimeout(), metrics::query), Duration.ofMillis(500));
    var reconciler = new LaunchPlanReconciler(client, clock, config.prometheusUrl(), new Analyzer(prometheus), metrics);
    this.operator = new Operator(o -> {
      o.withKubernetesClient(client)
          .withConcurrentReconciliationThreads(config.concurrency())
          .withCloseClientOnStop(false)
          .withStopOnInformerErrorDuringStartup(true);
      if (leaderElection.enabled()) {
        o.withLeaderElectionConfiguration(leaderElection.toJosdk());
      }
    });
    operator.register(reconciler, c -> {
      if (!config.namespaces().isEmpty()) {
        c.settingNamespaces(config.namespaces());
      }
    });
  }

  public LaunchPlanOperator start() {
    operator.start();
    return this;
  }

  public OperatorMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    operator.stop();
  }
}
