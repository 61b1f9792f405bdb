package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPolicy;
import io.launchplan.api.Phase;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * LaunchPolicies on the real cluster and Prometheus, with real time. LaunchPolicy is cluster-scoped:
 * every policy made here selects only namespaces carrying a label that this test's namespace alone
 * has, so it never covers another test's plans, and is deleted when the test ends.
 */
@ExtendWith(ClusterExtension.class)
@NamespacePrefix("policy")
class LaunchPolicyIT {
  private static final Duration T = Duration.ofSeconds(90);
  private static final String LABEL = TestPolicies.LABEL;

  private static String scope(TestNamespace ns) {
    return TestPolicies.scope(ns);
  }

  private static String createPolicy(TestNamespace ns, String id, String suffix, String specLines) {
    return TestPolicies.create(ns, id, suffix, specLines);
  }

  private static void deletePolicy(TestNamespace ns, String name) {
    ns.client().resources(LaunchPolicy.class).withName(name).delete();
  }

  private static boolean warningEvent(TestNamespace ns, String reason) {
    return ns.client().v1().events().inNamespace(ns.name()).list().getItems().stream()
        .anyMatch((Event e) -> reason.equals(e.getReason()) && "Warning".equals(e.getType()));
  }

  @Test
  void aWeakPlanIsHeldWithPolicyViolationAndGoesOnOnceThePolicyIsDeleted(TestNamespace ns) {
    String id = scope(ns);
    String policy = createPolicy(ns, id, "min", "minimums: {canaryObserve: 5m}");
    ns.createWeb();
    ns.startOperator();

    ns.apply(new PlanYaml().canaryObserve("3s").rolloutObserve("2s").build());
    LaunchPlan held = ns.awaitReason("web-v2", Phase.Pending, "PolicyViolation", T);

    assertThat(held.getStatus().getMessage()).isEqualTo("canary.observe 3s is shorter than the 5m LaunchPolicy "
        + policy + " requires (minimums.canaryObserve)");
    assertThat(held.getStatus().getPolicies()).containsExactly(policy);
    assertThat(ns.deployment("web-canary")).as("nothing in the cluster changes").isNull();
    Awaitility.await("a Warning event").atMost(Duration.ofSeconds(10)).until(() -> warningEvent(ns, "PolicyViolation"));

    deletePolicy(ns, policy); // mid-hold: the plan is woken and proceeds
    LaunchPlan done = ns.awaitPhase("web-v2", Phase.Succeeded, T);
    assertThat(done.getStatus().getPolicies()).as("no policy covered the launch when it started").isNull();
  }

