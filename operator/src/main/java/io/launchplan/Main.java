package io.launchplan;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the operator with the configuration from the environment. */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) throws Exception {
    OperatorConfig config;
    LeaderElection leaderElection;
    try {
      config = OperatorConfig.fromEnv(System.getenv());
      leaderElection = LeaderElection.fromEnv(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("launchplan-operator: invalid configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    PrometheusRegistry registry = PrometheusRegistry.defaultRegistry;
    JvmMetrics.builder().register(registry);
    HTTPServer metricsServer = config.metricsPort() > 0
        ? HTTPServer.builder().port(config.metricsPort()).registry(registry).buildAndStart() : null;
    KubernetesClient client = new KubernetesClientBuilder().build();
    LaunchPlanOperator operator = new LaunchPlanOperator(client, config, Clock.systemUTC(), registry, leaderElection).start();
    log.info("launchplan-operator started: prometheus={} namespaces={} metrics=:{} leaderElection={} alertReceiver={}"
        + " freezeConfigMap={} freezeAlerts={}",
        config.prometheusUrl(), config.namespaces().isEmpty() ? "all" : config.namespaces(), config.metricsPort(),
        leaderElection.enabled() ? leaderElection.leaseNamespace() + "/" + leaderElection.leaseName() + " as " + leaderElection.identity() : "off",
        config.receiver().enabled()
            ? ":" + config.receiver().port() + "/alertmanager (auth: " + config.receiver().authDescription() + ")" : "off",
        config.configMap() != null ? config.configMap() : "off", config.freezeAlerts() != null ? config.freezeAlerts() : "off");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      operator.close();
      if (metricsServer != null) {
        metricsServer.close();
      }
      client.close();
    }));
    Thread.currentThread().join();
  }
}
