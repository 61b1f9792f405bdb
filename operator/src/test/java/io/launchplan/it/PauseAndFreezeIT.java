package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Pause-action queries, spec.paused and incident freezes hold a launch where it stands; clearing them resumes it. */
@ExtendWith(ClusterExtension.class)
class PauseAndFreezeIT {
  private static final Duration T = Duration.ofSeconds(90);

  @Test
  void pauseQueryThatFiresThenClearsPausesThenSucceeds(TestNamespace ns) {
    ns.createWeb();
    ns.startOperator();
    ns.apply(new PlanYaml().action("Pause").canaryObserve("6s").build());
    ns.awaitPhase("web-v2", Phase.Observing, T);
    Map<String, String> canary = Map.of("launchplan.io/role", "canary");
    ns.annotatePods(canary, "sim.launchplan.io/error-ratio", "0.5");
    LaunchPlan paused = ns.awaitReason("web-v2", Phase.Paused, "AnalysisPause", T);
    assertThat(paused.getStatus().getPausedFrom()).isEqualTo(Phase.Observing);
    assertThat(ns.deployment("web-canary")).as("a paused launch keeps its canary").isNotNull();
    ns.annotatePods(canary, "sim.launchplan.io/error-ratio", "0");
    LaunchPlan done = ns.awaitPhase("web-v2", Phase.Succeeded, T);
    assertThat(done.getStatus().getHistory()).extracting(HistoryEntry::getPhase)
        .containsExactly(Phase.Canary, Phase.Observing, Phase.Paused, Phase.Observing, Phase.RollingOut,
            Phase.Verifying, Phase.Succeeded);
    assertThat(ns.deployment("web").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("registry.example/web:2");
  }

  @Test
  void namespaceFreezePausesInFlightLaunchAndKeepsNewOnesPending(TestNamespace ns) {
    ns.createWeb();
    ns.createDeployment("api", 2, "registry.example/api:1", Map.of());
    ns.awaitAvailable("api", Duration.ofSeconds(60));
    long apiGeneration = ns.generation("api");
    ns.startOperator();
    ns.apply(new PlanYaml().canaryObserve("8s").build());
    ns.awaitPhase("web-v2", Phase.Observing, T);

    ns.annotateNamespace("launchplan.io/freeze", "INC-42 checkout outage");
    LaunchPlan frozen = ns.awaitReason("web-v2", Phase.Paused, "Frozen", T);
    assertThat(frozen.getStatus().getMessage()).contains("INC-42 checkout outage").contains("namespace");
    assertThat(frozen.getStatus().getConditions()).anySatisfy(c -> {
      assertThat(c.getType()).isEqualTo("Frozen");
      assertThat(c.getStatus()).isEqualTo("True");
    });
    ns.apply(Plans.fromYaml("""
        apiVersion: launchplan.io/v1alpha1
        kind: LaunchPlan
        metadata: {name: api-v2}
        spec:
          targetRef: {name: api}
          template:
            spec:
              containers: [{name: app, image: "registry.example/api:2"}]
          canary: {observe: 1s}
          rollout: {observe: 1s}
        """));
    LaunchPlan pending = ns.awaitReason("api-v2", Phase.Pending, "Frozen", T);
    assertThat(pending.getStatus().getMessage()).contains("INC-42");
    assertThat(ns.deployment("api-canary")).isNull();
    assertThat(ns.generation("api")).isEqualTo(apiGeneration);

    ns.annotateNamespace("launchplan.io/freeze", null);
    ns.awaitPhase("web-v2", Phase.Succeeded, T);
    ns.awaitPhase("api-v2", Phase.Succeeded, T);
  }

  @Test
  void specPausedHoldsAndResumes(TestNamespace ns) {
    ns.createWeb();
    ns.startOperator();
    ns.apply(new PlanYaml().canaryObserve("6s").build());
    ns.awaitPhase("web-v2", Phase.Observing, T);
    ns.client().resources(LaunchPlan.class).inNamespace(ns.name()).withName("web-v2")
        .edit(p -> { p.getSpec().setPaused(true); return p; });
    ns.awaitReason("web-v2", Phase.Paused, "ManualPause", T);
    ns.client().resources(LaunchPlan.class).inNamespace(ns.name()).withName("web-v2")
        .edit(p -> { p.getSpec().setPaused(null); return p; });
    ns.awaitPhase("web-v2", Phase.Succeeded, T);
  }
}
