package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The edge cases the README documents, each on the real cluster. */
@ExtendWith(ClusterExtension.class)
class EdgeCasesIT {
  private static final Duration T = Duration.ofSeconds(90);

  private static void setImage(TestNamespace ns, String image) {
    ns.client().resources(LaunchPlan.class).inNamespace(ns.name()).withName("web-v2").edit(p -> {
      ((com.fasterxml.jackson.databind.node.ObjectNode) p.getSpec().getTemplate().path("spec").path("containers").get(0))
          .put("image", image);
      return p;
    });
  }

  private static String image(TestNamespace ns) {
    return ns.deployment("web").getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  @Test
  void newRevisionDuringObservationReplacesTheCanaryAndLaunchesOnlyTheNewOne(TestNamespace ns) {
    ns.createWeb();
    long generation = ns.generation("web");
    ns.startOperator();
    ns.apply(new PlanYaml().canaryObserve("8s").build());
    ns.awaitPhase("web-v2", Phase.Observing, T);
    setImage(ns, "registry.example/web:3");
    LaunchPlan done = ns.awaitPhase("web-v2", Phase.Succeeded, T);
    assertThat(image(ns)).isEqualTo("registry.example/web:3");
    assertThat(ns.generation("web") - generation).as("web:2 never reached the target").isEqualTo(1);
    assertThat(done.getStatus().getHistory()).extracting(HistoryEntry::getReason).contains("Superseded");
  }

  @Test
  void newRevisionDuringVerificationRestoresStableBeforeLaunchingIt(TestNamespace ns) {
    ns.createWeb();
    PodTemplateSpec stable = ns.deployment("web").getSpec().getTemplate();
    ns.startOperator();
    ns.apply(new PlanYaml().canaryObserve("2s").rolloutObserve("30s").build());
    ns.awaitPhase("web-v2", Phase.Verifying, T);
    setImage(ns, "registry.example/web:3");
    ns.awaitReason("web-v2", Phase.Reverting, "Superseded", T);
    Awaitility.await("target back on stable").atMost(T).until(() -> ns.deployment("web").getSpec().getTemplate().equals(stable)
        || ns.plan("web-v2").getStatus().getPhase() != Phase.Reverting);
    LaunchPlan done = ns.awaitPhase("web-v2", Phase.Succeeded, T);
    assertThat(image(ns)).isEqualTo("registry.example/web:3");
    assertThat(done.getStatus().getHistory()).extracting(HistoryEntry::getPhase)
        .containsSubsequence(Phase.Verifying, Phase.Reverting, Phase.Pending, Phase.Canary, Phase.Succeeded);
  }

  @Test
  void planDeletedMidRolloutRemovesCanaryAndRestoresStable(TestNamespace ns) {
    ns.createWeb();
    ns.slowRollout("web", 6);
    PodTemplateSpec stable = ns.deployment("web").getSpec().getTemplate();
    ns.startOperator();
    ns.apply(new PlanYaml().canaryObserve("2s").build());
    ns.awaitPhase("web-v2", Phase.RollingOut, T);
    ns.client().resources(LaunchPlan.class).inNamespace(ns.name()).withName("web-v2").delete();
    Awaitility.await("plan gone").atMost(T).until(() -> ns.plan("web-v2") == null);
    assertThat(ns.deployment("web-canary")).isNull();
    assertThat(ns.deployment("web").getSpec().getTemplate()).isEqualTo(stable);
    ns.awaitAvailable("web", T);
  }

  @Test
  void targetEditedBySomeoneElsePausesTheLaunch(TestNamespace ns) {
    ns.createWeb();
    ns.startOperator();
    ns.apply(new PlanYaml().canaryObserve("20s").build());
    ns.awaitPhase("web-v2", Phase.Observing, T);
    ns.client().apps().deployments().inNamespace(ns.name()).withName("web").edit(d -> {
      d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("registry.example/web:hotfix");
      return d;
    });
    LaunchPlan paused = ns.awaitReason("web-v2", Phase.Paused, "TargetModified", T);
    assertThat(paused.getStatus().getMessage()).contains("changed by someone else");
    assertThat(image(ns)).isEqualTo("registry.example/web:hotfix");
  }

  @Test
  void missingTargetWaitsAndLaunchesOnceItExists(TestNamespace ns) {
    ns.startOperator();
    ns.apply(new PlanYaml().canaryObserve("2s").rolloutObserve("2s").build());
    LaunchPlan waiting = ns.awaitReason("web-v2", Phase.Pending, "TargetNotFound", T);
    assertThat(waiting.getStatus().getMessage()).contains("web");
    ns.createWeb();
    ns.awaitPhase("web-v2", Phase.Succeeded, T);
  }

  @Test
  void targetScaledToZeroKeepsThePlanPending(TestNamespace ns) {
    ns.createDeployment("web", 0, "registry.example/web:1", Map.of());
    long generation = ns.generation("web");
    ns.startOperator();
    ns.apply(new PlanYaml().build());
    ns.awaitReason("web-v2", Phase.Pending, "TargetScaledToZero", T);
    assertThat(ns.deployment("web-canary")).isNull();
    assertThat(ns.generation("web")).isEqualTo(generation);
  }

  @Test
  void unknownContainerNameIsRejectedWithoutTouchingAnything(TestNamespace ns) {
    ns.createWeb();
    long generation = ns.generation("web");
    ns.startOperator();
    ns.apply(Plans.fromYaml(new PlanYaml().yaml().replace("name: app, image", "name: sidecar, image")));
    LaunchPlan invalid = ns.awaitReason("web-v2", Phase.Pending, "InvalidSpec", T);
    assertThat(invalid.getStatus().getMessage()).contains("sidecar").contains("[app]");
    assertThat(ns.deployment("web-canary")).isNull();
    assertThat(ns.generation("web")).isEqualTo(generation);
    assertThat(ns.client().v1().events().inNamespace(ns.name()).list().getItems())
        .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("InvalidSpec"));
  }

  @Test
  void templateTheApiServerRejectsIsReportedWithItsMessage(TestNamespace ns) {
    ns.createWeb();
    long generation = ns.generation("web");
    ns.startOperator();
    ns.apply(Plans.fromYaml(new PlanYaml().yaml().replace("annotations: {}", "labels: {app: other}")));
    LaunchPlan invalid = ns.awaitReason("web-v2", Phase.Pending, "InvalidSpec", T);
    assertThat(invalid.getStatus().getMessage()).contains("rejects").contains("selector");
    assertThat(ns.generation("web")).isEqualTo(generation);
  }
}
