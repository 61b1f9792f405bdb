package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.launchplan.analysis.FreezeAlertSelector;
import io.launchplan.analysis.receiver.ReceiverConfig;
import io.launchplan.api.FreezeStatus;
import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import io.launchplan.cluster.ConfigMapRef;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cluster-wide freezes on the real cluster and Prometheus: the {@code launchplan.io/freeze}
 * annotation on the operator's config ConfigMap, and a firing freeze alert, polled from Prometheus
 * or pushed to the receiver. Each pauses the launch in flight where it stands, keeps a new one
 * Pending with the source and since in status, lets an emergency launch through, and resumes them
 * when it ends. Each test uses its own ConfigMap and its own alert label, so tests in other
 * namespaces are not frozen.
 */
@ExtendWith(ClusterExtension.class)
class FreezeIT {
  private static final Duration T = Duration.ofSeconds(90);
  private static final String CONFIG = "launchplan-operator-config";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void configMapFreezePausesInFlightKeepsNewPendingLetsEmergencyThroughAndResumes(TestNamespace ns) throws Exception {
    ns.createWeb();
    createApp(ns, "api");
    createApp(ns, "hot");
    ns.client().configMaps().inNamespace(ns.name()).resource(new ConfigMapBuilder().withNewMetadata().withName(CONFIG)
        .endMetadata().build()).create();
    ns.startOperator(ReceiverConfig.OFF, new ConfigMapRef(ns.name(), CONFIG), null);
    ns.apply(new PlanYaml().canaryObserve("8s").build());
    ns.awaitPhase("web-v2", Phase.Observing, T);

    Instant before = Instant.now().minusSeconds(1);
    annotateConfig(ns, "INC-42 payments outage");
    LaunchPlan frozen = ns.awaitReason("web-v2", Phase.Paused, "Frozen", T);
    String by = "cluster config " + ns.name() + "/" + CONFIG;
    FreezeStatus freeze = frozen.getStatus().getFreeze();
    assertThat(freeze.getBy()).isEqualTo(by);
    assertThat(freeze.getReason()).isEqualTo("INC-42 payments outage");
    Instant since = Instant.parse(freeze.getSince());
    assertThat(since).isBetween(before, Instant.now());
    assertThat(frozen.getStatus().getPausedFrom()).isEqualTo(Phase.Observing);
    assertThat(frozen.getStatus().getMessage()).contains(by).contains("INC-42 payments outage").contains(freeze.getSince());
    assertThat(frozen.getStatus().getConditions()).anySatisfy(c -> {
      assertThat(c.getType()).isEqualTo("Frozen");
      assertThat(c.getStatus()).isEqualTo("True");
      assertThat(c.getMessage()).contains(by).contains("since " + freeze.getSince());
    });
    assertThat(ns.deployment("web-canary")).as("a paused launch keeps its canary").isNotNull();

    ns.apply(Plans.simple("api-v2", "api", "lane: api"));
    LaunchPlan pending = ns.awaitReason("api-v2", Phase.Pending, "Frozen", T);
    assertThat(pending.getStatus().getMessage()).contains(by).contains("INC-42");
    assertThat(pending.getStatus().getFreeze().getBy()).isEqualTo(by);
    assertThat(ns.deployment("api-canary")).isNull();

    ns.apply(Plans.simple("hot-v2", "hot", "lane: hot\nemergency: true"));
    LaunchPlan hot = ns.awaitPhase("hot-v2", Phase.Succeeded, T);
    assertThat(hot.getStatus().getHistory()).extracting(HistoryEntry::getReason).contains("EmergencyBypass");
    assertThat(hot.getStatus().getHistory()).filteredOn(h -> "EmergencyBypass".equals(h.getReason())).singleElement()
        .satisfies(h -> assertThat(h.getMessage()).contains(by));

    // Since stays put while the same freeze holds (the plans were reconciled meanwhile).
    assertThat(ns.plan("web-v2").getStatus().getFreeze().getSince()).isEqualTo(freeze.getSince());
    assertThat(ns.plan("api-v2").getStatus().getReason()).isEqualTo("Frozen");

    annotateConfig(ns, null);
    LaunchPlan web = ns.awaitPhase("web-v2", Phase.Succeeded, T);
    LaunchPlan api = ns.awaitPhase("api-v2", Phase.Succeeded, T);
    assertThat(web.getStatus().getFreeze()).isNull();
    assertThat(api.getStatus().getFreeze()).isNull();
    assertThat(web.getStatus().getHistory()).extracting(HistoryEntry::getPhase)
        .containsSubsequence(Phase.Observing, Phase.Paused, Phase.Observing, Phase.RollingOut, Phase.Succeeded);
  }

