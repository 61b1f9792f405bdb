package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.launchplan.LaunchPlanOperator;
import io.launchplan.analysis.receiver.PushedAlert;
import io.launchplan.analysis.receiver.ReceiverConfig;
import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import io.launchplan.testsupport.PromApi;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Alertmanager push on the real services: the simulator makes the canary fail, Prometheus' rule
 * {@code LaunchPlanSimHighErrorRatio} fires, Alertmanager pushes it to the operator's receiver on
 * :18081 (where {@code hack/alertmanager/alertmanager.yml} sends, with its bearer token), and the
 * launch reverts long before its 60 s poll could notice. Every test here binds :18081, so they all
 * live in this one class and run one after another.
 */
@ExtendWith(ClusterExtension.class)
class AlertPushIT {
  static final int RECEIVER_PORT = 18081;
  static final String ALERT = "LaunchPlanSimHighErrorRatio";
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  private static String token;

  /** The token Alertmanager sends, read from its config; and Alertmanager must run with that config. */
  @BeforeAll
  static void alertmanagerSendsTheToken() throws Exception {
    JsonNode config = Plans.json(Files.readString(LocalCluster.repoRoot().resolve("hack/alertmanager/alertmanager.yml")));
    token = config.path("receivers").path(0).path("webhook_configs").path(0).path("http_config")
        .path("authorization").path("credentials").asText();
    assertThat(token).as("hack/alertmanager/alertmanager.yml sends a bearer token").isNotBlank();
    URI alertmanager = LocalCluster.get().alertmanager();
    if (!PromApi.get(alertmanager.resolve("/api/v2/status")).path("config").path("original").asText()
        .contains("authorization:")) {
      // Started before the token was added to its config: load it (same file, so nothing else changes).
      HTTP.send(HttpRequest.newBuilder(alertmanager.resolve("/-/reload")).POST(HttpRequest.BodyPublishers.noBody())
          .build(), HttpResponse.BodyHandlers.discarding());
    }
  }

  private static LaunchPlanOperator startOperator(TestNamespace ns) {
    return ns.startOperator(ReceiverConfig.withToken(RECEIVER_PORT, token));
  }

  /** A plan judged only by the alert selector, polled once a minute: only a push explains a fast revert. */
  private static LaunchPlan plan(TestNamespace ns, String alertname, String podAnnotations) {
    return Plans.fromYaml("""
        apiVersion: launchplan.io/v1alpha1
        kind: LaunchPlan
        metadata: {name: web-bad}
        spec:
          targetRef: {name: web}
          template:
            metadata:
              annotations: %s
            spec:
              containers: [{name: app, image: "registry.example/web:bad"}]
          canary: {observe: 5m}
          analysis:
            interval: 60s
            alerts:
              - matchLabels: {alertname: %s, namespace: %s}
        """.formatted(podAnnotations, alertname, ns.name()));
  }

