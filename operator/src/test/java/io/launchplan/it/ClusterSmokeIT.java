package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.launchplan.testsupport.PromApi;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Proves the test environment is real: the Deployment controller, the scheduler, KWOK's fake
 * kubelets, garbage collection, the traffic simulator, Prometheus rules and Alertmanager.
 */
@ExtendWith(ClusterExtension.class)
class ClusterSmokeIT {

  @Test
  void deploymentRollsOutAndIsGarbageCollected(TestNamespace ns) {
    ns.createDeployment("web", 3, "registry.example/web:1", Map.of("sim.launchplan.io/rps", "10"));
    ns.awaitAvailable("web", Duration.ofSeconds(60));
    assertThat(readyPods(ns, "web")).hasSize(3);
    String firstRs = onlyReplicaSet(ns, "web");

    ns.client().apps().deployments().inNamespace(ns.name()).withName("web")
        .edit(d -> { d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("registry.example/web:2"); return d; });
    ns.awaitAvailable("web", Duration.ofSeconds(60));
    Awaitility.await("old ReplicaSet scaled down").atMost(Duration.ofSeconds(30)).until(() ->
        replicaSets(ns).stream().filter(rs -> rs.getMetadata().getName().equals(firstRs))
            .allMatch(rs -> rs.getSpec().getReplicas() == 0));
    assertThat(replicaSets(ns)).extracting(rs -> rs.getMetadata().getName()).hasSize(2).contains(firstRs);
    assertThat(readyPods(ns, "web")).hasSize(3)
        .allSatisfy(p -> assertThat(p.getSpec().getContainers().get(0).getImage()).isEqualTo("registry.example/web:2"));

    ns.client().apps().deployments().inNamespace(ns.name()).withName("web").delete();
    Awaitility.await("ReplicaSets and pods garbage-collected").atMost(Duration.ofSeconds(60)).until(() ->
        replicaSets(ns).isEmpty() && ns.client().pods().inNamespace(ns.name()).list().getItems().isEmpty());
  }

  @Test
  void prometheusSeesSimulatedTrafficAndAlertsReachAlertmanager(TestNamespace ns) {
    ns.createDeployment("api", 2, "registry.example/api:1",
        Map.of("sim.launchplan.io/rps", "20", "sim.launchplan.io/error-ratio", "0.75"));
    ns.awaitAvailable("api", Duration.ofSeconds(60));
    List<String> pods = readyPods(ns, "api").stream().map(p -> p.getMetadata().getName()).toList();

    String ratio = "sum by (pod) (rate(http_requests_total{namespace=\"" + ns.name() + "\",code=\"500\"}[5s]))"
        + " / sum by (pod) (rate(http_requests_total{namespace=\"" + ns.name() + "\"}[5s]))";
    Awaitility.await("error ratio visible in rate()").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> {
          JsonNode result = PromApi.query(ns.prometheus(), ratio);
          assertThat(result).hasSize(2);
          for (JsonNode series : result) {
            assertThat(pods).contains(series.path("metric").path("pod").asText());
            assertThat(Double.parseDouble(series.path("value").get(1).asText())).isCloseTo(0.75, org.assertj.core.data.Offset.offset(0.02));
          }
        });
    JsonNode total = PromApi.query(ns.prometheus(), "http_requests_total{namespace=\"" + ns.name() + "\"}");
    assertThat(total).isNotEmpty();

    Awaitility.await("alert firing in Prometheus and received by Alertmanager").atMost(Duration.ofSeconds(45))
        .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
          JsonNode firing = PromApi.query(ns.prometheus(),
              "ALERTS{alertname=\"LaunchPlanSimHighErrorRatio\",alertstate=\"firing\",namespace=\"" + ns.name() + "\"}");
          assertThat(firing).hasSize(2);
          JsonNode alerts = PromApi.get(ns.alertmanager().resolve(
              "/api/v2/alerts?filter=" + java.net.URLEncoder.encode("namespace=\"" + ns.name() + "\"", java.nio.charset.StandardCharsets.UTF_8)));
          assertThat(alerts).isNotEmpty();
          assertThat(alerts.get(0).path("labels").path("alertname").asText()).isEqualTo("LaunchPlanSimHighErrorRatio");
        });
  }

  private static List<Pod> readyPods(TestNamespace ns, String app) {
    return ns.client().pods().inNamespace(ns.name()).withLabel("app", app).list().getItems().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .filter(p -> p.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
        .toList();
  }

  private static List<ReplicaSet> replicaSets(TestNamespace ns) {
    return ns.client().apps().replicaSets().inNamespace(ns.name()).list().getItems();
  }

  private static String onlyReplicaSet(TestNamespace ns, String app) {
    List<ReplicaSet> all = replicaSets(ns);
    assertThat(all).hasSize(1);
    return all.get(0).getMetadata().getName();
  }
}