  @Test
  void aFreezeAlertFiringInPrometheusFreezesAndItsEndResumes(TestNamespace ns) throws Exception {
    ns.createWeb();
    createApp(ns, "api");
    // The receiver is off: only the poll of Prometheus can see the alert.
    ns.startOperator(ReceiverConfig.OFF, null, FreezeAlertSelector.parse("alertname=LaunchPlanTestIncident,freeze_test=" + ns.name()));
    ns.apply(new PlanYaml().canaryObserve("30s").build());
    ns.awaitPhase("web-v2", Phase.Observing, T);

    Path rule = rulesDir().resolve("freeze-" + ns.name() + ".yml");
    ns.onCleanup(() -> removeRule(rule));
    Files.writeString(rule, """
        groups:
          - name: launchplan-freeze-%s
            rules:
              - alert: LaunchPlanTestIncident
                expr: vector(1)
                labels: {freeze_test: "%s", severity: critical}
        """.formatted(ns.name(), ns.name()));
    reloadPrometheus(ns);
    long t0 = System.nanoTime();
    LaunchPlan frozen = ns.awaitReason("web-v2", Phase.Paused, "Frozen", Duration.ofSeconds(40));
    System.out.printf("FreezeIT: rule loaded -> plan Paused by the polled freeze alert in %d ms%n",
        (System.nanoTime() - t0) / 1_000_000);
    String by = "alert LaunchPlanTestIncident{freeze_test=\"" + ns.name() + "\",severity=\"critical\"}";
    assertThat(frozen.getStatus().getFreeze().getBy()).isEqualTo(by);
    assertThat(frozen.getStatus().getMessage()).contains(by);

    ns.apply(Plans.simple("api-v2", "api", "lane: api"));
    LaunchPlan pending = ns.awaitReason("api-v2", Phase.Pending, "Frozen", T);
    assertThat(pending.getStatus().getFreeze().getBy()).isEqualTo(by);

    removeRule(rule);
    reloadPrometheus(ns);
    ns.awaitPhase("web-v2", Phase.Succeeded, T);
    assertThat(ns.awaitPhase("api-v2", Phase.Succeeded, T).getStatus().getFreeze()).isNull();
  }

  @Test
  void aPushedFreezeAlertFreezesAtOnceAndItsResolvedPushLiftsIt(TestNamespace ns) throws Exception {
    ns.createWeb();
    int port = freePort();
    String token = "freeze-it-" + ns.name();
    String alertname = "LaunchPlanPushedIncident";
    ns.startOperator(ReceiverConfig.withToken(port, token), null,
        FreezeAlertSelector.parse("alertname=" + alertname + ",freeze_test=" + ns.name()));
    ns.apply(new PlanYaml().canaryObserve("30s").build());
    ns.awaitPhase("web-v2", Phase.Observing, T);

    Instant startsAt = Instant.now().minusSeconds(60);
    String alert = """
        {"version":"4","status":"%s","alerts":[{"status":"%s","fingerprint":"f-%s",
         "labels":{"alertname":"%s","freeze_test":"%s"},"startsAt":"%s"}]}""";
    long t0 = System.nanoTime();
    Awaitility.await("firing push accepted").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> push(port, token, alert.formatted("firing", "firing", ns.name(), alertname, ns.name(), startsAt)) == 200);
    LaunchPlan frozen = ns.awaitReason("web-v2", Phase.Paused, "Frozen", Duration.ofSeconds(8));
    System.out.printf("FreezeIT: freeze alert pushed -> plan Paused in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    assertThat(frozen.getStatus().getFreeze().getBy()).isEqualTo("alert " + alertname + "{freeze_test=\"" + ns.name() + "\"}");
    assertThat(frozen.getStatus().getFreeze().getSince()).as("the alert's own start").isEqualTo(startsAt.toString());

    assertThat(push(port, token, alert.formatted("resolved", "resolved", ns.name(), alertname, ns.name(), startsAt)))
        .isEqualTo(200);
    ns.awaitPhase("web-v2", Phase.Succeeded, T);
  }

  private static int push(int port, String token, String body) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/alertmanager"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static void annotateConfig(TestNamespace ns, String reason) {
    ns.client().configMaps().inNamespace(ns.name()).withName(CONFIG).edit(cm -> {
      Map<String, String> a = cm.getMetadata().getAnnotations() == null ? new HashMap<>()
          : new HashMap<>(cm.getMetadata().getAnnotations());
      if (reason == null) {
        a.remove("launchplan.io/freeze");
      } else {
        a.put("launchplan.io/freeze", reason);
      }
      cm.getMetadata().setAnnotations(a);
      return cm;
    });
  }

  /** Where the running Prometheus reads the rule files tests write: {@code .cluster/prometheus/rules} beside the kubeconfig. */
  private static Path rulesDir() {
    Path dir = LocalCluster.kubeconfigPath().getParent().resolve("prometheus/rules");
    assertThat(dir).as("the rules folder of the running local Prometheus (hack/cluster.sh up)").isDirectory();
    return dir;
  }

  private static void removeRule(Path rule) {
    try {
      Files.deleteIfExists(rule);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void reloadPrometheus(TestNamespace ns) throws IOException, InterruptedException {
    var r = HTTP.send(HttpRequest.newBuilder(ns.prometheus().resolve("/-/reload")).POST(HttpRequest.BodyPublishers.noBody())
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("Prometheus reload: %s", r.body()).isEqualTo(200);
  }

  private static void createApp(TestNamespace ns, String app) {
    ns.createDeployment(app, 2, "registry.example/" + app + ":1", Map.of());
    ns.awaitAvailable(app, Duration.ofSeconds(60));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
