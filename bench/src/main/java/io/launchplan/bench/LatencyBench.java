package io.launchplan.bench;

import io.launchplan.api.Phase;
import io.launchplan.testsupport.LaunchPlanYaml;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Detect-to-revert latency at one analysis interval: R plans, each on its own 2-replica
 * Deployment in one namespace, all Observing; then, one after another (a flip every 1–2 s, so a
 * few runs overlap), each canary pod is made bad and timed by {@link RevertRun}.
 */
final class LatencyBench {
  /** The Revert query of every run: the canary's 5xx ratio over 3 s (a 2 s window at 1 s scrapes often holds one sample only). */
  static final String CANARY_5XX = "sum(rate(http_requests_total{namespace=\"%s\",pod=~\"%s\",code=~\"5..\"}[3s]))"
      + " / sum(rate(http_requests_total{namespace=\"%s\",pod=~\"%s\"}[3s])) > 0.2";
  private static final long FLIP_GAP_MILLIS = 1000;

  /** The runs of one interval, with the operator's own histogram of the same thing. */
  record Result(int intervalSeconds, String namespace, List<RevertRun.Times> runs, double operatorMetricCount,
      double operatorMetricSum) {}

  private final BenchConfig config;
  private final BenchCluster cluster;
  private final PromQuery prom;
  private final Path rawDir;
  private final Random random = new Random();

  LatencyBench(BenchConfig config, BenchCluster cluster, Path rawDir) {
    this.config = config;
    this.cluster = cluster;
    this.prom = new PromQuery(config.prometheus());
    this.rawDir = rawDir;
  }

  Result run(int intervalSeconds) {
    int runs = config.runs();
    String ns = "bench-lat-" + intervalSeconds + "s-" + Long.toString(System.currentTimeMillis() % 100000, 36);
    cluster.ensureNodes(runs * 3 + 10);
    cluster.createNamespace(ns);
    Bench.log("latency, interval %d s: %d runs in namespace %s", intervalSeconds, runs, ns);
    OperatorJvm operator = null;
    try (RevertRun.Deletions deletions = new RevertRun.Deletions()) {
      operator = OperatorJvm.start(config, List.of(ns), config.prometheus(), Map.of(),
          rawDir.resolve("operator-latency-" + intervalSeconds + "s.log"));
      BenchCluster.parallel(runs, 8, i -> cluster.createDeployment(ns, web(i), 2, 20));
      cluster.awaitAvailable(ns, runs, Duration.ofSeconds(120 + runs));
      BenchCluster.parallel(runs, 8, i -> cluster.createPlan(ns, planYaml(i, intervalSeconds)));
      cluster.awaitPhase(ns, Phase.Observing, runs, Duration.ofSeconds(120 + runs * 2L));
      Map<Integer, String> pods = canaryPods(ns, runs);
      awaitTraffic(ns, pods);
      deletions.watch(cluster, ns);

      Bench.log("  all %d Observing with traffic; flipping one canary to error-ratio 0.9 per %d ms slot (random offset in the slot)",
          runs, FLIP_GAP_MILLIS);
      Map<Integer, RevertRun.Times> times = new ConcurrentHashMap<>();
      long start = System.currentTimeMillis();
      Duration maxWait = Duration.ofSeconds(intervalSeconds + 45L);
      BenchCluster.parallel(runs, runs, i -> {
        long flipAt = start + i * FLIP_GAP_MILLIS + (long) (random.nextDouble() * FLIP_GAP_MILLIS);
        OperatorJvm.sleep(Math.max(0, flipAt - System.currentTimeMillis()));
        String pod = pods.get(i);
        String query = CANARY_5XX.formatted(ns, pod, ns, pod);
        times.put(i, RevertRun.measure(cluster, deletions, ns, plan(i), pod, at -> prom.fires(query, at), maxWait));
      });
      var metrics = operator.metrics();
      List<RevertRun.Times> ordered = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        ordered.add(times.get(i));
      }
      long missing = ordered.stream().filter(t -> t.t3() == null).count();
      if (missing > 0) {
        Bench.log("  %d of %d runs saw no canary deletion", missing, runs);
      }
      return new Result(intervalSeconds, ns, ordered, metrics.sum("launchplan_detect_to_revert_seconds_count"),
          metrics.sum("launchplan_detect_to_revert_seconds_sum"));
    } finally {
      if (operator != null) {
        operator.close();
      }
      cluster.deleteNamespace(ns, Duration.ofSeconds(120));
    }
  }

  /** The canary pod of each run, by run index. */
  private Map<Integer, String> canaryPods(String ns, int runs) {
    Map<Integer, String> pods = new ConcurrentHashMap<>();
    for (var pod : cluster.client().pods().inNamespace(ns).withLabel("launchplan.io/role", "canary").list().getItems()) {
      if (pod.getMetadata().getDeletionTimestamp() != null) {
        continue;
      }
      String app = pod.getMetadata().getLabels().get("app");
      pods.put(Integer.parseInt(app.substring("web-".length())), pod.getMetadata().getName());
    }
    if (pods.size() != runs) {
      throw new IllegalStateException("expected " + runs + " canary pods in " + ns + ", found " + pods.size());
    }
    return pods;
  }

  /** Waits until Prometheus has a request rate for every canary pod, so t0 starts from a steady series. */
  private void awaitTraffic(String ns, Map<Integer, String> pods) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    for (String pod : pods.values()) {
      String q = "sum(rate(http_requests_total{namespace=\"%s\",pod=\"%s\"}[3s])) > 0".formatted(ns, pod);
      while (!prom.fires(q, Instant.now())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("no simulated traffic for canary pod " + ns + "/" + pod + " in Prometheus");
        }
        OperatorJvm.sleep(250);
      }
    }
  }

  static String web(int i) {
    return String.format("web-%02d", i);
  }

  static String plan(int i) {
    return String.format("lat-%02d", i);
  }

  /** Each plan has a lane of its own: lanes default to the namespace and would run these launches one at a time. */
  private static String planYaml(int i, int intervalSeconds) {
    String expr = CANARY_5XX.formatted("${namespace}", "${canaryPods}", "${namespace}", "${canaryPods}");
    return LaunchPlanYaml.of(plan(i), web(i), """
        lane: %s
        canary: {replicas: 1, observe: 10m}
        rollout: {observe: 5m}
        analysis:
          interval: %ds
          queries:
            - name: canary-5xx
              action: Revert
              expr: '%s'
        """.formatted(plan(i), intervalSeconds, expr));
  }
}
