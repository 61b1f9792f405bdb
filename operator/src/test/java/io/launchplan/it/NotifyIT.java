package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.launchplan.LaunchPlanOperator;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import io.launchplan.notify.DeliveryStatus;
import io.launchplan.notify.HookServer;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Launch notices to a real HTTP receiver, with the token from a Secret; a receiver that is down never holds a launch. */
@ExtendWith(ClusterExtension.class)
class NotifyIT {
  private static final Duration T = Duration.ofSeconds(90);

  private static String tokenSecret(TestNamespace ns) {
    String token = "hook-" + UUID.randomUUID();
    ns.client().secrets().inNamespace(ns.name()).resource(new SecretBuilder()
        .withNewMetadata().withName("hook-token").endMetadata()
        .addToStringData("token", token).build()).create();
    return token;
  }

  private static LaunchPlan planNotifying(String url) {
    return Plans.fromYaml(new PlanYaml().canaryObserve("3s").rolloutObserve("2s").yaml() + """
          notify:
            webhooks:
              - url: %s
                secretRef: {name: hook-token, key: token}
        """.formatted(url));
  }

  @Test
  void aHappyLaunchIsAnnouncedAtStartPromotionAndSuccess(TestNamespace ns) throws Exception {
    String token = tokenSecret(ns);
    ns.createWeb();
    ns.startOperator();
    try (HookServer hook = HookServer.start()) {
      ns.apply(planNotifying(hook.url()));
      LaunchPlan done = ns.awaitPhase("web-v2", Phase.Succeeded, T);
      Awaitility.await("three notices").atMost(Duration.ofSeconds(20)).until(() -> hook.requests().size() >= 3);
      Thread.sleep(500); // nothing more should come

      List<HookServer.Request> got = hook.requests();
      List<JsonNode> notices = got.stream().map(r -> Plans.json(r.body())).toList();
      assertThat(notices).extracting(n -> n.path("phase").asText()).containsExactly("Canary", "RollingOut", "Succeeded");
      assertThat(got).allSatisfy(r -> {
        assertThat(r.authorization()).isEqualTo("Bearer " + token);
        assertThat(r.contentType()).isEqualTo("application/json");
      });
      String revision = done.getStatus().getRevision();
      JsonNode start = notices.get(0);
      assertThat(start.path("plan").asText()).isEqualTo("web-v2");
      assertThat(start.path("namespace").asText()).isEqualTo(ns.name());
      assertThat(start.path("revision").asText()).isEqualTo(revision);
      assertThat(start.path("reason").asText()).isEqualTo("LaunchStarted");
      assertThat(start.path("at").asText()).isEqualTo(done.getStatus().getHistory().get(0).getAt());
      assertThat(start.path("text").asText())
          .startsWith(":rocket: " + ns.name() + "/web-v2 revision " + revision + ": Canary — launching revision");
      assertThat(notices.get(1).path("text").asText()).startsWith(":ship: ");
      assertThat(notices.get(2).path("text").asText()).startsWith(":white_check_mark: ");
      assertThat(done.getStatus().getConditions()).anySatisfy(c -> {
        assertThat(c.getType()).isEqualTo(DeliveryStatus.CONDITION);
        assertThat(c.getStatus()).isEqualTo("False");
      });
      System.out.println("notices received: " + notices.stream().map(n -> n.path("text").asText()).toList());
    }
  }

  @Test
  void aWebhookThatIsDownSetsNotificationsFailingAndTheLaunchStillSucceeds(TestNamespace ns) {
    tokenSecret(ns);
    ns.createWeb();
    LaunchPlanOperator operator = ns.startOperator();
    String deadUrl = HookServer.deadUrl();
    ns.apply(planNotifying(deadUrl));

    ns.awaitPhase("web-v2", Phase.Succeeded, T);
    // Each notice is given up on after 5 tries (0.5 + 1 + 2 + 4 s of backoff); the plan is woken to show it.
    Awaitility.await("NotificationsFailing=True").atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
        .until(() -> ns.plan("web-v2").getStatus().getConditions().stream().anyMatch(c ->
            DeliveryStatus.CONDITION.equals(c.getType()) && "True".equals(c.getStatus())));
    var condition = ns.plan("web-v2").getStatus().getConditions().stream()
        .filter(c -> DeliveryStatus.CONDITION.equals(c.getType())).findFirst().orElseThrow();
    assertThat(condition.getReason()).isEqualTo("DeliveryFailed");
    assertThat(condition.getMessage()).contains(deadUrl).contains("cannot connect").contains("after 5 tries");
    assertThat(ns.plan("web-v2").getStatus().getPhase()).isEqualTo(Phase.Succeeded);
    double failures = operator.metrics().registry().scrape().stream()
        .filter(m -> m.getMetadata().getPrometheusName().equals("launchplan_notification_failures"))
        .flatMap(m -> ((CounterSnapshot) m).getDataPoints().stream())
        .filter(d -> "unreachable".equals(d.getLabels().get("reason")))
        .mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue).sum();
    assertThat(failures).isGreaterThanOrEqualTo(1);
    System.out.println("NotificationsFailing: " + condition.getMessage() + "; launchplan_notification_failures_total"
        + "{reason=\"unreachable\"} = " + failures);
  }
}
