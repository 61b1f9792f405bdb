package io.launchplan.bench;

import io.launchplan.api.Phase;
import io.launchplan.testsupport.LaunchPlanYaml;
import io.launchplan.testsupport.PromApi;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Alertmanager push path end to end: a canary turns bad → Prometheus' rule
 * {@code LaunchPlanSimHighErrorRatio} fires → Alertmanager posts to the operator's receiver
 * (http://127.0.0.1:18081/alertmanager) → the canary is deleted. Plans analyse every 60 s, so a
 * revert well under that can only come from the push. One namespace per run, because the alert
 * selector matches on the namespace.
 *
 * <p>Runs only when the receiver exists in the source tree ({@code BENCH_PUSH=auto}) and port
 * 18081 is free; otherwise the result is null with the reason.
 */
final class PushBench {
  static final int RECEIVER_PORT = 18081;
  static final Path RECEIVER_SOURCES = Path.of("operator/src/main/java/io/launchplan/analysis/receiver");

  /** Null {@code runs} with a reason, or the runs. */
  record Result(List<RevertRun.Times> runs, String skipped) {}

  private final BenchConfig config;
  private final BenchCluster cluster;
  private final Path rawDir;

  PushBench(BenchConfig config, BenchCluster cluster, Path rawDir) {
    this.config = config;
    this.cluster = cluster;
    this.rawDir = rawDir;
  }

  Result run() {
    if (config.push().equals("off")) {
      return new Result(null, "BENCH_PUSH=off");
    }
    if (config.push().equals("auto") && !Files.isDirectory(config.repoRoot().resolve(RECEIVER_SOURCES))) {
      return new Result(null, "no Alertmanager receiver in this build (" + RECEIVER_SOURCES + " does not exist)");
    }
    if (!portFree(RECEIVER_PORT)) {
      return new Result(null, "port " + RECEIVER_PORT + " (Alertmanager's webhook target) is in use by another process");
    }
    int runs = config.pushRuns();
    String suffix = Long.toString(System.currentTimeMillis() % 100000, 36);
    List<String> namespaces = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      namespaces.add("bench-push-" + i + "-" + suffix);
    }
    cluster.ensureNodes(runs * 3 + 10);
    namespaces.forEach(cluster::createNamespace);
    Bench.log("push path: %d runs, one namespace each, analysis interval 60 s", runs);
    Map<String, String> env = new java.util.HashMap<>();
    env.put("LAUNCHPLAN_RECEIVER_PORT", Integer.toString(RECEIVER_PORT));
    receiverToken().ifPresent(t -> env.put("LAUNCHPLAN_RECEIVER_TOKEN", t));
    OperatorJvm operator = null;
    try (RevertRun.Deletions deletions = new RevertRun.Deletions()) {
      operator = OperatorJvm.start(config, namespaces, config.prometheus(), env, rawDir.resolve("operator-push.log"));
      for (String ns : namespaces) {
        cluster.createDeployment(ns, "web", 2, 20);
      }
      for (String ns : namespaces) {
        cluster.awaitAvailable(ns, 1, Duration.ofSeconds(120));
        cluster.createPlan(ns, planYaml(ns));
      }
      for (String ns : namespaces) {
        cluster.awaitPhase(ns, Phase.Observing, 1, Duration.ofSeconds(180));
        deletions.watch(cluster, ns);
      }
      OperatorJvm.sleep(5000); // a few scrapes of the healthy canaries
      Map<Integer, RevertRun.Times> times = new ConcurrentHashMap<>();
      long start = System.currentTimeMillis();
      BenchCluster.parallel(runs, runs, i -> {
        String ns = namespaces.get(i);
        OperatorJvm.sleep(Math.max(0, start + i * 3000L - System.currentTimeMillis()));
        String pod = cluster.client().pods().inNamespace(ns).withLabel("launchplan.io/role", "canary").list()
            .getItems().get(0).getMetadata().getName();
        times.put(i, RevertRun.measure(cluster, deletions, ns, "push", pod, at -> alertActive(ns, pod),
            Duration.ofSeconds(90)));
      });
      List<RevertRun.Times> ordered = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        ordered.add(times.get(i));
      }
      return new Result(ordered, null);
    } finally {
      if (operator != null) {
        operator.close();
      }
      for (String ns : namespaces) {
        cluster.deleteNamespace(ns, Duration.ofSeconds(60));
      }
    }
  }

  /** Whether Alertmanager holds the firing alert for this pod (what it pushes to the receiver). */
  private boolean alertActive(String ns, String pod) {
    String filter = "filter=" + URLEncoder.encode("alertname=\"LaunchPlanSimHighErrorRatio\"", StandardCharsets.UTF_8)
        + "&filter=" + URLEncoder.encode("namespace=\"" + ns + "\"", StandardCharsets.UTF_8)
        + "&filter=" + URLEncoder.encode("pod=\"" + pod + "\"", StandardCharsets.UTF_8);
    return PromApi.get(config.alertmanager().resolve("/api/v2/alerts?active=true&" + filter)).size() > 0;
  }

  /** A bearer token in the Alertmanager config's webhook, if the receiver needs one. */
  private java.util.Optional<String> receiverToken() {
    try {
      String yml = Files.readString(config.repoRoot().resolve("hack/alertmanager/alertmanager.yml"));
      Matcher m = Pattern.compile("credentials:\\s*['\"]?([^'\"\\s]+)").matcher(yml);
      return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }

  private static boolean portFree(int port) {
    try {
      new ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1")).close();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String planYaml(String ns) {
    return LaunchPlanYaml.of("push", "web", """
        canary: {replicas: 1, observe: 10m}
        analysis:
          interval: 60s
          alerts:
            - matchLabels: {alertname: LaunchPlanSimHighErrorRatio, namespace: %s}
        """.formatted(ns));
  }
}
