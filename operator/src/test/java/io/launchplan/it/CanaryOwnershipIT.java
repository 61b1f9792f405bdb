package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import io.launchplan.cluster.CanaryDeployments;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator touches only the canary it owns: a user's Deployment that happens to be called
 * {@code <target>-canary} (its own selector, no owner) is never adopted, changed or deleted.
 */
@ExtendWith(ClusterExtension.class)
class CanaryOwnershipIT {
  private static final Duration T = Duration.ofSeconds(90);

  /** The user's own {@code web-canary}: selector {@code app: web-canary}, no owner, 2 pods. */
  private static Deployment userCanary(TestNamespace ns) {
    ns.createDeployment("web-canary", 2, "registry.example/users-own:1", Map.of());
    ns.awaitAvailable("web-canary", Duration.ofSeconds(60));
    return ns.deployment("web-canary");
  }

  private static Set<String> podUids(TestNamespace ns, String app) {
    return ns.client().pods().inNamespace(ns.name()).withLabel("app", app).list().getItems().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .map(p -> p.getMetadata().getUid()).collect(Collectors.toSet());
  }

  private static void deletePlan(TestNamespace ns, String plan) {
    ns.client().resources(LaunchPlan.class).inNamespace(ns.name()).withName(plan).delete();
    Awaitility.await(plan + " gone").atMost(T).until(() -> ns.plan(plan) == null);
  }

  /** The user's Deployment is the very same object, unchanged, with the very same pods. */
  private static void assertUntouched(TestNamespace ns, Deployment before, Set<String> pods) {
    Deployment now = ns.deployment("web-canary");
    assertThat(now).as("the user's web-canary still exists").isNotNull();
    assertThat(now.getMetadata().getUid()).isEqualTo(before.getMetadata().getUid());
    assertThat(now.getMetadata().getDeletionTimestamp()).isNull();
    assertThat(now.getMetadata().getOwnerReferences()).as("never adopted").isNullOrEmpty();
    assertThat(now.getMetadata().getLabels()).doesNotContainKeys("launchplan.io/plan", "launchplan.io/role");
    assertThat(now.getSpec()).isEqualTo(before.getSpec());
    assertThat(podUids(ns, "web-canary")).as("its pods").isEqualTo(pods);
  }

