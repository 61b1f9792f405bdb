package io.launchplan.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One staged launch, measured (bench/README.md, "Staged canary steps"): a 20-replica Deployment,
 * a 1-pod canary and three percent steps (10 %, 25 %, 50 %), each observed 30 s with a canary 5xx
 * query at a 5 s interval, then the rollout and a 30 s verification. Prints each phase's duration
 * (from the plan's history) and the most pods (scheduled, not terminating) counted every 250 ms in
 * each step (by the canary's {@code launchplan.io/step} stamp) and phase, and the extra pods beyond
 * the target's 20. Runs on the cluster's standard KWOK nodes, in one namespace {@code BENCH_NAMESPACE}
 * (default {@code st-bench-steps}), with the operator jar in its own JVM.
 *
 * <pre>java -cp bench/target/launchplan-bench.jar io.launchplan.bench.StepsBench</pre>
 */
public final class StepsBench {
  static final int REPLICAS = 20;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String PLAN = """
      apiVersion: launchplan.io/v1alpha1
      kind: LaunchPlan
      metadata: {name: web-v2}
      spec:
        targetRef: {name: web}
        template:
          spec:
            containers: [{name: app, image: "registry.example/web:2"}]
        canary:
          replicas: 1
          observe: 30s
          steps: [{percent: 10, observe: 30s}, {percent: 25, observe: 30s}, {percent: 50, observe: 30s}]
        rollout: {observe: 30s}
        analysis:
          interval: 5s
          queries:
            - name: canary-5xx
              expr: |
                sum(rate(http_requests_total{namespace="${namespace}",pod=~"${canaryPods}",code=~"5.."}[15s]))
                  / sum(rate(http_requests_total{namespace="${namespace}",pod=~"${canaryPods}"}[15s])) > 0.2
      """;

  private StepsBench() {}

  public static void main(String[] args) throws Exception {
    BenchConfig config = BenchConfig.fromEnv(System.getenv());
    String ns = System.getenv().getOrDefault("BENCH_NAMESPACE", "st-bench-steps");
    Path raw = config.resultsDir().resolve("raw-steps-" + Instant.now().toString().replace(':', '-'));
    Files.createDirectories(raw);
    try (BenchCluster cluster = new BenchCluster(config.kubeconfig())) {
      KubernetesClient client = cluster.client();
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
      try {
        client.apps().deployments().inNamespace(ns).resource(target(ns)).create();
        cluster.awaitAvailable(ns, 1, Duration.ofMinutes(3));
        try (OperatorJvm operator = OperatorJvm.start(config, List.of(ns), config.prometheus(), Map.of(),
            raw.resolve("operator.log"))) {
          Thread.sleep(20_000); // the simulator's series for the target's pods reach Prometheus
          cluster.createPlan(ns, PLAN);
          Map<String, Integer> maxPods = sample(client, ns);
          LaunchPlan done = client.resources(LaunchPlan.class).inNamespace(ns).withName("web-v2").get();
          Map<String, Object> report = report(done, maxPods);
          Files.writeString(config.resultsDir().resolve("steps-" + Instant.now().toString().replace(':', '-') + ".json"),
              JSON.writeValueAsString(report));
          System.out.println(JSON.writeValueAsString(report));
          System.out.println(table(report));
        }
      } finally {
        // The operator is stopped by now: its finalizer would keep the namespace from going.
        for (LaunchPlan p : client.resources(LaunchPlan.class).inNamespace(ns).list().getItems()) {
          client.resources(LaunchPlan.class).inNamespace(ns).withName(p.getMetadata().getName())
              .edit(x -> { x.getMetadata().setFinalizers(List.of()); return x; });
        }
        client.namespaces().withName(ns).delete();
      }
    }
  }

  /** The target: 20 pods at 20 requests/s each on the standard KWOK nodes. */
  private static Deployment target(String ns) {
    return new DeploymentBuilder()
        .withNewMetadata().withName("web").withNamespace(ns).endMetadata()
        .withNewSpec().withReplicas(REPLICAS)
            .withNewSelector().addToMatchLabels("app", "web").endSelector()
            .withNewTemplate()
                .withNewMetadata().addToLabels("app", "web").addToAnnotations("sim.launchplan.io/rps", "20").endMetadata()
                .withNewSpec()
                    .addNewContainer().withName("app").withImage("registry.example/web:1").endContainer()
                    .addNewToleration().withKey("kwok.x-k8s.io/node").withOperator("Exists").withEffect("NoSchedule").endToleration()
                .endSpec()
            .endTemplate()
        .endSpec().build();
  }

  /**
   * Until the launch ends: every 250 ms the pods of the namespace that are not terminating, and the
   * plan's place ("Canary 0/3", "Observing 2/3", "RollingOut" ...); the most pods seen in each place.
   */
  private static Map<String, Integer> sample(KubernetesClient client, String ns) throws InterruptedException {
    Map<String, Integer> max = new LinkedHashMap<>();
    Instant deadline = Instant.now().plus(Duration.ofMinutes(15));
    while (Instant.now().isBefore(deadline)) {
      LaunchPlan plan = client.resources(LaunchPlan.class).inNamespace(ns).withName("web-v2").get();
      LaunchPlanStatus s = plan.getStatus();
      if (s != null && s.getPhase() != null) {
        // Attributed by the canary's own step stamp: the operator scales the canary before it writes
        // the step to status, so the plan's status alone would credit a step's pods to the one before.
        Deployment canary = client.apps().deployments().inNamespace(ns).withName("web-canary").get();
        int pods = (int) client.pods().inNamespace(ns).list().getItems().stream()
            .filter(p -> p.getMetadata().getDeletionTimestamp() == null).filter(StepsBench::scheduled).count();
        max.merge(place(s, canary), pods, Math::max);
        if (s.getPhase().isTerminal()) {
          return max;
        }
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the launch did not end within 15 minutes");
  }

  private static boolean scheduled(Pod p) {
    return p.getSpec().getNodeName() != null;
  }

  private static String place(LaunchPlanStatus s, Deployment canary) {
    Phase phase = s.getPhase() == Phase.Paused ? s.getPausedFrom() : s.getPhase();
    if ((phase == Phase.Canary || phase == Phase.Observing) && canary != null
        && canary.getMetadata().getAnnotations() != null && canary.getMetadata().getAnnotations().containsKey("launchplan.io/step")) {
      return "step " + canary.getMetadata().getAnnotations().get("launchplan.io/step") + "/3";
    }
    return phase.name();
  }

  /** Each history entry's duration (to the next), with the most pods seen there. */
  static Map<String, Object> report(LaunchPlan done, Map<String, Integer> maxPods) {
    List<HistoryEntry> h = done.getStatus().getHistory();
    List<Map<String, Object>> rows = new ArrayList<>();
    int step = 0;
    for (int i = 0; i + 1 < h.size(); i++) {
      HistoryEntry e = h.get(i);
      if ("StepStarted".equals(e.getReason())) {
        step++;
      }
      boolean stepped = e.getPhase() == Phase.Canary || e.getPhase() == Phase.Observing;
      String place = stepped ? "step " + step + "/3" : e.getPhase().name();
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("phase", e.getPhase() + (stepped ? " " + step + "/3" : ""));
      row.put("reason", e.getReason());
      row.put("seconds", Duration.between(Instant.parse(e.getAt()), Instant.parse(h.get(i + 1).getAt())).toMillis() / 1000.0);
      Integer pods = maxPods.get(place);
      row.put("max_pods", pods);
      row.put("extra_pods", pods == null ? null : pods - REPLICAS);
      rows.add(row);
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("outcome", done.getStatus().getPhase().name());
    report.put("target_replicas", REPLICAS);
    report.put("total_seconds", Duration.between(Instant.parse(h.get(0).getAt()),
        Instant.parse(h.get(h.size() - 1).getAt())).toMillis() / 1000.0);
    report.put("phases", rows);
    return report;
  }

  @SuppressWarnings("unchecked")
  private static String table(Map<String, Object> report) {
    StringBuilder b = new StringBuilder("| Phase (step) | Reason entering it | Duration | Pods (max) | Extra pods |\n|---|---|---|---|---|\n");
    for (Map<String, Object> row : (List<Map<String, Object>>) report.get("phases")) {
      b.append("| ").append(row.get("phase")).append(" | ").append(row.get("reason")).append(" | ")
          .append(row.get("seconds")).append(" s | ").append(row.get("max_pods")).append(" | ")
          .append(row.get("extra_pods")).append(" |\n");
    }
    return b.append("\nTotal: ").append(report.get("total_seconds")).append(" s, ").append(report.get("outcome")).toString();
  }
}