  @Test
  void aLaunchWindowThatOpensDuringTheTestLetsTheWaitingPlanStart(TestNamespace ns) {
    String id = scope(ns);
    // The next whole minute at least 20 s away, in UTC; open for 1 h from then.
    ZonedDateTime opens = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(20).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    String schedule = opens.getMinute() + " " + opens.getHour() + " * * *";
    String policy = createPolicy(ns, id, "window", """
        windows:
          - {kind: Allow, schedule: "%s", duration: 1h, timeZone: UTC, reason: test window}
        """.formatted(schedule));
    ns.createWeb();
    ns.startOperator();

    ns.apply(new PlanYaml().canaryObserve("3s").rolloutObserve("2s").build());
    LaunchPlan waiting = ns.awaitReason("web-v2", Phase.Pending, "OutsideLaunchWindow", T);

    assertThat(waiting.getStatus().getWindow().getNextOpen()).isEqualTo(opens.toInstant().toString());
    assertThat(waiting.getStatus().getWindow().getPolicy()).isEqualTo(policy);
    assertThat(waiting.getStatus().getMessage()).contains("test window").contains(opens.toInstant().toString());
    assertThat(ns.deployment("web-canary")).isNull();

    // The launch's start, from its history: a short launch may be past Canary (or ended) by the next poll.
    LaunchPlan started = org.awaitility.Awaitility.await("web-v2 starts its launch").atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(200)).until(() -> ns.plan("web-v2"), p -> p.getStatus() != null
            && p.getStatus().getHistory() != null && p.getStatus().getHistory().stream().anyMatch(h -> h.getPhase() == Phase.Canary));
    HistoryEntry start = started.getStatus().getHistory().stream().filter(h -> h.getPhase() == Phase.Canary)
        .findFirst().orElseThrow();
    assertThat(Instant.parse(start.getAt())).as("started once the window opened, not before")
        .isAfterOrEqualTo(opens.toInstant()).isBefore(opens.toInstant().plusSeconds(15));
    assertThat(started.getStatus().getWindow()).isNull();
    assertThat(started.getStatus().getPolicies()).containsExactly(policy);
    ns.awaitPhase("web-v2", Phase.Succeeded, T);
  }

  @Test
  void aRequiredQueryRevertsAPlanThatHasNoneOfItsOwn(TestNamespace ns) {
    String id = scope(ns);
    String policy = createPolicy(ns, id, "checks", """
        required:
          queries:
            - name: canary-5xx
              action: Revert
              expr: |
        %s
        """.formatted(PlanYaml.CANARY_5XX.indent(8).stripTrailing()));
    ns.createWeb();
    ns.startOperator();

    ns.apply(Plans.fromYaml("""
        apiVersion: launchplan.io/v1alpha1
        kind: LaunchPlan
        metadata: {name: web-bad}
        spec:
          targetRef: {name: web}
          template:
            metadata:
              annotations: {sim.launchplan.io/error-ratio: "0.9"}
            spec:
              containers: [{name: app, image: "registry.example/web:bad"}]
          canary: {observe: 60s}
          analysis: {interval: 1s}
        """));
    LaunchPlan done = ns.awaitPhase("web-bad", Phase.Reverted, T);

    assertThat(done.getStatus().getReason()).isEqualTo("AnalysisRevert");
    assertThat(done.getStatus().getMessage()).contains("policy:" + policy + "/canary-5xx");
    assertThat(done.getStatus().getAnalysis()).extracting(q -> q.getName())
        .containsExactly("policy:" + policy + "/canary-5xx");
    assertThat(ns.deployment("web-canary")).isNull();
  }

  @Test
  void aPolicyCreatedDuringALaunchHoldsOnlyTheNextOne(TestNamespace ns) {
    String id = scope(ns);
    ns.createWeb();
    ns.startOperator();
    ns.apply(new PlanYaml().canaryObserve("8s").rolloutObserve("2s").build());
    ns.awaitPhase("web-v2", Phase.Observing, T);

    String policy = createPolicy(ns, id, "late", "minimums: {canaryObserve: 5m}");
    LaunchPlan done = ns.awaitPhase("web-v2", Phase.Succeeded, T);
    assertThat(done.getStatus().getPolicies()).as("the launch in flight started under no policy").isNull();

    ns.client().resources(LaunchPlan.class).inNamespace(ns.name()).withName("web-v2").edit(p -> {
      p.getSpec().setTemplate(Plans.json("spec: {containers: [{name: app, image: \"registry.example/web:3\"}]}"));
      return p;
    });
    LaunchPlan next = ns.awaitReason("web-v2", Phase.Pending, "PolicyViolation", T);
    assertThat(next.getStatus().getPolicies()).containsExactly(policy);
  }

  @Test
  void aScheduleOnlyTheOperatorCanRefuseHoldsCoveredLaunchesWithPolicyInvalid(TestNamespace ns) {
    String id = scope(ns);
    // Five fields pass the schema; hour 25 does not exist.
    String policy = createPolicy(ns, id, "broken", """
        windows:
          - {kind: Allow, schedule: "0 25 * * *", duration: 1h}
        """);
    ns.createWeb();
    ns.startOperator();

    ns.apply(new PlanYaml().canaryObserve("3s").rolloutObserve("2s").build());
    LaunchPlan held = ns.awaitReason("web-v2", Phase.Pending, "PolicyInvalid", T);

    assertThat(held.getStatus().getMessage()).contains("LaunchPolicy " + policy + ": windows[0].schedule '0 25 * * *'");
    assertThat(ns.deployment("web-canary")).as("fails closed").isNull();
  }

  @Test
  void theApiServerRefusesWhatTheSchemaCanSay(TestNamespace ns) {
    String id = scope(ns);
    assertThatThrownBy(() -> createPolicy(ns, id, "bad", """
        minimums: {canaryObserve: -5m}
        windows:
          - {kind: Maybe, schedule: "0 9 * *", duration: 0s, timeZone: Mars/Olympus}
        """)).isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("spec.minimums.canaryObserve")
        .hasMessageContaining("spec.windows[0].kind: Unsupported value: \"Maybe\"")
        .hasMessageContaining("spec.windows[0].schedule");
    assertThatThrownBy(() -> createPolicy(ns, id, "zone", """
        windows:
          - {kind: Deny, schedule: "0 0 25 12 *", duration: 24h, timeZone: Mars/Olympus}
        """)).isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("unknown time zone Mars/Olympus");
  }

  /**
   * The chart's admission policy with {@code paramKind: LaunchPolicy}, rendered for this test: its
   * binding matches this namespace only and passes only this test's LaunchPolicies as params.
   */
  @Test
  void theChartsAdmissionPolicyRefusesAWeakPlanAtApplyWithTheOperatorsMessage(TestNamespace ns) {
    String id = scope(ns);
    List<HasMetadata> items = HelmChart.parse(ns.client(), HelmChart.template(ns.name(),
        "--set", "watchNamespaces={" + ns.name() + "}", "--set", "policyAdmission.enabled=true",
        "--set", "policyAdmission.policySelector.matchLabels.launchplan\\.io/policy-it=" + id));
    List<HasMetadata> admission = items.stream()
        .filter(i -> i.getMetadata().getName().endsWith("-policy-minimums")).toList();
    assertThat(admission).extracting(HasMetadata::getKind)
        .containsExactly("ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding");
    ValidatingAdmissionPolicyBinding binding = HelmChart.ofKind(admission, ValidatingAdmissionPolicyBinding.class).get(0);
    assertThat(binding.getSpec().getMatchResources().getNamespaceSelector().getMatchExpressions()).singleElement()
        .satisfies(e -> assertThat(e.getValues()).containsExactly(ns.name()));
    assertThat(binding.getSpec().getParamRef().getSelector().getMatchLabels()).containsEntry(LABEL, id);
    for (HasMetadata item : admission) {
      ns.onCleanup(() -> ns.client().resource(item).delete());
      ns.client().resource(item).create();
    }
    String policy = createPolicy(ns, id, "vap", "minimums: {canaryObserve: 5m, maxCanaryReplicas: 1}");
    ns.createWeb();

    String refusal = "canary.observe 3s is shorter than the 5m LaunchPolicy " + policy + " requires"
        + " (minimums.canaryObserve)";
    // The policy takes a moment to reach admission: dry runs until it refuses, bounded.
    Awaitility.await("the admission policy refuses the weak plan").atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250)).until(() -> {
          try {
            LaunchPlan weak = new PlanYaml().canaryObserve("3s").build();
            weak.getMetadata().setNamespace(ns.name());
            ns.client().resource(weak).dryRun().create();
            return false;
          } catch (KubernetesClientException e) {
            return e.getMessage().contains(refusal);
          }
        });
    assertThatThrownBy(() -> ns.apply(new PlanYaml().canaryObserve("3s").build()))
        .isInstanceOf(KubernetesClientException.class).hasMessageContaining(refusal);
    assertThat(ns.plan("web-v2")).as("nothing was created").isNull();

    LaunchPlan strong = ns.apply(new PlanYaml().canaryObserve("5m").build());
    assertThat(strong.getMetadata().getUid()).isNotBlank();
    ns.client().resources(LaunchPlan.class).inNamespace(ns.name()).withName("web-v2").edit(p -> {
      p.getMetadata().setAnnotations(new HashMap<>(java.util.Map.of("team/note", "an edit that keeps the spec")));
      return p;
    });
    assertThatThrownBy(() -> ns.client().resources(LaunchPlan.class).inNamespace(ns.name()).withName("web-v2")
        .edit(p -> {
          p.getSpec().getCanary().setReplicas(2);
          return p;
        })).isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("canary.replicas 2 is more than the 1 LaunchPolicy " + policy
            + " allows (minimums.maxCanaryReplicas)");

    // The emergency rules too: an emergency needs the reason a policy requires.
    String reasons = createPolicy(ns, id, "emergency", "emergency: {allowed: true, requireReason: true}");
    String noReason = "spec.emergency is true without spec.emergencyReason, which LaunchPolicy " + reasons
        + " requires (emergency.requireReason: true)";
    Awaitility.await("the admission policy refuses an emergency without a reason").atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250)).until(() -> {
          try {
            ns.client().resource(emergency(ns, null)).dryRun().create();
            return false;
          } catch (KubernetesClientException e) {
            return e.getMessage().contains(noReason);
          }
        });
    assertThat(ns.client().resource(emergency(ns, "INC-42: checkout down")).dryRun().create().getSpec().emergency())
        .as("with a reason it passes").isTrue();
  }

  private static LaunchPlan emergency(TestNamespace ns, String reason) {
    LaunchPlan plan = new PlanYaml().name("web-emergency").canaryObserve("5m").build();
    plan.getMetadata().setNamespace(ns.name());
    plan.getSpec().setEmergency(true);
    plan.getSpec().setEmergencyReason(reason);
    return plan;
  }
}