  @Test
  void aPrometheusAlertPushedByAlertmanagerRevertsTheCanaryWithoutWaitingForAPoll(TestNamespace ns) {
    ns.createWeb();
    String template = ns.deployment("web").getSpec().getTemplate().toString();
    LaunchPlanOperator operator = startOperator(ns);
    AtomicReference<Instant> canaryReady = new AtomicReference<>();
    AtomicReference<Instant> canaryDeleted = new AtomicReference<>();
    AtomicReference<Instant> prometheusActive = new AtomicReference<>();
    AtomicReference<PushedAlert> received = new AtomicReference<>();
    Watch podWatch = watchCanaryPods(ns, canaryReady, canaryDeleted);
    // Prometheus forgets the alert once the canary is gone, and the registry once it resolves: sample both meanwhile.
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleWithFixedDelay(() -> {
      if (prometheusActive.get() == null) {
        prometheusActive.compareAndSet(null, activeAt(ns));
      }
      if (received.get() == null) {
        operator.pushedAlerts().firing().stream().filter(a -> ns.name().equals(a.labels().get("namespace")))
            .findFirst().ifPresent(a -> received.compareAndSet(null, a));
      }
    }, 0, 50, TimeUnit.MILLISECONDS);
    try {
      ns.apply(plan(ns, ALERT, "{sim.launchplan.io/error-ratio: \"0.9\"}"));
      LaunchPlan done = ns.awaitPhase("web-bad", Phase.Reverted, Duration.ofSeconds(90));
      Awaitility.await("canary pods gone").atMost(Duration.ofSeconds(30)).until(() ->
          ns.client().pods().inNamespace(ns.name()).withLabel("launchplan.io/role", "canary").list().getItems().isEmpty());
      Awaitility.await("samples").atMost(Duration.ofSeconds(5))
          .until(() -> received.get() != null && prometheusActive.get() != null && canaryDeleted.get() != null);

      var status = done.getStatus();
      assertThat(status.getReason()).isEqualTo("AnalysisRevert");
      assertThat(status.getMessage()).contains("pushed by Alertmanager").contains("alertname=" + ALERT);
      assertThat(status.getHistory()).extracting(HistoryEntry::getPhase)
          .containsSubsequence(Phase.Canary, Phase.Reverting, Phase.Reverted)
          .doesNotContain(Phase.RollingOut);
      assertThat(ns.deployment("web").getSpec().getTemplate().toString()).as("target untouched").isEqualTo(template);
      assertThat(ns.deployment("web-canary")).isNull();
      Instant launched = Instant.parse(status.getLaunchStartedAt());
      Instant decided = Instant.parse(status.getRevertDecidedAt());
      // The only poll ran when the launch started, before any canary pod existed; the next is due 60 s later.
      assertThat(Duration.between(launched, decided)).as("decided before a second poll").isLessThan(Duration.ofSeconds(55));
      PushedAlert push = received.get();
      assertThat(push.labels()).containsEntry("alertname", ALERT).containsEntry("severity", "page")
          .containsKey("pod");
      assertThat(Duration.between(push.firstReceivedAt(), decided)).as("push to decision").isLessThan(Duration.ofSeconds(2));

      Instant ready = canaryReady.get();
      Instant active = prometheusActive.get();
      Instant deleted = canaryDeleted.get();
      System.out.printf("alert push chain (namespace %s, canary pod %s):%n"
              + "  canary pod Ready with error-ratio 0.9 %s%n"
              + "  -> Prometheus alert %s active (activeAt)  %s  +%d ms%n"
              + "  -> Alertmanager webhook received by the operator %s  +%d ms%n"
              + "  -> revert decided (status.revertDecidedAt) %s  +%d ms%n"
              + "  -> canary pod deleted (watch) %s  +%d ms%n"
              + "  total canary bad -> canary deleted: %d ms; push received -> canary deleted: %d ms%n",
          ns.name(), push.labels().get("pod"), ready, ALERT, active, millis(ready, active), push.firstReceivedAt(),
          millis(active, push.firstReceivedAt()), decided, millis(push.firstReceivedAt(), decided), deleted,
          millis(decided, deleted), millis(ready, deleted), millis(push.firstReceivedAt(), deleted));
    } finally {
      sampler.shutdownNow();
      podWatch.close();
    }
  }

  @Test
  void pushesWithoutTheTokenOrThatAreNotAlertmanagerPayloadsChangeNothing(TestNamespace ns) throws Exception {
    ns.createWeb();
    LaunchPlanOperator operator = startOperator(ns);
    // A healthy canary; the selector names an alert no Prometheus rule raises, so only the pushes below can fire it.
    String alertname = "LaunchPlanTestPush";
    ns.apply(plan(ns, alertname, "{}"));
    ns.awaitPhase("web-bad", Phase.Observing, Duration.ofSeconds(60));
    String payload = """
        {"version":"4","status":"firing","receiver":"launchplan-operator","groupLabels":{},"commonLabels":{},
         "alerts":[{"status":"firing","labels":{"alertname":"%s","namespace":"%s","severity":"page"},
                    "annotations":{},"startsAt":"%s","endsAt":"0001-01-01T00:00:00Z","fingerprint":"%s"}]}
        """.formatted(alertname, ns.name(), Instant.now(), ns.name().hashCode());

    assertThat(post(null, payload).statusCode()).isEqualTo(401);
    assertThat(post("Bearer not-the-token", payload).statusCode()).isEqualTo(401);
    assertThat(post("Bearer " + token, "garbage, not JSON").statusCode()).isEqualTo(400);
    HttpResponse<String> notAlertmanager = post("Bearer " + token, "{\"text\":\"hello\"}");
    assertThat(notAlertmanager.statusCode()).isEqualTo(400);
    assertThat(Plans.json(notAlertmanager.body()).path("error").asText()).contains("not an Alertmanager webhook payload");
    String padded = payload.replace("\"annotations\":{}", "\"annotations\":{\"pad\":\"" + "x".repeat(1 << 20) + "\"}");
    assertThat(post("Bearer " + token, padded).statusCode()).isEqualTo(413);
    HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(receiverUri()).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);

