package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.LaunchPlanOperator;
import io.launchplan.analysis.receiver.PushedAlerts;
import io.launchplan.analysis.receiver.WebhookAlert;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import io.launchplan.api.QueryStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A LaunchPolicy's required alert selector acts on a pushed alert, not only at the next poll: the
 * push wakes the covered launch, which reverts naming the selector and its policy. The alert is handed
 * to the operator's registry of pushed alerts as its Alertmanager receiver hands it (the HTTP path and
 * a real Alertmanager are {@link AlertPushIT}'s, which owns the receiver port Alertmanager sends to).
 */
@ExtendWith(ClusterExtension.class)
@NamespacePrefix("polpush")
class PolicyAlertPushIT {
  private static final Duration T = Duration.ofSeconds(120);

  @Test
  void aPushedAlertMatchingAPolicysRequiredSelectorRevertsACoveredPlanThatHasNoChecksOfItsOwn(TestNamespace ns) {
    String id = TestPolicies.scope(ns);
    String policy = TestPolicies.create(ns, id, "alerts", """
        required:
          alerts:
            - matchLabels: {alertname: PolicyPushTest, namespace: %s}
              action: Revert
        """.formatted(ns.name()));
    ns.createWeb();
    LaunchPlanOperator operator = ns.startOperator();
    // Polled once a minute, and nothing in Prometheus fires: only the push explains a revert in time.
    ns.apply(Plans.fromYaml("""
        apiVersion: launchplan.io/v1alpha1
        kind: LaunchPlan
        metadata: {name: web-v2}
        spec:
          targetRef: {name: web}
          template:
            spec:
              containers: [{name: app, image: "registry.example/web:2"}]
          canary: {observe: 5m}
          analysis: {interval: 60s}
        """));
    LaunchPlan observing = ns.awaitPhase("web-v2", Phase.Observing, T);
    String check = "policy:" + policy + "/alert:alertname=PolicyPushTest,namespace=" + ns.name();
    assertThat(observing.getStatus().getAnalysis()).extracting(QueryStatus::getName).as("its source in the name")
        .containsExactly(check);

    Instant pushed = Instant.now();
    PushedAlerts.Receipt receipt = operator.pushedAlerts().receive(List.of(new WebhookAlert(true,
        Map.of("alertname", "PolicyPushTest", "namespace", ns.name(), "severity", "critical"), pushed,
        "policy-push-" + ns.name())));
    assertThat(receipt.plansWoken()).as("the push woke the covered launch").isEqualTo(1);

    LaunchPlan done = ns.awaitPhase("web-v2", Phase.Reverted, Duration.ofSeconds(50));
    assertThat(done.getStatus().getReason()).isEqualTo("AnalysisRevert");
    assertThat(done.getStatus().getMessage()).contains(check + " fired (pushed by Alertmanager");
    assertThat(Instant.parse(done.getStatus().getRevertDecidedAt())).as("decided on the push, not at the next poll")
        .isBefore(pushed.plusSeconds(30));
  }
}
