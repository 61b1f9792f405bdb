package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A GitOps tool re-applying the Git copy of the target Deployment mid-launch, with its own field
 * manager (server-side apply, as Argo CD with ServerSideApply=true and Flux's kustomize-controller
 * do): the launch holds as TargetModified and the plan names the tool in status.drift and the
 * GitOpsDrift condition; the operator writes nothing back.
 */
@ExtendWith(ClusterExtension.class)
class GitOpsDriftIT {
  private static final Duration T = Duration.ofSeconds(120);

  @Test
  void argoCdSyncingGitsCopyBackOverTheRolloutIsNamed(TestNamespace ns) {
    Deployment git = gitCopy(ns.createWeb());
    ns.startOperator();
    ns.apply(new PlanYaml().canaryObserve("2s").rolloutObserve("120s").build());
    ns.awaitPhase("web-v2", Phase.Verifying, T);
    long generation = ns.generation("web");

    sync(ns, git, "argocd-controller"); // self-heal: Git still says web:1
    LaunchPlan held = ns.awaitReason("web-v2", Phase.Paused, "TargetModified", T);

    assertThat(held.getStatus().getDrift().getManager()).isEqualTo("argocd-controller");
    assertThat(held.getStatus().getDrift().getOperation()).isEqualTo("Apply");
    assertThat(held.getStatus().getDrift().getDirection()).isEqualTo("Back");
    assertThat(held.getStatus().getMessage()).contains("by field manager argocd-controller (Apply at ");
    Condition drift = condition(held, "GitOpsDrift");
    assertThat(drift.getStatus()).isEqualTo("True");
    assertThat(drift.getMessage()).startsWith("field manager argocd-controller (Apply at ")
        .contains("back to the one it had before the launch", "docs/gitops.md");
    assertThat(image(ns)).as("the operator does not fight the sync").isEqualTo("registry.example/web:1");
    assertThat(ns.generation("web")).isEqualTo(generation + 1);
  }

  @Test
  void fluxApplyingANewTemplateToTheDeploymentDuringTheCanaryIsNamed(TestNamespace ns) {
    Deployment git = gitCopy(ns.createWeb());
    ns.startOperator();
    ns.apply(new PlanYaml().canaryObserve("120s").build());
    ns.awaitPhase("web-v2", Phase.Observing, T);

    // Someone commits a new image to the Deployment manifest instead of the LaunchPlan.
    git.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("registry.example/web:3");
    sync(ns, git, "kustomize-controller");
    LaunchPlan held = ns.awaitReason("web-v2", Phase.Paused, "TargetModified", T);

    assertThat(held.getStatus().getDrift().getManager()).isEqualTo("kustomize-controller");
    assertThat(held.getStatus().getDrift().getDirection()).isEqualTo("Other");
    assertThat(condition(held, "GitOpsDrift").getMessage()).startsWith("field manager kustomize-controller (Apply at ");
    assertThat(image(ns)).isEqualTo("registry.example/web:3");
    assertThat(ns.plan("web-v2").getStatus().getPhase()).as("still held, never promoted").isEqualTo(Phase.Paused);
  }

  /** The Deployment as it is kept in Git: what was created, without the server's fields. */
  private static Deployment gitCopy(Deployment live) {
    return new DeploymentBuilder(live)
        .withMetadata(new ObjectMeta())
        .editMetadata().withName(live.getMetadata().getName()).withNamespace(live.getMetadata().getNamespace()).endMetadata()
        .withStatus(null)
        .build();
  }

  /** What a GitOps tool's sync does: server-side apply of the Git copy with its own field manager, forcing conflicts. */
  private static void sync(TestNamespace ns, Deployment git, String manager) {
    ns.client().apps().deployments().inNamespace(ns.name()).resource(git).fieldManager(manager).forceConflicts()
        .serverSideApply();
  }

  private static String image(TestNamespace ns) {
    return ns.deployment("web").getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  private static Condition condition(LaunchPlan plan, String type) {
    return plan.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " condition: " + plan.getStatus().getConditions()));
  }
}
