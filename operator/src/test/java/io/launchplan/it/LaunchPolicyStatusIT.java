package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.launchplan.LaunchPlanOperator;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPolicy;
import io.launchplan.api.LaunchPolicyStatus;
import io.launchplan.api.Phase;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A LaunchPolicy's own status on the real cluster with real time: the operator says it is invalid
 * (condition, Warning Event, metric) and whether its windows are open, and changes that at the
 * window's edge without polling.
 */
@ExtendWith(ClusterExtension.class)
@NamespacePrefix("polstatus")
class LaunchPolicyStatusIT {
  private static final Duration T = Duration.ofSeconds(90);

  private static LaunchPolicyStatus status(TestNamespace ns, String policy) {
    LaunchPolicy p = ns.client().resources(LaunchPolicy.class).withName(policy).get();
    return p == null ? null : p.getStatus();
  }

  private static Condition ready(LaunchPolicyStatus s) {
    return s == null || s.getConditions() == null ? null
        : s.getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElse(null);
  }

  private static double gauge(LaunchPlanOperator operator, String name, Map<String, String> labels) {
    return operator.metrics().registry().scrape().stream()
        .filter(m -> m.getMetadata().getPrometheusName().equals(name))
        .flatMap(m -> ((GaugeSnapshot) m).getDataPoints().stream())
        .filter(d -> labels.entrySet().stream().allMatch(e -> e.getValue().equals(d.getLabels().get(e.getKey()))))
        .mapToDouble(GaugeSnapshot.GaugeDataPointSnapshot::getValue).sum();
  }

  @Test
  void anInvalidPolicySaysSoInItsConditionAnEventAndAMetricAndItsHoldIsCounted(TestNamespace ns) {
    String id = TestPolicies.scope(ns);
    String policy = TestPolicies.create(ns, id, "broken", """
        windows:
          - {kind: Allow, schedule: "0 25 * * *", duration: 1h}
        """);
    ns.createWeb();
    LaunchPlanOperator operator = ns.startOperator();

    Awaitility.await("Ready=False on the policy").atMost(T).until(() -> ready(status(ns, policy)) != null
        && "False".equals(ready(status(ns, policy)).getStatus()));
    Condition c = ready(status(ns, policy));
    assertThat(c.getReason()).isEqualTo("PolicyInvalid");
    assertThat(c.getMessage()).startsWith("LaunchPolicy " + policy + ": windows[0].schedule '0 25 * * *' is not a"
        + " crontab schedule").endsWith("(the new launches it covers wait Pending/PolicyInvalid)");
    Awaitility.await("a Warning Event on the policy").atMost(Duration.ofSeconds(20)).until(() ->
        ns.client().v1().events().inNamespace("default").list().getItems().stream().anyMatch((Event e) ->
            policy.equals(e.getInvolvedObject().getName()) && "LaunchPolicy".equals(e.getInvolvedObject().getKind())
                && "Warning".equals(e.getType()) && "PolicyInvalid".equals(e.getReason())));
    assertThat(gauge(operator, "launchplan_policy_invalid", Map.of("policy", policy))).isEqualTo(1);

    ns.apply(new PlanYaml().canaryObserve("3s").rolloutObserve("2s").build());
    ns.awaitReason("web-v2", Phase.Pending, "PolicyInvalid", T);
    Awaitility.await("the hold counted").atMost(Duration.ofSeconds(20)).until(() ->
        gauge(operator, "launchplan_policy_holds", Map.of("policy", policy, "rule", "invalid")) == 1);

    // Fixed: Ready=True, the plan goes on and its hold is no longer counted.
    ns.client().resources(LaunchPolicy.class).withName(policy).edit(p -> {
      p.getSpec().getWindows().get(0).setSchedule("0 3 * * *");
      p.getSpec().getWindows().get(0).setDuration("24h");
      return p;
    });
    Awaitility.await("Ready=True").atMost(T).until(() -> "True".equals(ready(status(ns, policy)).getStatus()));
    LaunchPlan done = ns.awaitPhase("web-v2", Phase.Succeeded, T);
    assertThat(done.getStatus().getPolicies()).containsExactly(policy);
    assertThat(gauge(operator, "launchplan_policy_holds", Map.of("policy", policy))).isZero();
    assertThat(gauge(operator, "launchplan_policy_invalid", Map.of("policy", policy))).isZero();
  }

  @Test
  void theWindowShowsClosedWithTheOpeningThenOpenWithTheClosingAtTheEdge(TestNamespace ns) {
    String id = TestPolicies.scope(ns);
    // The next whole minute at least 20 s away, in UTC; open for 1 h from then.
    ZonedDateTime opens = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(20).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    String policy = TestPolicies.create(ns, id, "window", """
        windows:
          - {kind: Allow, schedule: "%d %d * * *", duration: 1h, timeZone: UTC, reason: test window}
        """.formatted(opens.getMinute(), opens.getHour()));
    LaunchPlanOperator operator = ns.startOperator();

    Awaitility.await("status.window").atMost(T).until(() -> status(ns, policy) != null
        && status(ns, policy).getWindow() != null);
    LaunchPolicyStatus closed = status(ns, policy);
    assertThat(closed.getWindow().getState()).isEqualTo("Closed");
    assertThat(closed.getWindow().getReason()).isEqualTo("outside every Allow window");
    assertThat(closed.getWindow().getNextChange()).isEqualTo(opens.toInstant().toString());
    assertThat(ready(closed).getStatus()).isEqualTo("True");
    assertThat(gauge(operator, "launchplan_policy_window_open", Map.of("policy", policy))).isZero();

    Awaitility.await("Open at the opening").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
        .until(() -> "Open".equals(status(ns, policy).getWindow().getState()));
    Instant seen = Instant.now();
    assertThat(seen).as("changed at the window's edge, by the timer set for it").isAfterOrEqualTo(opens.toInstant())
        .isBefore(opens.toInstant().plusSeconds(10));
    assertThat(status(ns, policy).getWindow().getNextChange()).isEqualTo(opens.toInstant().plusSeconds(3600).toString());
    assertThat(gauge(operator, "launchplan_policy_window_open", Map.of("policy", policy))).isEqualTo(1);
  }
}
