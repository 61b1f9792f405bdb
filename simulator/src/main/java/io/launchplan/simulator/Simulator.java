package io.launchplan.simulator;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Traffic simulator for pods on KWOK's fake nodes, which run no containers: it makes every pod that
 * is Running+Ready and annotated with {@code sim.launchplan.io/rps} look, to Prometheus, like it is
 * serving HTTP traffic.
 *
 * <p>Run as {@code java -jar launchplan-simulator.jar [--kubeconfig PATH] [--listen HOST:PORT]}
 * (see {@link SimulatorOptions}). It watches pods in all namespaces and serves, on {@code
 * http://HOST:PORT/metrics}:
 *
 * <ul>
 *   <li>{@code http_requests_total{namespace,pod,code}} &ndash; counter growing by exactly {@code
 *       rps * (1 - error-ratio)} per second for code "200" and {@code rps * error-ratio} for "500"
 *       (fractional values, so {@code rate()} is exact over any window);
 *   <li>{@code http_request_duration_seconds{namespace,pod}} &ndash; classic histogram of
 *       exponentially distributed durations with mean {@code latency-ms}, fed at the same rate;
 *   <li>{@code sim_pods} &ndash; number of pods simulated.
 * </ul>
 *
 * <p>Annotations ({@link TrafficAnnotations}): {@code sim.launchplan.io/rps} (required, &ge; 0),
 * {@code sim.launchplan.io/error-ratio} (0..1, default 0), {@code sim.launchplan.io/latency-ms}
 * (default 50). A malformed value is logged once per pod, annotation and value, and replaced by the
 * default; <b>a malformed rps counts as no rps annotation: the pod is not simulated and has no
 * series</b>. Annotation changes take effect with the informer's update event; counters carry on
 * from their current values. A pod that stops being Running+Ready (or starts terminating), loses
 * its rps annotation or is deleted has its series removed; if it qualifies again later its counters
 * restart at zero, which PromQL handles as a counter reset.
 *
 * <p>With {@code --file-sd PATH} it also writes the Prometheus {@code file_sd} targets of the real
 * node's pods that ask to be scraped ({@link ScrapeTargets}): those serve their own metrics.
 *
 * <p>{@code /healthz} answers 200 "ok" as soon as the HTTP server is up. A port already in use
 * ends the process with exit code 1 and a message; bad arguments with exit code 2.
 */
public final class Simulator {

  private static final Logger log = LoggerFactory.getLogger(Simulator.class);

  /** Well inside the 100-250 ms the histogram needs to look smooth between 1 s scrapes. */
  private static final long TICK_MILLIS = 200;

  private Simulator() {}

  public static void main(String[] args) {
    SimulatorOptions options;
    try {
      options = SimulatorOptions.parse(args);
    } catch (SimulatorOptions.UsageException e) {
      exit(2, e.getMessage() + "\n" + SimulatorOptions.USAGE);
      return;
    }
    if (options.helpRequested()) {
      System.out.println(SimulatorOptions.USAGE);
      return;
    }
    Config kubernetesConfig = kubernetesConfig(options);

    SimulatedPods simulatedPods = new SimulatedPods(System::nanoTime, LatencyBuckets.DEFAULT);
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(new TrafficMetricsCollector(simulatedPods));
    MetricsEndpoint endpoint = startEndpoint(options, registry);
    log.info(
        "launchplan-simulator listening on http://{} (/metrics, {})",
        endpoint.address(),
        MetricsEndpoint.HEALTH_PATH);

    ScheduledExecutorService ticker = startTicker(simulatedPods);
    KubernetesClient client = new KubernetesClientBuilder().withConfig(kubernetesConfig).build();
    SharedIndexInformer<Pod> informer =
        watchPods(client, simulatedPods, options.fileSd().map(ScrapeTargets::new));

    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  informer.close();
                  client.close();
                  ticker.shutdownNow();
                  endpoint.close();
                },
                "simulator-shutdown"));
    waitForever();
  }

  private static Config kubernetesConfig(SimulatorOptions options) {
    try {
      if (options.kubeconfig().isPresent()) {
        Path path = options.kubeconfig().get();
        if (!Files.isReadable(path)) {
          exit(2, "kubeconfig " + path + " does not exist or is not readable");
        }
        return Config.fromKubeconfig(path.toFile());
      }
      return Config.autoConfigure(null);
    } catch (RuntimeException e) {
      exit(2, "cannot load the Kubernetes configuration: " + e.getMessage());
      throw e; // not reached
    }
  }

  private static MetricsEndpoint startEndpoint(
      SimulatorOptions options, PrometheusRegistry registry) {
    String address = options.listenHost() + ":" + options.listenPort();
    try {
      return MetricsEndpoint.start(options.listenHost(), options.listenPort(), registry);
    } catch (BindException e) {
      exit(
          1,
          "cannot listen on "
              + address
              + ": address already in use (is another simulator running?) - "
              + e.getMessage());
    } catch (IOException | RuntimeException e) {
      exit(1, "cannot listen on " + address + ": " + e);
    }
    throw new AssertionError("not reached");
  }

  /**
   * Advances all counters regularly, so that they also move between scrapes (scrapes advance them
   * too, so this is about smoothness, not exactness).
   */
  private static ScheduledExecutorService startTicker(SimulatedPods simulatedPods) {
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "traffic-tick");
              thread.setDaemon(true);
              return thread;
            });
    ticker.scheduleAtFixedRate(
        () -> {
          try {
            simulatedPods.advanceAll();
          } catch (RuntimeException e) {
            // an escaping exception would silently cancel all further ticks
            log.error("traffic tick failed", e);
          }
        },
        TICK_MILLIS,
        TICK_MILLIS,
        TimeUnit.MILLISECONDS);
    return ticker;
  }

  /**
   * Starts a pod informer over all namespaces without resync (every change arrives as an event
   * anyway) and returns at once, before the first list completes. It retries on every failure,
   * including an unreachable cluster at start-up, so the simulator can be started before the
   * cluster is ready and survives API server restarts.
   */
  static SharedIndexInformer<Pod> watchPods(
      KubernetesClient client, SimulatedPods simulatedPods, Optional<ScrapeTargets> scrapeTargets) {
    PodWatcher watcher =
        new PodWatcher(simulatedPods, new MalformedAnnotationWarnings(log::warn), log::info);
    SharedIndexInformer<Pod> informer = client.pods().inAnyNamespace().runnableInformer(0);
    informer.addEventHandler(watcher);
    scrapeTargets.ifPresent(informer::addEventHandler);
    informer.exceptionHandler(
        (started, error) -> {
          log.warn(
              "pod watch on {} failed{}, retrying: {}",
              client.getMasterUrl(),
              started ? "" : " before the first sync",
              error.toString());
          return true;
        });
    log.info("watching pods in all namespaces of {}", client.getMasterUrl());
    informer
        .start()
        .whenComplete(
            (ignored, error) -> {
              if (error == null) {
                log.info("pod list synced; {} pod(s) simulated", simulatedPods.size());
              } else if (informer.isRunning()) {
                log.error("pod informer failed: {}", error.toString());
              } // else: stopped on purpose (shutdown) before the first sync; nothing to report
            });
    return informer;
  }

  private static void waitForever() {
    try {
      Thread.currentThread().join(); // the HTTP server's threads are daemons; keep the JVM alive
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void exit(int status, String message) {
    System.err.println("launchplan-simulator: " + message);
    System.exit(status);
  }
}
