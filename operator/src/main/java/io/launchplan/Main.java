package io.launchplan;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.launchplan.cluster.OperatorSerialization;
import io.launchplan.health.HealthEndpoints;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the operator with the settings from the environment and the settings file ({@link Settings}). */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) throws Exception {
    Settings settings = null;
    OperatorConfig config;
    LeaderElection leaderElection;
    LogSettings logging;
    try {
      settings = Settings.load(System.getenv());
      logging = LogSettings.fromEnv(settings.values());
      config = OperatorConfig.fromEnv(settings.values());
      leaderElection = LeaderElection.fromEnv(settings.values());
    } catch (IllegalArgumentException e) {
      System.err.println("launchplan-operator: invalid configuration: "
          + (settings == null ? e.getMessage() : settings.explain(e)));
      System.exit(2);
      return;
    }
    logging.apply();
    PrometheusRegistry registry = PrometheusRegistry.defaultRegistry;
    JvmMetrics.builder().register(registry);
    KubernetesClient client = new KubernetesClientBuilder()
        // Fields of a newer CRD neither break the informers nor are silently dropped from a spec.
        .withKubernetesSerialization(new OperatorSerialization()).build();
    LaunchPlanOperator operator = new LaunchPlanOperator(client, config, Clock.systemUTC(), registry, leaderElection);
    // Up before the controller starts: the startup probe and /metrics answer while informers sync.
    HTTPServer metricsServer = config.metricsPort() > 0
        ? HTTPServer.builder().port(config.metricsPort()).registry(registry)
            .defaultHandler(new HealthEndpoints(operator::controllerState)).buildAndStart()
        : null;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      operator.close();
      if (metricsServer != null) {
        metricsServer.close();
      }
      client.close();
    }));
    operator.start();
    log.info("launchplan-operator started: prometheus={} prometheusAllowedHosts={} namespaces={} labelSelector={} metrics={} leaderElection={} "
        + "alertReceiver={} freezeConfigMap={} freezeAlerts={} settingsFile={}",
        config.prometheusUrl(), config.prometheusUrls().allowedHosts(), config.namespaces().isEmpty() ? "all" : config.namespaces(),
        config.labelSelector().isEmpty() ? "none" : config.labelSelector(),
        metricsServer == null ? "off" : ":" + metricsServer.getPort() + " (/metrics, /healthz, /readyz)",
        leaderElection.enabled() ? leaderElection.leaseNamespace() + "/" + leaderElection.leaseName() + " as " + leaderElection.identity() : "off",
        config.receiver().enabled()
            ? ":" + config.receiver().port() + "/alertmanager (auth: " + config.receiver().authDescription() + ")" : "off",
        config.configMap() != null ? config.configMap() : "off", config.freezeAlerts() != null ? config.freezeAlerts() : "off",
        settings.values().getOrDefault(Settings.CONFIG_FILE, "none"));
    DefaultConnections.logAtStart(config.prometheusConnection()); // issue 17
    Thread.currentThread().join();
  }
}
