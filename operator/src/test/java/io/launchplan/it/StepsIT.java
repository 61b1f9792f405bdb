package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Staged canary steps on the real cluster: the canary Deployment grows step by step (each size set
 * once), the target keeps its template and replicas until RollingOut, a Revert query reverts from
 * a step, a percent step follows the target's replicas while an HPA on the target is left alone,
 * and a replicas step larger than the target changes nothing.
 */
@ExtendWith(ClusterExtension.class)
class StepsIT {
  private static final Duration END = Duration.ofSeconds(150);

  @Test
  void stepsGrowTheCanaryOnceEachAndLeaveTheTargetAloneUntilRollingOut(TestNamespace ns) {
    ns.createDeployment("web", 4, "registry.example/web:1", Map.of("sim.launchplan.io/rps", "20"));
    ns.awaitAvailable("web", Duration.ofSeconds(60));
    long generation = ns.generation("web");
    ns.startOperator();
    try (CanaryScaleLog scales = new CanaryScaleLog(ns, "web-canary")) {
      ns.apply(new PlanYaml().canaryObserve("3s").steps("[{percent: 50, observe: 3s}, {replicas: 3, observe: 4s}]")
          .rolloutObserve("2s").build());

      LaunchPlan lastStep = CanaryScaleLog.awaitStep(ns, "web-v2", Phase.Observing, 2, END);
      assertThat(lastStep.getStatus().getStep().getSummary()).isEqualTo("2/2");
      assertThat(lastStep.getStatus().getCanary().getSummary()).isEqualTo("3/3");
      assertThat(ns.generation("web")).as("the target is not touched before RollingOut").isEqualTo(generation);
      assertThat(ns.deployment("web").getSpec().getReplicas()).as("and keeps all its replicas").isEqualTo(4);

      LaunchPlan done = ns.awaitPhase("web-v2", Phase.Succeeded, END);
      assertThat(scales.sizes()).as("canary sizes, each step once").containsExactly(1, 2, 3);
      assertThat(scales.creations()).as("canary creations").isEqualTo(1);
      assertThat(ns.generation("web") - generation).as("target patches").isEqualTo(1);
      assertThat(ns.deployment("web-canary")).isNull();
      List<HistoryEntry> history = done.getStatus().getHistory();
      assertThat(history).extracting(HistoryEntry::getPhase).containsExactly(Phase.Canary, Phase.Observing,
          Phase.Canary, Phase.Observing, Phase.Canary, Phase.Observing, Phase.RollingOut, Phase.Verifying, Phase.Succeeded);
      assertThat(history).extracting(HistoryEntry::getReason).containsSubsequence("LaunchStarted", "CanaryReady",
          "StepStarted", "StepReady", "StepStarted", "StepReady", "Promoted");
      assertThat(history.get(2).getMessage()).contains("step 1/2 (50%): scaling the canary from 1 to 2 pods");
      assertThat(ns.client().v1().events().inNamespace(ns.name()).list().getItems())
          .extracting(e -> e.getReason()).contains("StepStarted", "StepReady");
    }
  }

  @Test
  void revertQueryRevertsFromAStepWithoutTouchingTheTarget(TestNamespace ns) {
    ns.createWeb();
    long generation = ns.generation("web");
    var template = ns.deployment("web").getSpec().getTemplate();
    ns.startOperator();
    ns.apply(new PlanYaml().canaryObserve("2s").steps("[{replicas: 2, observe: 120s}]").build());

    CanaryScaleLog.awaitStep(ns, "web-v2", Phase.Observing, 1, END);
    ns.annotatePods(Map.of("launchplan.io/role", "canary"), "sim.launchplan.io/error-ratio", "0.9");
    LaunchPlan done = ns.awaitPhase("web-v2", Phase.Reverted, END);

    assertThat(done.getStatus().getReason()).isEqualTo("AnalysisRevert");
    assertThat(done.getStatus().getStep().getSummary()).as("where it reverted").isEqualTo("1/1");
    assertThat(ns.deployment("web-canary")).isNull();
    assertThat(ns.generation("web")).isEqualTo(generation);
    assertThat(ns.deployment("web").getSpec().getTemplate()).isEqualTo(template);
  }