    Thread.sleep(1000); // a wake-up would have reconciled by now
    LaunchPlan plan = ns.plan("web-bad");
    assertThat(plan.getStatus().getPhase()).isEqualTo(Phase.Observing);
    assertThat(plan.getStatus().getHistory()).extracting(HistoryEntry::getPhase).doesNotContain(Phase.Reverting);
    assertThat(operator.pushedAlerts().firing()).noneMatch(a -> ns.name().equals(a.labels().get("namespace")));
    assertThat(pushes(operator, "unauthorized")).isEqualTo(2);
    assertThat(pushes(operator, "bad_request")).isEqualTo(2);
    assertThat(pushes(operator, "too_large")).isEqualTo(1);

    // The same payload with the token: the receiver alone (no Prometheus, no Alertmanager) reverts at once.
    AtomicReference<Instant> canaryDeleted = new AtomicReference<>();
    Watch podWatch = watchCanaryPods(ns, null, canaryDeleted);
    try {
      Instant sent = Instant.now();
      HttpResponse<String> accepted = post("Bearer " + token, payload);
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
      assertThat(Plans.json(accepted.body()).path("plansWoken").asInt()).isEqualTo(1);
      LaunchPlan done = ns.awaitPhase("web-bad", Phase.Reverted, Duration.ofSeconds(60));
      Awaitility.await("canary pod deletion seen").atMost(Duration.ofSeconds(10)).until(() -> canaryDeleted.get() != null);
      Instant decided = Instant.parse(done.getStatus().getRevertDecidedAt());
      System.out.printf("direct push: POST sent %s -> revert decided %s: %d ms -> canary pod deleted (watch) %s: +%d ms;"
          + " POST -> canary deleted: %d ms%n", sent, decided, millis(sent, decided), canaryDeleted.get(),
          millis(decided, canaryDeleted.get()), millis(sent, canaryDeleted.get()));
      assertThat(Duration.between(sent, decided)).isLessThan(Duration.ofSeconds(2));
      assertThat(done.getStatus().getMessage()).contains("pushed by Alertmanager");
    } finally {
      podWatch.close();
    }
  }

  /** Records when a canary pod is first seen Ready, and first seen deleted (or being deleted). */
  private static Watch watchCanaryPods(TestNamespace ns, AtomicReference<Instant> ready, AtomicReference<Instant> deleted) {
    return ns.client().pods().inNamespace(ns.name()).withLabel("launchplan.io/role", "canary").watch(new Watcher<Pod>() {
      @Override
      public void eventReceived(Action action, Pod pod) {
        if (action == Action.DELETED || pod.getMetadata().getDeletionTimestamp() != null) {
          deleted.compareAndSet(null, Instant.now());
        } else if (ready != null && pod.getStatus() != null && pod.getStatus().getConditions() != null
            && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))) {
          ready.compareAndSet(null, Instant.now());
        }
      }

      @Override
      public void onClose(WatcherException cause) {}
    });
  }

  private static URI receiverUri() {
    return URI.create("http://127.0.0.1:" + RECEIVER_PORT + "/alertmanager");
  }

  private static HttpResponse<String> post(String authorization, String body) throws IOException, InterruptedException {
    HttpRequest.Builder r = HttpRequest.newBuilder(receiverUri()).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (authorization != null) {
      r.header("Authorization", authorization);
    }
    return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static double pushes(LaunchPlanOperator operator, String result) {
    return operator.metrics().registry().scrape().stream()
        .filter(m -> m.getMetadata().getPrometheusName().equals("launchplan_alert_pushes"))
        .flatMap(m -> ((CounterSnapshot) m).getDataPoints().stream())
        .filter(d -> result.equals(d.getLabels().get("result")))
        .mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue).sum();
  }

  /** When Prometheus' alert for this namespace became active, or null while it is not. */
  private static Instant activeAt(TestNamespace ns) {
    try {
      for (JsonNode a : PromApi.get(ns.prometheus().resolve("/api/v1/alerts")).path("data").path("alerts")) {
        if (ALERT.equals(a.path("labels").path("alertname").asText())
            && ns.name().equals(a.path("labels").path("namespace").asText()) && a.hasNonNull("activeAt")) {
          return Instant.parse(a.path("activeAt").asText());
        }
      }
    } catch (RuntimeException e) {
      // not this time
    }
    return null;
  }

  private static long millis(Instant from, Instant to) {
    return Duration.between(from, to).toMillis();
  }
}
