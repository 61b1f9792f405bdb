package io.launchplan.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.TargetRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A Deployment's event wakes the plans it is the target or the canary of, found through the target index. */
class WakeUpsTest {
  private static LaunchPlan plan(String namespace, String name, String target) {
    LaunchPlan p = new LaunchPlan();
    p.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    LaunchPlanSpec spec = new LaunchPlanSpec();
    TargetRef ref = new TargetRef();
    ref.setName(target);
    spec.setTargetRef(ref);
    p.setSpec(spec);
    return p;
  }

  private static Deployment deployment(String namespace, String name) {
    return new DeploymentBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata().build();
  }

  /**
   * The plans by the target index only: listing them (a scan of every plan of the namespace, per
   * Deployment event) fails the test.
   */
  private static IndexedResourceCache<LaunchPlan> indexOnly(LaunchPlan... plans) {
    Map<String, List<LaunchPlan>> byTarget = Stream.of(plans).collect(Collectors.groupingBy(PlanIndex.TARGETS::keyOf));
    return new IndexedResourceCache<>() {
      @Override
      public List<LaunchPlan> byIndex(String indexName, String indexKey) {
        assertThat(indexName).isEqualTo("launchplan-target");
        return byTarget.getOrDefault(indexKey, List.of());
      }

      @Override
      public Optional<LaunchPlan> get(ResourceID id) {
        return Stream.of(plans).filter(p -> ResourceID.fromResource(p).equals(id)).findFirst();
      }

      @Override
      public Stream<ResourceID> keys() {
        throw new AssertionError("a Deployment event must not walk every plan");
      }

      @Override
      public Stream<LaunchPlan> list(Predicate<LaunchPlan> predicate) {
        throw new AssertionError("a Deployment event must not scan every plan");
      }

      @Override
      public Stream<LaunchPlan> list(String namespace, Predicate<LaunchPlan> predicate) {
        throw new AssertionError("a Deployment event must not scan the namespace's plans");
      }
    };
  }

  @Test
  void aTargetAndItsCanaryWakeThePlansOfThatTargetInTheirNamespaceOnly() {
    LaunchPlan web = plan("shop", "web", "web");
    LaunchPlan webAgain = plan("shop", "web-2", "web");
    LaunchPlan api = plan("shop", "api", "api");
    LaunchPlan elsewhere = plan("billing", "web", "web");
    IndexedResourceCache<LaunchPlan> plans = indexOnly(web, webAgain, api, elsewhere);

    assertThat(WakeUps.plansTouching(plans, deployment("shop", "web")))
        .containsExactlyInAnyOrder(ResourceID.fromResource(web), ResourceID.fromResource(webAgain));
    assertThat(WakeUps.plansTouching(plans, deployment("shop", "web-canary")))
        .containsExactlyInAnyOrder(ResourceID.fromResource(web), ResourceID.fromResource(webAgain));
    assertThat(WakeUps.plansTouching(plans, deployment("billing", "web-canary")))
        .containsExactly(ResourceID.fromResource(elsewhere));
    assertThat(WakeUps.plansTouching(plans, deployment("shop", "db"))).isEmpty();
    assertThat(WakeUps.plansTouching(plans, deployment("shop", "-canary"))).isEmpty();
  }

  @Test
  void aTargetWhoseOwnNameEndsLikeACanaryIsFoundAsATarget() {
    LaunchPlan plan = plan("shop", "edge", "edge-canary");
    assertThat(WakeUps.plansTouching(indexOnly(plan), deployment("shop", "edge-canary")))
        .containsExactly(ResourceID.fromResource(plan));
    assertThat(WakeUps.plansTouching(indexOnly(plan), deployment("shop", "edge-canary-canary")))
        .containsExactly(ResourceID.fromResource(plan));
  }
}