  @Test
  void deletingAPlanThatNeverStartedLeavesTheUsersDeploymentAlone(TestNamespace ns) {
    ns.createWeb();
    Deployment user = userCanary(ns);
    Set<String> pods = podUids(ns, "web-canary");
    ns.startOperator();
    ns.apply(Plans.simple("web-v2", "web", "paused: true"));
    ns.awaitReason("web-v2", Phase.Pending, "ManualPause", T);

    deletePlan(ns, "web-v2");
    Awaitility.await("nothing deleted").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(8))
        .until(() -> ns.deployment("web-canary") != null);
    assertUntouched(ns, user, pods);
    assertThat(user.getMetadata().getResourceVersion())
        .isEqualTo(ns.deployment("web-canary").getMetadata().getResourceVersion());
  }

  @Test
  void aLaunchNextToTheUsersDeploymentWaitsInCanaryNameTakenAndChangesNothing(TestNamespace ns) {
    ns.createWeb();
    long webGeneration = ns.generation("web");
    Deployment user = userCanary(ns);
    DeploymentSpec userSpec = user.getSpec();
    String resourceVersion = user.getMetadata().getResourceVersion();
    Set<String> pods = podUids(ns, "web-canary");
    ns.startOperator();
    ns.apply(Plans.simple("web-v2", "web", ""));

    LaunchPlan held = ns.awaitReason("web-v2", Phase.Pending, "CanaryNameTaken", T);
    assertThat(held.getStatus().getMessage()).contains("web-canary").contains("rename");
    assertThat(held.getStatus().getConditions()).anySatisfy(c -> {
      assertThat(c.getType()).isEqualTo("Ready");
      assertThat(c.getStatus()).isEqualTo("False");
      assertThat(c.getReason()).isEqualTo("CanaryNameTaken");
    });
    assertThat(ns.client().v1().events().inNamespace(ns.name()).list().getItems()).anySatisfy(e -> {
      assertThat(e.getReason()).isEqualTo("CanaryNameTaken");
      assertThat(e.getType()).isEqualTo("Warning");
    });
    // It stays so (no retry loop of failing applies), and nothing was written to either Deployment.
    Awaitility.await("stays CanaryNameTaken").during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10))
        .until(() -> "CanaryNameTaken".equals(ns.plan("web-v2").getStatus().getReason()));
    assertThat(ns.deployment("web-canary").getMetadata().getResourceVersion()).isEqualTo(resourceVersion);
    assertThat(ns.deployment("web-canary").getSpec()).isEqualTo(userSpec);
    assertThat(ns.generation("web")).isEqualTo(webGeneration);
    assertThat(ns.plan("web-v2").getStatus().getHistory()).hasSize(1);

    deletePlan(ns, "web-v2");
    Awaitility.await("nothing deleted").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(8))
        .until(() -> ns.deployment("web-canary") != null);
    assertUntouched(ns, user, pods);
    assertThat(ns.deployment("web-canary").getMetadata().getResourceVersion()).isEqualTo(resourceVersion);
  }

  @Test
  void aStrangerTakingTheNameMidLaunchPausesTheLaunchUntilItIsGone(TestNamespace ns) {
    ns.createWeb();
    ns.startOperator();
    ns.apply(new PlanYaml().canaryObserve("4s").rolloutObserve("2s").build());
    ns.awaitPhase("web-v2", Phase.Observing, T);
    // Hold the launch, take its canary away and put a Deployment of one's own under that name.
    setPaused(ns, true);
    ns.awaitReason("web-v2", Phase.Paused, "ManualPause", T);
    ns.client().apps().deployments().inNamespace(ns.name()).withName("web-canary").delete();
    Awaitility.await("canary gone").atMost(T).until(() -> ns.deployment("web-canary") == null);
    Deployment user = userCanary(ns);
    Set<String> pods = podUids(ns, "web-canary");
    setPaused(ns, false);

    LaunchPlan held = ns.awaitReason("web-v2", Phase.Paused, "CanaryNameTaken", T);
    assertThat(held.getStatus().getMessage()).contains("web-canary");
    Awaitility.await("stays paused").during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(12))
        .until(() -> "CanaryNameTaken".equals(ns.plan("web-v2").getStatus().getReason()));
    assertUntouched(ns, user, pods);
    assertThat(ns.deployment("web-canary").getMetadata().getResourceVersion())
        .isEqualTo(user.getMetadata().getResourceVersion());

    // The user removes theirs: the launch recreates its own canary and goes on.
    ns.client().apps().deployments().inNamespace(ns.name()).withName("web-canary").delete();
    ns.awaitPhase("web-v2", Phase.Succeeded, T);
  }

  @Test
  void deletingTheCanaryLeavesAStrangerWithItsNameAndItsPodsAlone(TestNamespace ns) {
    ns.createWeb();
    Deployment user = userCanary(ns);
    Set<String> pods = podUids(ns, "web-canary");
    LaunchPlan plan = Plans.simple("web-v2", "web", "");
    plan.getMetadata().setNamespace(ns.name());
    plan.getMetadata().setUid("00000000-0000-0000-0000-000000000001");

    new CanaryDeployments(ns.client()).delete(plan);

    Awaitility.await("nothing deleted").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6))
        .until(() -> ns.deployment("web-canary") != null);
    assertUntouched(ns, user, pods);
  }

  private static void setPaused(TestNamespace ns, boolean paused) {
    for (int attempt = 1; ; attempt++) {
      try {
        ns.client().resources(LaunchPlan.class).inNamespace(ns.name()).withName("web-v2").edit(p -> {
          p.getSpec().setPaused(paused);
          return p;
        });
        return;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 10) {
          throw e;
        }
      }
    }
  }
}
