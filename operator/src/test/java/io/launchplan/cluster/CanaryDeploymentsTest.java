package io.launchplan.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.TargetRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which Deployment is a plan's canary, and which pods are its pods: only what the plan owns. */
class CanaryDeploymentsTest {
  private static final String UID = "11111111-1111-1111-1111-111111111111";

  private static LaunchPlan plan() {
    LaunchPlan plan = new LaunchPlan();
    plan.setMetadata(new ObjectMetaBuilder().withName("web-v2").withNamespace("shop").withUid(UID).build());
    LaunchPlanSpec spec = new LaunchPlanSpec();
    spec.setTargetRef(new TargetRef("web"));
    plan.setSpec(spec);
    LaunchPlanStatus status = new LaunchPlanStatus();
    status.setRevision("rev2");
    plan.setStatus(status);
    return plan;
  }

  private static Deployment target() {
    return new DeploymentBuilder()
        .withNewMetadata().withName("web").withNamespace("shop").endMetadata()
        .withNewSpec().withReplicas(3).withNewSelector().addToMatchLabels("app", "web").endSelector()
            .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata().withNewSpec().endSpec()
            .endTemplate()
        .endSpec().build();
  }

  private static Deployment built() {
    return CanaryDeployments.build(plan(), target(),
        new PodTemplateSpecBuilder().withNewMetadata().addToLabels("app", "web").endMetadata().withNewSpec().endSpec()
            .build(), "rev2", 1);
  }

  private static Deployment named(Map<String, String> labels, String ownerUid, Boolean controller) {
    DeploymentBuilder b = new DeploymentBuilder().withNewMetadata().withName("web-canary").withNamespace("shop")
        .withLabels(labels).endMetadata();
    if (ownerUid != null) {
      b.editMetadata().withOwnerReferences(new OwnerReferenceBuilder().withKind("LaunchPlan").withName("web-v2")
          .withUid(ownerUid).withController(controller).build()).endMetadata();
    }
    return b.build();
  }

  private static final Map<String, String> LABELS = Map.of(Labels.PLAN, "web-v2", Labels.ROLE, Labels.ROLE_CANARY);

  @Test
  void theBuiltCanaryIsThePlans() {
    assertThat(CanaryDeployments.ours(plan(), built())).isTrue();
    assertThat(CanaryDeployments.stranger(plan(), built())).isNull();
    assertThat(built().getSpec().getTemplate().getMetadata().getLabels()).containsEntry(Labels.PLAN_UID, UID);
  }

  @Test
  void aDeploymentWithoutThePlanAsControllerOrWithoutItsLabelsIsAStranger() {
    assertThat(CanaryDeployments.ours(plan(), named(Map.of("app", "web-canary"), null, null))).isFalse();
    assertThat(CanaryDeployments.ours(plan(), named(LABELS, null, null))).as("labels copied, no owner").isFalse();
    assertThat(CanaryDeployments.ours(plan(), named(LABELS, "another-uid", true))).as("a plan of the same name")
        .isFalse();
    assertThat(CanaryDeployments.ours(plan(), named(LABELS, UID, false))).as("owner but not controller").isFalse();
    assertThat(CanaryDeployments.ours(plan(), named(Map.of(Labels.PLAN, "web-v2"), UID, true))).as("no role")
        .isFalse();
    assertThat(CanaryDeployments.ours(plan(), named(LABELS, UID, true))).isTrue();
    assertThat(CanaryDeployments.ours(plan(), null)).isFalse();
  }

  @Test
  void aStrangerIsDescribedByItsController() {
    assertThat(CanaryDeployments.stranger(plan(), named(Map.of("app", "web-canary"), null, null)))
        .isEqualTo("Deployment web-canary exists and is not this plan's canary (it has no controller)");
    assertThat(CanaryDeployments.stranger(plan(), named(LABELS, "another-uid", true)))
        .isEqualTo("Deployment web-canary exists and is not this plan's canary (it is controlled by LaunchPlan web-v2)");
    assertThat(CanaryDeployments.stranger(plan(), null)).isNull();
  }

  private static Pod pod(String name, Map<String, String> labels, String revision) {
    Map<String, String> all = new HashMap<>(labels);
    all.put("app", "web");
    return new PodBuilder().withNewMetadata().withName(name).withNamespace("shop").withLabels(all)
        .withAnnotations(revision == null ? Map.of() : Map.of(Labels.REVISION, revision)).endMetadata().build();
  }

  private static final Map<String, String> CANARY_POD =
      Map.of(Labels.ROLE, Labels.ROLE_CANARY, Labels.PLAN, "web-v2", Labels.PLAN_UID, UID);

  @Test
  void canaryPodsAreThePlansCanaryPodsAndTheTargetPodsOfTheLaunchedRevision() {
    List<Pod> pods = List.of(
        pod("web-canary-a", CANARY_POD, "rev2"),
        pod("web-canary-old", Map.of(Labels.ROLE, Labels.ROLE_CANARY, Labels.PLAN, "web-v2"), "rev2"),
        pod("reused-name", Map.of(Labels.ROLE, Labels.ROLE_CANARY, Labels.PLAN, "web-v2", Labels.PLAN_UID, "x"), "rev2"),
        pod("other-plan", Map.of(Labels.ROLE, Labels.ROLE_CANARY, Labels.PLAN, "api-v2"), "rev2"),
        pod("web-new", Map.of(), "rev2"),
        pod("web-old", Map.of(), "rev1"),
        pod("web-plain", Map.of(), null));

    var names = CanaryDeployments.podNames(plan(), pods, true);

    assertThat(names.canary()).containsExactly("web-canary-a", "web-canary-old", "web-new");
    assertThat(names.stable()).containsExactly("web-old", "web-plain");
  }

  @Test
  void withoutThePlansOwnCanaryNoCanaryPodCounts() {
    List<Pod> pods = List.of(pod("web-canary-a", CANARY_POD, "rev2"), pod("web-old", Map.of(), "rev1"));

    var names = CanaryDeployments.podNames(plan(), pods, false);

    assertThat(names.canary()).isEmpty();
    assertThat(names.stable()).containsExactly("web-old");
  }
}