  @Test
  void percentStepFollowsTheTargetsReplicasAndLeavesItsHpaAlone(TestNamespace ns) {
    ns.createDeployment("web", 4, "registry.example/web:1", Map.of("sim.launchplan.io/rps", "20"));
    ns.awaitAvailable("web", Duration.ofSeconds(60));
    HorizontalPodAutoscaler hpa = ns.client().autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns.name())
        .resource(new HorizontalPodAutoscalerBuilder().withNewMetadata().withName("web").endMetadata()
            .withNewSpec().withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName("web")
            .endScaleTargetRef().withMinReplicas(4).withMaxReplicas(8)
            .addNewMetric().withType("Resource").withNewResource().withName("cpu").withNewTarget()
            .withType("Utilization").withAverageUtilization(80).endTarget().endResource().endMetric()
            .endSpec().build()).create();
    ns.startOperator();
    try (CanaryScaleLog scales = new CanaryScaleLog(ns, "web-canary")) {
      ns.apply(new PlanYaml().canaryObserve("2s").steps("[{percent: 25, observe: 300s}]").rolloutObserve("2s").build());
      LaunchPlan step = CanaryScaleLog.awaitStep(ns, "web-v2", Phase.Observing, 1, END);
      assertThat(step.getStatus().getStep().getReplicas()).as("25% of 4").isEqualTo(1);
      String windowStart = step.getStatus().getPhaseStartedAt();

      // An HPA (or a person) scales the target: the step's canary follows.
      ns.client().apps().deployments().inNamespace(ns.name()).withName("web").scale(8);
      Awaitility.await("the canary follows the target to 2 pods").atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200)).until(() -> ns.deployment("web-canary").getSpec().getReplicas() == 2);
      LaunchPlan resized = ns.awaitPhase("web-v2", Phase.Observing, END);
      assertThat(resized.getStatus().getStep().getReplicas()).isEqualTo(2);
      assertThat(resized.getStatus().getPhaseStartedAt()).as("the step's window goes on").isEqualTo(windowStart);
      assertThat(resized.getStatus().getHistory()).extracting(HistoryEntry::getReason).contains("StepResized");

      ns.client().resources(LaunchPlan.class).inNamespace(ns.name()).withName("web-v2").patch(
          PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"annotations\":{\"launchplan.io/promote\":\"hpa-test\"}}}");
      ns.awaitPhase("web-v2", Phase.Succeeded, END);
      assertThat(scales.sizes()).containsExactly(1, 2);
    }
    HorizontalPodAutoscaler after = ns.client().autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns.name())
        .withName("web").get();
    assertThat(after.getSpec()).as("the HPA's spec is never changed").isEqualTo(hpa.getSpec());
    assertThat(after.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager)
        .doesNotContain("launchplan-operator");
    assertThat(ns.client().autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns.name()).list().getItems())
        .extracting(h -> h.getSpec().getScaleTargetRef().getName()).containsExactly("web");
  }

  @Test
  void replicasStepLargerThanTheTargetIsInvalidAndChangesNothing(TestNamespace ns) {
    ns.createWeb();
    long generation = ns.generation("web");
    ns.startOperator();
    ns.apply(new PlanYaml().steps("[{replicas: 5, observe: 3s}]").build());

    LaunchPlan pending = ns.awaitReason("web-v2", Phase.Pending, "InvalidSpec", END);
    assertThat(pending.getStatus().getMessage())
        .contains("canary.steps[0].replicas (5) is larger than the target's replicas (3)");
    assertThat(ns.deployment("web-canary")).isNull();
    assertThat(ns.generation("web")).isEqualTo(generation);
  }
}
